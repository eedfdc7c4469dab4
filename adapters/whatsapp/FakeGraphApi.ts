import crypto from 'node:crypto';
import type http from 'node:http';
import { postSignedWebhook } from '../meta/signature';
import { LoopbackFake } from '../channels/LoopbackFake';

/**
 * A loopback stand-in for the WhatsApp Cloud API, for tests, `npm run simulate` and the
 * benchmark: it takes POST /{version}/{phone-number-id}/messages like Graph does, refuses
 * what Graph refuses (the documented limits of each message type, a wrong token), answers
 * with a wamid, and can play the phone: it signs and posts webhooks to the bot (messages,
 * button taps, statuses) as Meta would.
 */

export interface SentMessage { wamid: string; to: string; body: Record<string, unknown>; at: number; deliveryId?: string }

const len = (v: unknown) => (typeof v === 'string' ? v.length : -1);
const hasBadSpacing = (s: string) => /[\n\t]| {5,}/.test(s);

/** What Graph would refuse in a send-message request, as (error) strings; [] when it would take it. */
export function graphPayloadProblems(body: Record<string, unknown>): string[] {
  const p: string[] = [];
  if (body.messaging_product !== 'whatsapp') p.push('messaging_product must be "whatsapp"');
  const to = body.to;
  const recipient = body.recipient;
  if ((typeof to === 'string') === (typeof recipient === 'string')) p.push('exactly one of to / recipient');
  if (typeof to === 'string' && !/^\+?\d{6,20}$/.test(to)) p.push('to is not a phone number');
  if (body.biz_opaque_callback_data !== undefined && (len(body.biz_opaque_callback_data) < 1 || len(body.biz_opaque_callback_data) > 512)) p.push('biz_opaque_callback_data: 1-512 characters');
  switch (body.type) {
    case 'text': {
      const t = body.text as { body?: unknown } | undefined;
      if (len(t?.body) < 1 || len(t?.body) > 4096) p.push('text.body: 1-4096 characters');
      break;
    }
    case 'interactive': {
      const i = body.interactive as { type?: string; body?: { text?: unknown }; action?: Record<string, unknown> } | undefined;
      const bodyText = i?.body?.text;
      if (i?.type === 'button') {
        if (len(bodyText) < 1 || len(bodyText) > 1024) p.push('interactive.body.text: 1-1024 characters');
        const buttons = (i.action?.buttons ?? []) as { type?: string; reply?: { id?: unknown; title?: unknown } }[];
        if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) p.push('buttons: 1-3');
        for (const b of buttons) {
          if (b.type !== 'reply') p.push('button type must be reply');
          if (len(b.reply?.id) < 1 || len(b.reply?.id) > 256) p.push('button id: 1-256 characters');
          if (len(b.reply?.title) < 1 || len(b.reply?.title) > 20) p.push(`button title: 1-20 characters (${len(b.reply?.title)})`);
        }
        if (new Set(buttons.map((b) => b.reply?.id)).size !== buttons.length || new Set(buttons.map((b) => b.reply?.title)).size !== buttons.length) p.push('button ids and titles must be unique');
      } else if (i?.type === 'list') {
        if (len(bodyText) < 1 || len(bodyText) > 4096) p.push('interactive.body.text: 1-4096 characters');
        const button = i.action?.button;
        if (len(button) < 1 || len(button) > 20) p.push('list button: 1-20 characters');
        const sections = (i.action?.sections ?? []) as { title?: unknown; rows?: { id?: unknown; title?: unknown; description?: unknown }[] }[];
        if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) p.push('sections: 1-10');
        if (sections.length > 1 && sections.some((s) => len(s.title) < 1 || len(s.title) > 24)) p.push('section titles required (1-24) with several sections');
        const rows = sections.flatMap((s) => s.rows ?? []);
        if (rows.length < 1 || rows.length > 10) p.push('rows: 1-10 in all');
        for (const r of rows) {
          if (len(r.id) < 1 || len(r.id) > 200) p.push('row id: 1-200 characters');
          if (len(r.title) < 1 || len(r.title) > 24) p.push(`row title: 1-24 characters (${len(r.title)})`);
          if (r.description !== undefined && len(r.description) > 72) p.push('row description: at most 72 characters');
        }
        if (new Set(rows.map((r) => r.id)).size !== rows.length) p.push('row ids must be unique');
      } else p.push('interactive.type not supported here');
      break;
    }
    case 'template': {
      const t = body.template as { name?: unknown; language?: { code?: unknown }; components?: { type?: string; parameters?: { type?: string; text?: unknown }[] }[] } | undefined;
      if (len(t?.name) < 1 || len(t?.name) > 512) p.push('template.name required');
      if (len(t?.language?.code) < 2) p.push('template.language.code required');
      for (const c of t?.components ?? []) for (const par of c.parameters ?? []) {
        if (par.type === 'text' && (typeof par.text !== 'string' || par.text.length < 1 || hasBadSpacing(par.text))) p.push('template text parameter: no newline, tab or 5 spaces');
      }
      break;
    }
    default:
      p.push(`type ${String(body.type)} not supported by this fake`);
  }
  return p;
}

