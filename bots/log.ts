import crypto from 'node:crypto';

/**
 * Structured logs without personal data: event names, channel, phase and error codes
 * only. Never pass message text, names, contacts or conversation ids in clear.
 */
export type LogFields = Record<string, string | number | boolean | undefined>;
export type Logger = (level: 'info' | 'warn' | 'error', event: string, fields?: LogFields) => void;

export const jsonLogger: Logger = (level, event, fields = {}) => {
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
};

export const silentLogger: Logger = () => undefined;

// Conversation ids can be phone numbers (SMS, WhatsApp): a plain hash of one is reversed
// by trying every number. A keyed hash is not, without the key. LOG_PSEUDONYM_KEY keeps
// tags stable across restarts; by default a random key per process.
const PSEUDONYM_KEY = process.env.LOG_PSEUDONYM_KEY || crypto.randomBytes(32).toString('hex');

/** A short tag to correlate log lines of one conversation, not reversible without the key. */
export function pseudonym(value: string): string {
  return crypto.createHmac('sha256', PSEUDONYM_KEY).update(value).digest('hex').slice(0, 12);
}

/** node-postgres errors without a code whose fixed messages quote nothing: named, so an operator sees the pool is the cause. */
const KNOWN_MESSAGES: Record<string, string> = {
  'timeout exceeded when trying to connect': 'DB_POOL_TIMEOUT',
  'Connection terminated due to connection timeout': 'DB_CONNECT_TIMEOUT',
  'Connection terminated unexpectedly': 'DB_CONNECTION_LOST',
};

/** The stable code of an error, never its message (which may quote user data). */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') return (err as { code: string }).code;
  if (err instanceof Error && Object.hasOwn(KNOWN_MESSAGES, err.message)) return KNOWN_MESSAGES[err.message]!;
  return err instanceof Error ? err.name : 'UNKNOWN';
}
