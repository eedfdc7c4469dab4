import type { Logger } from '../bots/log';
import { errorCode } from '../bots/log';
import type { MentoringRequest } from '../intake/MentoringRequest';
import { periodStart, type DirectorySource } from '../intake/submitRequest';
import { rerouteRequest, type PreviousDecision } from '../routing/rerouteRequest';
import type { Reason, RouteDecision } from '../routing/types';
import type { AlertReason, NewsEvent } from './OutboxStore';
import { addWorkingDays } from './workingDays';

/** One handoff as the staff actions see it, with the request's whole history. */
export interface AssignmentView {
  id: string;
  requestId: string;
  associationId: string;
  associationName: string;
  isCoordinator: boolean;
  /** Working days the association takes to call back (told to the young person). */
  responseDays: number;
  programmeId: string | null;
  status: 'pending' | 'accepted' | 'declined' | 'expired';
  createdAt: Date;
  deadlineAt: Date | null;
  request: MentoringRequest;
  /** Every handoff of the request, oldest first (this one included). */
  history: { id: string; associationId: string; programmeId: string | null; status: string }[];
}

export interface NextAssignment {
  associationId: string;
  programmeId: string | null;
  /** 'fallback' when it goes to the coordinator. */
  requestStatus: 'routed' | 'fallback';
  reasons: Reason[];
  deadlineAt: Date | null;
  decision: RouteDecision;
}

export interface DecisionToApply {
  assignmentId: string;
  outcome: 'accepted' | 'declined' | 'expired';
  decidedAt: Date;
  declineReason?: string;
  next?: NextAssignment;
  news?: { event: NewsEvent; association?: string; previous?: string; days?: number };
  alert?: { reason: AlertReason };
}

/** db/PrismaHandoff implements it; every write of one decision is one transaction. */
export interface HandoffStore {
  find(assignmentId: string): Promise<AssignmentView | null>;
  /** The pending handoff of a request to an association (the API acts by request id). */
  findPending(requestId: string, associationId: string): Promise<AssignmentView | null>;
  /** Pending handoffs whose deadline has passed. */
  expired(now: Date, limit: number): Promise<string[]>;
  /** 'conflict' when the assignment was no longer pending (someone else decided first). */
  apply(decision: DecisionToApply): Promise<'applied' | 'conflict'>;
}

export type ActionResult =
  | { ok: true; status: 'accepted' | 'declined'; view: AssignmentView; /** Already so before this call (a replay, a double click). */ repeated?: boolean }
  | { ok: false; error: 'not_found' | 'already_accepted' | 'already_declined' | 'already_expired' | 'coordinator_cannot_decline' | 'reason_required'; view?: AssignmentView };

const MAX_REASON = 500;

/**
 * What staff answers do to a request: accept (the young person is told who will call),
 * decline or no answer by the deadline (rerouted to the next association that fits, the
 * young person told; the coordinator alerted after the second failure).
 */
export class HandoffService {
  constructor(
    private readonly o: { store: HandoffStore; directory: DirectorySource; now: () => Date; log: Logger; onQueued?: () => void },
  ) {}

  find(assignmentId: string): Promise<AssignmentView | null> {
    return this.o.store.find(assignmentId);
  }

  findPending(requestId: string, associationId: string): Promise<AssignmentView | null> {
    return this.o.store.findPending(requestId, associationId);
  }

  async accept(assignmentId: string): Promise<ActionResult> {
    const view = await this.o.store.find(assignmentId);
    if (!view) return { ok: false, error: 'not_found' };
    // Accepting twice is harmless (a double click, a replayed call): same answer, nothing sent again.
    if (view.status === 'accepted') return { ok: true, status: 'accepted', view, repeated: true };
    if (view.status !== 'pending') return { ok: false, error: view.status === 'declined' ? 'already_declined' : 'already_expired', view };
    const applied = await this.o.store.apply({
      assignmentId, outcome: 'accepted', decidedAt: this.o.now(),
      news: { event: 'accepted', association: view.associationName, days: view.responseDays },
    });
    if (applied === 'conflict') return this.accept(assignmentId);
    this.o.onQueued?.();
    this.o.log('info', 'handoff.accepted', { assignment: assignmentId });
    return { ok: true, status: 'accepted', view: { ...view, status: 'accepted' } };
  }

