import type { Place } from '../intake/MentoringRequest';
import {
  CONTACT_CHANNELS, DIPLOMA_LEVELS, MEETING_MODES, NEEDS, PARENTAL_CONSENT_UNDER, PRIORITY_PUBLICS, SCHOOL_YEARS,
  SITUATIONS, type Lang, type Need, type PriorityPublic, type SchoolYear, type DiplomaLevel, type Situation,
} from '../intake/vocabulary';
import type { CommuneIndex } from '../understanding/places/CommuneIndex';
import { formatPlace } from '../understanding/places/parsePlace';
export { formatPlace };
import { parseAge } from '../understanding/parseAge';
import { parseFirstName } from '../understanding/parseFirstName';
import { parseGuardianName } from '../understanding/parseGuardianName';
import { parseLevel, parseSituation } from '../understanding/parseSituation';
import { parseNeeds } from '../understanding/parseNeeds';
import { parseContact } from '../understanding/parseContact';
import { isMobile } from '../understanding/parsePhone';
import { parseYesNo } from '../understanding/parseYesNo';
import { parseMeeting } from '../understanding/parseMeeting';
import { parseContactPreference } from '../understanding/parseContactPreference';
import { parsePriorityPublics } from '../understanding/parsePriorityPublics';
import { cleanText } from '../understanding/text';
import { commandText } from '../understanding/parseCommand';
import type { Draft, IntakeState, SlotName } from './IntakeState';
import { matchChoices } from './matchChoice';
import { msg, type ChoiceOption, type Msg, type Translate } from './Msg';

/**
 * Yes or no, only when that is all the message says ("oui", "ok d'accord", "non merci").
 * "oui mais…" is not a consent nor a confirmation: null.
 */
export function plainYesNo(text: string, lang: Lang): boolean | null {
  const yn = parseYesNo(text, lang);
  if (!yn.ok) return null;
  const words = commandText(text).split(' ');
  if (words.length > 6 || words.some((w) => w === 'mais' || w === 'but' || w === 'sauf' || w === 'except')) return null;
  return yn.value;
}

/** Longest "other" need kept whole (docs/conversation.md: "at most 80 characters taken whole"). */
const OTHER_NEED_MAX = 80;
/** Not a need said in one's words: "I don't know" twice is asked again. */
const NOT_A_NEED = new Set(['je sais pas', 'je ne sais pas', 'jsp', 'chais pas', 'sais pas', 'aucune idee', 'i don t know', 'i dont know', 'idk', 'no idea', 'dunno', 'not sure', 'pas sur', 'rien', 'nothing', 'je sais pas trop', 'i m not sure']);

/** Words that make a yes conditional or not yet given ("oui mais je lui ai pas encore demandé", "yes if she agrees"). */
const HEDGES = new Set([
  'mais', 'but', 'sauf', 'except', 'pas', 'not', 'n', 'ne', 'nt', 'encore', 'yet', 'demander', 'demande', 'demanderai', 'ask', 'asking', 'sais',
  'know', 'peut', 'peutetre', 'maybe', 'perhaps', 'si', 'if', 'quand', 'when', 'later', 'tard', 'verra', 'crois', 'think', 'pense',
  'normalement', 'probablement', 'probably', 'jsp', 'hesite', 'sure', 'sur', 'doit', 'should', 'will', 'll', 'vais', 'va', 'veut', 'wants',
]);
const MAX_CONSENT_WORDS = 16;

/**
 * A parent's consent: a plain yes, or a yes followed by words that only confirm it ("oui elle
 * est d'accord, elle est à côté de moi", "yes my mum agrees, she's here"). A yes with a
 * condition, a "not yet" or a future ("oui je vais lui demander") is not one: null.
 */
export function consentYesNo(text: string, lang: Lang): boolean | null {
  const plain = plainYesNo(text, lang);
  if (plain === false) return false;
  const yn = parseYesNo(text, lang);
  if (!yn.ok || !yn.value) return null;
  const words = commandText(text).split(/[^\p{L}]+/u).filter(Boolean);
  if (words.length > MAX_CONSENT_WORDS || words.some((w) => HEDGES.has(w))) return null;
  return true;
}

