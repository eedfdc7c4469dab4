import crypto from 'node:crypto';
import type http from 'node:http';
import { LoopbackFake } from '../channels/LoopbackFake';
import { vonageSignatureOf, type VonageSignatureMethod } from './signatures';

/**
 * A loopback stand-in for Vonage's SMS API, for tests: it takes POST /sms/json like Vonage
 * does (form or JSON) and answers 200 with a status per message as Vonage does: 2 for a
 * missing parameter (api_key, api_secret, from, to, text), 4 for wrong credentials, 3 for a
 * `to` that is not international digits, 6 for a text over 3,200 characters; and it plays
 * the phone: inbound SMS posted to the webhook as JSON (the POST-JSON setting) or a form,
 * signed with the signature secret and a timestamp.
 */

export interface VonageSent { id: string; to: string; from: string; text: string; type: string }

export interface FakeVonageOptions {
  apiKey: string;
  apiSecret: string;
  signatureSecret: string;
  method: VonageSignatureMethod;
  /** Our virtual number, digits. */
  number: string;
}

export class FakeVonageApi extends LoopbackFake {
  readonly sent: VonageSent[] = [];
  readonly rejected: { body: Record<string, string>; status: string }[] = [];

  constructor(readonly o: FakeVonageOptions) {
    super();
  }

  /** What a phone number (E.164) received. */
  to(phone: string): VonageSent[] {
    return this.sent.filter((m) => `+${m.to}` === phone);
  }

  protected handle(req: http.IncomingMessage, rawBody: Buffer, reply: (status: number, body: unknown) => void): void {
    const raw = rawBody.toString('utf8');
    if (req.method !== 'POST' || req.url !== '/sms/json') return reply(404, {});
    let body: Record<string, string>;
    try {
      body = String(req.headers['content-type'] ?? '').startsWith('application/json')
        ? (JSON.parse(raw) as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(raw));
    } catch {
      body = {};
    }
    const answer = (messages: Record<string, string>[]) => reply(200, { 'message-count': String(messages.length), messages });
    const refuse = (status: string, text: string) => {
      this.rejected.push({ body, status });
      answer([{ status, 'error-text': text }]);
    };
    for (const k of ['api_key', 'api_secret', 'from', 'to', 'text']) if (!body[k]) return refuse('2', `Missing ${k}`);
    if (body.api_key !== this.o.apiKey || body.api_secret !== this.o.apiSecret) return refuse('4', 'Bad Credentials');
    if (!/^[1-9]\d{6,14}$/.test(body.to!)) return refuse('3', 'Invalid to number');
    if (body.text!.length > 3_200) return refuse('6', 'Invalid Message');
    const id = crypto.randomBytes(8).toString('hex').toUpperCase();
    this.sent.push({ id, to: body.to!, from: body.from!, text: body.text!, type: body.type ?? 'text' });
    answer([{ to: body.to!, 'message-id': id, status: '0', 'remaining-balance': '10.00', 'message-price': '0.0700', network: '20801', 'client-ref': body['client-ref'] ?? '' }]);
  }

  // ---- playing the phone ----

  /** An inbound SMS as Vonage posts it (signed: timestamp, nonce, sig). */
  inbound(phone: string, text: string, at = new Date()): Record<string, string> {
    const params: Record<string, string> = {
      msisdn: phone.replace(/^\+/, ''), to: this.o.number, messageId: crypto.randomBytes(8).toString('hex').toUpperCase(), text,
      type: /^[\x20-\x7e\n\r€£¥èéùìòÇØøÅåÄÖÑÜäöñüàÉ]*$/.test(text) ? 'text' : 'unicode', keyword: text.split(/\s/)[0]!.toUpperCase(),
      'message-timestamp': at.toISOString().replace('T', ' ').slice(0, 19), timestamp: String(Math.floor(at.getTime() / 1000)), nonce: crypto.randomUUID(),
    };
    return { ...params, sig: vonageSignatureOf(params, this.o.signatureSecret, this.o.method) };
  }

  async post(params: Record<string, string>, opts: { json?: boolean } = {}): Promise<number> {
    if (!this.webhookUrl) throw new Error('FakeVonageApi: no webhookUrl');
    const json = opts.json ?? true;
    const res = await fetch(this.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: json ? JSON.stringify(params) : new URLSearchParams(params).toString(),
    });
    await res.arrayBuffer();
    return res.status;
  }
}
