import { z } from 'zod';
import {
  CONTACT_CHANNELS, DIPLOMA_LEVELS, LANGUAGES, MAX_AGE, MEETING_MODES, MIN_AGE, NEEDS,
  PARENTAL_CONSENT_UNDER, PRIORITY_PUBLICS, SCHOOL_YEARS, SITUATIONS,
} from './vocabulary';

/** French mobile or landline, as the neighbouring 1jeune1solution form accepts it; stored as +33XXXXXXXXX. */
export const FRENCH_PHONE = /^\+33[1-9]\d{8}$/;

export const PlaceSchema = z.object({
  /** INSEE code of the commune (not the postal code). */
  commune: z.string().regex(/^(\d[\dAB]\d{3})$/),
  name: z.string().min(1).max(120),
  postalCode: z.string().regex(/^\d{5}$/).nullable(),
  departement: z.string().regex(/^(\d{2}|2A|2B|\d{3})$/),
  region: z.string().regex(/^\d{2}$/),
});
export type Place = z.infer<typeof PlaceSchema>;

export const SituationSchema = z.object({
  kind: z.enum(SITUATIONS),
  schoolYear: z.enum(SCHOOL_YEARS).nullable(),
  diplomaLevel: z.enum(DIPLOMA_LEVELS).nullable(),
  /** Free words the young person used for "autre"; short, optional. */
  detail: z.string().max(200).nullable(),
});
export type SituationInfo = z.infer<typeof SituationSchema>;

export const ContactSchema = z
  .object({
    email: z.email().max(254).nullable(),
    phone: z.string().regex(FRENCH_PHONE).nullable(),
    preferred: z.enum(CONTACT_CHANNELS),
  })
  .refine((c) => c.email !== null || c.phone !== null, { message: 'an e-mail or a phone is required' })
  .refine((c) => (c.preferred === 'email' ? c.email !== null : c.phone !== null), {
    message: 'the preferred channel must have a value',
  });

export const GuardianSchema = z
  .object({
    name: z.string().min(1).max(120),
    email: z.email().max(254).nullable(),
    phone: z.string().regex(FRENCH_PHONE).nullable(),
    /** Declared by the young person in the conversation; the association confirms it with the guardian. */
    consentDeclared: z.literal(true),
  })
  .refine((g) => g.email !== null || g.phone !== null, { message: "a guardian's e-mail or phone is required" });

/**
 * A young person's request for a mentor, version 1. This is the contract with the
 * associations (e-mail, webhook, export): change it only by adding a new version.
 */
export const MentoringRequestSchema = z
  .object({
    schemaVersion: z.literal(1),
    locale: z.enum(LANGUAGES),
    channel: z.string().min(1).max(40),
    submittedAt: z.iso.datetime(),
    firstName: z.string().min(1).max(60).nullable(),
    age: z.number().int().min(MIN_AGE).max(MAX_AGE),
    situation: SituationSchema.nullable(),
    needs: z.array(z.enum(NEEDS)).min(1).refine((n) => new Set(n).size === n.length, { message: 'needs must be unique' }),
    needsOther: z.string().max(300).nullable(),
    place: PlaceSchema.nullable(),
    /** Declared priority situations; null = "prefer not to say" or skipped. */
    priorityPublics: z.array(z.enum(PRIORITY_PUBLICS)).nullable(),
    meeting: z.enum(MEETING_MODES),
    availability: z.string().max(300).nullable(),
    contact: ContactSchema,
    guardian: GuardianSchema.nullable(),
    consent: z.object({ given: z.literal(true), at: z.iso.datetime() }),
  })
  .refine((r) => r.age >= PARENTAL_CONSENT_UNDER || r.guardian !== null, {
    message: 'under 15, a guardian and their consent are required',
    path: ['guardian'],
  });
export type MentoringRequest = z.infer<typeof MentoringRequestSchema>;