  async decline(assignmentId: string, reason: string): Promise<ActionResult> {
    const view = await this.o.store.find(assignmentId);
    if (!view) return { ok: false, error: 'not_found' };
    if (view.status === 'declined') return { ok: true, status: 'declined', view, repeated: true };
    if (view.status !== 'pending') return { ok: false, error: view.status === 'accepted' ? 'already_accepted' : 'already_expired', view };
    if (view.isCoordinator) return { ok: false, error: 'coordinator_cannot_decline', view };
    const why = reason.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_REASON);
    if (!why) return { ok: false, error: 'reason_required', view };
    const applied = await this.pass(view, 'declined', why);
    if (applied === 'conflict') return this.decline(assignmentId, reason);
    return { ok: true, status: 'declined', view: { ...view, status: 'declined' } };
  }

  /** Reroutes every pending handoff whose deadline has passed; returns how many. */
  async sweepDeadlines(limit = 50): Promise<number> {
    const now = this.o.now();
    let done = 0;
    for (const id of await this.o.store.expired(now, limit)) {
      try {
        const view = await this.o.store.find(id);
        if (view && view.status === 'pending' && !view.isCoordinator && (await this.pass(view, 'expired')) === 'applied') done++;
      } catch (err) {
        this.o.log('error', 'handoff.sweep_failed', { assignment: id, code: errorCode(err) });
      }
    }
    return done;
  }

  private async pass(view: AssignmentView, outcome: 'declined' | 'expired', declineReason?: string): Promise<'applied' | 'conflict'> {
    const now = this.o.now();
    // A handoff the coordinator reassigned away is left out too, but is not a failure of its association.
    const previous: PreviousDecision[] = view.history
      .filter((h) => h.status === 'declined' || h.status === 'expired' || h.status === 'reassigned' || h.id === view.id)
      .map((h) => ({ associationId: h.associationId, programmeId: h.programmeId ?? '', outcome: h.id === view.id ? outcome : (h.status as PreviousDecision['outcome']) }));
    const [programmes, load] = await Promise.all([this.o.directory.listProgrammes(), this.o.directory.loadSince(periodStart(now))]);
    const decision = rerouteRequest(view.request, previous, programmes, load, now);
    const option = decision.kind === 'routed' ? decision.chosen : decision.fallback;
    const p = option.programme;
    const toCoordinator = decision.kind === 'no_match' || p.isCoordinator;
    const failures = previous.filter((d) => d.outcome !== 'reassigned').length;
    const applied = await this.o.store.apply({
      assignmentId: view.id,
      outcome,
      decidedAt: now,
      declineReason,
      next: {
        associationId: p.associationId,
        programmeId: decision.kind === 'routed' ? p.id : null,
        requestStatus: toCoordinator ? 'fallback' : 'routed',
        reasons: option.reasons,
        deadlineAt: toCoordinator ? null : addWorkingDays(now, p.responseDays),
        decision,
      },
      news: toCoordinator
        ? { event: 'delayed' }
        : { event: 'rerouted', previous: view.associationName, association: p.associationName, days: p.responseDays },
      // The second association that could not take the request: a person should look.
      alert: failures === 2 ? { reason: 'two_failures' } : undefined,
    });
    if (applied === 'applied') {
      this.o.onQueued?.();
      this.o.log('info', `handoff.${outcome}`, { assignment: view.id, rerouted_to: toCoordinator ? 'coordinator' : 'association', failures });
    }
    return applied;
  }
}
