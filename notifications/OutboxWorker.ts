import crypto from 'node:crypto';
import { isVolunteerOffer } from '../intake/VolunteerOffer';
import type { Logger } from '../bots/log';
import { errorCode } from '../bots/log';
import { retryDelayMs, type RetryPolicy, DEFAULT_RETRY_POLICY } from './backoff';
import { WorkerLoop } from './WorkerLoop';
import { alertEmail, loginEmail, markedNotSent, newRequestEmail, shortRef, withdrawnEmail, youngPersonEmail, type EmailMessage, type Translate } from './composeEmail';
import type { AlertReason, ClaimedNotification, DeliveryContext, NewsEvent, OutboxStore, Outcome, RecipientAssociation } from './OutboxStore';
import { createActionToken } from './signing';
import { permanentFailure, type DeliveryResult } from './transports/DeliveryResult';
import type { EmailTransport } from './transports/EmailTransport';
import type { WebhookTransport } from './transports/WebhookTransport';

/** Sends a text to the young person's own conversation, if their channel allows it. */
export interface ProactiveSender {
  /** 'unsupported' when the channel cannot carry a message the young person did not ask for; throws on a transient failure. */
  send(conversationRef: unknown, text: string): Promise<'sent' | 'unsupported'>;
}

/** Sends one text to a mobile number: 'unsupported' when it cannot (the number sent STOP, is not a mobile, is refused); throws on a transient failure. */
export interface NewsBySms {
  send(phone: string, text: string, deliveryId: string): Promise<'sent' | 'unsupported'>;
}

/** Sends a reply queued by a messaging channel's turn (kind channel_message) through that channel's API. */
export interface ChannelSender {
  send(n: ClaimedNotification): Promise<DeliveryResult>;
}

export interface StaffLinks {
  publicUrl: string;
  /** The key that signs staff links (read once, kept in the database: db/appSecrets). */
  key: () => Promise<string>;
  validDays: number;
}

export interface OutboxWorkerOptions {
  store: OutboxStore;
  email: EmailTransport;
  webhook: WebhookTransport;
  proactive: ProactiveSender;
  /** Replies of messaging channels (WhatsApp, Telegram); without it they are dead letters. */
  channels?: ChannelSender;
  /** News by SMS to the mobile number a young person gave, when their channel cannot carry it and they gave no e-mail (SMS_NEWS). */
  sms?: NewsBySms;
  t: Translate;
  links: StaffLinks;
  log: Logger;
  now?: () => Date;
  policy?: RetryPolicy;
  /** Overrides the coordinator's e-mail from the directory (alerts and requests nobody can take). */
  coordinatorEmail?: string;
  /** Builds the login link a staff_login notification carries (notifications/staffAuth). */
  loginLink?: (claims: { nonce: string; associationId: string; exp: number }) => Promise<string>;
  /** Things to do on every pass besides delivering (the deadline sweep). */
  onPass?: (now: Date) => Promise<void>;
  workerId?: string;
  batchSize?: number;
  /** How long a claim lasts; must be longer than the slowest delivery (the transports' timeouts). */
  leaseMs?: number;
  /** How often an idle worker looks for due rows (kick() wakes it at once). */
  pollMs?: number;
  random?: () => number;
}

/**
 * Delivers the outbox: claim due rows, deliver each through the transport its recipient
 * chose, record the attempt and what follows (delivered, retry later with backoff, dead
 * letter with an alert to the coordinator). A crash between sending and recording leaves
 * the row claimed; when its lease expires another pass delivers it again with the same
 * delivery id: at most a duplicate, which receivers can drop, never a loss.
 */
export class OutboxWorker extends WorkerLoop {
  readonly id: string;
  private readonly now: () => Date;
  private readonly policy: RetryPolicy;
  private readonly batchSize: number;
  private readonly leaseMs: number;

