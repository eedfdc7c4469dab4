import { twilioSignatureOf } from '../../../adapters/sms/signatures';
import crypto from 'node:crypto';
import http from 'node:http';
import fc from 'fast-check';
import type { LogFields } from '../../../bots/log';
import { loadConfig } from '../../../config';
import { PrismaDirectory } from '../../../db/PrismaDirectory';
import { PrismaRequestStore } from '../../../db/PrismaRequestStore';
import { createApp, type App } from '../../../index';
import { submitRequest } from '../../../intake/submitRequest';
import { createActionToken, hashApiKey } from '../../../notifications/signing';
import { REQUEST } from '../../helpers/fixtures';

/**
 * A seeded fuzz of every public endpoint of the real server over loopback: structured
 * payloads whose every field may be missing, of the wrong type or hostile, valid and
 * forged credentials, our own and foreign origins. What must hold whatever is sent: no
 * 5xx, no stack trace or source path in a body, no broken connection, the server still
 * healthy, and nothing the fuzz typed in the logs. Shared by `npm run fuzz` (10,000
 * payloads per endpoint) and a small run in the jest suite.
 */

export interface FuzzRequest { method: string; path: string; headers: Record<string, string>; body?: string; upgrade?: boolean }
export interface Endpoint { name: string; arbitrary: fc.Arbitrary<FuzzRequest> }
export interface EndpointResult { name: string; sent: number; counts: Record<string, number>; violations: string[]; ms: number }

/** Marks every text the fuzz sends, so the logs can be searched for it. */
export const MARK = 'FUZZ7q';
const SECRET = `fuzz-directline-secret-${'0'.repeat(16)}`;
/** The messaging channels are on, with their APIs at a closed loopback port: replies fail and are retried, never leave. */
const WHATSAPP = { phoneNumberId: '106540352242922', appSecret: `fuzz-meta-app-secret-${'1'.repeat(12)}`, verifyToken: `fuzz-verify-token-${'2'.repeat(8)}` };
const MESSENGER = { pageId: '104851234567890', appSecret: `fuzz-messenger-app-secret-${'5'.repeat(8)}`, verifyToken: `fuzz-messenger-verify-${'6'.repeat(8)}` };
const TELEGRAM = { token: `123456:${'A'.repeat(35)}`, secret: `fuzz_telegram_secret_${'3'.repeat(8)}` };
const TWILIO = { accountSid: `AC${'9'.repeat(32)}`, authToken: 'F'.repeat(32), number: '+33757000099' };

export interface FuzzTarget {
  app: App;
  url: string;
  /** Every log line the server wrote, as JSON. */
  logs: string[];
  known: {
    staffToken: string; requestId: string; apiKey: string;
    conversations: { id: string; token: string }[];
    forgettable: string;
  };
  close(): Promise<void>;
}

/** The real server on a loopback port with an in-memory database, one submitted request and open widget conversations. */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const logs: string[] = [];
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'pglite://memory', OUTBOX_WORKER: 'off', DIRECTLINE_SECRET: SECRET,
    // Limits high, so payloads reach the handlers instead of the limiters (these are tested on their own).
    AUTH_FAILURES_PER_ADDRESS: '10000', MESSAGES_PER_MINUTE: '10000', DIRECTLINE_MESSAGES_PER_MINUTE: '10000',
    DIRECTLINE_NEW_CONVERSATIONS_PER_MINUTE: '10000', DIRECTLINE_MAX_CONVERSATIONS: '100000', DIRECTLINE_MAX_CONVERSATIONS_PER_ADDRESS: '100000',
    WHATSAPP_PHONE_NUMBER_ID: WHATSAPP.phoneNumberId, WHATSAPP_ACCESS_TOKEN: `fuzz-access-token-${'4'.repeat(8)}`, WHATSAPP_APP_SECRET: WHATSAPP.appSecret,
    WHATSAPP_VERIFY_TOKEN: WHATSAPP.verifyToken, WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9',
    MESSENGER_PAGE_ID: MESSENGER.pageId, MESSENGER_PAGE_ACCESS_TOKEN: `fuzz-page-token-${'7'.repeat(8)}`, MESSENGER_APP_SECRET: MESSENGER.appSecret,
    MESSENGER_VERIFY_TOKEN: MESSENGER.verifyToken, MESSENGER_GRAPH_URL: 'http://127.0.0.1:9',
    TELEGRAM_BOT_TOKEN: TELEGRAM.token, TELEGRAM_WEBHOOK_SECRET: TELEGRAM.secret, TELEGRAM_API_URL: 'http://127.0.0.1:9',
    SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: TWILIO.accountSid, TWILIO_AUTH_TOKEN: TWILIO.authToken, TWILIO_FROM: TWILIO.number, TWILIO_API_URL: 'http://127.0.0.1:9',
  });
  const app = await createApp({ config, log: (level: string, event: string, fields: LogFields = {}) => { logs.push(JSON.stringify({ level, event, ...fields })); } });
  const id = crypto.randomUUID();
  await submitRequest({ ...REQUEST, submittedAt: new Date().toISOString() }, { submissionId: id, conversationKey: `fuzz/conversations/${id}`, conversationRef: { channelId: 'binome-cli' } }, {
    directory: new PrismaDirectory(app.db.prisma), requests: new PrismaRequestStore(app.db.prisma), now: () => new Date(),
  });
  const assignment = await app.db.prisma.assignment.findFirstOrThrow({ where: { requestId: id } });
  const apiKey = crypto.randomBytes(24).toString('base64url');
  await app.db.prisma.association.update({ where: { id: assignment.associationId }, data: { apiKeyHash: hashApiKey(apiKey) } });
  const staffToken = createActionToken({ assignmentId: assignment.id, exp: Math.floor(Date.now() / 1000) + 86_400 }, await app.handoff.linkKey());
  const conversations: { id: string; token: string }[] = [];
  for (let i = 0; i < 4; i++) {
    const t = app.directLine.issueConversationToken('fr-FR');
    const res = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' }, body: '{}' });
    if (res.status !== 201) throw new Error(`could not open a widget conversation: ${res.status}`);
    conversations.push({ id: t.conversationId, token: t.token });
  }
  return {
    app, url: app.url, logs,
    known: { staffToken, requestId: id, apiKey, conversations, forgettable: app.directLine.issueConversationToken(undefined).token },
    close: () => app.close(),
  };
}

