import type { Logger } from '../bots/log';
import type { MentoringRequest } from '../intake/MentoringRequest';
import type { ActionResult, HandoffService } from './HandoffService';
import type { AlertReason } from './OutboxStore';
import { requestIsTheirs } from './staffVisibility';
import { addWorkingDays } from './workingDays';

/** What an association's staff see of a handoff, newest first in their inbox. */
export const INBOX_STATUSES = ['new', 'accepted', 'contacted', 'mentor_found', 'closed', 'declined', 'rerouted', 'withdrawn'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];
export const PROGRESS = ['contacted', 'mentor_found', 'closed'] as const;
export type Progress = (typeof PROGRESS)[number];

/** One handoff as stored (db/PrismaStaffInbox reads it). */
export interface HandoffRow {
  assignmentId: string;
  requestId: string;
  associationId: string;
  associationName: string;
  isCoordinator: boolean;
  /** pending | accepted | declined | expired | reassigned */
  status: string;
  progress: Progress | null;
  createdAt: Date;
  deadlineAt: Date | null;
  decidedAt: Date | null;
  /** The request's latest handoff (the one that holds it now). */
  current: boolean;
  request: MentoringRequest;
  /** A young person's request, or a volunteer's offer (listed apart); absent: a request. */
  kind?: 'mentee' | 'volunteer';
}

/** A handoff as one viewer may see it. */
export interface InboxItem {
  assignmentId: string;
  requestId: string;
  associationId: string;
  associationName: string;
  status: InboxStatus;
  createdAt: Date;
  deadlineAt: Date | null;
  decidedAt: Date | null;
  current: boolean;
  /**
   * 'full': the request with the young person's contacts (the request is this viewer's);
   * 'noContacts': the coordinator looking at another association's current request;
   * 'outcome': reference and outcome only (declined, rerouted: no longer theirs).
   */
  visibility: 'full' | 'noContacts' | 'outcome';
  request: MentoringRequest | null;
  kind: 'mentee' | 'volunteer';
}

export interface WithdrawnItem { requestId: string; associationId: string; associationName: string; at: Date }
export interface AlertItem { id: string; requestId: string | null; reason: AlertReason; status: string; error: string | null; createdAt: Date }
export interface InboxAssociation { id: string; name: string; isCoordinator: boolean; active: boolean; responseDays: number }

export interface StaffInboxStore {
  /** Handoffs newest first; associationId undefined = every association (the coordinator). */
  list(filter: { associationId?: string; limit: number }): Promise<HandoffRow[]>;
  get(assignmentId: string): Promise<HandoffRow | null>;
  /** Requests erased by the young person after reaching an association (notices outlive them). */
  withdrawn(filter: { associationId?: string; limit: number }): Promise<WithdrawnItem[]>;
  /** Alerts for the coordinator, newest first (dead letters, second failures, associations without contact). */
  alerts(limit: number): Promise<AlertItem[]>;
  /** Marks one coordinator alert dismissed (once: a second dismissal changes nothing). */
  dismissAlert(id: string, by: string, at: Date): Promise<'applied' | 'already' | 'not_found'>;
  associations(): Promise<InboxAssociation[]>;
  /** Records what staff did after accepting; 'conflict' unless the handoff is accepted and current. */
  setProgress(assignmentId: string, progress: Progress, at: Date): Promise<'applied' | 'conflict'>;
  /**
   * Moves a pending request to another association in one transaction: this handoff
   * becomes 'reassigned', a new one is created with its deadline, the association is
   * notified and the young person told (the same outbox rows as a reroute).
   */
  reassign(input: { assignmentId: string; to: InboxAssociation; at: Date; deadlineAt: Date | null; previousName: string }): Promise<'applied' | 'conflict'>;
}

export type InboxActionResult =
  | { ok: true; notice: string }
  | { ok: false; status: 400 | 404 | 409; notice: string };

/** The viewer: an association's session, or the coordinator's (who sees every association). */
export interface Viewer { associationId: string; isCoordinator: boolean }

export function inboxStatus(row: Pick<HandoffRow, 'status' | 'progress'>): InboxStatus {
  switch (row.status) {
    case 'pending': return 'new';
    case 'accepted': return row.progress ?? 'accepted';
    case 'declined': return 'declined';
    default: return 'rerouted'; // expired (no answer by the deadline) or reassigned by the coordinator
  }
}

/**
 * The privacy rule of the inbox: an association sees the young person's contacts only
 * while the request is theirs (their current handoff, pending or accepted). Once it
 * declined, or the request moved on, only the reference and the outcome remain. The
 * coordinator sees every request but another association's contacts only through it.
 */
export function visibilityFor(row: HandoffRow, viewer: Viewer): InboxItem['visibility'] | null {
  const own = row.associationId === viewer.associationId;
  if (!own && !viewer.isCoordinator) return null;
  // The one rule of staff links and the inbox (staffVisibility), on the request's current handoff.
  const held = row.current && requestIsTheirs(row);
  if (!held) return 'outcome';
  return own ? 'full' : 'noContacts';
}

export function toItem(row: HandoffRow, viewer: Viewer): InboxItem | null {
  const visibility = visibilityFor(row, viewer);
  if (!visibility) return null;
  return {
    assignmentId: row.assignmentId, requestId: row.requestId, associationId: row.associationId, associationName: row.associationName,
    status: inboxStatus(row), createdAt: row.createdAt, deadlineAt: row.deadlineAt, decidedAt: row.decidedAt, current: row.current,
    visibility,
    kind: row.kind ?? 'mentee',
    request: visibility === 'outcome' ? null : visibility === 'full' ? row.request : withoutContacts(row.request),
  };
}

