import crypto from 'node:crypto';
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { errorCode, pseudonym, type Logger } from '../../bots/log';
import { setTurnCommit } from '../../bots/turnCommit';
import { StorageConflictError } from '../../db/PrismaStorage';
import type { Lang } from '../../intake/vocabulary';
import { langFromLocale } from '../../locales/i18n';
import { retryDelayMs, type RetryPolicy } from '../../notifications/backoff';
import { WorkerLoop } from '../../notifications/WorkerLoop';
import { LeaseLostError, type ChannelMessagePayload, type ChannelStore, type ClaimedInbound, type InboundKind, type InboundRecord } from './ChannelStore';
import { ChannelError, type MessagingChannel } from './MessagingChannel';
import { renderForChannel, type OutboundMessage, type ReplyActivity, type Say } from './outbound';

/** The state key of a conversation on a messaging channel: the channel and the platform's user id (as bots/ConversationStore.keyOf makes it). */
export const conversationKeyOf = (channel: string, userId: string) => `${channel}/conversations/${userId}`;

/** Replies of these channels never leave through a serviceUrl: the layer sends them. */
export const serviceUrlOf = (channel: string) => `urn:binome:${channel}`;

export interface ChannelLayerOptions {
  store: ChannelStore;
  /** The bot's turn (IntakeBot.run). */
  logic: (context: TurnContext) => Promise<void>;
  channels: MessagingChannel[];
  /** The few words the renderer adds, in a language. */
  say: (lang: Lang, channel?: string) => Say;
  /** The apology when a message cannot be processed at all. */
  apology: (lang: Lang) => string;
  log: Logger;
  now?: () => Date;
  workerId?: string;
  /** How long a claimed message stays with this worker (longer than the slowest turn). */
  leaseMs?: number;
  pollMs?: number;
  batchSize?: number;
  /** A turn that keeps failing (a bug, the database down) is retried with backoff this many times, then answered with an apology. */
  policy?: RetryPolicy;
  /** Called once replies are queued (to wake the outbox worker). */
  onQueued?: () => void;
}

const MEDIA_TYPES: Partial<Record<InboundKind, string>> = {
  audio: 'audio/ogg', image: 'image/jpeg', video: 'video/mp4', sticker: 'image/webp', document: 'application/octet-stream', location: 'application/vnd.binome.location', other: 'application/octet-stream',
};

class ChannelTurnAdapter extends BotAdapter {
  async sendActivities(): Promise<ResourceResponse[]> {
    // Replies of a messaging channel are committed with the turn (bots/turnCommit), never sent from inside it.
    throw new ChannelError('SEND_OUTSIDE_COMMIT');
  }
  async updateActivity(): Promise<void> {
    throw new ChannelError('NOT_SUPPORTED');
  }
  async deleteActivity(): Promise<void> {
    throw new ChannelError('NOT_SUPPORTED');
  }
  async continueConversation(): Promise<void> {
    throw new ChannelError('NOT_SUPPORTED');
  }
  run(activity: Partial<Activity>, prepare: (context: TurnContext) => void, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    prepare(context);
    return this.runMiddleware(context, logic);
  }
}

/**
 * The shared core of the messaging channels: webhooks hand it messages (stored once, then
 * the webhook answers), a worker processes each conversation's messages in order, and a
 * turn's state, its replies (outbox rows, sent in order by the outbox worker) and "done"
 * are written in one transaction. A process killed at any point loses no message and
 * answers none twice.
 */
export class ChannelLayer extends WorkerLoop {
  readonly id: string;
  private readonly adapter = new ChannelTurnAdapter();
  private readonly channels: Map<string, MessagingChannel>;
  readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly policy: RetryPolicy;
  private readonly inHand = new Set<Promise<void>>();