// ---- building blocks ----------------------------------------------------------------

const hostile = fc.constantFrom(
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\u2028', '../../../../etc/passwd', '..%2f..%2fetc%2fpasswd', '%00', '%', '%%', '%E2%80%A8',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR '1'='1' --", '"; DROP TABLE "Assignment"; --', '{{7*7}}', '${7*7}',
  '${jndi:ldap://127.0.0.1:1/a}', '__proto__', 'constructor', 'NaN', '-1', '1e309', 'null', 'true', '[]', '{}', 'x'.repeat(5000),
  '\u202eevil', 'ǅ', 'İ', '🎓'.repeat(300), 'http://169.254.169.254/latest/meta-data/', 'javascript:alert(1)',
);
const text = fc.oneof(fc.string({ maxLength: 200 }).map((s) => `${MARK}${s}`), fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `${MARK}${s}`), hostile);
const anyJson = fc.jsonValue({ maxDepth: 3 });
/** A field's value: mostly of the right kind (so that a payload often reaches the bot), sometimes hostile or anything. */
const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 40, arbitrary: good }, { weight: 1, arbitrary: hostile }, { weight: 1, arbitrary: anyJson });
const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  { weight: 2, arbitrary: fc.constantFrom('application/vnd.x+json', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'text/csv', '', 'application/json; charset=latin1') },
);
/** A body: the structured payload as JSON, or JSON of anything, or bytes that are not JSON. */
const bodyOf = (structured: fc.Arbitrary<unknown>) => fc.oneof(
  { weight: 6, arbitrary: structured.map((v) => JSON.stringify(v) ?? '') },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"type":', '[]', 'null', '"x"', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}') },
);
/** Header values as a client can send them (no CR, LF or NUL). */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
/** Percent-encodes the UTF-8 bytes (a lone surrogate, which encodeURIComponent refuses, becomes U+FFFD's). */
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (b < 128 && /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
const segment = fc.oneof(fc.string({ maxLength: 80 }), hostile).map(pct);
const uuid = fc.uuid();
const locale = field(fc.constantFrom('fr-FR', 'en-US', 'fr', 'en', 'de-DE', 'x-klingon', 'fr-FR-u-ca-buddhist'));

function request(method: fc.Arbitrary<string>, path: fc.Arbitrary<string>, headers: fc.Arbitrary<Record<string, string | undefined>>, body?: fc.Arbitrary<string | undefined>): fc.Arbitrary<FuzzRequest> {
  return fc.record({ method, path, headers, body: body ?? fc.constant(undefined) }).map((r) => ({
    method: r.method, path: r.path, body: r.body,
    headers: Object.fromEntries(Object.entries(r.headers).filter((e): e is [string, string] => e[1] !== undefined).map(([k, v]) => [k, headerSafe(v)])),
  }));
}

// ---- messaging webhooks: documented shapes, every field possibly wrong ----------------

const waId = field(fc.constantFrom('33612345678', '16505551234', '33699999999', 'US.13491208655302741918'));
const waMessage = fc.record({
  from: waId, id: field(fc.string({ unit: fc.constantFrom(...'ABCDEFwamid.0123456789='), minLength: 8, maxLength: 60 }).map((x) => `wamid.${x}`)),
  timestamp: field(fc.integer({ min: 0, max: 2_000_000_000 }).map(String)),
  type: field(fc.constantFrom('text', 'text', 'interactive', 'button', 'audio', 'image', 'location', 'sticker', 'video', 'document', 'unsupported', 'reaction')),
  text: field(fc.record({ body: text }, { requiredKeys: [] })),
  interactive: field(fc.record({
    type: field(fc.constantFrom('button_reply', 'list_reply')),
    button_reply: field(fc.record({ id: field(fc.string({ maxLength: 40 })), title: text }, { requiredKeys: [] })),
    list_reply: field(fc.record({ id: field(fc.string({ maxLength: 40 })), title: text, description: text }, { requiredKeys: [] })),
  }, { requiredKeys: [] })),
  button: field(fc.record({ payload: text, text }, { requiredKeys: [] })),
  audio: field(fc.record({ id: field(fc.string({ maxLength: 30 })), mime_type: field(fc.constant('audio/ogg; codecs=opus')), voice: field(fc.boolean()) }, { requiredKeys: [] })),
  image: field(fc.record({ id: field(fc.string({ maxLength: 30 })), caption: text, mime_type: field(fc.constant('image/jpeg')) }, { requiredKeys: [] })),
  location: field(fc.record({ latitude: field(fc.double()), longitude: field(fc.double()), name: text }, { requiredKeys: [] })),
}, { requiredKeys: ['from', 'id', 'type'] });
const waStatus = fc.record({
  id: field(fc.string({ maxLength: 60 })), recipient_id: waId, timestamp: field(fc.nat().map(String)),
  status: field(fc.constantFrom('sent', 'delivered', 'read', 'failed', 'deleted')),
  errors: field(fc.array(fc.record({ code: field(fc.constantFrom(131047, 131026, 130429, 0, -1)), title: text }, { requiredKeys: [] }), { maxLength: 2 })),
}, { requiredKeys: [] });
const whatsAppPayload = fc.record({
  object: field(fc.constant('whatsapp_business_account')),
  entry: field(fc.array(fc.record({
    id: field(fc.constant('102290129340398')),
    changes: field(fc.array(fc.record({
      field: field(fc.constantFrom('messages', 'account_update')),
      value: field(fc.record({
        messaging_product: field(fc.constant('whatsapp')),
        metadata: field(fc.record({ display_phone_number: field(fc.constant('15550783881')), phone_number_id: field(fc.constantFrom(WHATSAPP.phoneNumberId, '1')) }, { requiredKeys: [] })),
        contacts: field(fc.array(fc.record({ profile: field(fc.record({ name: text }, { requiredKeys: [] })), wa_id: waId }, { requiredKeys: [] }), { maxLength: 2 })),
        messages: field(fc.array(waMessage, { minLength: 1, maxLength: 3 })),
        statuses: field(fc.array(waStatus, { maxLength: 2 })),
      }, { requiredKeys: [] })),
    }, { requiredKeys: [] }), { minLength: 1, maxLength: 2 })),
  }, { requiredKeys: [] }), { minLength: 1, maxLength: 2 })),
}, { requiredKeys: [] });
const psid = field(fc.oneof(fc.constantFrom('2456789012345678', '2456789012345679', MESSENGER.pageId), fc.string({ maxLength: 40 })));
const msgAttachment = fc.record({
  type: field(fc.constantFrom('image', 'audio', 'video', 'file', 'location', 'fallback', 'template', '')),
  payload: field(fc.record({ url: text, sticker_id: field(fc.constantFrom(369239263222822, 0, -1)), coordinates: field(fc.record({ lat: field(fc.double()), long: field(fc.double()) }, { requiredKeys: [] })) }, { requiredKeys: [] })),
}, { requiredKeys: [] });
const msgEvent = fc.record({
  sender: field(fc.record({ id: psid }, { requiredKeys: [] })),
  recipient: field(fc.record({ id: field(fc.constantFrom(MESSENGER.pageId, '1')) }, { requiredKeys: [] })),
  timestamp: field(fc.nat()),
  message: field(fc.record({
    mid: field(fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('m_1', 'm_1', 'm_2'))), text, is_echo: field(fc.boolean()),
    quick_reply: field(fc.record({ payload: field(fc.oneof(fc.constantFrom('v:Oui, on y va', 'v:', 'GET_STARTED'), text)) }, { requiredKeys: [] })),
    sticker_id: field(fc.constantFrom(369239263222822, 0)),
    attachments: field(fc.array(msgAttachment, { maxLength: 2 })),
  }, { requiredKeys: [] })),
  postback: field(fc.record({ mid: field(fc.string({ maxLength: 60 })), title: text, payload: field(fc.oneof(fc.constantFrom('v:Non merci', 'GET_STARTED'), text)) }, { requiredKeys: [] })),
  delivery: field(fc.record({ mids: field(fc.array(fc.string({ maxLength: 60 }), { maxLength: 3 })), watermark: field(fc.nat()) }, { requiredKeys: [] })),
  read: field(fc.record({ watermark: field(fc.nat()) }, { requiredKeys: [] })),
}, { requiredKeys: [] });
const messengerPayload = fc.record({
  object: field(fc.constantFrom('page', 'page', 'instagram')),
  entry: field(fc.array(fc.record({ id: field(fc.constantFrom(MESSENGER.pageId, '1')), time: field(fc.nat()), messaging: field(fc.array(msgEvent, { minLength: 1, maxLength: 3 })) }, { requiredKeys: [] }), { minLength: 1, maxLength: 2 })),
}, { requiredKeys: [] });
const tgUser = fc.record({ id: field(fc.integer({ min: -1e15, max: 1e15 })), is_bot: field(fc.boolean()), first_name: text, language_code: field(fc.constantFrom('fr', 'en', 'de', '')) }, { requiredKeys: [] });
const tgChat = fc.record({ id: field(fc.integer({ min: -1e15, max: 1e15 })), type: field(fc.constantFrom('private', 'private', 'group', 'supergroup', 'channel')) }, { requiredKeys: [] });
const tgMessage = fc.record({
  message_id: field(fc.nat()), from: field(tgUser), chat: field(tgChat), date: field(fc.nat()), text: field(text),
  voice: field(fc.record({ file_id: field(fc.string({ maxLength: 20 })), duration: field(fc.nat()) }, { requiredKeys: [] })),
  location: field(fc.record({ latitude: field(fc.double()), longitude: field(fc.double()) }, { requiredKeys: [] })),
  photo: field(fc.array(fc.record({ file_id: field(fc.string({ maxLength: 20 })) }, { requiredKeys: [] }), { maxLength: 2 })),
}, { requiredKeys: ['message_id', 'chat'] });
const telegramUpdate = fc.record({
  update_id: field(fc.nat()),
  message: field(tgMessage),
  edited_message: field(tgMessage),
  callback_query: field(fc.record({ id: field(fc.string({ maxLength: 30 })), from: field(tgUser), data: field(fc.oneof(fc.constantFrom('c:1', 'c:2', 'c:99', 'c:-1', 'c:'), fc.string({ maxLength: 80 }))), message: field(tgMessage) }, { requiredKeys: [] })),
}, { requiredKeys: ['update_id'] });

