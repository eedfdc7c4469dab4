import type { InboundPayload } from './ChannelStore';
import type { ChannelLimits, OutboundMessage } from './outbound';

/** What one send gave: the platform's id of the message, or why not (a short code, never the platform's text). */
export type SendOutcome =
  | { ok: true; externalId: string }
  | { ok: false; retry: boolean; error: string; /** The recipient cannot be reached this way any more (blocked the bot, window closed). */ gone?: boolean };

/** A messaging platform's API as the channel layer uses it; adapters/<channel>/ implement it. */
export interface MessagingChannel {
  /** The Bot Framework channel id its conversations carry ("whatsapp", "telegram"). */
  readonly id: string;
  readonly limits: ChannelLimits;
  /** Sends one rendered message to a user or chat; `deliveryId` is our outbox row (echoed back in statuses where the platform allows). */
  send(to: string, message: OutboundMessage, deliveryId: string): Promise<SendOutcome>;
  /**
   * A message the channel answers itself, before the bot (SMS: STOP and START): the
   * replies to queue instead of a turn, or undefined to run the bot's turn as usual.
   */
  intercept?(payload: InboundPayload): Promise<OutboundMessage[] | undefined>;
  /** A whole turn's replies, made to fit the channel (SMS: one message within a segment budget). */
  renderTurn?(messages: OutboundMessage[], conversationKey: string): OutboundMessage[];
}

/** A channel's infrastructure failure, with a stable code. */
export class ChannelError extends Error {
  constructor(readonly code: string, message = code) {
    super(message);
    this.name = 'ChannelError';
  }
}
