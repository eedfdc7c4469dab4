import { isIP } from 'node:net';
import { z } from 'zod';

const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Unauthenticated by default, so loopback only unless an app id is configured. */
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z.string().optional(),
    /** PostgreSQL connections this process holds at most (PGlite has one). */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
    /** How long a query or transaction waits for a free connection before the turn fails. */
    DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    MicrosoftAppId: z.string().optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppTenantId: z.string().optional(),
    /**
     * Shared by a bot and a Direct Line endpoint running in two processes (see
     * DIRECTLINE_BOT_URL): the bot accepts requests signed with it, and the endpoint accepts
     * the bot's replies signed with it.
     */
    BOT_CHANNEL_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /**
     * The messaging endpoint (…/api/messages) of a bot in another process: the widget's
     * conversations go to it over the Bot Framework protocol instead of the bot in this
     * process. Needs BOT_CHANNEL_SECRET, the same on both sides.
     */
    DIRECTLINE_BOT_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Where that bot reaches this endpoint for its replies (default: PUBLIC_URL, else this server's own address). */
    DIRECTLINE_SERVICE_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** How long the endpoint waits for that bot to take a turn. */
    DIRECTLINE_BOT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    /** After this silence, the next message starts with a reminder of the answers. */
    RESUME_AFTER_MINUTES: z.coerce.number().positive().default(30),
    /** Unfinished conversations untouched for this long are erased. */
    STATE_RETENTION_DAYS: z.coerce.number().positive().default(30),
    /** Messages one conversation may send per minute on /api/messages (also its burst); beyond, 429. */
    MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(30),
    /** Largest request body accepted on /api/messages. */
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
    /** A client that has not sent its request's headers within this is cut off (408). */
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** A client that has not sent its whole request (headers and body) within this is cut off (408). WebSockets, once open, are not concerned. */
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(200).max(3_600_000).default(30_000),
    /**
     * Reverse proxies in front of this server (comma-separated IP addresses, or "loopback"):
     * from them, the caller's address is read from X-Forwarded-For. Unset: the socket's peer.
     */
    TRUST_PROXY: z.string().optional(),
    /** Failed staff-link and API-key attempts one address may make (then 429), given back over AUTH_FAILURE_WINDOW_MINUTES. */
    AUTH_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(10),
    AUTH_FAILURE_WINDOW_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
    /** smtp://user:pass@host:587 or smtps://…; unset = e-mails written as .eml files to OUTBOX_DIR. */
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
    MAIL_FROM: z.string().min(3).default('Binôme <no-reply@binome.invalid>'),
    OUTBOX_DIR: z.string().min(1).default('data/outbox'),
    /** Where staff links point (the address people reach this server at). Default: the local address. */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The national coordinator's address for alerts; overrides the directory's. */
    COORDINATOR_EMAIL: z.email().optional(),
    /** "inprocess": npm start delivers notifications itself; "off": run `npm run worker` instead. */
    OUTBOX_WORKER: z.enum(['inprocess', 'off']).default('inprocess'),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
    OUTBOX_RETRY_BASE_SECONDS: z.coerce.number().positive().default(30),
    /** How long a claimed notification stays with its worker (longer than any delivery's timeout). */
    OUTBOX_LEASE_SECONDS: z.coerce.number().positive().default(60),
    /** How often an idle worker looks for due notifications (it is woken at once for new ones in its own process). */
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1_000),
    /** Notifications a worker claims and delivers at once. */
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** Staff accept/decline links stay valid this long. */
    STAFF_LINK_DAYS: z.coerce.number().positive().default(14),
    /** Staff inbox login links (magic links) stay valid this long, and work once. */
    STAFF_LOGIN_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
    /** A staff inbox session ends after this long. */
    STAFF_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
    /** Key signing staff links; unset = generated once and kept in the database. */
    STAFF_LINK_KEY: z.string().min(32).optional(),
    /** Bearer secret of POST /v3/directline/tokens/generate (and key material of tokens); random per process when unset. */
    DIRECTLINE_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /** Lifetime of a Direct Line token; refreshing extends it. */
    DIRECTLINE_TOKEN_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    /** Web origins (comma-separated) allowed to call the Direct Line endpoint and /widget/token from a browser. */
    DIRECTLINE_ALLOWED_ORIGINS: z.string().default('').transform((s) => s.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean)),
    /** Widget conversations kept in memory at once, and per caller address. */
    DIRECTLINE_MAX_CONVERSATIONS: z.coerce.number().int().positive().default(2000),
    DIRECTLINE_MAX_CONVERSATIONS_PER_ADDRESS: z.coerce.number().int().positive().default(20),
    /** New widget conversations (tokens from /widget/token) per caller address per minute (also its burst). */
    DIRECTLINE_NEW_CONVERSATIONS_PER_MINUTE: z.coerce.number().int().positive().default(10),
    /** Messages a conversation may post per minute (also its burst). */
    DIRECTLINE_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(30),
    /** A widget conversation nobody touched for this long is forgotten from memory. */
    DIRECTLINE_IDLE_MINUTES: z.coerce.number().positive().default(60),
    /** WhatsApp Cloud API (docs/channels.md "Connect WhatsApp"): off unless WHATSAPP_PHONE_NUMBER_ID is set; then the three secrets are required. */
    WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d{1,32}$/, 'digits (the phone number id from the app\'s WhatsApp > API setup page)').optional(),
    WHATSAPP_ACCESS_TOKEN: z.string().min(20).optional(),
    /** The Meta app's secret: webhooks are signed with it (X-Hub-Signature-256). */
    WHATSAPP_APP_SECRET: z.string().min(16).optional(),
    /** Any string of yours, typed again in the app's webhook settings (the GET handshake). */
    WHATSAPP_VERIFY_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    WHATSAPP_GRAPH_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
    WHATSAPP_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v23.0'),
    /** An approved message template (one body parameter) for news after the 24-hour window; unset = news goes by e-mail then. */
    WHATSAPP_NEWS_TEMPLATE: z.string().regex(/^[a-z0-9_]{1,512}$/).optional(),
    WHATSAPP_NEWS_TEMPLATE_LANG_FR: z.string().min(2).default('fr'),
    WHATSAPP_NEWS_TEMPLATE_LANG_EN: z.string().min(2).default('en'),
    /** Telegram Bot API (docs/channels.md "Connect Telegram"): off unless TELEGRAM_BOT_TOKEN is set; then TELEGRAM_WEBHOOK_SECRET is required. */
    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'the token BotFather gave (123456:ABC...)').optional(),
    /** The secret_token given to setWebhook; Telegram sends it back in X-Telegram-Bot-Api-Secret-Token. */
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16 to 256 characters among A-Z a-z 0-9 _ -').optional(),
    TELEGRAM_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
    /** Messenger Platform (docs/channels.md "Connect Messenger"): off unless MESSENGER_PAGE_ID is set; then the three secrets are required. */
    MESSENGER_PAGE_ID: z.string().regex(/^\d{1,32}$/, 'digits (the Facebook Page id)').optional(),
    /** The page access token (Messenger > Messenger API settings > Generate token). */
    MESSENGER_PAGE_ACCESS_TOKEN: z.string().min(20).optional(),
    /** The Meta app's secret: webhooks are signed with it (X-Hub-Signature-256). */
    MESSENGER_APP_SECRET: z.string().min(16).optional(),
    /** Any string of yours, typed again in the app's webhook settings (the GET handshake). */
    MESSENGER_VERIFY_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    MESSENGER_GRAPH_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
    MESSENGER_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v23.0'),
    /** The message tag for news after the 24-hour window (docs/channels.md says why ACCOUNT_UPDATE); "none" = news goes by e-mail then. */
    MESSENGER_NEWS_TAG: z.enum(['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'none']).default('ACCOUNT_UPDATE'),
    /** SMS (docs/channels.md "Connect SMS"): off unless SMS_PROVIDER is set; then that provider's settings are required. */
    SMS_PROVIDER: z.enum(['twilio', 'vonage']).optional(),
    /** The most SMS segments one bot turn may cost (153 GSM-7 characters each, 67 once a character needs UCS-2). */
    SMS_MAX_SEGMENTS_PER_TURN: z.coerce.number().int().min(1).max(10).default(4),
    /** Write ê, ç, î, œ… without their accent when that makes a message GSM-7 (about half the price); "false" keeps them. */
    SMS_FOLD_ACCENTS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    /** News about a request by SMS to a young person whose own channel cannot carry it and who gave a mobile number but no e-mail. */
    SMS_NEWS: z.enum(['on', 'off']).default('on'),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/, 'AC followed by 32 hexadecimal characters (Twilio console, Account info)').optional(),
    TWILIO_AUTH_TOKEN: z.string().regex(/^[0-9a-zA-Z]{32}$/, '32 characters (Twilio console, Account info)').optional(),
    /** Our Twilio number in E.164 (+33…), or a Messaging Service SID (MG…). */
    TWILIO_FROM: z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/, 'a number in E.164 (+33…) or a Messaging Service SID (MG…)').optional(),
    TWILIO_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
    VONAGE_API_KEY: z.string().regex(/^[0-9a-zA-Z]{4,32}$/).optional(),
    VONAGE_API_SECRET: z.string().min(8).optional(),
    /** The signature secret of signed webhooks (Dashboard, API settings); unsigned inbound messages are refused. */
    VONAGE_SIGNATURE_SECRET: z.string().min(16).optional(),
    VONAGE_SIGNATURE_METHOD: z.enum(['md5hash', 'md5', 'sha1', 'sha256', 'sha512']).default('md5hash'),
    /** Our Vonage virtual number, digits in international form without "+" (447700900000). */
    VONAGE_FROM: z.string().regex(/^\d{6,15}$/, 'digits, international form without +').optional(),
    VONAGE_API_URL: z.url({ protocol: /^https?$/ }).default('https://rest.nexmo.com'),
    /** How long a call to a messaging platform's API may take. */
    CHANNEL_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** How long a message being processed stays with its process; after a crash it is taken again once this is over. */
    CHANNEL_LEASE_SECONDS: z.coerce.number().positive().default(60),
    /** Largest webhook body a messaging platform may send. */
    CHANNEL_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(512 * 1024),
    /** The statistical reading of the situation and needs beside the rules (understanding/readingModel.ts); "off": the rules alone. */
    UNDERSTANDING_MODEL: z.enum(['on', 'off']).default('on'),
  })
  .refine((c) => !c.MicrosoftAppId || !!c.MicrosoftAppPassword || c.MicrosoftAppType === 'UserAssignedMSI', {
    message: 'MicrosoftAppPassword is required when MicrosoftAppId is set',
    path: ['MicrosoftAppPassword'],
  })
  .refine((c) => !c.WHATSAPP_PHONE_NUMBER_ID || (!!c.WHATSAPP_ACCESS_TOKEN && !!c.WHATSAPP_APP_SECRET && !!c.WHATSAPP_VERIFY_TOKEN), {
    message: 'WHATSAPP_ACCESS_TOKEN, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN are required when WHATSAPP_PHONE_NUMBER_ID is set',
    path: ['WHATSAPP_PHONE_NUMBER_ID'],
  })
  .refine((c) => !!c.WHATSAPP_PHONE_NUMBER_ID || (!c.WHATSAPP_ACCESS_TOKEN && !c.WHATSAPP_APP_SECRET && !c.WHATSAPP_VERIFY_TOKEN), {
    message: 'WhatsApp secrets are set but WHATSAPP_PHONE_NUMBER_ID is not: set it to turn WhatsApp on, or remove them',
    path: ['WHATSAPP_PHONE_NUMBER_ID'],
  })
  .refine((c) => !c.MESSENGER_PAGE_ID || (!!c.MESSENGER_PAGE_ACCESS_TOKEN && !!c.MESSENGER_APP_SECRET && !!c.MESSENGER_VERIFY_TOKEN), {
    message: 'MESSENGER_PAGE_ACCESS_TOKEN, MESSENGER_APP_SECRET and MESSENGER_VERIFY_TOKEN are required when MESSENGER_PAGE_ID is set',
    path: ['MESSENGER_PAGE_ID'],
  })
  .refine((c) => !!c.MESSENGER_PAGE_ID || (!c.MESSENGER_PAGE_ACCESS_TOKEN && !c.MESSENGER_APP_SECRET && !c.MESSENGER_VERIFY_TOKEN), {
    message: 'Messenger secrets are set but MESSENGER_PAGE_ID is not: set it to turn Messenger on, or remove them',
    path: ['MESSENGER_PAGE_ID'],
  })
  .refine((c) => !c.TELEGRAM_BOT_TOKEN || !!c.TELEGRAM_WEBHOOK_SECRET, {
    message: 'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_BOT_TOKEN is set (without it anyone could post updates)',
    path: ['TELEGRAM_WEBHOOK_SECRET'],
  })
  .refine((c) => c.SMS_PROVIDER !== 'twilio' || (!!c.TWILIO_ACCOUNT_SID && !!c.TWILIO_AUTH_TOKEN && !!c.TWILIO_FROM), {
    message: 'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are required when SMS_PROVIDER=twilio',
    path: ['SMS_PROVIDER'],
  })
  .refine((c) => c.SMS_PROVIDER !== 'vonage' || (!!c.VONAGE_API_KEY && !!c.VONAGE_API_SECRET && !!c.VONAGE_SIGNATURE_SECRET && !!c.VONAGE_FROM), {
    message: 'VONAGE_API_KEY, VONAGE_API_SECRET, VONAGE_SIGNATURE_SECRET and VONAGE_FROM are required when SMS_PROVIDER=vonage',
    path: ['SMS_PROVIDER'],
  })
  .refine((c) => !!c.SMS_PROVIDER || (!c.TWILIO_AUTH_TOKEN && !c.VONAGE_API_SECRET && !c.VONAGE_SIGNATURE_SECRET), {
    message: 'SMS secrets are set but SMS_PROVIDER is not: set it (twilio or vonage) to turn SMS on, or remove them',
    path: ['SMS_PROVIDER'],
  })
  .refine((c) => c.HTTP_HEADERS_TIMEOUT_MS < c.HTTP_REQUEST_TIMEOUT_MS, {
    message: 'must be shorter than HTTP_REQUEST_TIMEOUT_MS',
    path: ['HTTP_HEADERS_TIMEOUT_MS'],
  })
  .refine((c) => (c.TRUST_PROXY ?? '').split(',').map((s) => s.trim()).filter(Boolean).every((a) => a === 'loopback' || isIP(a) !== 0), {
    message: 'comma-separated IP addresses of the reverse proxies (or "loopback")',
    path: ['TRUST_PROXY'],
  })
  .refine((c) => !c.DIRECTLINE_BOT_URL || !!c.BOT_CHANNEL_SECRET, {
    message: 'BOT_CHANNEL_SECRET is required when DIRECTLINE_BOT_URL is set (the same secret as the bot\'s)',
    path: ['BOT_CHANNEL_SECRET'],
  });

