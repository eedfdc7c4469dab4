import type { IntakeState } from '../../dialogs/IntakeState';
import type { OutboundMessage } from './outbound';

/** What kind of thing a young person sent; only text is read. */
export type InboundKind = 'text' | 'choice' | 'audio' | 'image' | 'video' | 'sticker' | 'location' | 'document' | 'other';

/** A platform message as read at the edge: no display name, no media, only what the turn needs. */
export interface InboundPayload {
  kind: InboundKind;
  /** The text typed, or the full label of the button picked; '' for anything else. */
  text: string;
  /** The platform's user id (the conversation's identity on this channel). */
  userId: string;
  /** Where replies go when it is not the user id (Telegram: the chat). */
  replyTo?: string;
  /** The language the app says the user's phone speaks, when it says (Telegram). */
  locale?: string;
  /** A button press to acknowledge on the platform (Telegram's callback query id). */
  ack?: string;
}

export interface InboundRecord {
  channel: string;
  externalId: string;
  conversationKey: string;
  payload: InboundPayload;
}

export interface ClaimedInbound extends InboundRecord {
  id: string;
  /** Including this one. */
  attempts: number;
  receivedAt: Date;
}

/** One reply queued in the outbox for a channel's sender (notifications kind channel_message). */
export interface ChannelMessagePayload {
  channel: string;
  conversationKey: string;
  /** The platform address (user or chat id). */
  to: string;
  message: OutboundMessage;
  /** The inbox row this answers, and the turn that wrote it (one turn per inbound message). */
  inReplyTo?: string;
  turn?: string;
  /** Its place among the turn's replies. */
  part?: number;
}

export interface TurnWrite {
  key: string;
  state?: IntakeState;
  eTag: string | undefined;
  erase: boolean;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** The channel layer's storage; db/PrismaChannelStore implements it. */
export interface ChannelStore {
  /** Stores messages not seen before (by channel + external id); returns how many were new. */
  receive(records: InboundRecord[], now: Date): Promise<number>;
  /**
   * Claims due messages for `leaseMs`: at most one per conversation, and only the oldest one
   * not yet processed, so a conversation's messages are processed one after the other.
   */
  claim(worker: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedInbound[]>;
  /**
   * In one transaction: the state write (compare-and-set on its eTag), the replies into
   * the outbox, the message marked processed. Throws StorageConflictError on a stale eTag,
   * LeaseLostError if another worker took the message meanwhile (then nothing is written).
   */
  commit(inbound: ClaimedInbound, worker: string, write: TurnWrite | null, replies: ChannelMessagePayload[], now: Date): Promise<void>;
  /** The turn failed: due again at `at`, or failed for good (with `replies`, an apology, queued). */
  release(inbound: ClaimedInbound, worker: string, outcome: { retryAt: Date; error: string } | { failed: string; replies: ChannelMessagePayload[] }, now: Date): Promise<void>;
  /** The platform accepted a message the outbox sent. */
  recordSent(channel: string, externalId: string, notificationId: string, conversationKey: string, at: Date): Promise<void>;
  /** A status the platform reported; never goes back (read stays read), failed always wins. */
  recordStatus(channel: string, externalId: string, status: DeliveryStatus, errorCode: string | null, at: Date): Promise<void>;
  /** When the young person last wrote on this conversation (WhatsApp's 24-hour window), and whether the platform said since that the window is closed. */
  window(conversationKey: string): Promise<{ lastInboundAt: Date | null; closedSince: boolean }>;
  /** Deletes processed messages and delivery records older than `before` (their text is gone already). */
  purge(before: Date): Promise<number>;
}

export class LeaseLostError extends Error {
  readonly code = 'INBOX_LEASE_LOST';
  constructor() {
    super('the inbox message was claimed by another worker');
  }
}
