import crypto from 'node:crypto';
import type http from 'node:http';
import { LoopbackFake } from '../channels/LoopbackFake';
import { twilioSignatureOf } from './signatures';

/**
 * A loopback stand-in for Twilio's Messaging REST API, for tests and `npm run simulate`:
 * it takes POST /2010-04-01/Accounts/{AccountSid}/Messages.json (form-encoded, Basic auth)
 * like Twilio does, refuses what Twilio refuses (a wrong account or token: 20003; no To:
 * 21604; a To that is not E.164: 21211; no Body: 21602; a Body over 1,600 characters:
 * 21617; neither From nor MessagingServiceSid: 21603; a number that replied STOP to
 * Twilio itself: 21610), answers 201 with the message's sid, and plays the phone: it posts
 * incoming messages to the webhook, form-encoded and signed (X-Twilio-Signature).
 */

export interface TwilioSent { sid: string; to: string; from: string; body: string; at: number }

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** Our number. */
  number: string;
  /** Post "sent" then "delivered" to a message's StatusCallback, as Twilio does (signed over that URL, posted to statusUrl). */
  statuses?: boolean;
}

const SID = () => crypto.randomBytes(16).toString('hex');

export class FakeTwilioApi extends LoopbackFake {
  readonly sent: TwilioSent[] = [];
  readonly rejected: { body: Record<string, string>; code: number; message: string }[] = [];
  /** Numbers that replied STOP to Twilio's own opt-out (21610). */
  readonly blocked = new Set<string>();
  /** The URL Twilio signs (as configured on the number); the webhook URL unless set (PUBLIC_URL behind a proxy). */
  signedUrl: string | undefined;
  /** Where status callbacks are posted (the StatusCallback the bot gave is what is signed; behind a proxy it is not this machine's address). */
  statusUrl: string | undefined;
  readonly statusesPosted: { sid: string; status: string; code: number }[] = [];

  constructor(readonly o: FakeTwilioOptions) {
    super();
  }

  to(phone: string): TwilioSent[] {
    return this.sent.filter((m) => m.to === phone);
  }

  protected handle(req: http.IncomingMessage, raw: Buffer, reply: (status: number, body: unknown) => void): void {
    const error = (status: number, code: number, message: string, body: Record<string, string> = {}) => {
      if (status === 400) this.rejected.push({ body, code, message });
      reply(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
    };
    const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return error(404, 20404, 'The requested resource was not found');
    const expected = `Basic ${Buffer.from(`${this.o.accountSid}:${this.o.authToken}`).toString('base64')}`;
    if (m[1] !== this.o.accountSid || req.headers.authorization !== expected) return error(401, 20003, 'Authenticate');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return error(400, 20001, 'Unsupported content type');
    const body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    if (!body.To) return error(400, 21604, "A 'To' phone number is required.", body);
    if (!/^\+[1-9]\d{6,14}$/.test(body.To)) return error(400, 21211, `The 'To' number ${body.To} is not a valid phone number.`, body);
    if (!body.From && !body.MessagingServiceSid) return error(400, 21603, "A 'From' phone number is required.", body);
    if (body.From && body.From !== this.o.number) return error(400, 21606, "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination/account.", body);
    if (body.Body === undefined || body.Body.length === 0) return error(400, 21602, 'Message body is required.', body);
    if (body.Body.length > 1_600) return error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.', body);
    if (this.blocked.has(body.To)) return error(400, 21610, 'Attempt to send to unsubscribed recipient', body);
    const sid = `SM${SID()}`;
    this.sent.push({ sid, to: body.To, from: body.From ?? this.o.number, body: body.Body, at: Date.now() });
    reply(201, { sid, account_sid: this.o.accountSid, to: body.To, from: body.From ?? this.o.number, body: body.Body, status: 'queued', num_segments: '1', direction: 'outbound-api', api_version: '2010-04-01' });
    if (this.o.statuses && body.StatusCallback) void this.callBack(body.StatusCallback, sid, body.To, ['sent', 'delivered']);
  }

  /** Posts a message's statuses, one after the other, signed over its StatusCallback. */
  async callBack(callback: string, sid: string, to: string, statuses: string[], errorCode?: string): Promise<void> {
    for (const status of statuses) {
      const form: Record<string, string> = { AccountSid: this.o.accountSid, From: this.o.number, To: to, MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, ApiVersion: '2010-04-01', ...(errorCode ? { ErrorCode: errorCode } : {}) };
      const res = await fetch(this.statusUrl ?? callback, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignatureOf(this.o.authToken, callback, form) }, body: new URLSearchParams(form).toString() }).catch(() => null);
      this.statusesPosted.push({ sid, status, code: res?.status ?? 0 });
    }
  }

  // ---- playing the phone ----

  /** The form Twilio posts for an incoming message. */
  inbound(from: string, body: string, media: { contentType: string }[] = []): Record<string, string> {
    const sid = `${media.length > 0 ? 'MM' : 'SM'}${SID()}`;
    const form: Record<string, string> = {
      ToCountry: 'FR', ToState: '', SmsMessageSid: sid, NumMedia: String(media.length), ToCity: '', FromZip: '', SmsSid: sid, FromState: '',
      SmsStatus: 'received', FromCity: '', Body: body, FromCountry: from.startsWith('+44') ? 'GB' : 'FR', To: this.o.number, MessagingServiceSid: '',
      ToZip: '', NumSegments: '1', MessageSid: sid, AccountSid: this.o.accountSid, From: from, ApiVersion: '2010-04-01',
    };
    media.forEach((m, i) => {
      form[`MediaContentType${i}`] = m.contentType;
      form[`MediaUrl${i}`] = `https://api.twilio.com/2010-04-01/Accounts/${this.o.accountSid}/Messages/${sid}/Media/ME${SID()}`;
    });
    return form;
  }

  /** Posts a form as Twilio does, signed unless told otherwise; returns the status and the answer's text. */
  async post(form: Record<string, string>, opts: { signature?: string | null; raw?: string; contentType?: string } = {}): Promise<{ status: number; text: string }> {
    if (!this.webhookUrl) throw new Error('FakeTwilioApi: no webhookUrl');
    const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded', 'user-agent': 'TwilioProxy/1.1' };
    const signature = opts.signature === undefined ? twilioSignatureOf(this.o.authToken, this.signedUrl ?? this.webhookUrl, form) : opts.signature;
    if (signature !== null) headers['x-twilio-signature'] = signature;
    const res = await fetch(this.webhookUrl, { method: 'POST', headers, body: opts.raw ?? new URLSearchParams(form).toString() });
    return { status: res.status, text: await res.text() };
  }

  async text(from: string, body: string): Promise<{ status: number; id: string }> {
    const form = this.inbound(from, body);
    return { status: (await this.post(form)).status, id: form.MessageSid! };
  }
}
