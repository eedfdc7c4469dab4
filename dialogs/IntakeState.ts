import type { Draft as MenteeDraft } from '../intake/Draft';
import type { VolunteerDraft } from '../intake/volunteerDraft';
import type { Place } from '../intake/MentoringRequest';
import type { Lang } from '../intake/vocabulary';
import type { CrisisCategory } from '../understanding/safety/detectCrisis';
import type { Slots } from '../understanding/understand';
import type { FlowId } from './engine/Flow';

/** The answers so far, of whichever flow: the fields both flows ask (name, age, place, contact) are shared. */
export type Draft = MenteeDraft & VolunteerDraft;

export const SLOTS = [
  'firstName', 'age', 'situation', 'level', 'needs', 'needsOther', 'place', 'priority',
  'meeting', 'availability', 'contact', 'contactPreference', 'guardianName', 'guardianContact', 'guardianConsent',
] as const;
/** The volunteer flow's own questions (dialogs/flows/volunteer); it shares the others' names with the mentee flow. */
export const VOLUNTEER_SLOTS = ['occupation', 'occupationDetail', 'company', 'time', 'helps', 'publics', 'languages'] as const;
export type SlotName = (typeof SLOTS)[number] | (typeof VOLUNTEER_SLOTS)[number];

export type Phase =
  | 'new' // nothing said yet
  | 'consent' // welcome shown, waiting for consent
  | 'asking' // filling slots
  | 'summary' // summary shown, waiting for confirm or edit
  | 'editPick' // asked which answer to change
  | 'proposal' // association proposed, alternatives offered, waiting for the choice
  | 'submitted';

/** A yes/no question that interrupts the form and then returns to it. */
export type Confirmation = 'stop' | 'delete' | 'restart' | 'tooYoung' | 'tooOld' | 'side';

export interface IntakeState {
  v: 1;
  /** The conversation it is (dialogs/engine/Flow): absent in a young person's, the first and most common. */
  flow?: FlowId;
  lang: Lang;
  phase: Phase;
  current: SlotName | null;
  retries: number;
  /** Slots answered in order, for "back". */
  history: SlotName[];
  answered: Partial<Record<SlotName, true>>;
  draft: Draft;
  /** Candidates offered when a place was ambiguous. */
  pendingPlaces?: Place[];
  /** A département said without a commune ("dans le 93"): the place question asks for a commune in it. */
  placeIn?: string;
  /**
   * Answers read in messages sent before consent was given (an opening that tells the
   * whole story): used once consent is given, dropped with everything else if refused.
   */
  pending?: Slots;
  /**
   * Doubtful readings of questions not asked yet (a commune named like an everyday word, a
   * name never introduced as one): not stored; the question, when it comes, confirms them.
   */
  unsure?: Slots;
  /**
   * Readings that complete an answer not given yet: a diploma obtained told in the opening
   * before any situation ("j'ai eu mon BTS"), the level once the situation says they left
   * education (dialogs/readings.ts `applyHeld`). Used once, said back when used.
   */
  held?: Slots;
  /** The question asked is a yes/no check of `unsure` for this slot ("Tu habites bien à Plaisir ?"). */
  checking?: SlotName;
  /** Messages read so far: the first ones decide the language. */
  turns?: number;
  /** The young person asked for this language ("english", "can we continue in English?"): detection no longer switches it. */
  langChosen?: boolean;
  /** After answering an edited slot, go back to the summary. */
  editing: boolean;
  confirming?: Confirmation;
  /**
   * An adult's age told in a young person's conversation, while they are asked whether they
   * want to become a mentor (confirming `side`): kept for the volunteer's conversation only.
   */
  sideAge?: number;
  /** The form is paused after a crisis message until the young person continues. */
  crisisPause?: boolean;
  /**
   * One gentle question asked after an ambiguous message (bots/SafetyHook): the categories
   * it may be about, to show the right lines if the answer is not "my studies / I'm fine".
   * Never the message itself.
   */
  safetyCheck?: { categories: CrisisCategory[] };
  /** What was proposed, to understand the choice (names and ids only). */
  proposal?: { options: { programmeId: string; associationName: string }[] };
  /**
   * Id the request will be stored under, fixed when the summary is first shown (so it is
   * saved before any submission): a submission redone after a failed save finds the
   * stored request instead of sending a second one.
   */
  submissionId?: string;
  consentAt?: string;
  lastActivityAt?: string;
  requestId?: string;
  associationName?: string;
  /** Funnel steps already counted for this conversation (step keys only). */
  reached?: string[];
}

export function newState(lang: Lang): IntakeState {
  return { v: 1, lang, phase: 'new', current: null, retries: 0, history: [], answered: {}, draft: {}, editing: false };
}
