import type { CrisisCategory } from './detectCrisis';

/**
 * Which gentle question fits an ambiguous message: the one about studies for words that are
 * so often a figure of speech about them ("je veux en finir", "ça me tue"), and one about
 * home, being hurt, a place to sleep, harassment or something taken when the hint was about
 * that. Hints of more than one kind get the general question. Each kind has its question and
 * its two buttons in locales/<lang>/safety.json (safety.check.ask.<kind>, .fine.<kind>,
 * .notOk.<kind>).
 */
export const CHECK_KINDS = ['studies', 'home', 'hurt', 'housing', 'harassment', 'overdose', 'general'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

const KIND_OF: Record<CrisisCategory, CheckKind> = {
  suicide: 'studies',
  self_harm: 'studies',
  overdose: 'overdose',
  homelessness: 'housing',
  abuse: 'home',
  partner_violence: 'hurt',
  sexual_violence: 'hurt',
  violence: 'hurt',
  school_harassment: 'harassment',
  online_harassment: 'harassment',
};

export function checkKindOf(categories: readonly CrisisCategory[]): CheckKind {
  const kinds = new Set(categories.map((c) => KIND_OF[c]).filter(Boolean));
  if (kinds.size === 1) return [...kinds][0]!;
  // Hurt at home is still about home: 119 and 17 come with either answer.
  if (kinds.size === 2 && kinds.has('home') && kinds.has('hurt')) return 'home';
  return 'general';
}
