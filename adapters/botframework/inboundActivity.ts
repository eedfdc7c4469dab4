import { z } from 'zod';

/**
 * The least an activity needs before it reaches the bot. Everything else passes through
 * untouched (CloudAdapter and channels add fields freely); this only turns a malformed
 * body into a 400 that names the field, instead of a turn on a broken activity.
 */
export const InboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: z.looseObject({ id: z.string().max(512) }).optional(),
  text: z.string().optional().nullable(),
  locale: z.string().max(20).optional().nullable(),
  serviceUrl: z.string().max(2048).optional(),
});

/** The invalid fields' names, or null when the activity is usable. */
export function invalidActivityFields(body: unknown): string[] | null {
  const parsed = InboundActivitySchema.safeParse(body);
  return parsed.success ? null : [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
}