export type Config = z.infer<typeof ConfigSchema> & { HOST: string };

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/**
 * One setting read alone, with its own check (not those between settings), for code that
 * also runs outside the app: the understanding modules under the evaluations and the tests
 * have no Config. The app reads the whole environment at start, so a wrong value stops it there.
 */
export function readSetting<K extends keyof typeof ConfigSchema.shape>(key: K, env: Record<string, string | undefined> = process.env): z.infer<typeof ConfigSchema>[K] {
  const parsed = ConfigSchema.shape[key].safeParse(env[key] === '' ? undefined : env[key]);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${key}: ${i.message}`).join('\n')}`);
  return parsed.data as z.infer<typeof ConfigSchema>[K];
}

/** Reads the environment once at start; a wrong value stops the process with a clear message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = ConfigSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const c = parsed.data;
  // Reachable from other machines only when callers can be authenticated (Azure's identity, the channel secret, a platform's signature).
  // Messaging platforms call their webhooks from outside; those are authenticated by signature or secret.
  const reachable = c.MicrosoftAppId || c.BOT_CHANNEL_SECRET || c.WHATSAPP_PHONE_NUMBER_ID || c.TELEGRAM_BOT_TOKEN || c.MESSENGER_PAGE_ID || c.SMS_PROVIDER;
  return { ...c, HOST: c.HOST ?? (reachable ? '0.0.0.0' : '127.0.0.1') };
}
