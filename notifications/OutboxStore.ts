import type { MentoringRequest } from '../intake/MentoringRequest';

export const NOTIFICATION_KINDS = ['new_request', 'coordinator_alert', 'young_person_news', 'request_withdrawn', 'channel_message', 'staff_login'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type AlertReason = 'two_failures' | 'dead_letter' | 'no_contact' | 'receiver_gone';
export type NewsEvent = 'accepted' | 'rerouted' | 'delayed';

/** A notification a worker has claimed (status sending, leased to it). */
export interface ClaimedNotification {
  id: string;
  kind: NotificationKind;
  /** Including this one. */
  attempts: number;
  payload: Record<string, unknown>;
  requestId: string | null;
  assignmentId: string | null;
  associationId: string | null;
}

export interface RecipientAssociation {
  id: string;
  name: string;
  notifyBy: string;
  contactEmail: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  isCoordinator: boolean;
  responseDays: number;
}

/** Everything a delivery needs, read when it is attempted (so it says what is true now). */
export interface DeliveryContext {
  request: { id: string; payload: MentoringRequest; status: string; conversationRef: unknown; chosenBy: string | null } | null;
  association: RecipientAssociation | null;
  assignment: { id: string; status: string; deadlineAt: Date | null; createdAt: Date; programmeId: string | null; reasons: unknown } | null;
  /** Every handoff of the request so far, oldest first. */
  history: { association: string; status: string }[];
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  transport: string;
  error: string | null;
}

export type Outcome =
  | { kind: 'delivered' }
  /** Nothing left to deliver (the request was accepted or passed on meanwhile). */
  | { kind: 'cancelled'; why: string }
  | { kind: 'retry'; at: Date; error: string }
  | { kind: 'dead'; error: string; alert: AlertReason | null };

/** The outbox as the worker sees it; db/PrismaOutbox implements it. */
export interface OutboxStore {
  /** Claims due rows (pending and due, or sending with an expired lease) for `leaseMs`; never the same row to two live claims. */
  claim(worker: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedNotification[]>;
  context(n: ClaimedNotification): Promise<DeliveryContext>;
  /**
   * Records the attempt and its outcome in one transaction (and the coordinator's alert
   * for a dead letter). Returns false if the claim was lost meanwhile (lease expired and
   * another worker took the row): the attempt is still recorded, the row left to its new owner.
   */
  complete(n: ClaimedNotification, worker: string, attempt: AttemptRecord, outcome: Outcome): Promise<boolean>;
}