/** Twilio's incoming message form: mostly its fields (a hostile value now and then), as strings. */
const str = (good: fc.Arbitrary<string>) => fc.oneof({ weight: 30, arbitrary: good }, { weight: 1, arbitrary: fc.string({ maxLength: 80 }) }, { weight: 1, arbitrary: hostile.map(String) });
const twilioForm = fc.record({
  MessageSid: str(fc.oneof(fc.constantFrom(`SM${'a'.repeat(32)}`, `SM${'b'.repeat(32)}`), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }).map((h) => `SM${h}`), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }).map((h) => `MM${h}`))),
  AccountSid: str(fc.constantFrom(TWILIO.accountSid, TWILIO.accountSid, `AC${'0'.repeat(32)}`)),
  From: str(fc.constantFrom('+33612345678', '+33612345679', '+447700900123', 'BINOME', '+1', '')),
  To: str(fc.constant(TWILIO.number)),
  Body: text.map(String),
  NumMedia: str(fc.constantFrom('0', '0', '1', '10', '-1')),
  MediaContentType0: str(fc.constantFrom('image/jpeg', 'audio/amr', 'video/3gpp', 'text/vcard', 'application/pdf')),
  FromCountry: str(fc.constantFrom('FR', 'GB', 'US', '')),
}, { requiredKeys: [] });
const formContentType = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8') },
  { weight: 2, arbitrary: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', '', 'text/csv') },
);