/** Free text kept as the young person wrote it, without markup, capped; null when empty. */
export function cleanFreeText(text: string, max: number): string | null {
  const cleaned = cleanText(text).slice(0, max).trim();
  return /[\p{L}\p{N}]/u.test(cleaned) ? cleaned : null;
}

export interface AskContext {
  lang: Lang;
  state: IntakeState;
  today: Date;
  places: CommuneIndex;
  t: Translate;
}

/** What a reply to a question means. */
export type Answer =
  | { kind: 'ok'; apply: (d: Draft) => void; ack?: Msg }
  | { kind: 'retry'; hint?: Msg }
  | { kind: 'clarify'; ask: Msg; pendingPlaces: Place[] }
  /** Outside the programme (age): confirmed, then explained, and nothing kept. */
  | { kind: 'outOfRange'; which: 'tooYoung' | 'tooOld' }
  /** Cannot go on (no parental consent): explain, keep nothing. */
  | { kind: 'end'; msgs: Msg[] };

export interface Question {
  slot: SlotName;
  /** Whether the question is asked at all for this draft. */
  applies(d: Draft): boolean;
  /** Skippable questions get a "skip" button and accept "passer"/"skip". */
  skippable: boolean;
  ask(ctx: AskContext): Msg;
  choices?(ctx: AskContext): ChoiceOption[];
  multiple?: boolean;
  /** Its answers name languages: "anglais" answers it rather than switching the conversation to English. */
  namesLanguages?: boolean;
  understand(text: string, ctx: AskContext): Answer;
  /** Already known from another answer ("en terminale" gives the situation and the year). */
  filled?(d: Draft): boolean;
  /**
   * A required question missed twice: what the young person's own words can still give
   * (the needs: "other", in their words) rather than asking for ever. Null: asked again.
   */
  lastResort?(text: string): Answer | null;
  /** Questions to ask again when this one gets a new answer (the year follows the situation). */
  resets?: SlotName[];
  /** Forget this slot's values (edit, or no longer applies). */
  clear(d: Draft): void;
  /** The answer as summary text, or null when not answered. */
  show(d: Draft): Msg | string | null;
}

/**
 * Priority publics that often go together, so that one told in passing does not close the
 * question: an unaccompanied minor is in the care of child welfare (ASE) and often a refugee,
 * and ASE care can last until 21. Others (a QPV, a rural area, a disability) are taken as the
 * whole answer: asking after each would cost a message to most of those who tell one.
 */
const LINKED_PUBLICS: readonly [PriorityPublic, PriorityPublic][] = [['refugee', 'child_welfare'], ['child_welfare', 'refugee']];
/**
 * Unaccompanied minors are under 18: from 18 on, a public told in passing is the answer (a
 * contract extending child welfare's care is something they name). Decided when the priority
 * question comes, so that an age told later counts.
 */
const LINKED_UNTIL_AGE = 18;

/** Whether a priority public told in passing leaves another likely one unasked (the question then comes). */
export function otherPublicMayApply(d: Draft): boolean {
  const told = d.priority ?? [];
  if (d.age !== undefined && d.age >= LINKED_UNTIL_AGE) return false;
  return LINKED_PUBLICS.some(([a, b]) => told.includes(a) && !told.includes(b));
}

export const vocab = (group: string, codes: readonly string[]): ChoiceOption[] =>
  codes.map((code) => ({ code, label: msg(`vocab.${group}.${code}`) }));
const ask = (slot: SlotName) => (ctx: AskContext) => msg(`intake.${slot}.ask`, ctx.state.draft.firstName ? { name: ctx.state.draft.firstName } : { name: '' });

