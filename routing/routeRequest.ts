import { DEFAULT_COORDINATOR } from './defaultCoordinator';
import type { ReasonCode } from './reasons';
import type { DirectoryProgramme, ProgrammeLoad, Reason, RouteDecision, RouteOption, RoutableRequest } from './types';

/**
 * Picks the programme that fits a young person's request best, and says why in reason
 * codes the bot renders from locales/<lang>/routing.json.
 *
 * Pure and deterministic: the same request, directory and load give the same decision
 * whatever the order of the programme list. `now` is part of the signature so that
 * date-dependent rules (a programme's season, a monthly capacity window) can be added
 * without changing callers; no rule reads it yet.
 *
 * Eligibility rules (a failing one excludes):
 * - inactive programmes and the coordinator (it is only the fallback) are left out;
 * - age, situation, needs: only when both sides are known, because unknown never excludes;
 * - girls-only programmes are left out: the intake does not ask gender (a deliberate
 *   privacy choice), and routing a boy there would waste both sides' time; the
 *   coordinator can still send a girl to one;
 * - required publics must all be declared; "prefer not to say" (null) cannot satisfy them;
 * - geography: national, the place inside the programme's area, or a remote-capable
 *   programme and a young person who does not insist on meeting in person. A programme
 *   with no area at all and not national has an unknown area: it is not excluded;
 * - a known monthly capacity that is reached excludes.
 */
export function routeRequest(
  request: RoutableRequest,
  programmes: DirectoryProgramme[],
  load: ProgrammeLoad,
  now: Date,
): RouteDecision {
  void now;
  try {
    return decide(request, programmes, load);
  } catch {
    // Routing must never leave a young person without an answer: a malformed directory
    // row or request sends the request to the coordinator, and the reason records why.
    return {
      kind: 'no_match',
      fallback: { programme: DEFAULT_COORDINATOR, score: 0, reasons: [reason('routing_error')] },
      excluded: [],
    };
  }
}

/** Weights of the soft score; integers, so that only the capacity term breaks exact ties. */
export const SCORE = {
  need: 3,
  preferredPublic: 2,
  commune: 3,
  departement: 2,
  region: 1,
  meeting: 1,
  /** Below one point on purpose: remaining capacity only decides between otherwise equal fits. */
  capacityMax: 0.5,
} as const;

const MAX_ALTERNATIVES = 2;

function reason(code: ReasonCode, params?: Record<string, string | number>): Reason {
  return params === undefined ? { code } : { code, params };
}

/** Plain code-point comparison: localeCompare depends on the ICU build, ids are ASCII slugs. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Arrondissements of Paris, Lyon and Marseille have their own INSEE codes; the directory
 * names the commune, so a young person in "Lyon 3e" must still match "Lyon".
 */
export function parentCommune(code: string): string {
  if (/^751(0[1-9]|1\d|20)$/.test(code)) return '75056';
  if (/^6938[1-9]$/.test(code)) return '69123';
  if (/^132(0[1-9]|1[0-6])$/.test(code)) return '13055';
  return code;
}

function hasArea(p: DirectoryProgramme): boolean {
  return p.regions.length > 0 || p.departements.length > 0 || p.communes.length > 0;
}

type Proximity = 'commune' | 'departement' | 'region' | null;

function proximity(request: RoutableRequest, p: DirectoryProgramme): Proximity {
  const place = request.place;
  if (place === null) return null;
  if (p.communes.includes(place.commune) || p.communes.includes(parentCommune(place.commune))) return 'commune';
  if (p.departements.includes(place.departement)) return 'departement';
  if (p.regions.includes(place.region)) return 'region';
  return null;
}

/** The request's needs that count: 'other' says "none of these", so it matches nothing. */
function requestNeeds(request: RoutableRequest): string[] {
  return request.needs.filter((n) => n !== 'other');
}

/**
 * 'autre' means "none of the listed words fits me" (service civique, lycée agricole...),
 * not "I am none of these": it is treated as unknown rather than excluding.
 */
function knownSituation(request: RoutableRequest): string | null {
  const kind = request.situation?.kind ?? null;
  return kind === 'autre' ? null : kind;
}

