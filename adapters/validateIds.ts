import { z } from 'zod';

/**
 * Ids that come from outside (a channel id, a conversation id, a user id, a phone number
 * used as an id) become database keys, JSONB values and log pseudonyms. PostgreSQL refuses
 * a NUL in text and in JSONB, and a lone surrogate cannot be encoded in UTF-8 (Node would
 * silently replace it, so two ids would become one key). Such an id makes every turn of
 * its conversation fail, and the young person would be told that their answers are kept
 * when they are not: every channel refuses it at the edge instead (400), before a turn.
 *
 * Refused: empty, longer than `maxLength` UTF-16 units, any control character (Unicode
 * Cc: C0, DEL, C1), a lone surrogate (Cs), the line and paragraph separators (U+2028,
 * U+2029), which break line-based logs and tools, and the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a stored or logged id
 * print as another one.
 */
const FORBIDDEN = /[\p{Cc}\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export const MAX_ID_LENGTH = 512;
export const MAX_CHANNEL_ID_LENGTH = 64;

/** Whether a string holds a character no id may hold (for optional ids that may be empty). */
export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN.test(value);
}

/** Whether one id is safe to store and use as a key. */
export function isValidId(value: unknown, maxLength = MAX_ID_LENGTH): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength && !FORBIDDEN.test(value);
}

/**
 * The names of the ids that are not valid (empty when all are). Pass every id the
 * adapter will use, under the name its 400 should give: `{ channelId, 'conversation.id': … }`.
 * An `undefined` value counts as invalid: pass only the ids the channel must provide.
 */
export function invalidIds(ids: Record<string, unknown>, maxLength: Record<string, number> = {}): string[] {
  return Object.entries(ids)
    .filter(([name, value]) => !isValidId(value, maxLength[name] ?? (name === 'channelId' ? MAX_CHANNEL_ID_LENGTH : MAX_ID_LENGTH)))
    .map(([name]) => name);
}

/** The same rule as a zod schema, for adapters that parse their payloads with zod. */
export function idSchema(maxLength = MAX_ID_LENGTH) {
  return z.string().min(1).max(maxLength).refine((s) => !FORBIDDEN.test(s), { message: 'control characters are not allowed in ids' });
}
