import { z } from 'zod';

const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Unauthenticated by default, so loopback only unless an app id is configured. */
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z.string().optional(),
    MicrosoftAppId: z.string().optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppTenantId: z.string().optional(),
    /** After this silence, the next message starts with a reminder of the answers. */
    RESUME_AFTER_MINUTES: z.coerce.number().positive().default(30),
    /** Unfinished conversations untouched for this long are erased. */
    STATE_RETENTION_DAYS: z.coerce.number().positive().default(30),
    /** Largest request body accepted on /api/messages. */
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
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
    /** Public base URL (https://binome.example.org) when behind a proxy; otherwise taken from the Host header. */
    PUBLIC_URL: z.url().optional(),
  })
  .refine((c) => !c.MicrosoftAppId || !!c.MicrosoftAppPassword || c.MicrosoftAppType === 'UserAssignedMSI', {
    message: 'MicrosoftAppPassword is required when MicrosoftAppId is set',
    path: ['MicrosoftAppPassword'],
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
  return { ...c, HOST: c.HOST ?? (c.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1') };
}
