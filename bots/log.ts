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

/** A short, non-reversible tag to correlate log lines of one conversation. */
export function pseudonym(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex').slice(0, 12);
}

/** The stable code of an error, never its message (which may quote user data). */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') return (err as { code: string }).code;
  return err instanceof Error ? err.name : 'UNKNOWN';
}
