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
  })
  .refine((c) => !c.MicrosoftAppId || !!c.MicrosoftAppPassword || c.MicrosoftAppType === 'UserAssignedMSI', {
    message: 'MicrosoftAppPassword is required when MicrosoftAppId is set',
    path: ['MicrosoftAppPassword'],
  })
  .refine((c) => !c.DIRECTLINE_BOT_URL || !!c.BOT_CHANNEL_SECRET, {
    message: 'BOT_CHANNEL_SECRET is required when DIRECTLINE_BOT_URL is set (the same secret as the bot\'s)',
    path: ['BOT_CHANNEL_SECRET'],
  });

export type Config = z.infer<typeof ConfigSchema> & { HOST: string };

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Reads the environment once at start; a wrong value stops the process with a clear message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = ConfigSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const c = parsed.data;
  // Reachable from other machines only when callers can be authenticated (Azure's identity, or the channel secret).
  return { ...c, HOST: c.HOST ?? (c.MicrosoftAppId || c.BOT_CHANNEL_SECRET ? '0.0.0.0' : '127.0.0.1') };
}