export interface FakeGraphOptions {
  accessToken: string;
  phoneNumberId: string;
  appSecret: string;
  /** Where the bot's webhook is (to play the phone); may be set later. */
  webhookUrl?: string;
  /** Post sent/delivered/read statuses back to the webhook for each accepted message. */
  statuses?: boolean;
}

export class FakeGraphApi extends LoopbackFake {
  readonly sent: SentMessage[] = [];
  readonly rejected: { body: Record<string, unknown>; problems: string[] }[] = [];
  /** Users whose 24-hour window is closed: free-form messages to them fail later with a 131047 status, as on WhatsApp. */
  readonly windowClosed = new Set<string>();
  private failures: { status: number; code: number }[] = [];
  private waiters: (() => void)[] = [];

  constructor(private readonly o: FakeGraphOptions) {
    super();
    this.webhookUrl = o.webhookUrl;
  }

  /** The next `count` sends fail with this Graph error. */
  failNext(count: number, status: number, code: number): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, code });
  }

  /** Messages sent to one user, in order. */
  to(user: string): SentMessage[] {
    return this.sent.filter((m) => m.to === user);
  }

  /** Resolves once `predicate` holds (checked after every accepted send), or rejects after `ms`. */
  async waitFor(predicate: () => boolean, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('FakeGraphApi.waitFor: timed out');
      await new Promise<void>((r) => {
        const t = setTimeout(r, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  protected handle(req: http.IncomingMessage, raw: Buffer, reply: (status: number, body: unknown) => void): void {
    const error = (status: number, code: number, message: string) => reply(status, { error: { message, type: 'OAuthException', code, fbtrace_id: crypto.randomBytes(8).toString('hex') } });
    const m = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return error(404, 100, 'Unknown path');
    if (req.headers.authorization !== `Bearer ${this.o.accessToken}`) return error(401, 190, 'Invalid OAuth access token');
    if (decodeURIComponent(m[1]!) !== this.o.phoneNumberId) return error(400, 100, 'Unknown phone number id');
    const body = LoopbackFake.json(raw);
    if (body === undefined) return error(400, 100, 'Invalid JSON');
    const failure = this.failures.shift();
    if (failure) return error(failure.status, failure.code, 'Injected failure');
    const problems = graphPayloadProblems(body);
    if (problems.length > 0) {
      this.rejected.push({ body, problems });
      return error(400, 100, `(#100) Invalid parameter: ${problems.join('; ')}`);
    }
    const to = String(body.to ?? body.recipient);
    const wamid = `wamid.${crypto.randomBytes(12).toString('base64url')}`;
    const deliveryId = typeof body.biz_opaque_callback_data === 'string' ? body.biz_opaque_callback_data : undefined;
    this.sent.push({ wamid, to, body, at: Date.now(), deliveryId });
    reply(200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: wamid }] });
    for (const w of this.waiters.splice(0)) w();
    if (this.windowClosed.has(to) && body.type !== 'template') {
      void this.status(to, wamid, 'failed', deliveryId, { code: 131047, title: 'Re-engagement message' }).catch(() => undefined);
    } else if (this.o.statuses) {
      void (async () => {
        for (const s of ['sent', 'delivered', 'read'] as const) await this.status(to, wamid, s, deliveryId);
      })().catch(() => undefined);
    }
  }

  // ---- playing the phone: webhooks as Meta sends them ----

  /** The webhook envelope around one value (messages or statuses). */
  envelope(value: Record<string, unknown>): Record<string, unknown> {
    return {
      object: 'whatsapp_business_account',
      entry: [{ id: '102290129340398', changes: [{ value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: this.o.phoneNumberId }, ...value }, field: 'messages' }] }],
    };
  }

  /** A message from a user, with its contact block; returns the webhook body and its wamid. */
  messageFrom(user: string, message: Record<string, unknown>, name = 'Sheena Nelson'): { body: Record<string, unknown>; id: string } {
    const id = `wamid.${crypto.randomBytes(12).toString('base64url')}`;
    const phone = /^\d+$/.test(user);
    return {
      id,
      body: this.envelope({
        contacts: [{ profile: { name }, ...(phone ? { wa_id: user } : { user_id: user }) }],
        messages: [{ ...(phone ? { from: user } : { from_user_id: user }), id, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
      }),
    };
  }

  /** Posts a signed webhook (as Meta does); returns the HTTP status. */
  async post(body: unknown, opts: { signature?: string; raw?: string } = {}): Promise<number> {
    if (!this.webhookUrl) throw new Error('FakeGraphApi: no webhookUrl');
    return postSignedWebhook(this.webhookUrl, body, this.o.appSecret, opts);
  }

  /** The user types `text`. */
  async text(user: string, text: string): Promise<{ status: number; id: string }> {
    const m = this.messageFrom(user, { type: 'text', text: { body: text } });
    return { status: await this.post(m.body), id: m.id };
  }

  /** The user taps a reply button (or list row) of the last interactive message they got that offers `title`. */
  async tap(user: string, title: string): Promise<{ status: number; id: string }> {
    const last = [...this.to(user)].reverse().find((s) => s.body.type === 'interactive');
    const i = last?.body.interactive as { type: string; action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] } } | undefined;
    if (!i) throw new Error('no interactive message to tap');
    if (i.type === 'button') {
      const b = i.action.buttons!.find((x) => x.reply.title === title);
      if (!b) throw new Error(`no button "${title}"`);
      const m = this.messageFrom(user, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: b.reply.id, title: b.reply.title } } });
      return { status: await this.post(m.body), id: m.id };
    }
    const row = i.action.sections!.flatMap((s) => s.rows).find((r) => r.title === title);
    if (!row) throw new Error(`no row "${title}"`);
    const m = this.messageFrom(user, { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: row.id, title: row.title } } });
    return { status: await this.post(m.body), id: m.id };
  }

  /** A status of a message we accepted, as Meta reports it. */
  async status(user: string, wamid: string, status: 'sent' | 'delivered' | 'read' | 'failed', deliveryId?: string, error?: { code: number; title: string }): Promise<number> {
    const phone = /^\d+$/.test(user);
    return this.post(this.envelope({
      statuses: [{
        id: wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), ...(phone ? { recipient_id: user } : { recipient_user_id: user }),
        ...(deliveryId ? { biz_opaque_callback_data: deliveryId } : {}),
        ...(error ? { errors: [{ code: error.code, title: error.title, message: error.title, error_data: { details: error.title } }] } : {}),
      }],
    }));
  }
}