/** Reasons that exclude a programme; empty means eligible. */
export function exclusionReasons(request: RoutableRequest, p: DirectoryProgramme, load: ProgrammeLoad): Reason[] {
  const out: Reason[] = [];
  if (!p.active) out.push(reason('inactive'));
  if (p.isCoordinator) out.push(reason('coordinator'));
  if (p.minAge !== null && request.age < p.minAge) out.push(reason('age_below_min', { min: p.minAge }));
  if (p.maxAge !== null && request.age > p.maxAge) out.push(reason('age_above_max', { max: p.maxAge }));

  const situation = knownSituation(request);
  if (situation !== null && p.situations.length > 0 && !(p.situations as string[]).includes(situation)) {
    out.push(reason('situation_not_served'));
  }
  if (p.girlsOnly) out.push(reason('girls_only_unknown'));
  for (const pub of p.requiredPublics) {
    if (request.priorityPublics === null) out.push(reason('required_public_unknown', { public: pub }));
    else if (!request.priorityPublics.includes(pub)) out.push(reason('required_public_missing', { public: pub }));
  }

  if (!p.national && hasArea(p) && proximity(request, p) === null && !(p.remote && request.meeting !== 'in_person')) {
    out.push(reason(request.place === null ? 'place_not_given' : 'outside_area'));
  }

  const needs = requestNeeds(request);
  if (p.needs.length > 0 && needs.length > 0 && !needs.some((n) => (p.needs as string[]).includes(n))) {
    out.push(reason('no_need_match'));
  }
  if (p.capacityPerMonth !== null && (load[p.id] ?? 0) >= p.capacityPerMonth) out.push(reason('at_capacity'));
  return out;
}

/** Score and reasons of an eligible programme, reasons in the order a young person reads them. */
export function scoreProgramme(request: RoutableRequest, p: DirectoryProgramme, load: ProgrammeLoad): RouteOption {
  let score = 0;
  const reasons: Reason[] = [];

  for (const need of requestNeeds(request)) {
    if ((p.needs as string[]).includes(need)) {
      score += SCORE.need;
      reasons.push(reason('need_match', { need }));
    }
  }

  if (p.minAge !== null && p.maxAge !== null) reasons.push(reason('age_ok', { min: p.minAge, max: p.maxAge }));
  else if (p.minAge !== null) reasons.push(reason('age_min_ok', { min: p.minAge }));
  else if (p.maxAge !== null) reasons.push(reason('age_max_ok', { max: p.maxAge }));
  else reasons.push(reason('age_unknown'));

  const near = proximity(request, p);
  if (near === 'commune' && request.place !== null) {
    score += SCORE.commune;
    // The commune name is the only personal datum a reason carries: the young person gave it to be matched on.
    reasons.push(reason('place_commune', { name: request.place.name }));
  } else if (near === 'departement') {
    score += SCORE.departement;
    reasons.push(reason('place_departement'));
  } else if (near === 'region') {
    score += SCORE.region;
    reasons.push(reason('place_region'));
  } else if (p.national) {
    reasons.push(reason('national'));
  } else if (p.remote && hasArea(p)) {
    // Outside the area, the programme is only eligible because it meets remotely.
    reasons.push(reason('remote'));
  }

  for (const pub of request.priorityPublics ?? []) {
    if (p.preferredPublics.includes(pub)) {
      score += SCORE.preferredPublic;
      reasons.push(reason('preferred_public', { public: pub }));
    }
  }

  if ((request.meeting === 'remote' && p.remote) || (request.meeting === 'in_person' && p.inPerson)) {
    score += SCORE.meeting;
    reasons.push(reason('meeting_match', { mode: request.meeting }));
  }

  if (p.capacityPerMonth !== null && p.capacityPerMonth > 0) {
    const used = Math.max(0, load[p.id] ?? 0);
    const share = Math.max(0, (p.capacityPerMonth - used) / p.capacityPerMonth);
    // Rounded so that float noise never reorders programmes between runs or machines.
    score += Math.round(SCORE.capacityMax * share * 1000) / 1000;
  }

  return { programme: p, score, reasons };
}

function pickCoordinator(programmes: DirectoryProgramme[]): DirectoryProgramme {
  const coordinators = programmes
    .filter((p) => p.isCoordinator && p.active)
    .sort((a, b) => compareIds(a.id, b.id));
  return coordinators[0] ?? DEFAULT_COORDINATOR;
}

function decide(request: RoutableRequest, programmes: DirectoryProgramme[], load: ProgrammeLoad): RouteDecision {
  const eligible: RouteOption[] = [];
  const excluded: { programmeId: string; reasons: Reason[] }[] = [];

  for (const p of programmes) {
    const why = exclusionReasons(request, p, load);
    if (why.length > 0) excluded.push({ programmeId: p.id, reasons: why });
    else eligible.push(scoreProgramme(request, p, load));
  }
  excluded.sort((a, b) => compareIds(a.programmeId, b.programmeId));
  eligible.sort((a, b) => b.score - a.score || compareIds(a.programme.id, b.programme.id));

  const [chosen, ...rest] = eligible;
  if (chosen === undefined) {
    return {
      kind: 'no_match',
      fallback: { programme: pickCoordinator(programmes), score: 0, reasons: [reason('no_programme_fits')] },
      excluded,
    };
  }
  return { kind: 'routed', chosen, alternatives: rest.slice(0, MAX_ALTERNATIVES), excluded };
}
