import crypto from 'node:crypto';
import type http from 'node:http';
import { postSignedWebhook } from '../meta/signature';
import { LoopbackFake } from '../channels/LoopbackFake';

/**
 * A loopback stand-in for the Messenger Platform's Send API, for tests: it takes
 * POST /{version}/{PAGE-ID}/messages (or /me/messages) like Graph does, refuses what the Send API refuses (the
 * documented limits of a text and its quick replies, a missing messaging_type, a message
 * outside the 24-hour window without an allowed tag, a wrong token), answers with a
 * message id, and plays the person: it signs and posts webhooks as Meta would (messages,
 * quick-reply taps, attachments, deliveries, echoes).
 */

export interface SentMessengerMessage { mid: string; to: string; body: Record<string, unknown>; at: number }

const DAY_MS = 24 * 3_600_000;
const TAGS = new Set(['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'HUMAN_AGENT']);
const len = (v: unknown) => (typeof v === 'string' ? Array.from(v).length : -1);

/** What the Send API would refuse in a request (besides the window), as strings; [] when it would take it. */
export function sendApiPayloadProblems(body: Record<string, unknown>): string[] {
  const p: string[] = [];
  const recipient = body.recipient as { id?: unknown } | undefined;
  if (typeof recipient?.id !== 'string' || !/^\d+$/.test(recipient.id)) p.push('recipient.id: a PSID');
  const type = body.messaging_type;
  if (type !== 'RESPONSE' && type !== 'UPDATE' && type !== 'MESSAGE_TAG') p.push('messaging_type: RESPONSE, UPDATE or MESSAGE_TAG');
  if (type === 'MESSAGE_TAG' && !TAGS.has(String(body.tag))) p.push('tag: a documented message tag');
  if (type !== 'MESSAGE_TAG' && body.tag !== undefined) p.push('tag only with messaging_type MESSAGE_TAG');
  const m = body.message as { text?: unknown; attachment?: unknown; quick_replies?: unknown } | undefined;
  if (!m || (m.text === undefined) === (m.attachment === undefined)) p.push('message: exactly one of text / attachment');
  if (m?.text !== undefined && (len(m.text) < 1 || len(m.text) > 2000)) p.push(`message.text: 1-2000 characters (${len(m.text)})`);
  if (m?.quick_replies !== undefined) {
    const q = m.quick_replies as { content_type?: unknown; title?: unknown; payload?: unknown }[];
    if (!Array.isArray(q) || q.length < 1 || q.length > 13) p.push('quick_replies: 1-13');
    for (const r of Array.isArray(q) ? q : []) {
      if (r.content_type !== 'text') p.push('quick reply content_type: text');
      if (len(r.title) < 1 || len(r.title) > 20) p.push(`quick reply title: 1-20 characters (${len(r.title)})`);
      if (len(r.payload) < 1 || len(r.payload) > 1000) p.push('quick reply payload: 1-1000 characters');
    }
  }
  return p;
}

export interface FakeSendOptions {
  pageAccessToken: string;
  pageId: string;
  appSecret: string;
  webhookUrl?: string;
  /** The fake's clock (the 24-hour window); tests move it with the app's. */
  now?: () => number;
}

export class FakeSendApi extends LoopbackFake {
  readonly sent: SentMessengerMessage[] = [];
  readonly rejected: { body: Record<string, unknown>; problems: string[] }[] = [];
  /** When each person last wrote to the page: the standard messaging window. */
  readonly lastWrote = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly o: FakeSendOptions) {
    super();
    this.webhookUrl = o.webhookUrl;
    this.now = o.now ?? Date.now;
  }

  to(psid: string): SentMessengerMessage[] {
    return this.sent.filter((m) => m.to === psid);
  }

  protected handle(req: http.IncomingMessage, raw: Buffer, reply: (status: number, body: unknown) => void): void {
    const error = (status: number, code: number, message: string, subcode?: number) =>
      reply(status, { error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: crypto.randomBytes(8).toString('hex') } });
    const path = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !path || (path[1] !== 'me' && path[1] !== this.o.pageId)) return error(404, 100, 'Unknown path');
    if (req.headers.authorization !== `Bearer ${this.o.pageAccessToken}`) return error(401, 190, 'Invalid OAuth access token');
    const body = LoopbackFake.json(raw);
    if (body === undefined) return error(400, 100, 'Invalid JSON');
    const problems = sendApiPayloadProblems(body);
    if (problems.length > 0) {
      this.rejected.push({ body, problems });
      return error(400, 100, `(#100) ${problems.join('; ')}`);
    }
    const to = (body.recipient as { id: string }).id;
    const last = this.lastWrote.get(to);
    const inWindow = last !== undefined && this.now() - last < DAY_MS;
    const humanAgentOk = body.tag === 'HUMAN_AGENT' && last !== undefined && this.now() - last < 7 * DAY_MS;
    if (!inWindow && body.messaging_type !== 'MESSAGE_TAG' || (body.tag === 'HUMAN_AGENT' && !humanAgentOk)) {
      // What Meta answers a message sent outside the allowed window (not a malformed request: the bot must expect it).
      return error(400, 10, '(#10) This message is sent outside of allowed window.', 2018278);
    }
    const mid = `m_${crypto.randomBytes(18).toString('base64url')}`;
    this.sent.push({ mid, to, body, at: this.now() });
    reply(200, { recipient_id: to, message_id: mid });
  }

  // ---- playing the person: webhooks as Meta sends them ----

  /** The webhook envelope around messaging events of our page. */
  envelope(events: Record<string, unknown>[]): Record<string, unknown> {
    return { object: 'page', entry: [{ id: this.o.pageId, time: this.now(), messaging: events }] };
  }

  /** A message from a person (their window opens again); returns the webhook body and its mid. */
  messageFrom(psid: string, message: Record<string, unknown>): { body: Record<string, unknown>; id: string } {
    const mid = `m_${crypto.randomBytes(18).toString('base64url')}`;
    this.lastWrote.set(psid, this.now());
    return { id: mid, body: this.envelope([{ sender: { id: psid }, recipient: { id: this.o.pageId }, timestamp: this.now(), message: { mid, ...message } }]) };
  }

  /** Posts a signed webhook (as Meta does); returns the HTTP status. */
  async post(body: unknown, opts: { signature?: string; raw?: string } = {}): Promise<number> {
    if (!this.webhookUrl) throw new Error('FakeSendApi: no webhookUrl');
    return postSignedWebhook(this.webhookUrl, body, this.o.appSecret, opts);
  }

  async text(psid: string, text: string): Promise<{ status: number; id: string }> {
    const m = this.messageFrom(psid, { text });
    return { status: await this.post(m.body), id: m.id };
  }

  /** The person taps a quick reply of the last message they got that offers `title` (Messenger sends its title as text and its payload). */
  async tap(psid: string, title: string): Promise<{ status: number; id: string }> {
    const last = [...this.to(psid)].reverse().find((s) => (s.body.message as { quick_replies?: unknown }).quick_replies);
    const q = ((last?.body.message as { quick_replies?: { title: string; payload: string }[] } | undefined)?.quick_replies ?? []).find((r) => r.title === title);
    if (!q) throw new Error(`no quick reply "${title}"`);
    const m = this.messageFrom(psid, { text: q.title, quick_reply: { payload: q.payload } });
    return { status: await this.post(m.body), id: m.id };
  }

  /** Meta's delivery receipt for messages we accepted. */
  delivered(psid: string, mids: string[]): Promise<number> {
    return this.post(this.envelope([{ sender: { id: psid }, recipient: { id: this.o.pageId }, delivery: { mids, watermark: this.now() } }]));
  }
}