  constructor(private readonly o: OutboxWorkerOptions) {
    super(o.pollMs ?? 1_000);
    this.id = o.workerId ?? `w-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
    this.now = o.now ?? (() => new Date());
    this.policy = o.policy ?? DEFAULT_RETRY_POLICY;
    this.batchSize = o.batchSize ?? 10;
    this.leaseMs = o.leaseMs ?? 60_000;
  }

  /** One pass of the worker loop: true when it delivered something (look again at once). */
  protected override async pass(): Promise<boolean> {
    let handled = 0;
    try {
      await this.o.onPass?.(this.now());
      handled = await this.runOnce();
    } catch (err) {
      // The database is down or a bug: log the code, wait, try again. Rows stay claimed or pending.
      this.o.log('error', 'outbox.pass_failed', { code: errorCode(err) });
    }
    return handled > 0;
  }

  /** One batch: returns how many notifications were attempted. */
  async runOnce(): Promise<number> {
    const claimed = await this.o.store.claim(this.id, this.now(), this.batchSize, this.leaseMs);
    // Each row on its own: one slow receiver does not hold the others of the batch.
    await Promise.all(claimed.map((n) => this.deliverOne(n)));
    return claimed.length;
  }

  /** Delivers until nothing is due (tests, the benchmark). */
  async drain(maxPasses = 1_000): Promise<void> {
    for (let i = 0; i < maxPasses; i++) {
      await this.o.onPass?.(this.now());
      if ((await this.runOnce()) === 0) return;
    }
  }

  private async deliverOne(n: ClaimedNotification): Promise<void> {
    const startedAt = this.now();
    const t0 = performance.now();
    let transport = 'none';
    let result: DeliveryResult | { cancelled: string };
    try {
      const ctx = await this.o.store.context(n);
      const attempt = await this.attempt(n, ctx);
      transport = attempt.transport;
      result = attempt.result;
    } catch (err) {
      result = { ok: false, retry: true, error: `internal_${errorCode(err).toLowerCase()}` };
    }
    const durationMs = Math.round(performance.now() - t0);
    const outcome = this.outcomeOf(n, result);
    const error = 'cancelled' in result ? null : result.ok ? null : result.error;
    try {
      const kept = await this.o.store.complete(n, this.id, { startedAt, durationMs, transport, error }, outcome);
      this.o.log(outcome.kind === 'dead' ? 'error' : outcome.kind === 'retry' ? 'warn' : 'info', `outbox.${outcome.kind}`, {
        delivery: n.id, kind: n.kind, transport, attempt: n.attempts, error: error ?? undefined, ms: durationMs, lost_claim: kept ? undefined : true,
      });
      if (outcome.kind === 'dead' && n.kind === 'coordinator_alert') this.o.log('error', 'outbox.coordinator_unreachable', { delivery: n.id });
    } catch (err) {
      // Not recorded: the lease expires and the row is delivered again (a duplicate, not a loss).
      this.o.log('error', 'outbox.record_failed', { delivery: n.id, code: errorCode(err) });
    }
  }

  private outcomeOf(n: ClaimedNotification, result: DeliveryResult | { cancelled: string }): Outcome {
    if ('cancelled' in result) return { kind: 'cancelled', why: result.cancelled };
    if (result.ok) return { kind: 'delivered' };
    // An alert that cannot reach the coordinator is not alerted about (it would loop);
    // news to the young person that cannot reach them is not an emergency: the association calls.
    const alerts = n.kind === 'new_request' || n.kind === 'request_withdrawn';
    if (!result.retry || n.attempts >= this.policy.maxAttempts) {
      const alert: AlertReason | null = alerts ? (result.reason ?? 'dead_letter') : null;
      return { kind: 'dead', error: result.error, alert };
    }
    return { kind: 'retry', at: new Date(this.now().getTime() + retryDelayMs(n.attempts, this.policy, this.o.random)), error: result.error };
  }

  private async attempt(n: ClaimedNotification, ctx: DeliveryContext): Promise<{ transport: string; result: DeliveryResult | { cancelled: string } }> {
    switch (n.kind) {
      case 'new_request': {
        if (!ctx.request || !ctx.assignment) return { transport: 'none', result: { cancelled: 'request_erased' } };
        // Accepted, declined or expired before this reached anyone: the news would be wrong.
        if (ctx.assignment.status !== 'pending') return { transport: 'none', result: { cancelled: `assignment_${ctx.assignment.status}` } };
        return this.toAssociation(n, ctx.association, async (a) => this.newRequestMessages(n, ctx, a));
      }
      case 'coordinator_alert':
        return this.toAssociation(n, ctx.association, async () => this.alertMessages(n, ctx), true);
      case 'request_withdrawn':
        return this.toAssociation(n, ctx.association, async () => {
          const requestId = String(n.payload.requestId ?? '');
          return {
            email: (to) => withdrawnEmail({ to, deliveryId: n.id, requestId }, this.o.t),
            webhook: () => ({ schemaVersion: 1, event: 'request.withdrawn', deliveryId: n.id, requestId, reference: shortRef(requestId), sentAt: this.now().toISOString() }),
          };
        });
      case 'young_person_news':
        return this.toYoungPerson(n, ctx);
      case 'channel_message':
        if (!this.o.channels) return { transport: 'none', result: permanentFailure('no_channel_sender') };
        return { transport: `channel:${String(n.payload.channel ?? '?')}`, result: await this.o.channels.send(n) };
      case 'staff_login': {
        const exp = Number(n.payload.exp ?? 0);
        const loginLink = this.o.loginLink;
        // An expired link is not worth sending: the form sends a fresh one.
        if (!loginLink || exp * 1000 <= this.now().getTime()) return { transport: 'none', result: { cancelled: 'login_link_expired' } };
        return this.toAssociation(n, ctx.association, async (a) => {
          const url = await loginLink({ nonce: String(n.payload.nonce ?? ''), associationId: a.id, exp });
          return {
            email: (to) => loginEmail({ to, deliveryId: n.id, association: a.name, url, expires: new Date(exp * 1000) }, this.o.t),
            // Never sent by webhook (a login link goes to the association's own address only).
            webhook: () => ({ schemaVersion: 1, event: 'inbox.login', deliveryId: n.id, url, expires: new Date(exp * 1000).toISOString(), sentAt: this.now().toISOString() }),
          };
        }, false, true);
      }
      default:
        return { transport: 'none', result: permanentFailure('unknown_kind') };
    }
  }

  private async toAssociation(
    n: ClaimedNotification,
    association: RecipientAssociation | null,
    build: (a: RecipientAssociation) => Promise<{ email: (to: string) => EmailMessage; webhook: () => unknown }>,
    coordinator = false,
    /** A login link goes to the association's own address only, never to an override. */
    ownAddressOnly = false,
  ): Promise<{ transport: string; result: DeliveryResult }> {
    const override = !ownAddressOnly && (coordinator || association?.isCoordinator) ? this.o.coordinatorEmail : undefined;
    if (!association && !override) return { transport: 'none', result: permanentFailure('no_recipient', 'no_contact') };
    const a: RecipientAssociation = association ?? { id: '-', name: '-', notifyBy: 'email', contactEmail: null, webhookUrl: null, webhookSecret: null, isCoordinator: true, responseDays: 5 };
    const messages = await build(a);
    if (a.notifyBy === 'webhook' && !override && !ownAddressOnly) {
      const body = JSON.stringify(messages.webhook());
      return { transport: 'webhook', result: await this.o.webhook.send({ url: a.webhookUrl, secret: a.webhookSecret, deliveryId: n.id, body }) };
    }
    const to = override ?? a.contactEmail;
    if (!to) {
      // Still a dead letter (nobody received it), but the embedded default keeps the
      // message, marked as not sent, so what staff would receive can be seen.
      if (!ownAddressOnly) await this.o.email.keepUnsent(markedNotSent(messages.email('not-sent@binome.invalid'), this.o.t)).catch(() => null);
      return { transport: 'email', result: permanentFailure('no_email_address', 'no_contact') };
    }
    return { transport: `email:${this.o.email.mode}`, result: await this.o.email.send(messages.email(to)) };
  }

  private async newRequestMessages(n: ClaimedNotification, ctx: DeliveryContext, a: RecipientAssociation) {
    const request = ctx.request!;
    const assignment = ctx.assignment!;
    const key = await this.o.links.key();
    const expires = new Date(this.now().getTime() + this.o.links.validDays * 86_400_000);
    const token = createActionToken({ assignmentId: assignment.id, exp: Math.floor(expires.getTime() / 1000) }, key);
    const base = this.o.links.publicUrl.replace(/\/+$/, '');
    const links = { accept: `${base}/staff/a/${token}?action=accept`, decline: a.isCoordinator ? null : `${base}/staff/a/${token}?action=decline`, expires, inbox: `${base}/staff/inbox` };
    return {
      email: (to: string) => newRequestEmail({
        to, deliveryId: n.id, requestId: request.id, request: request.payload, isCoordinator: a.isCoordinator,
        responseDays: a.responseDays, deadline: assignment.deadlineAt, chosenBy: request.chosenBy ?? undefined, links,
      }, this.o.t),
      webhook: () => ({
        schemaVersion: 1,
        event: 'request.new',
        deliveryId: n.id,
        requestId: request.id,
        reference: shortRef(request.id),
        sentAt: this.now().toISOString(),
        request: request.payload,
        routing: {
          associationId: a.id,
          programmeId: assignment.programmeId,
          chosenBy: request.chosenBy,
          reasons: assignment.reasons,
          deadline: assignment.deadlineAt?.toISOString() ?? null,
          previousAssociations: ctx.history.slice(0, -1),
        },
        actions: {
          accept: links.accept,
          decline: links.decline,
          api: { accept: `${base}/api/requests/${request.id}/accept`, decline: `${base}/api/requests/${request.id}/decline` },
          expires: expires.toISOString(),
        },
      }),
    };
  }

  private async alertMessages(n: ClaimedNotification, ctx: DeliveryContext) {
    const reason = (String(n.payload.reason ?? 'dead_letter')) as AlertReason;
    const requestId = ctx.request?.id ?? (typeof n.payload.requestId === 'string' ? n.payload.requestId : null);
    const error = typeof n.payload.error === 'string' ? n.payload.error : null;
    return {
      email: (to: string) => alertEmail({ to, deliveryId: n.id, requestId, reason, history: ctx.history, error }, this.o.t),
      webhook: () => ({ schemaVersion: 1, event: 'coordinator.alert', deliveryId: n.id, reason, requestId, reference: requestId ? shortRef(requestId) : null, history: ctx.history, error, sentAt: this.now().toISOString() }),
    };
  }

  private async toYoungPerson(n: ClaimedNotification, ctx: DeliveryContext): Promise<{ transport: string; result: DeliveryResult | { cancelled: string } }> {
    if (!ctx.request) return { transport: 'none', result: { cancelled: 'request_erased' } };
    const r = ctx.request.payload;
    const lang = r.locale;
    const p = n.payload as { event?: NewsEvent; association?: string; previous?: string; days?: number };
    const channel = this.o.t(lang, `news.channel.${r.contact.preferred}`);
    // A volunteer hears about their offer, in the same words otherwise.
    const text = this.o.t(lang, `news.${isVolunteerOffer(r) ? 'volunteer.' : ''}${p.event ?? 'delayed'}`, { association: p.association, previous: p.previous, days: p.days, channel });
    const sent = await this.o.proactive.send(ctx.request.conversationRef, text);
    if (sent === 'sent') return { transport: 'proactive', result: { ok: true } };
    // The chat channel cannot carry it: the contact the young person gave, e-mail first,
    // else their mobile number by SMS when an SMS provider is configured (SMS_NEWS).
    if (r.contact.email) return { transport: `email:${this.o.email.mode}`, result: await this.o.email.send(youngPersonEmail({ to: r.contact.email, deliveryId: n.id, lang, text }, this.o.t)) };
    if (r.contact.phone && this.o.sms && (await this.o.sms.send(r.contact.phone, text, n.id)) === 'sent') return { transport: 'sms', result: { ok: true } };
    return { transport: 'none', result: permanentFailure('no_channel_to_young_person') };
  }
}