/** The request without a way to reach the young person or their guardian. */
export function withoutContacts(r: MentoringRequest): MentoringRequest {
  return { ...r, contact: { ...r.contact, email: null, phone: null }, guardian: r.guardian ? { ...r.guardian, name: '', phone: null, email: null } as MentoringRequest['guardian'] : r.guardian } as MentoringRequest;
}

/**
 * The staff inbox's use cases. Accept and decline go through HandoffService (the same
 * rules, news and reroutes as the e-mailed links); the rest is here.
 */
export class StaffInbox {
  constructor(private readonly o: { store: StaffInboxStore; handoff: HandoffService; now: () => Date; log: Logger; onQueued?: () => void }) {}

  async list(viewer: Viewer, opts: { association?: string; limit?: number } = {}): Promise<{ items: InboxItem[]; withdrawn: WithdrawnItem[] }> {
    const limit = Math.min(Math.max(opts.limit ?? 200, 1), 500);
    // Isolation is decided here, once: an association's query only ever names itself.
    const associationId = viewer.isCoordinator ? opts.association || undefined : viewer.associationId;
    const [rows, withdrawn] = await Promise.all([this.o.store.list({ associationId, limit }), this.o.store.withdrawn({ associationId, limit: 50 })]);
    return { items: rows.map((r) => toItem(r, viewer)).filter((i): i is InboxItem => i !== null), withdrawn };
  }

  /** One handoff, or null when it does not exist or is not this viewer's to see (the same answer). */
  async get(viewer: Viewer, assignmentId: string): Promise<InboxItem | null> {
    if (!/^[0-9a-f-]{36}$/i.test(assignmentId)) return null;
    const row = await this.o.store.get(assignmentId);
    return row ? toItem(row, viewer) : null;
  }

  alerts(viewer: Viewer, limit = 20): Promise<AlertItem[]> {
    return viewer.isCoordinator ? this.o.store.alerts(limit) : Promise.resolve([]);
  }

  associations(): Promise<InboxAssociation[]> {
    return this.o.store.associations();
  }

  /**
   * The coordinator dismisses one alert: it leaves the list (the row stays, with who and
   * when). Alerts are per event, so a later failure of the same request is a new alert.
   * Anyone else, or an id that is not an alert, gets the same not-found answer.
   */
  async dismissAlert(viewer: Viewer, alertId: string): Promise<InboxActionResult> {
    if (!viewer.isCoordinator || !/^[0-9a-f-]{36}$/i.test(alertId)) return { ok: false, status: 404, notice: 'alertNotFound' };
    const result = await this.o.store.dismissAlert(alertId, viewer.associationId, this.o.now());
    if (result === 'not_found') return { ok: false, status: 404, notice: 'alertNotFound' };
    if (result === 'applied') this.o.log('info', 'inbox.alert_dismissed', { alert: alertId });
    return { ok: true, notice: 'alertDismissed' };
  }

  async act(viewer: Viewer, assignmentId: string, action: string, form: { reason?: string; association?: string }): Promise<InboxActionResult> {
    const item = await this.get(viewer, assignmentId);
    if (!item) return { ok: false, status: 404, notice: 'notFound' };
    // Acting is for the association that holds the request; the coordinator acts on others' only by reassigning.
    const own = item.associationId === viewer.associationId;
    switch (action) {
      case 'accept':
      case 'decline': {
        if (!own) return { ok: false, status: 404, notice: 'notFound' };
        const r = action === 'accept' ? await this.o.handoff.accept(assignmentId) : await this.o.handoff.decline(assignmentId, form.reason ?? '');
        return this.fromHandoff(r);
      }
      case 'contacted':
      case 'mentor_found':
      case 'closed': {
        if (!own) return { ok: false, status: 404, notice: 'notFound' };
        if (item.status === action) return { ok: true, notice: `done.${action}` };
        const applied = await this.o.store.setProgress(assignmentId, action, this.o.now());
        if (applied === 'conflict') return { ok: false, status: 409, notice: 'notAccepted' };
        this.o.log('info', 'inbox.progress', { assignment: assignmentId, progress: action });
        return { ok: true, notice: `done.${action}` };
      }
      case 'reassign': {
        if (!viewer.isCoordinator) return { ok: false, status: 404, notice: 'notFound' };
        if (item.status !== 'new' || !item.current) return { ok: false, status: 409, notice: 'notReassignable' };
        const to = (await this.o.store.associations()).find((a) => a.id === form.association && a.active);
        if (!to) return { ok: false, status: 400, notice: 'chooseAssociation' };
        if (to.id === item.associationId) return { ok: false, status: 400, notice: 'sameAssociation' };
        const at = this.o.now();
        const applied = await this.o.store.reassign({
          assignmentId, to, at, deadlineAt: to.isCoordinator ? null : addWorkingDays(at, to.responseDays), previousName: item.associationName,
        });
        if (applied === 'conflict') return { ok: false, status: 409, notice: 'notReassignable' };
        this.o.onQueued?.();
        this.o.log('info', 'inbox.reassigned', { assignment: assignmentId });
        return { ok: true, notice: 'done.reassigned' };
      }
      default:
        return { ok: false, status: 400, notice: 'unknownAction' };
    }
  }

  private fromHandoff(r: ActionResult): InboxActionResult {
    if (r.ok) return { ok: true, notice: r.repeated ? `already.${r.status}` : `done.${r.status}` };
    const status = r.error === 'not_found' ? 404 : r.error === 'reason_required' ? 400 : 409;
    return { ok: false, status, notice: `error.${r.error}` };
  }
}
