/**
 * The operator dashboard's numbers, computed from plain rows (db/PrismaDashboard reads
 * them). Nothing here identifies a young person: dates, associations, channels, steps.
 */

/** The conversation's steps in the order a young person meets them (questions from dialogs/questions.ts). */
export const FUNNEL_HEAD = ['consent'] as const;
export const FUNNEL_TAIL = ['summary', 'proposal', 'submitted'] as const;
/** The volunteer flow's funnel steps are its own, prefixed (dialogs/flows/volunteer step()). */
export const VOLUNTEER_STEP_PREFIX = 'volunteer.';

/** A young person's request, or a volunteer's offer (mentoring_request.kind); absent: a young person's. */
export type RecordKind = 'mentee' | 'volunteer';

export interface DashboardRows {
  /** Requests created in the period: day (Paris), channel, association of the first handoff. */
  requests: { id: string; createdAt: Date; channel: string; kind?: RecordKind }[];
  /** Handoffs created in the period (kind: of the request handed over). */
  handoffs: { requestId: string; kind?: RecordKind; associationId: string; associationName: string; status: string; progress: string | null; createdAt: Date; decidedAt: Date | null }[];
  /** Conversations that reached each step, per day and channel. */
  funnel: { day: string; step: string; channel: string; count: number }[];
}

export type AssociationRow = { id: string; name: string; received: number; accepted: number; declined: number; rerouted: number; waiting: number };
export type FunnelRow = { step: string; count: number; dropped: number };

/**
 * Young people's numbers (days, perAssociation, firstAction, funnel, channels, totalRequests)
 * count young people only; volunteers' offers are counted apart, in `volunteers`.
 */
export interface DashboardStats {
  from: string;
  to: string;
  days: { day: string; count: number }[];
  perAssociation: AssociationRow[];
  firstAction: { measured: number; waiting: number; medianHours: number | null; p90Hours: number | null; buckets: { key: string; count: number }[] };
  funnel: FunnelRow[];
  channels: { channel: string; conversations: number; requests: number }[];
  totalRequests: number;
  /** Volunteers' offers: per day, per association, their own funnel (steps prefixed volunteer.). */
  volunteers: { total: number; days: { day: string; count: number }[]; perAssociation: AssociationRow[]; funnel: FunnelRow[] };
}

const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
/** YYYY-MM-DD in Paris time (the programme's day, not UTC's). */
export const parisDay = (d: Date) => PARIS_DATE.format(d);

export const FIRST_ACTION_BUCKETS = [
  { key: 'h1', maxHours: 1 },
  { key: 'h24', maxHours: 24 },
  { key: 'd3', maxHours: 72 },
  { key: 'd7', maxHours: 168 },
  { key: 'more', maxHours: Infinity },
] as const;

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

const isVolunteer = (r: { kind?: RecordKind }) => r.kind === 'volunteer';

function perDayOf(requests: DashboardRows['requests'], dayList: string[]) {
  const perDay = new Map(dayList.map((d) => [d, 0]));
  for (const r of requests) {
    const d = parisDay(r.createdAt);
    if (perDay.has(d)) perDay.set(d, perDay.get(d)! + 1);
  }
  return dayList.map((day) => ({ day, count: perDay.get(day)! }));
}

function perAssociationOf(handoffs: DashboardRows['handoffs']): AssociationRow[] {
  const assoc = new Map<string, AssociationRow>();
  for (const h of handoffs) {
    const a = assoc.get(h.associationId) ?? { id: h.associationId, name: h.associationName, received: 0, accepted: 0, declined: 0, rerouted: 0, waiting: 0 };
    a.received++;
    if (h.status === 'accepted') a.accepted++;
    else if (h.status === 'declined') a.declined++;
    else if (h.status === 'pending') a.waiting++;
    else a.rerouted++;
    assoc.set(h.associationId, a);
  }
  return [...assoc.values()].sort((a, b) => b.received - a.received || a.name.localeCompare(b.name));
}

function funnelOf(funnel: DashboardRows['funnel'], order: readonly string[]): FunnelRow[] {
  if (order.length === 0) return [];
  const stepCounts = new Map<string, number>();
  for (const f of funnel) stepCounts.set(f.step, (stepCounts.get(f.step) ?? 0) + f.count);
  const last = order[order.length - 1];
  const steps = order.filter((s) => stepCounts.has(s) || s === order[0] || s === last);
  return steps.map((step, i) => {
    const count = stepCounts.get(step) ?? 0;
    // Dropped here: reached this step but not the next one counted (optional questions make this approximate).
    const next = steps[i + 1];
    return { step, count, dropped: next ? Math.max(0, count - (stepCounts.get(next) ?? 0)) : 0 };
  });
}

