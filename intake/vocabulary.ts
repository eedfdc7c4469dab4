/**
 * The closed vocabularies of a mentoring request, shared by understanding, intake,
 * routing and the directory. Values are stable English codes; what the young person
 * reads comes from locales/ (e.g. `vocab.situation.lycee_pro`).
 */
export const LANGUAGES = ['fr', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const SITUATIONS = [
  'college',
  'lycee_general',
  'lycee_techno',
  'lycee_pro',
  'apprenti',
  'etudiant',
  'recherche_emploi',
  'en_emploi',
  'neet',
  'autre',
] as const;
export type Situation = (typeof SITUATIONS)[number];
/** Situations out of education: their diploma level is the highest obtained, not the year studied. */
export const OUT_OF_EDUCATION_KINDS: readonly Situation[] = ['recherche_emploi', 'en_emploi', 'neet', 'autre'];

/** School years (collège, lycée) and diploma levels (higher education, work). */
export const SCHOOL_YEARS = ['6e', '5e', '4e', '3e', 'seconde', 'premiere', 'terminale', 'cap_1', 'cap_2'] as const;
export type SchoolYear = (typeof SCHOOL_YEARS)[number];
export const DIPLOMA_LEVELS = ['none', 'brevet', 'cap_bep', 'bac', 'bac_plus_1', 'bac_plus_2', 'bac_plus_3', 'bac_plus_4', 'bac_plus_5_or_more'] as const;
export type DiplomaLevel = (typeof DIPLOMA_LEVELS)[number];

export const NEEDS = ['school_support', 'orientation', 'job', 'entrepreneurship', 'confidence', 'other'] as const;
export type Need = (typeof NEEDS)[number];

/** Situations that open priority programmes; always optional to declare. */
export const PRIORITY_PUBLICS = ['qpv', 'rural', 'disability', 'child_welfare', 'refugee'] as const;
export type PriorityPublic = (typeof PRIORITY_PUBLICS)[number];

export const MEETING_MODES = ['in_person', 'remote', 'either'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const CONTACT_CHANNELS = ['email', 'phone', 'sms'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Age limits of the programme: outside them nothing is stored. */
export const MIN_AGE = 13;
export const MAX_AGE = 30;
/** Below this age a holder of parental authority consents with the young person (Loi I&L art. 45). */
export const PARENTAL_CONSENT_UNDER = 15;
