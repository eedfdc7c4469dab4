import type { Activity } from 'botbuilder';

/** What a subscriber (a WebSocket) receives; `close` is called when the conversation goes away. */
export interface Subscriber {
  push(activities: Partial<Activity>[], watermark: string): void;
  close(reason: string): void;
}

export interface HubLimits {
  /** Conversations alive at once, all callers together. */
  maxConversations: number;
  /** Conversations alive at once started from one address. */
  maxPerAddress: number;
  /** A conversation untouched this long is forgotten (its sockets are closed). */
  idleMs: number;
  /** Activities kept per conversation for reconnects and polling. */
  maxActivities: number;
  /** Bytes of activities kept per conversation (JSON length); the oldest go first. */
  maxBytes: number;
  /** WebSockets per conversation (a tab reconnecting, a second tab). */
  maxSubscribers: number;
}

export interface Conversation {
  readonly id: string;
  readonly userId: string;
  readonly address: string;
  locale: string | undefined;
  /** The bot saw its conversationUpdate: a second start with the same token does not repeat the welcome. */
  started: boolean;
  lastSeen: number;
  nextSeq: number;
  bytes: number;
  readonly history: { seq: number; bytes: number; activity: Partial<Activity> }[];
  readonly subscribers: Set<Subscriber>;
}

export type OpenResult = { ok: true; conversation: Conversation } | { ok: false; reason: 'full' | 'address_full' };

/**
 * The conversations of the Direct Line endpoint, in memory: a bounded history per
 * conversation with watermarks (the client's "where I am"), live subscribers, idle
 * eviction, and caps so no caller can make it grow without bound. The bot's own state
 * lives in the database; what is lost here when the process restarts is only the
 * transcript the widget can replay.
 */
export class ConversationHub {
  private readonly conversations = new Map<string, Conversation>();
  private readonly perAddress = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    readonly limits: HubLimits,
    private readonly now: () => number = Date.now,
  ) {
    // unref: the sweep never keeps the process alive.
    this.sweeper = setInterval(() => this.evictIdle(), Math.min(60_000, Math.max(1_000, limits.idleMs / 4)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.conversations.size;
  }

  get(id: string): Conversation | undefined {
    const c = this.conversations.get(id);
    if (c) c.lastSeen = this.now();
    return c;
  }

  /** The conversation with this id, created on first use within the caps. */
  open(id: string, userId: string, address: string, locale: string | undefined): OpenResult {
    const existing = this.get(id);
    if (existing) return { ok: true, conversation: existing };
    if (this.conversations.size >= this.limits.maxConversations) {
      this.evictIdle();
      if (this.conversations.size >= this.limits.maxConversations) return { ok: false, reason: 'full' };
    }
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxPerAddress) return { ok: false, reason: 'address_full' };
    const conversation: Conversation = {
      id, userId, address, locale, started: false, lastSeen: this.now(), nextSeq: 0, bytes: 0, history: [], subscribers: new Set(),
    };
    this.conversations.set(id, conversation);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    return { ok: true, conversation };
  }

  /** Stores an activity, gives it its id, pushes it to live subscribers. Undefined when the conversation is gone. */
  append(id: string, activity: Partial<Activity>): Partial<Activity> | undefined {
    return this.appendAll(id, [activity])[0];
  }

  /**
   * Stores activities in order and pushes them to live subscribers together (one frame
   * each). Empty when the conversation is gone.
   */
  appendAll(id: string, activities: readonly Partial<Activity>[]): Partial<Activity>[] {
    const c = this.conversations.get(id);
    if (!c || activities.length === 0) return [];
    const stored = activities.map((activity) => {
      const seq = c.nextSeq++;
      const one: Partial<Activity> = { ...activity, id: `${c.id}|${String(seq).padStart(7, '0')}` };
      const bytes = JSON.stringify(one).length;
      c.history.push({ seq, bytes, activity: one });
      c.bytes += bytes;
      return one;
    });
    // Keep at least the newest activity even when it alone exceeds the budget.
    while (c.history.length > 1 && (c.history.length > this.limits.maxActivities || c.bytes > this.limits.maxBytes)) {
      c.bytes -= c.history.shift()!.bytes;
    }
    c.lastSeen = this.now();
    const watermark = String(c.nextSeq - 1);
    for (const s of c.subscribers) s.push(stored, watermark);
    return stored;
  }

  /** Activities after the watermark (all kept ones for an empty or unknown watermark), and the new watermark. */
  since(c: Conversation, watermark: string | undefined): { activities: Partial<Activity>[]; watermark: string } {
    const w = watermark !== undefined && /^\d{1,9}$/.test(watermark) ? Number(watermark) : -1;
    const activities = c.history.filter((h) => h.seq > w).map((h) => h.activity);
    const last = c.nextSeq - 1;
    return { activities, watermark: last >= 0 ? String(Math.max(last, w)) : watermark && w >= 0 ? watermark : '' };
  }

  subscribe(c: Conversation, s: Subscriber): () => void {
    if (c.subscribers.size >= this.limits.maxSubscribers) {
      const oldest = c.subscribers.values().next().value as Subscriber;
      c.subscribers.delete(oldest);
      oldest.close('replaced');
    }
    c.subscribers.add(s);
    return () => c.subscribers.delete(s);
  }

  /** Forgets a conversation (idle, erased by the user, or shutting down) and closes its sockets. */
  remove(id: string, reason: string): void {
    const c = this.conversations.get(id);
    if (!c) return;
    this.conversations.delete(id);
    const n = (this.perAddress.get(c.address) ?? 1) - 1;
    if (n > 0) this.perAddress.set(c.address, n);
    else this.perAddress.delete(c.address);
    for (const s of c.subscribers) s.close(reason);
    c.subscribers.clear();
  }

  evictIdle(): number {
    const limit = this.now() - this.limits.idleMs;
    let evicted = 0;
    for (const c of this.conversations.values()) {
      // A conversation with an open socket is in use even when nobody types.
      if (c.lastSeen < limit && c.subscribers.size === 0) {
        this.remove(c.id, 'idle');
        evicted++;
      }
    }
    return evicted;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.conversations.keys()]) this.remove(id, 'shutdown');
  }
}