  constructor(private readonly o: ChannelLayerOptions) {
    super(o.pollMs ?? 1_000);
    this.id = o.workerId ?? `inbox-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
    this.channels = new Map(o.channels.map((c) => [c.id, c]));
    this.now = o.now ?? (() => new Date());
    this.leaseMs = o.leaseMs ?? 60_000;
    this.batchSize = o.batchSize ?? 10;
    this.policy = o.policy ?? { maxAttempts: 5, baseMs: 2_000, capMs: 5 * 60_000 };
  }

  channel(id: string): MessagingChannel | undefined {
    return this.channels.get(id);
  }

  /** Stores what a webhook brought (duplicates dropped) and wakes the worker; returns how many were new. */
  async receive(records: InboundRecord[]): Promise<number> {
    const added = await this.o.store.receive(records, this.now());
    if (added > 0) this.kick();
    return added;
  }

  /**
   * One pass of the worker loop. Keeps up to `batchSize` turns in hand: a slot freed (a
   * turn done, which may make its conversation's next message due) or a new message claims
   * at once, rather than after the slowest turn of a batch. True when it should look again
   * without waiting.
   */
  protected override async pass(): Promise<boolean> {
    let claimed = 0;
    const free = this.batchSize - this.inHand.size;
    if (free > 0) {
      try {
        const rows = await this.o.store.claim(this.id, this.now(), free, this.leaseMs);
        claimed = rows.length;
        for (const m of rows) {
          const turn: Promise<void> = this.processOne(m).finally(() => {
            this.inHand.delete(turn);
            this.kick();
          });
          this.inHand.add(turn);
        }
      } catch (err) {
        this.o.log('error', 'inbox.pass_failed', { code: errorCode(err) });
      }
    }
    return claimed > 0 && this.inHand.size < this.batchSize;
  }

  /** The worker stopped: the turns in hand finish. */
  protected override async finish(): Promise<void> {
    await Promise.all(this.inHand);
  }

  /** One batch (at most one message per conversation); returns how many were taken. */
  async runOnce(): Promise<number> {
    const claimed = await this.o.store.claim(this.id, this.now(), this.batchSize, this.leaseMs);
    await Promise.all(claimed.map((m) => this.processOne(m)));
    return claimed.length;
  }

  /** Processes until nothing is due (tests, benchmarks). */
  async drain(maxPasses = 10_000): Promise<void> {
    for (let i = 0; i < maxPasses; i++) if ((await this.runOnce()) === 0) return;
  }

  private async processOne(m: ClaimedInbound): Promise<void> {
    const conv = pseudonym(m.conversationKey);
    const channel = this.channels.get(m.channel);
    const turn = crypto.randomUUID();
    let committed = false;
    try {
      if (!channel) throw new ChannelError('UNKNOWN_CHANNEL');
      const p = m.payload;
      const activity: Partial<Activity> = {
        type: ActivityTypes.Message,
        id: m.externalId,
        channelId: m.channel,
        serviceUrl: serviceUrlOf(m.channel),
        conversation: { id: p.userId } as Activity['conversation'],
        from: { id: p.userId, name: '', role: 'user' },
        recipient: { id: 'binome', name: 'Binôme', role: 'bot' },
        text: p.text,
        attachments: p.kind === 'text' || p.kind === 'choice' ? [] : [{ contentType: MEDIA_TYPES[p.kind] ?? 'application/octet-stream' }],
        locale: p.locale,
        timestamp: m.receivedAt,
      };
      const answered = await channel.intercept?.(p);
      if (answered) {
        // The channel answers this one itself (SMS STOP / START): no turn, the bot's state untouched.
        const replies = answered.map((message, part): ChannelMessagePayload => ({ channel: m.channel, conversationKey: m.conversationKey, to: p.replyTo ?? p.userId, message, inReplyTo: m.id, turn, part }));
        await this.o.store.commit(m, this.id, null, replies, this.now());
        if (replies.length > 0) this.o.onQueued?.();
        this.o.log('info', 'inbox.processed', { channel: m.channel, conv, attempt: m.attempts, kind: m.payload.kind, answeredBy: 'channel' });
        return;
      }
      await this.adapter.run(activity, (context) => setTurnCommit(context, async (outcome) => {
        const replies = this.render(m, channel, outcome.activities, turn);
        await this.o.store.commit(m, this.id, { key: outcome.key, state: outcome.state, eTag: outcome.eTag, erase: outcome.erase }, replies, this.now());
        committed = true;
        if (replies.length > 0) this.o.onQueued?.();
      }), this.o.logic);
      // The bot had nothing to say nor to store (not a message it reads): the message is done all the same.
      if (!committed) await this.o.store.commit(m, this.id, null, [], this.now());
      this.o.log('info', 'inbox.processed', { channel: m.channel, conv, attempt: m.attempts, kind: m.payload.kind });
    } catch (err) {
      if (err instanceof LeaseLostError) {
        // Another worker has it (this one was too slow): its turn counts, this one wrote nothing.
        this.o.log('warn', 'inbox.lease_lost', { channel: m.channel, conv });
        return;
      }
      await this.failed(m, channel, err, turn, conv);
    }
  }

  private async failed(m: ClaimedInbound, channel: MessagingChannel | undefined, err: unknown, turn: string, conv: string): Promise<void> {
    const code = err instanceof StorageConflictError ? 'ETAG_CONFLICT' : errorCode(err);
    try {
      if (m.attempts < this.policy.maxAttempts && channel) {
        const retryAt = new Date(this.now().getTime() + retryDelayMs(m.attempts, this.policy));
        await this.o.store.release(m, this.id, { retryAt, error: code }, this.now());
        this.o.log('warn', 'inbox.retry', { channel: m.channel, conv, attempt: m.attempts, code });
        return;
      }
      // Given up: the young person is told (their stored answers are untouched) and their next messages go on.
      const lang = langFromLocale(m.payload.locale);
      const replies = channel ? this.render(m, channel, [{ type: ActivityTypes.Message, text: this.o.apology(lang), locale: lang }], turn) : [];
      await this.o.store.release(m, this.id, { failed: code, replies }, this.now());
      if (replies.length > 0) this.o.onQueued?.();
      this.o.log('error', 'inbox.failed', { channel: m.channel, conv, attempt: m.attempts, code });
    } catch (again) {
      // The database is down: the lease expires and the message is taken again.
      this.o.log('error', 'inbox.release_failed', { channel: m.channel, conv, code: errorCode(again) });
    }
  }

  /** A turn's activities as outbox rows for its channel, in order. */
  private render(m: ClaimedInbound, channel: MessagingChannel, activities: Partial<Activity>[], turn: string): ChannelMessagePayload[] {
    let messages: OutboundMessage[] = [];
    for (const a of activities) {
      if (a.type !== ActivityTypes.Message) continue;
      const say = this.o.say(langFromLocale(a.locale), channel.id);
      messages.push(...renderForChannel(a as ReplyActivity, channel.limits, say));
    }
    if (channel.renderTurn) messages = channel.renderTurn(messages, m.conversationKey);
    return messages.map((message, part) => ({ channel: m.channel, conversationKey: m.conversationKey, to: m.payload.replyTo ?? m.payload.userId, message, inReplyTo: m.id, turn, part }));
  }
}
