/**
 * The closed vocabularies of a volunteer's offer (someone who wants to become a mentor),
 * shared by understanding, the volunteer flow, routing and the directory. Stable English
 * codes; what people read comes from locales/ (`vocab.occupation.retired`...).
 */
export const OCCUPATIONS = ['student', 'employed', 'retired', 'job_seeker', 'other'] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

/** The kinds of help a mentor offers. */
export const HELPS = ['school_support', 'orientation', 'first_job', 'apprenticeship', 'entrepreneurship', 'confidence'] as const;
export type Help = (typeof HELPS)[number];

/** Publics a volunteer would like to help (none said: any). */
export const VOLUNTEER_PUBLICS = ['qpv', 'rural', 'refugee', 'girls_science', 'disability', 'child_welfare'] as const;
export type VolunteerPublic = (typeof VOLUNTEER_PUBLICS)[number];

/** Languages a mentor can help in, besides French (ISO 639-1). */
export const MENTOR_LANGUAGES = ['fr', 'en', 'ar', 'es', 'pt', 'de', 'it', 'ru', 'uk', 'tr', 'zh', 'ro', 'pl', 'fa', 'ps', 'ta', 'wo', 'bm', 'ln', 'sw'] as const;
export type MentorLanguage = (typeof MENTOR_LANGUAGES)[number];

/** Ages the volunteer conversation takes: from 16 (lycéens and students, where a programme takes them). */
export const VOLUNTEER_MIN_AGE = 16;
export const VOLUNTEER_MAX_AGE = 90;
/** Under this age a volunteer goes only to programmes that take minors as mentors. */
export const ADULT_AGE = 18;