/** The SMS webhook as Twilio posts it: a form, mostly signed right over PUBLIC_URL (here the listening address) and its sorted parameters. */
function twilioWebhook(url: string): fc.Arbitrary<FuzzRequest> {
  const body = fc.oneof(
    { weight: 6, arbitrary: twilioForm.map((f) => ({ params: f as Record<string, string>, raw: new URLSearchParams(f as Record<string, string>).toString() })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((raw) => ({ params: Object.fromEntries(new URLSearchParams(raw)), raw })) },
  );
  return fc.tuple(body, fc.constantFrom('right', 'right', 'right', 'right', 'wrong', 'missing', 'empty'), formContentType).map(([b, how, type]) => {
    const headers: Record<string, string> = { 'content-type': type };
    if (how === 'right') headers['x-twilio-signature'] = twilioSignatureOf(TWILIO.authToken, `${url}/webhooks/sms`, b.params);
    else if (how === 'wrong') headers['x-twilio-signature'] = twilioSignatureOf(TWILIO.authToken, 'https://evil.example/webhooks/sms', b.params);
    else if (how === 'empty') headers['x-twilio-signature'] = '';
    return { method: 'POST', path: '/webhooks/sms', headers, body: b.raw };
  });
}

/**
 * A messaging webhook: mostly signed right over the exact bytes sent (so the payload reaches
 * the parser and the inbox), sometimes with a forged, missing or stale signature.
 */
function signedWebhook(path: string, payload: fc.Arbitrary<unknown>, sign: (body: string) => string, header: string): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(bodyOf(payload), fc.constantFrom('right', 'right', 'right', 'right', 'wrong', 'missing', 'empty'), contentType).map(([body, how, type]) => {
    const headers: Record<string, string> = { 'content-type': type };
    if (how === 'right') headers[header] = sign(body);
    else if (how === 'wrong') headers[header] = sign(`${body} `);
    else if (how === 'empty') headers[header] = '';
    return { method: 'POST', path, headers, body };
  });
}

