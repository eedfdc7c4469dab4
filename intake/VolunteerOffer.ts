import { z } from 'zod';
import type { Draft } from './Draft';
import { sharedFields } from './draftToRequest';
import type { VolunteerDraft } from './volunteerDraft';
import { ContactSchema, PlaceSchema } from './MentoringRequest';
import { LANGUAGES, MEETING_MODES, type Lang } from './vocabulary';
import { HELPS, MENTOR_LANGUAGES, OCCUPATIONS, VOLUNTEER_MAX_AGE, VOLUNTEER_MIN_AGE, VOLUNTEER_PUBLICS } from './volunteerVocabulary';

/**
 * A volunteer's offer to become a mentor, version 1: what an association needs to call
 * them back. Nothing sensitive: no criminal record, no health data (the association checks
 * what its programme requires itself, and meets them first).
 */
export const VolunteerOfferSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('volunteer'),
  locale: z.enum(LANGUAGES),
  channel: z.string().min(1).max(40),
  submittedAt: z.iso.datetime(),
  firstName: z.string().min(1).max(60).nullable(),
  age: z.number().int().min(VOLUNTEER_MIN_AGE).max(VOLUNTEER_MAX_AGE),
  occupation: z.object({ kind: z.enum(OCCUPATIONS), detail: z.string().max(200).nullable() }).nullable(),
  company: z.string().max(80).nullable(),
  place: PlaceSchema.nullable(),
  meeting: z.enum(MEETING_MODES),
  time: z.object({ hoursPerMonth: z.number().int().min(1).max(120).nullable(), months: z.number().int().min(1).max(120).nullable() }).nullable(),
  helps: z.array(z.enum(HELPS)).min(1),
  /** [] = any public. */
  publics: z.array(z.enum(VOLUNTEER_PUBLICS)),
  languages: z.array(z.enum(MENTOR_LANGUAGES)),
  contact: ContactSchema,
  consent: z.object({ given: z.literal(true), at: z.iso.datetime() }),
});
export type VolunteerOffer = z.infer<typeof VolunteerOfferSchema>;

/** Which of the volunteer flow's questions to ask again when the offer does not validate. */
const SLOT_OF_FIELD: Record<string, string[]> = { age: ['age'], helps: ['helps'], contact: ['contact', 'contactPreference'], occupation: ['occupation'], time: ['time'] };

/** The conversation's answers as a validated offer, or the questions to ask again. */
export function draftToOffer(d: Draft & VolunteerDraft, meta: { lang: Lang; channel: string; now: Date; consentAt: string | undefined }):
  { ok: true; value: VolunteerOffer } | { ok: false; missing: string[] } {
  const candidate = {
    ...sharedFields(d, meta),
    kind: 'volunteer' as const,
    occupation: d.occupation ?? null,
    company: d.occupation?.kind === 'employed' ? d.company ?? null : null,
    time: d.time ?? null,
    helps: d.helps ?? [],
    publics: d.publics ?? [],
    languages: d.languages ?? ['fr'],
  };
  const parsed = VolunteerOfferSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, missing: [...new Set(parsed.error.issues.flatMap((i) => SLOT_OF_FIELD[String(i.path[0] ?? '')] ?? []))] };
}

/** Whether a stored payload is a volunteer's offer (a young person's request has no kind). */
export const isVolunteerOffer = (r: object): r is VolunteerOffer => 'kind' in r && (r as { kind?: unknown }).kind === 'volunteer';