/**
 * Aggregates the rows of a period of `days` days ending on `today` (inclusive). Volunteers'
 * offers and their funnel steps (`volunteerFunnelOrder`, prefixed volunteer.) are counted
 * apart: they never add to the young people's numbers.
 */
export function computeStats(rows: DashboardRows, today: Date, days: number, funnelOrder: readonly string[], volunteerFunnelOrder: readonly string[] = []): DashboardStats {
  const dayList: string[] = [];
  for (let i = days - 1; i >= 0; i--) dayList.push(parisDay(new Date(today.getTime() - i * 86_400_000)));
  const requests = rows.requests.filter((r) => !isVolunteer(r));
  const offers = rows.requests.filter(isVolunteer);
  const handoffs = rows.handoffs.filter((h) => !isVolunteer(h));
  const volunteerFunnel = rows.funnel.filter((f) => f.step.startsWith(VOLUNTEER_STEP_PREFIX));
  const funnelRows = rows.funnel.filter((f) => !f.step.startsWith(VOLUNTEER_STEP_PREFIX));

  // Time to the first thing a person at an association did (accept, decline, reassign): a deadline passing is not an action.
  const firstByRequest = new Map<string, number>();
  for (const h of handoffs) {
    if (!h.decidedAt || !['accepted', 'declined', 'reassigned'].includes(h.status)) continue;
    const t = h.decidedAt.getTime();
    if (!firstByRequest.has(h.requestId) || t < firstByRequest.get(h.requestId)!) firstByRequest.set(h.requestId, t);
  }
  const hours: number[] = [];
  let waiting = 0;
  for (const r of requests) {
    const t = firstByRequest.get(r.id);
    if (t === undefined) waiting++;
    else hours.push(Math.max(0, (t - r.createdAt.getTime()) / 3_600_000));
  }
  hours.sort((a, b) => a - b);
  const buckets = FIRST_ACTION_BUCKETS.map((b, i) => ({
    key: b.key,
    count: hours.filter((h) => h <= b.maxHours && (i === 0 || h > FIRST_ACTION_BUCKETS[i - 1]!.maxHours)).length,
  }));

  const convByChannel = new Map<string, number>();
  for (const f of funnelRows) if (f.step === funnelOrder[0]) convByChannel.set(f.channel, (convByChannel.get(f.channel) ?? 0) + f.count);
  const reqByChannel = new Map<string, number>();
  for (const r of requests) reqByChannel.set(r.channel, (reqByChannel.get(r.channel) ?? 0) + 1);
  const channels = [...new Set([...convByChannel.keys(), ...reqByChannel.keys()])].sort()
    .map((channel) => ({ channel, conversations: convByChannel.get(channel) ?? 0, requests: reqByChannel.get(channel) ?? 0 }));

  return {
    from: dayList[0]!,
    to: dayList[dayList.length - 1]!,
    days: perDayOf(requests, dayList),
    perAssociation: perAssociationOf(handoffs),
    firstAction: {
      measured: hours.length,
      waiting,
      medianHours: quantile(hours, 0.5),
      p90Hours: quantile(hours, 0.9),
      buckets,
    },
    funnel: funnelOf(funnelRows, funnelOrder),
    channels,
    totalRequests: requests.length,
    volunteers: {
      total: offers.length,
      days: perDayOf(offers, dayList),
      perAssociation: perAssociationOf(rows.handoffs.filter(isVolunteer)),
      funnel: funnelOf(volunteerFunnel, volunteerFunnelOrder),
    },
  };
}

/**
 * A funnel step's label: the dashboard's own, else the question's field name (a volunteer's
 * step: the volunteers' own label, else as a young person's step of the same name, else the
 * staff page's field).
 * The key itself when none exists (a test checks every step has one).
 */
export function dashboardStepLabel(t: (key: string) => string, step: string): string {
  const bare = step.startsWith(VOLUNTEER_STEP_PREFIX) ? step.slice(VOLUNTEER_STEP_PREFIX.length) : step;
  const keys = bare === step
    ? [`staff.dashboard.funnel.steps.${bare}`, `intake.field.${bare}`]
    : [`staff.dashboard.volunteers.funnel.steps.${bare}`, `staff.dashboard.funnel.steps.${bare}`, `intake.field.${bare}`, `staff.field.${bare}`];
  for (const key of keys) {
    const text = t(key);
    if (text !== key) return text;
  }
  return keys[0]!;
}

/** Records that a conversation reached a step (dialogs call it once per step and conversation). */
export interface FunnelRecorder {
  reached(step: string, channel: string, at: Date): Promise<void>;
}