const COLLEGE_YEARS: SchoolYear[] = ['6e', '5e', '4e', '3e'];
const LYCEE_YEARS: SchoolYear[] = ['seconde', 'premiere', 'terminale'];
const LYCEE_PRO_YEARS: SchoolYear[] = ['seconde', 'premiere', 'terminale', 'cap_1', 'cap_2'];
/** Situations whose level is a school year (the others: a diploma). */
export const SCHOOL_KINDS: readonly Situation[] = ['college', 'lycee_general', 'lycee_techno', 'lycee_pro'];

function levelOptions(kind: Situation | undefined): ChoiceOption[] {
  if (kind === 'college') return vocab('schoolYear', COLLEGE_YEARS);
  if (kind === 'lycee_pro') return vocab('schoolYear', LYCEE_PRO_YEARS);
  if (kind === 'lycee_general' || kind === 'lycee_techno') return vocab('schoolYear', LYCEE_YEARS);
  return vocab('diploma', DIPLOMA_LEVELS);
}

const isSchoolYear = (v: string): v is SchoolYear => (SCHOOL_YEARS as readonly string[]).includes(v);
const isDiploma = (v: string): v is DiplomaLevel => (DIPLOMA_LEVELS as readonly string[]).includes(v);

/** Picks a button's code from free text, for questions whose parser did not understand. */
export function byChoice(text: string, ctx: AskContext, q: Question): string[] {
  return q.choices ? matchChoices(text, q.choices(ctx), ctx.lang, ctx.t, q.multiple) : [];
}

const needsQuestion: Question = {
  slot: 'needs',
  applies: () => true,
  skippable: false,
  resets: ['needsOther'],
  multiple: true,
  ask: (ctx) => ({ ...ask('needs')(ctx) }),
  choices: () => vocab('need', NEEDS),
  understand(text, ctx) {
    // The lexicon reads sentences with several needs; buttons and numbers ("1 et 3") after.
    const parsed = parseNeeds(text, ctx.lang);
    if (parsed.ok) return { kind: 'ok', apply: (d) => { d.needs = parsed.value.needs; if (parsed.value.other) d.needsOther = parsed.value.other; else delete d.needsOther; } };
    const codes = byChoice(text, ctx, this) as Need[];
    return codes.length > 0 ? { kind: 'ok', apply: (d) => { d.needs = codes; delete d.needsOther; } } : { kind: 'retry' };
  },
  // Said twice in their own words and still not read: kept as "other", in those words, for the association.
  lastResort(text) {
    const words = cleanFreeText(text, OTHER_NEED_MAX);
    if (!words || text.trim().length > OTHER_NEED_MAX || words.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length < 2) return null;
    if (NOT_A_NEED.has(commandText(text))) return null;
    return { kind: 'ok', apply: (d) => { d.needs = ['other']; d.needsOther = words; }, ack: msg('intake.needs.keptWords', { words }) };
  },
  clear: (d) => { delete d.needs; },
  show: (d) => (d.needs ? d.needs.map((n) => msg(`vocab.need.${n}`)).reduce<Msg>((acc, m, i) => (i === 0 ? m : msg('common.and', { a: acc, b: m })), msg('common.empty')) : null),
};

