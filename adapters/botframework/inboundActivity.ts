import { z } from 'zod';
import { hasForbiddenCharacters, idSchema, MAX_CHANNEL_ID_LENGTH, MAX_ID_LENGTH } from '../validateIds';

/** An account id the channel may leave empty, but never with a character no id may hold. */
const accountId = z.string().max(MAX_ID_LENGTH).refine((s) => !hasForbiddenCharacters(s), { message: 'control characters are not allowed in ids' });

/**
 * The least an activity needs before it reaches the bot. Everything else passes through
 * untouched (CloudAdapter and channels add fields freely); this only turns a malformed
 * body into a 400 that names the field, instead of a turn on a broken activity. The ids
 * become database keys and stored conversation references: see validateIds.
 */
export const InboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  // A reply to a channel is posted to .../activities/{id}: an id that is not a string made
  // the turn fail with the generic apology (found by the fuzz, 2 turns in 10,000).
  id: accountId.optional().nullable(),
  channelId: idSchema(MAX_CHANNEL_ID_LENGTH),
  conversation: z.looseObject({ id: idSchema(MAX_ID_LENGTH) }),
  from: z.looseObject({ id: accountId }).optional(),
  recipient: z.looseObject({ id: accountId.optional() }).optional(),
  // Lists the bot walks through: a string or a number there made the turn fail (found by the fuzz).
  membersAdded: z.array(z.looseObject({ id: accountId })).optional().nullable(),
  membersRemoved: z.array(z.looseObject({ id: accountId })).optional().nullable(),
  attachments: z.array(z.looseObject({})).optional().nullable(),
  entities: z.array(z.looseObject({})).optional().nullable(),
  text: z.string().optional().nullable(),
  locale: z.string().max(20).optional().nullable(),
  serviceUrl: z.string().max(2048).optional(),
});

/** The invalid fields' names, or null when the activity is usable. */
export function invalidActivityFields(body: unknown): string[] | null {
  const parsed = InboundActivitySchema.safeParse(body);
  return parsed.success ? null : [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
}
