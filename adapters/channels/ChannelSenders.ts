import { errorCode, pseudonym, type Logger } from '../../bots/log';
import type { ClaimedNotification } from '../../notifications/OutboxStore';
import type { ChannelSender, ProactiveSender } from '../../notifications/OutboxWorker';
import { delivered, permanentFailure, temporaryFailure, type DeliveryResult } from '../../notifications/transports/DeliveryResult';
import { conversationKeyOf } from './ChannelLayer';
import type { ChannelMessagePayload, ChannelStore } from './ChannelStore';
import type { MessagingChannel, SendOutcome } from './MessagingChannel';
import { splitText } from './splitText';

/**
 * Sends the replies the inbox queued (outbox rows of kind channel_message) through their
 * channel's API; the outbox worker retries them with backoff and keeps one conversation's
 * replies in order. What the platform accepted is recorded, so its later statuses
 * (delivered, read, failed) find their message.
 */
export class ChannelOutbox implements ChannelSender {
  private readonly channels: Map<string, MessagingChannel>;

  constructor(channels: MessagingChannel[], private readonly store: ChannelStore, private readonly log: Logger, private readonly now: () => Date = () => new Date()) {
    this.channels = new Map(channels.map((c) => [c.id, c]));
  }

  async send(n: ClaimedNotification): Promise<DeliveryResult> {
    const p = n.payload as unknown as ChannelMessagePayload;
    const channel = this.channels.get(p.channel);
    if (!channel) return permanentFailure('channel_not_configured');
    const outcome = await sendSafely(channel, p.to, p.message, n.id);
    if (!outcome.ok) {
      if (outcome.gone) this.log('warn', 'channel.recipient_gone', { channel: p.channel, conv: pseudonym(p.conversationKey), error: outcome.error });
      return outcome.retry ? temporaryFailure(outcome.error) : permanentFailure(outcome.error);
    }
    try {
      await this.store.recordSent(p.channel, outcome.externalId, n.id, p.conversationKey, this.now());
    } catch (err) {
      // Sent all the same: only its later statuses will not find it.
      this.log('warn', 'channel.record_sent_failed', { channel: p.channel, code: errorCode(err) });
    }
    return delivered(p.channel);
  }
}

/** A send that throws (network down, a bug) is a temporary failure, never an exception in the worker. */
async function sendSafely(channel: MessagingChannel, to: string, message: ChannelMessagePayload['message'], deliveryId: string): Promise<SendOutcome> {
  try {
    return await channel.send(to, message, deliveryId);
  } catch (err) {
    return { ok: false, retry: true, error: `send_${errorCode(err).toLowerCase()}` };
  }
}

/**
 * News about a request (accepted, passed on, delayed) into the young person's messaging
 * conversation, for the outbox's young_person_news. A channel may refuse a message the
 * user did not just ask for (WhatsApp outside its 24-hour window without a template): then
 * 'unsupported', and the outbox writes to the contact they gave, as for the web widget.
 */
export class ChannelNews implements ProactiveSender {
  constructor(
    private readonly channel: MessagingChannel,
    private readonly store: ChannelStore,
    private readonly log: Logger,
    /** WhatsApp: a free-form message is refused outside the window; this sends the approved template instead, or says it cannot. */
    private readonly outsideWindow?: { windowMs: number; send: (to: string, text: string, lang: string, deliveryId: string) => Promise<SendOutcome | 'unsupported'> },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(conversationRef: unknown, text: string): Promise<'sent' | 'unsupported'> {
    const ref = (conversationRef ?? {}) as { conversation?: { id?: string }; locale?: string };
    const to = ref.conversation?.id;
    if (!to) return 'unsupported';
    const key = conversationKeyOf(this.channel.id, to);
    const deliveryId = `news-${Date.now().toString(36)}`;
    if (this.outsideWindow) {
      const w = await this.store.window(key);
      const open = !!w.lastInboundAt && !w.closedSince && this.now().getTime() - w.lastInboundAt.getTime() < this.outsideWindow.windowMs;
      if (!open) {
        const sent = await this.outsideWindow.send(to, text, ref.locale?.toLowerCase().startsWith('en') ? 'en' : 'fr', deliveryId);
        if (sent === 'unsupported') return 'unsupported';
        return this.result(sent, key);
      }
    }
    for (const piece of splitText(text, this.channel.limits.text)) {
      const outcome = await sendSafely(this.channel, to, { kind: 'text', text: piece }, deliveryId);
      if (!outcome.ok) return this.result(outcome, key);
      await this.store.recordSent(this.channel.id, outcome.externalId, deliveryId, key, this.now()).catch(() => undefined);
    }
    return 'sent';
  }

  private async result(outcome: SendOutcome, key: string): Promise<'sent' | 'unsupported'> {
    if (outcome.ok) {
      await this.store.recordSent(this.channel.id, outcome.externalId, 'news', key, this.now()).catch(() => undefined);
      return 'sent';
    }
    // Blocked, window closed, number gone: the outbox falls back to the contact the young person gave.
    if (!outcome.retry) {
      this.log('warn', 'channel.news_refused', { channel: this.channel.id, conv: pseudonym(key), error: outcome.error });
      return 'unsupported';
    }
    throw Object.assign(new Error(outcome.error), { code: outcome.error });
  }
}