// ---- the endpoints --------------------------------------------------------------------

export function endpoints(target: FuzzTarget): Endpoint[] {
  const k = target.known;
  const own = new URL(target.url).origin;
  const origin = fc.constantFrom<string | undefined>(undefined, undefined, own, 'https://evil.example', 'null', 'http://rebind.example', `http://localhost:${new URL(target.url).port}`);
  const [conv, other] = [k.conversations[0]!, k.conversations[1]!];
  const bearer = (...valid: string[]) => fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...valid.map((v) => `Bearer ${v}`)) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'Bearer', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${SECRET}x`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => `Bearer ${s}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
  );
  const mangle = (token: string) => fc.oneof(
    fc.constant(token),
    fc.nat({ max: token.length - 1 }).chain((i) => fc.constantFrom(...'AZaz09-_.').map((c) => `${token.slice(0, i)}${c}${token.slice(i + 1)}`)),
    fc.constant(`${token}x`), fc.constant(token.slice(0, -1)), fc.constant(token.split('.').reverse().join('.')),
    fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.'), maxLength: 200 }),
  );
  const activity = fc.record({
    type: field(fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'event', 'invoke', 'typing', 'endOfConversation', 'messageReaction', 'installationUpdate')),
    id: field(uuid),
    channelId: field(fc.constantFrom('emulator', 'webchat', 'directline', 'msteams', 'test')),
    serviceUrl: fc.oneof(fc.constant(target.url), fc.constant('http://127.0.0.1:9/'), fc.constant(undefined), hostile, fc.constant('http://example.com/')),
    deliveryMode: fc.oneof({ weight: 4, arbitrary: fc.constant('expectReplies') }, { weight: 1, arbitrary: field(fc.constantFrom('normal', 'notification')) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    conversation: field(fc.record({ id: field(uuid.map((u) => `fuzz-${u}`)), isGroup: fc.boolean() }, { requiredKeys: ['id'] })),
    from: field(fc.record({ id: field(fc.constantFrom('user-1', 'u2')), name: text, role: fc.constantFrom('user', 'bot') }, { requiredKeys: [] })),
    recipient: field(fc.record({ id: field(fc.constant('binome')) }, { requiredKeys: [] })),
    locale,
    text: field(text),
    value: anyJson,
    membersAdded: field(fc.array(fc.record({ id: field(fc.constantFrom('user-1', 'binome')) }), { maxLength: 3 })),
    attachments: field(fc.array(fc.record({ contentType: field(fc.constantFrom('image/png', 'text/plain')), contentUrl: field(fc.constant('http://127.0.0.1:9/x')) }), { maxLength: 2 })),
    channelData: anyJson,
  }, { requiredKeys: [] });
  const clientActivity = fc.record({
    type: field(fc.constantFrom('message', 'message', 'typing', 'event', 'conversationUpdate')),
    text: field(text), locale, name: field(fc.constantFrom('webchat/join', 'x')), value: anyJson, textFormat: field(fc.constantFrom('plain', 'markdown')),
    attachments: field(fc.array(fc.record({ contentType: field(fc.constant('image/png')), name: text }), { maxLength: 3 })),
    channelData: field(fc.record({ clientActivityID: text, clientTimestamp: text }, { requiredKeys: [] })),
    from: anyJson, conversation: anyJson, serviceUrl: hostile,
  }, { requiredKeys: [] });
  const convId = fc.oneof({ weight: 3, arbitrary: fc.constant(conv.id) }, { weight: 1, arbitrary: fc.constant(other.id) }, { weight: 1, arbitrary: segment }, { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ019-_'), minLength: 1, maxLength: 64 }) });
  const dlHeaders = (auth: fc.Arbitrary<string | undefined>) => fc.record({ authorization: auth, 'content-type': contentType, origin });
  const dl = '/v3/directline';
  const query = fc.oneof(fc.constant(''), fc.string({ maxLength: 60 }).map((s) => `?watermark=${pct(s)}`), fc.constantFrom('?watermark=-1', '?watermark=1e99', '?watermark=', '?lang=en', '?lang=%00', '?embed=1&lang=en', '?t=x'));

  return [
    { name: 'POST /api/messages', arbitrary: request(fc.constant('POST'), fc.constant('/api/messages'), fc.record({ 'content-type': contentType, authorization: fc.constantFrom(undefined, undefined, undefined, 'Bearer bc1.e30.x', 'Bearer x') }), bodyOf(activity)) },
    { name: 'GET /staff/a/:token', arbitrary: request(fc.constant('GET'), fc.oneof(mangle(k.staffToken), segment).map((t) => `/staff/a/${t}`), fc.record({ 'x-forwarded-for': fc.constantFrom(undefined, '203.0.113.1') })) },
    {
      name: 'POST /staff/a/:token',
      arbitrary: request(fc.constant('POST'), fc.oneof(mangle(k.staffToken), segment).map((t) => `/staff/a/${t}`),
        fc.record({ 'content-type': fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'application/json', 'text/plain', ''), origin, 'sec-fetch-site': fc.constantFrom(undefined, 'same-origin', 'cross-site', 'none', 'x') }),
        fc.oneof(
          fc.record({ action: field(fc.constantFrom('accept', 'decline', 'frobnicate')), reason: field(text) }, { requiredKeys: [] }).map((f) => new URLSearchParams(Object.entries(f).map(([a, b]): [string, string] => [a, typeof b === 'string' ? b : JSON.stringify(b) ?? ''])).toString()),
          fc.record({ action: field(fc.constantFrom('accept', 'decline')), reason: field(text) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 200 }),
        )),
    },
    {
      name: 'POST /api/requests/:id/:action',
      arbitrary: request(fc.constant('POST'),
        fc.tuple(fc.oneof(fc.constant(k.requestId), uuid, segment), fc.oneof(fc.constantFrom('accept', 'decline'), segment)).map(([id, action]) => `/api/requests/${id}/${action}`),
        fc.record({ authorization: bearer(k.apiKey), 'content-type': contentType }),
        bodyOf(fc.record({ reason: field(text) }, { requiredKeys: [] }))),
    },
    { name: 'POST /v3/directline/tokens/generate', arbitrary: request(fc.constant('POST'), fc.constant(`${dl}/tokens/generate`), dlHeaders(bearer(SECRET, conv.token)), bodyOf(fc.record({ locale, user: anyJson }, { requiredKeys: [] }))) },
    { name: 'POST /v3/directline/tokens/refresh', arbitrary: request(fc.constant('POST'), fc.constant(`${dl}/tokens/refresh`), dlHeaders(bearer(conv.token, other.token, SECRET)), bodyOf(anyJson)) },
    { name: 'POST /v3/directline/conversations', arbitrary: request(fc.constant('POST'), fc.constant(`${dl}/conversations`), dlHeaders(bearer(conv.token, SECRET)), bodyOf(fc.record({ locale }, { requiredKeys: [] }))) },
    { name: 'GET /v3/directline/conversations/:id', arbitrary: request(fc.constant('GET'), fc.tuple(convId, query).map(([id, q]) => `${dl}/conversations/${id}${q}`), dlHeaders(bearer(conv.token, other.token, SECRET))) },
    { name: 'GET /v3/directline/conversations/:id/activities', arbitrary: request(fc.constant('GET'), fc.tuple(convId, query).map(([id, q]) => `${dl}/conversations/${id}/activities${q}`), dlHeaders(bearer(conv.token, SECRET))) },
    { name: 'POST /v3/directline/conversations/:id/activities', arbitrary: request(fc.constant('POST'), convId.map((id) => `${dl}/conversations/${id}/activities`), dlHeaders(bearer(conv.token, other.token, SECRET)), bodyOf(clientActivity)) },
    { name: 'POST /v3/directline/conversations/:id/upload', arbitrary: request(fc.constant('POST'), convId.map((id) => `${dl}/conversations/${id}/upload`), fc.record({ authorization: bearer(conv.token), 'content-type': fc.constantFrom('application/octet-stream', 'multipart/form-data; boundary=x', 'image/png', 'application/json') }), fc.string({ unit: 'binary', maxLength: 2000 })) },
    {
      name: 'GET /v3/directline/conversations/:id/stream (upgrade)',
      arbitrary: request(fc.constant('GET'), fc.tuple(convId, fc.oneof(fc.constant(conv.token), mangle(conv.token), fc.constant(SECRET)), fc.boolean()).map(([id, t, withToken]) => `${dl}/conversations/${id}/stream${withToken ? `?t=${pct(t)}` : ''}`), fc.record({ origin })).map((r) => ({ ...r, upgrade: true })),
    },
    { name: 'POST /widget/token', arbitrary: request(fc.constant('POST'), fc.constant('/widget/token'), fc.record({ origin, 'content-type': contentType }), bodyOf(fc.record({ locale }, { requiredKeys: [] }))) },
    { name: 'POST /widget/forget', arbitrary: request(fc.constant('POST'), fc.constant('/widget/forget'), fc.record({ origin, authorization: bearer(k.forgettable), 'content-type': contentType }), bodyOf(anyJson)) },
    {
      name: 'GET pages and assets',
      arbitrary: request(fc.constant('GET'), fc.tuple(
        fc.oneof(fc.constantFrom('/', '/chat', '/widget.js', '/favicon.ico', '/healthz', '/assets/style.css', '/assets/chat.js'), segment.map((s) => `/assets/${s}`), fc.constantFrom('/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/index.ts', '/assets/webchat.js?x')),
        query,
      ).map(([p, q]) => (p === '/assets/webchat.js?x' ? '/assets/webchat.js' : `${p}${q}`)), fc.record({ host: fc.constantFrom(undefined, 'rebind.example', 'localhost'), 'accept-language': fc.constantFrom(undefined, 'en', '*') })),
    },
    {
      name: 'GET /webhooks/whatsapp (handshake)',
      arbitrary: request(fc.constant('GET'), fc.record({
        mode: fc.constantFrom('subscribe', 'subscribe', 'unsubscribe', ''), token: fc.oneof(fc.constant(WHATSAPP.verifyToken), mangle(WHATSAPP.verifyToken), text),
        challenge: fc.oneof(fc.nat().map(String), text, hostile),
      }, { requiredKeys: [] }).map((q) => `/webhooks/whatsapp?${Object.entries({ 'hub.mode': q.mode, 'hub.verify_token': q.token, 'hub.challenge': q.challenge }).filter(([, v]) => v !== undefined).map(([k2, v]) => `${k2}=${pct(v!)}`).join('&')}`), fc.record({})),
    },
    { name: 'POST /webhooks/whatsapp', arbitrary: signedWebhook('/webhooks/whatsapp', whatsAppPayload, (body) => `sha256=${crypto.createHmac('sha256', WHATSAPP.appSecret).update(body).digest('hex')}`, 'x-hub-signature-256') },
    {
      name: 'GET /webhooks/messenger (handshake)',
      arbitrary: request(fc.constant('GET'), fc.record({
        mode: fc.constantFrom('subscribe', 'subscribe', 'unsubscribe', ''), token: fc.oneof(fc.constant(MESSENGER.verifyToken), mangle(MESSENGER.verifyToken), text),
        challenge: fc.oneof(fc.nat().map(String), text, hostile),
      }, { requiredKeys: [] }).map((q) => `/webhooks/messenger?${Object.entries({ 'hub.mode': q.mode, 'hub.verify_token': q.token, 'hub.challenge': q.challenge }).filter(([, v]) => v !== undefined).map(([k2, v]) => `${k2}=${pct(v!)}`).join('&')}`), fc.record({})),
    },
    { name: 'POST /webhooks/messenger', arbitrary: signedWebhook('/webhooks/messenger', messengerPayload, (body) => `sha256=${crypto.createHmac('sha256', MESSENGER.appSecret).update(body).digest('hex')}`, 'x-hub-signature-256') },
    { name: 'POST /webhooks/sms (Twilio)', arbitrary: twilioWebhook(target.url) },
    { name: 'POST /webhooks/telegram', arbitrary: signedWebhook('/webhooks/telegram', telegramUpdate, () => TELEGRAM.secret, 'x-telegram-bot-api-secret-token') },
    {
      name: 'any method, any path',
      arbitrary: request(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND'),
        fc.oneof(fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`), fc.constantFrom('/..', '/%2e%2e/%2e%2e/etc/passwd', '//', '/api', '/staff', '/staff/a', '/v3/directline/', '/v3/directline/connector/v3/conversations/x/activities', '/api/messages/../healthz')),
        fc.record({ origin, 'content-type': contentType, 'access-control-request-method': fc.constantFrom(undefined, 'POST') }), fc.oneof(fc.constant(undefined), bodyOf(anyJson))),
    },
  ];
}

// ---- running them ---------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

type Outcome = { status: string; body: string; type: string };

function send(base: string, r: FuzzRequest, retried = false): Promise<Outcome> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.upgrade) Object.assign(headers, { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': crypto.randomBytes(16).toString('base64') });
    if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body));
    let req: http.ClientRequest;
    try {
      req = http.request({ host: u.hostname, port: u.port, path: r.path, method: r.method, headers, agent: r.upgrade ? false : agent });
    } catch (err) {
      resolve({ status: `unsendable:${(err as { code?: string }).code ?? 'x'}`, body: '', type: '' });
      return;
    }
    req.setTimeout(30_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve({ status: '101', body: '', type: '' });
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: String(res.statusCode), body: Buffer.concat(chunks).toString('utf8'), type: String(res.headers['content-type'] ?? '') }));
      res.on('error', (err: Error & { code?: string }) => resolve({ status: `error:${err.code ?? 'x'}`, body: '', type: '' }));
    });
    req.on('error', (err: Error & { code?: string }) => {
      // The server closed an idle kept-alive connection just as it was reused (Node's
      // documented race, req.reusedSocket): the request never reached it; send it again once.
      if (req.reusedSocket && err.code === 'ECONNRESET' && !retried) resolve(send(base, r, true));
      else resolve({ status: `error:${err.code ?? 'x'}`, body: '', type: '' });
    });
    req.end(r.body);
  });
}

const LEAK = /\n\s+at |node_modules\/|\/work\/|\.ts:\d+|prisma\.|Invalid `|TypeError|ReferenceError/;

function typeOf(body: string | undefined): unknown {
  try {
    return (JSON.parse(body ?? '') as { type?: unknown } | null)?.type;
  } catch {
    return undefined;
  }
}

/** What no answer may be: a 5xx, a broken connection, a leak of internals. */
function violation(r: FuzzRequest, o: Outcome): string | null {
  if (o.status.startsWith('error:') || o.status.startsWith('unsendable:')) return `${o.status} on ${r.method} ${r.path.slice(0, 120)}`;
  // Bot Framework's own answer to an invoke activity the bot does not handle (it handles none).
  if (o.status === '501' && r.path === '/api/messages' && typeOf(r.body) === 'invoke') return null;
  if (Number(o.status) >= 500) return `${o.status} on ${r.method} ${r.path.slice(0, 120)}: ${o.body.slice(0, 200)}`;
  if (!/javascript/.test(o.type) && LEAK.test(o.body)) return `internals in a ${o.status} body on ${r.method} ${r.path.slice(0, 120)}: ${o.body.slice(0, 200)}`;
  return null;
}

/** Sends `runs` seeded payloads to one endpoint, `concurrency` at a time; counts the statuses. */
export async function fuzzEndpoint(target: FuzzTarget, endpoint: Endpoint, runs: number, seed: number, concurrency = 8): Promise<EndpointResult> {
  const started = Date.now();
  const samples = fc.sample(endpoint.arbitrary, { seed, numRuns: runs });
  const counts: Record<string, number> = {};
  const violations: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < samples.length) {
      const r = samples[next++]!;
      const o = await send(target.url, r);
      counts[o.status] = (counts[o.status] ?? 0) + 1;
      const v = violation(r, o);
      if (v && violations.length < 20) violations.push(v);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const health = await send(target.url, { method: 'GET', path: '/healthz', headers: {} });
  if (health.status !== '200') violations.push(`/healthz answered ${health.status} after ${endpoint.name}`);
  return { name: endpoint.name, sent: samples.length, counts, violations, ms: Date.now() - started };
}

/** Log lines that quote what the fuzz sent (they must quote none: no personal data in logs). */
export const logsQuotingInput = (target: FuzzTarget) => target.logs.filter((l) => l.includes(MARK));

export function closeFuzzAgent(): void {
  agent.destroy();
}