export const QUESTIONS: Question[] = [
  {
    slot: 'firstName',
    applies: () => true,
    skippable: true,
    ask: () => msg('intake.firstName.ask'),
    understand(text) {
      if (parseYesNo(text, 'fr').ok || parseYesNo(text, 'en').ok) return { kind: 'retry' };
      const r = parseFirstName(text);
      if (!r.ok) return { kind: 'retry' };
      return { kind: 'ok', apply: (d) => { d.firstName = r.value; }, ack: msg('intake.firstName.thanks', { name: r.value }) };
    },
    clear: (d) => { delete d.firstName; },
    show: (d) => (d.firstName === undefined ? null : d.firstName ?? msg('common.notSaid')),
  },
  {
    slot: 'age',
    applies: () => true,
    skippable: false,
    ask: ask('age'),
    understand(text, ctx) {
      const r = parseAge(text, ctx.lang, ctx.today);
      if (r.ok) return { kind: 'ok', apply: (d) => { d.age = r.value; } };
      // A slip of the thumb ("1") must not erase a whole form: the dialog confirms first.
      if (r.reason === 'too_young') return { kind: 'outOfRange', which: 'tooYoung' };
      if (r.reason === 'too_old') return { kind: 'outOfRange', which: 'tooOld' };
      return { kind: 'retry' };
    },
    clear: (d) => { delete d.age; },
    show: (d) => (d.age === undefined ? null : msg('intake.age.value', { age: d.age })),
  },
  {
    slot: 'situation',
    applies: () => true,
    skippable: true,
    resets: ['level'],
    ask: ask('situation'),
    choices: () => vocab('situation', SITUATIONS),
    understand(text, ctx) {
      const parsed = parseSituation(text, ctx.lang);
      if (parsed.ok) return { kind: 'ok', apply: (d) => { d.situation = parsed.value; } };
      const [code] = byChoice(text, ctx, this) as Situation[];
      if (code) return { kind: 'ok', apply: (d) => { d.situation = { kind: code, schoolYear: null, diplomaLevel: null, detail: null }; } };
      return { kind: 'retry' };
    },
    clear: (d) => { delete d.situation; },
    show: (d) => (d.situation === undefined ? null : d.situation ? msg(`vocab.situation.${d.situation.kind}`) : msg('common.notSaid')),
  },
  {
    slot: 'level',
    // Only where it is relevant and the situation answer did not already say it.
    applies: (d) => !!d.situation,
    filled: (d) => !!d.situation && (d.situation.schoolYear !== null || d.situation.diplomaLevel !== null),
    skippable: true,
    ask: (ctx) => msg(SCHOOL_KINDS.includes(ctx.state.draft.situation!.kind) ? 'intake.level.askSchoolYear' : 'intake.level.askDiploma'),
    choices: (ctx) => levelOptions(ctx.state.draft.situation?.kind),
    understand(text, ctx) {
      const [code] = byChoice(text, ctx, this);
      const parsed = code ? null : parseLevel(text, ctx.state.draft.situation?.kind ?? null);
      const schoolYear = code && isSchoolYear(code) ? code : parsed?.ok ? parsed.value.schoolYear : null;
      const diploma = code && isDiploma(code) ? code : parsed?.ok ? parsed.value.diplomaLevel : null;
      if (!schoolYear && !diploma) return { kind: 'retry' };
      return { kind: 'ok', apply: (d) => { if (d.situation) d.situation = { ...d.situation, schoolYear: schoolYear ?? d.situation.schoolYear, diplomaLevel: diploma ?? d.situation.diplomaLevel }; } };
    },
    clear: (d) => { if (d.situation) d.situation = { ...d.situation, schoolYear: null, diplomaLevel: null }; },
    show: (d) => {
      const s = d.situation;
      if (!s) return null;
      if (s.schoolYear) return msg(`vocab.schoolYear.${s.schoolYear}`);
      if (s.diplomaLevel) return msg(`vocab.diploma.${s.diplomaLevel}`);
      return null;
    },
  },
  needsQuestion,
  {
    slot: 'needsOther',
    applies: (d) => !!d.needs?.includes('other'),
    // "autre : apprendre le japonais" already said it.
    filled: (d) => typeof d.needsOther === 'string' && d.needsOther.length > 0,
    skippable: true,
    ask: ask('needsOther'),
    understand(text) {
      const cleaned = cleanFreeText(text, 300);
      return cleaned ? { kind: 'ok', apply: (d) => { d.needsOther = cleaned; } } : { kind: 'retry' };
    },
    clear: (d) => { delete d.needsOther; },
    show: (d) => (d.needsOther === undefined ? null : d.needsOther ?? msg('common.notSaid')),
  },
  {
    slot: 'place',
    applies: () => true,
    skippable: true,
    ask: ask('place'),
    // Places are read by MessageReader.ownAnswer (readPlace with the commune index, and the
    // choice among namesakes offered): it always answers, so this is never reached from the dialog.
    understand: () => ({ kind: 'retry' }),
    clear: (d) => { delete d.place; },
    show: (d) => (d.place === undefined ? null : d.place ? formatPlace(d.place) : msg('common.notSaid')),
  },
  {
    slot: 'priority',
    applies: () => true,
    skippable: true,
    multiple: true,
    // A public told in passing is the whole answer once no linked one is likely (an adult refugee).
    filled: (d) => !!d.priority?.length && !otherPublicMayApply(d),
    // After a public told in passing: "you told me X; does another one apply?" (readings.ts ownAnswer adds it).
    ask: (ctx) => {
      const told = ctx.state.draft.priority;
      if (ctx.state.editing || !told?.length || ctx.state.answered.priority) return ask('priority')(ctx);
      return msg('intake.priority.askMore', { publics: told.map((p) => msg(`vocab.public.${p}`)).reduce<Msg>((acc, m, i) => (i === 0 ? m : msg('common.and', { a: acc, b: m })), msg('common.empty')) });
    },
    choices: () => [...vocab('public', PRIORITY_PUBLICS), { code: 'none', label: msg('vocab.public.none') }],
    understand(text, ctx) {
      const parsed = parsePriorityPublics(text);
      if (parsed.ok) return { kind: 'ok', apply: (d) => { d.priority = parsed.value; } };
      const codes = byChoice(text, ctx, this);
      if (codes.length === 0) return { kind: 'retry' };
      const publics = codes.filter((c): c is PriorityPublic => (PRIORITY_PUBLICS as readonly string[]).includes(c));
      return { kind: 'ok', apply: (d) => { d.priority = publics; } };
    },
    clear: (d) => { delete d.priority; },
    show: (d) => {
      if (d.priority === undefined) return null;
      if (d.priority === null) return msg('common.notSaid');
      if (d.priority.length === 0) return msg('vocab.public.none');
      return d.priority.map((p) => msg(`vocab.public.${p}`)).reduce<Msg>((acc, m, i) => (i === 0 ? m : msg('common.and', { a: acc, b: m })), msg('common.empty'));
    },
  },
  {
    slot: 'meeting',
    applies: () => true,
    skippable: true,
    // Asks when they are free in the same question (one message for two answers), unless already said.
    ask: (ctx) => (ctx.state.answered.availability || ctx.state.editing ? msg('intake.meeting.askAlone') : ask('meeting')(ctx)),
    choices: () => vocab('meeting', MEETING_MODES),
    understand(text, ctx) {
      const parsed = parseMeeting(text);
      const [code] = parsed.ok ? [parsed.value] : (byChoice(text, ctx, this) as typeof MEETING_MODES[number][]);
      return code ? { kind: 'ok', apply: (d) => { d.meeting = code; } } : { kind: 'retry' };
    },
    clear: (d) => { delete d.meeting; },
    // Skipped shows as not given; the request then says "either" (no preference).
    show: (d) => (d.meeting === undefined ? null : d.meeting ? msg(`vocab.meeting.${d.meeting}`) : msg('common.notSaid')),
  },
  {
    slot: 'availability',
    applies: () => true,
    skippable: true,
    ask: ask('availability'),
    understand(text) {
      const cleaned = cleanFreeText(text, 300);
      return cleaned ? { kind: 'ok', apply: (d) => { d.availability = cleaned; } } : { kind: 'retry' };
    },
    clear: (d) => { delete d.availability; },
    show: (d) => (d.availability === undefined ? null : d.availability ?? msg('common.notSaid')),
  },
  {
    slot: 'contact',
    applies: () => true,
    skippable: false,
    resets: ['contactPreference'],
    ask: ask('contact'),
    understand(text) {
      const r = parseContact(text);
      if (!r.ok) return { kind: 'retry' };
      if (r.value.phone && !isMobile(r.value.phone) && !r.value.email) return { kind: 'retry', hint: msg('intake.contact.notMobile') };
      const phone = r.value.phone && isMobile(r.value.phone) ? r.value.phone : null;
      return {
        kind: 'ok',
        apply: (d) => {
          d.email = r.value.email;
          d.phone = phone;
          // One way to reach them: that is the preferred one, no need to ask.
          if (!d.email || !d.phone) d.contactPreference = d.email ? 'email' : 'phone';
          else delete d.contactPreference;
        },
      };
    },
    clear: (d) => { delete d.email; delete d.phone; delete d.contactPreference; },
    show: (d) => (d.email === undefined && d.phone === undefined ? null : [d.email, d.phone].filter(Boolean).join(' / ')),
  },
  {
    slot: 'contactPreference',
    applies: (d) => !!d.email && !!d.phone,
    skippable: false,
    ask: ask('contactPreference'),
    choices: () => vocab('contact', CONTACT_CHANNELS),
    understand(text, ctx) {
      const parsed = parseContactPreference(text);
      const [code] = parsed.ok ? [parsed.value] : (byChoice(text, ctx, this) as typeof CONTACT_CHANNELS[number][]);
      return code ? { kind: 'ok', apply: (d) => { d.contactPreference = code; } } : { kind: 'retry' };
    },
    clear: (d) => { if (d.email && d.phone) delete d.contactPreference; },
    show: (d) => (d.contactPreference ? msg(`vocab.contact.${d.contactPreference}`) : null),
  },
  {
    slot: 'guardianName',
    applies: (d) => d.age !== undefined && d.age < PARENTAL_CONSENT_UNDER,
    skippable: false,
    ask: ask('guardianName'),
    understand(text) {
      // "ma mère Nadia Benali": the name only.
      const r = parseGuardianName(text);
      return r.ok ? { kind: 'ok', apply: (d) => { d.guardianName = r.value; } } : { kind: 'retry' };
    },
    clear: (d) => { delete d.guardianName; },
    show: (d) => d.guardianName ?? null,
  },
  {
    slot: 'guardianContact',
    applies: (d) => d.age !== undefined && d.age < PARENTAL_CONSENT_UNDER,
    skippable: false,
    ask: ask('guardianContact'),
    understand(text) {
      const r = parseContact(text);
      if (!r.ok) return { kind: 'retry' };
      return { kind: 'ok', apply: (d) => { d.guardianEmail = r.value.email; d.guardianPhone = r.value.phone; } };
    },
    clear: (d) => { delete d.guardianEmail; delete d.guardianPhone; },
    show: (d) => (d.guardianEmail === undefined && d.guardianPhone === undefined ? null : [d.guardianEmail, d.guardianPhone].filter(Boolean).join(' / ')),
  },
  {
    slot: 'guardianConsent',
    applies: (d) => d.age !== undefined && d.age < PARENTAL_CONSENT_UNDER,
    skippable: false,
    ask: ask('guardianConsent'),
    choices: () => [{ code: 'yes', label: msg('common.yes') }, { code: 'no', label: msg('common.no') }],
    understand(text, ctx) {
      // A consent is a plain yes: "oui mais je lui ai pas encore demandé" is not one.
      // No fuzzy matching either: the buttons say exactly "Oui" / "Non".
      const yn = consentYesNo(text, ctx.lang);
      const code = yn === null ? null : yn ? 'yes' : 'no';
      if (code === 'yes') return { kind: 'ok', apply: (d) => { d.guardianConsent = true; } };
      if (code === 'no') return { kind: 'end', msgs: [msg('intake.guardianConsent.refused')] };
      return { kind: 'retry' };
    },
    clear: (d) => { delete d.guardianConsent; },
    show: (d) => (d.guardianConsent ? msg('common.yes') : null),
  },
];

export const questionFor = (slot: SlotName): Question => QUESTIONS.find((q) => q.slot === slot)!;
