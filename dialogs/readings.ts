import type { Place } from '../intake/MentoringRequest';
import { MAX_AGE, MIN_AGE, OUT_OF_EDUCATION_KINDS } from '../intake/vocabulary';
import { isMobile } from '../understanding/parsePhone';
import type { CommuneIndex } from '../understanding/places/CommuneIndex';
import { choosePlace } from '../understanding/places/choosePlace';
import { formatPlace } from '../understanding/places/parsePlace';
import { understand, type Asked, type SlotKey, type Slots, type UnderstandContext, type Understanding } from '../understanding/understand';
import type { Draft, IntakeState, SlotName } from './IntakeState';
import { msg, type Msg, type Translate } from './Msg';
import { forgetWhatNoLongerApplies, isAnswered } from './progress';
import { otherPublicMayApply, SCHOOL_KINDS, type Answer, type Question } from './questions';
import { questionOf, questionsOf } from './engine/registry';

/** The dialog's question each reading answers. */
export const SLOT_OF_KEY: Partial<Record<SlotKey, SlotName>> = {
  firstName: 'firstName', age: 'age', situation: 'situation', level: 'level', needs: 'needs', needsOther: 'needs', place: 'place',
  priority: 'priority', meeting: 'meeting', availability: 'availability', email: 'contact', phone: 'contact', contactPreference: 'contactPreference',
};

/** Questions whose answer is the young person's own free words (or a parent's details): nothing else is read in them unless they say they correct something. */
const FREE_TEXT: ReadonlySet<SlotName> = new Set(['needsOther', 'availability', 'guardianName', 'guardianContact', 'guardianConsent']);

/** What `understand` is told was asked, and whether answers to other questions are read on the way. */
export function readingPolicy(state: IntakeState): { asked: Asked | null; extrasOnlyIfCorrection: boolean } {
  if (state.phase === 'summary' || state.phase === 'editPick' || state.phase === 'proposal') return { asked: 'confirm', extrasOnlyIfCorrection: false };
  if (state.phase !== 'asking' || !state.current) return { asked: null, extrasOnlyIfCorrection: false };
  const slot = state.current;
  if (slot === 'level') return { asked: !!state.draft.situation && SCHOOL_KINDS.includes(state.draft.situation.kind) ? 'schoolYear' : 'diplomaLevel', extrasOnlyIfCorrection: false };
  if (slot === 'availability') return { asked: 'availability', extrasOnlyIfCorrection: true };
  if (FREE_TEXT.has(slot)) return { asked: null, extrasOnlyIfCorrection: true };
  return { asked: slot as Asked, extrasOnlyIfCorrection: false };
}

/** The dialog questions a reading answers, each once, in the questionnaire's order of keys. */
export function slotsRead(slots: Slots): SlotName[] {
  const out: SlotName[] = [];
  for (const key of Object.keys(slots) as SlotKey[]) {
    const slot = SLOT_OF_KEY[key];
    if (slot && !out.includes(slot)) out.push(slot);
  }
  return out;
}

export type ApplyOutcome = 'applied' | 'nothing' | 'tooYoung' | 'tooOld';

/** What a question was asked, as the flow's reader names it (the mentee flow: `understand`'s Asked). */
export type AskedKey = Asked | (string & {});

/** How a flow reads messages into its answers: what MessageReader needs to know of the flow. */
export interface ReadingRules {
  /** Reads one message, whatever was asked. */
  understand(text: string, ctx: Omit<UnderstandContext, 'asked'> & { asked: AskedKey | null }): Understanding;
  /** The flow's question each reading answers. */
  slotOfKey: Partial<Record<string, SlotName>>;
  /** What `understand` is told was asked, and whether answers to other questions are read on the way. */
  policy(state: IntakeState): { asked: AskedKey | null; extrasOnlyIfCorrection: boolean };
  /** Writes what a reading says about one question into the draft. */
  applySlot(d: Draft, slot: SlotName, s: Slots, replace: boolean): ApplyOutcome;
  /** Questions whose own `understand` reads the reply (free words, contact details). */
  readsItself: readonly SlotName[];
  /** Ages the flow takes: outside them, confirmed then refused, nothing kept. */
  ages: { min: number; max: number };
}

/**
 * Writes what a reading says about one question into the draft. Places that still need a
 * choice (several namesakes, a département alone) are not written here: the dialog asks.
 * `replace`: a correction of contact details keeps the half not mentioned.
 */
export function applySlot(d: Draft, slot: SlotName, s: Slots, replace: boolean, ages = { min: MIN_AGE, max: MAX_AGE }): ApplyOutcome {
  switch (slot) {
    case 'firstName':
      if (s.firstName === undefined) return 'nothing';
      d.firstName = s.firstName;
      return 'applied';
    case 'age':
      if (s.age === undefined) return 'nothing';
      if (s.age < ages.min) return 'tooYoung';
      if (s.age > ages.max) return 'tooOld';
      d.age = s.age;
      return 'applied';
    case 'situation':
      if (!s.situation) return 'nothing';
      d.situation = { kind: s.situation.kind, schoolYear: s.situation.schoolYear, diplomaLevel: s.situation.diplomaLevel, detail: s.situation.detail };
      return 'applied';
    case 'level':
      if (!s.level || !d.situation) return 'nothing';
      d.situation = { ...d.situation, schoolYear: s.level.schoolYear ?? d.situation.schoolYear, diplomaLevel: s.level.diplomaLevel ?? d.situation.diplomaLevel };
      return 'applied';
    case 'needs':
      if (!s.needs) return 'nothing';
      d.needs = s.needs;
      if (s.needsOther) d.needsOther = s.needsOther;
      else delete d.needsOther;
      return 'applied';
    case 'place':
      if (s.place?.kind !== 'commune') return 'nothing';
      d.place = s.place.place;
      return 'applied';
    case 'priority':
      if (s.priority === undefined) return 'nothing';
      d.priority = s.priority;
      return 'applied';
    case 'meeting':
      if (!s.meeting) return 'nothing';
      d.meeting = s.meeting;
      return 'applied';
    case 'availability':
      if (s.availability === undefined) return 'nothing';
      d.availability = s.availability;
      return 'applied';
    case 'contact': {
      // A landline cannot get an SMS and is not what associations call back on.
      const phone = s.phone && isMobile(s.phone) ? s.phone : undefined;
      if (!s.email && !phone) return 'nothing';
      d.email = s.email ?? (replace ? d.email ?? null : null);
      d.phone = phone ?? (replace ? d.phone ?? null : null);
      if (!d.email || !d.phone) d.contactPreference = d.email ? 'email' : 'phone';
      else if (replace && d.contactPreference) { /* both known: the preference given before stands */ } else delete d.contactPreference;
      return 'applied';
    }
    case 'contactPreference':
      if (!s.contactPreference || !d.email || !d.phone) return 'nothing';
      if (s.contactPreference !== 'email' && !d.phone) return 'nothing';
      d.contactPreference = s.contactPreference;
      return 'applied';
    default:
      return 'nothing';
  }
}

/** The slots of a reading that hold doubtful values, by the key `understand` marks. */
const CHECKED: Partial<Record<SlotKey, SlotName>> = { firstName: 'firstName', place: 'place', age: 'age', situation: 'situation', needs: 'needs' };

/**
 * The reading without its doubtful values (`u.doubtful`), which are kept in `state.unsure` for
 * the question to confirm when it comes. A correction or an answer already given is never
 * doubted: the young person said it on purpose.
 */
export function setAsideDoubtful(state: IntakeState, u: Understanding): Slots {
  const slots: Slots = { ...u.slots };
  if (!u.doubtful || u.correction) return slots;
  for (const key of u.doubtful) {
    const slot = CHECKED[key];
    if (!slot || isAnswered(state, slot) || slots[key] === undefined) continue;
    state.unsure = { ...state.unsure, [key]: slots[key] } as Slots;
    delete slots[key];
  }
  return slots;
}

/** A doubtful reading waits for this question: it is asked as a yes/no check instead. */
export function unsureFor(state: IntakeState, slot: SlotName): boolean {
  const s = state.unsure;
  if (!s) return false;
  if (slot === 'firstName') return s.firstName !== undefined;
  if (slot === 'place') return s.place?.kind === 'commune';
  if (slot === 'age') return s.age !== undefined;
  if (slot === 'situation') return s.situation !== undefined;
  if (slot === 'needs') return s.needs !== undefined;
  return false;
}

/** Drops a doubtful reading of this question (answered another way, or not to be offered again). */
export function forgetUnsure(state: IntakeState, slot: SlotName): void {
  if (!state.unsure) return;
  const rest: Slots = { ...state.unsure };
  for (const [key, s] of Object.entries(CHECKED)) if (s === slot) delete rest[key as SlotKey];
  if (Object.keys(rest).length > 0) state.unsure = rest;
  else delete state.unsure;
}

/** "Tu t'appelles bien Lucas ?", "Tu habites bien à Plaisir (78370) ?", "Ta situation : en emploi, c'est bien ça ?", yes or no. */
export function checkAsk(state: IntakeState, slot: SlotName): Msg {
  const s = state.unsure ?? {};
  const value: string | Msg = slot === 'place' && s.place?.kind === 'commune' ? formatPlace(s.place.place)
    : slot === 'age' ? String(s.age ?? '')
    : slot === 'situation' && s.situation ? msg(`vocab.situation.${s.situation.kind}`)
    : slot === 'needs' && s.needs ? questionOf(state, 'needs').show({ ...state.draft, needs: s.needs }) ?? ''
    : s.firstName ?? '';
  return { key: `intake.check.${slot}`, params: { value }, choices: [{ code: 'yes', label: msg('common.yes') }, { code: 'no', label: msg('common.no') }] };
}

/**
 * The reply to a check: yes stores the doubtful reading as the answer, no drops it (the
 * question is then asked), anything else drops it too and is read as the answer itself.
 */
export function answerCheck(state: IntakeState, yes: boolean | null, apply: ReadingRules['applySlot'] = applySlot): 'yes' | 'no' | null {
  const slot = state.checking;
  delete state.checking;
  const held = state.unsure ?? {};
  if (slot) forgetUnsure(state, slot);
  if (!slot || yes === null) return null;
  if (!yes) return 'no';
  // An age outside the range is not stored on a yes: the question comes, and its own confirmation.
  if (apply(state.draft, slot, held, false) !== 'applied') return 'no';
  state.answered[slot] = true;
  state.history = [...state.history.filter((s) => s !== slot), slot];
  state.retries = 0;
  if (slot === 'place') { delete state.pendingPlaces; delete state.placeIn; }
  forgetWhatNoLongerApplies(state);
  return 'yes';
}

/** How the young person's messages are read: the mentee flow's rules. */
export const MENTEE_READING: ReadingRules = {
  understand: (text, ctx) => understand(text, { ...ctx, asked: ctx.asked as Asked | null }),
  slotOfKey: SLOT_OF_KEY,
  policy: readingPolicy,
  applySlot: (d, slot, s, replace) => applySlot(d, slot, s, replace),
  readsItself: ['contact', 'guardianName', 'guardianContact', 'guardianConsent', 'needsOther'],
  ages: { min: MIN_AGE, max: MAX_AGE },
};

export interface AppliedReadings { noted: SlotName[]; corrected: SlotName[]; outOfRange?: 'tooYoung' | 'tooOld' }

/** "Which one?" with the candidate communes as buttons. */
export function placeChoiceAsk(candidates: readonly Place[]): Msg {
  return { key: 'intake.place.which', choices: candidates.map((p, i) => ({ code: String(i + 1), label: msg('common.verbatim', { text: formatPlace(p) }) })) };
}

export interface ReaderDeps {
  places: CommuneIndex;
  t: Translate;
  now: () => Date;
  retentionDays: number;
}

/**
 * Turns what `understand` read in a message into changes to the conversation: the answer to
 * the question asked, the answers given on the way, corrections, the FAQ answer, the
 * language. The engine (engine/FlowEngine) decides what to say next.
 */
export class MessageReader {
  constructor(private readonly deps: ReaderDeps, readonly rules: ReadingRules = MENTEE_READING) {}

  /** The flow's questions a reading answers, each once, in the order of its keys. */
  slotsRead(slots: Slots): SlotName[] {
    const out: SlotName[] = [];
    for (const key of Object.keys(slots)) {
      const slot = this.rules.slotOfKey[key];
      if (slot && !out.includes(slot)) out.push(slot);
    }
    return out;
  }

  /** Keeps what a message said before consent, for when consent is given. */
  hold(state: IntakeState, u: Understanding): void {
    const slots: Slots = setAsideDoubtful(state, u);
    delete slots.confirm;
    if (Object.keys(slots).length === 0) return;
    state.pending = { ...state.pending, ...slots };
  }

  /** Reads a message with everything the conversation knows (the question asked, the situation, the day). */
  read(state: IntakeState, text: string, asked: AskedKey | null): Understanding {
    return this.rules.understand(text, { asked, situation: state.draft.situation?.kind ?? null, lang: state.lang, today: this.deps.now(), places: this.deps.places });
  }

  /** The first messages decide the language: a young person writing English gets English. */
  followLanguage(state: IntakeState, u: Understanding, out: Msg[]): void {
    // The first messages decide the language; a request ("can we continue in English?") at any time.
    if (u.langRequested && u.lang) state.langChosen = true;
    if (u.lang && u.lang !== state.lang && (((state.turns ?? 0) <= 3 && !state.langChosen) || u.langRequested)) {
      state.lang = u.lang;
      out.push(msg('intake.language.switched'));
    }
  }

  /** The answer to a question about the service: why this question, or the word asked about, when it says so. */
  faqMsg(state: IntakeState, u: Understanding): Msg {
    const exists = (key: string) => this.deps.t(state.lang, key) !== key;
    if (u.faq === 'why_asked' && state.current && exists(`faq.why.${state.current}`)) return msg(`faq.why.${state.current}`);
    if (u.faq === 'explain_question' && u.faqTerm && exists(`faq.explain.${u.faqTerm}`)) return msg(`faq.explain.${u.faqTerm}`);
    return msg(`faq.${u.faq}`, { days: this.deps.retentionDays });
  }

  /**
   * Writes the answers a message gave to questions other than the one asked ("j'ai 17 ans"
   * while asked the town). Answers already given change only when the message says it
   * corrects them (`force`) or at the summary: never silently.
   */
  applyReadings(state: IntakeState, slots: Slots, opts: { force: boolean; except: SlotName | null; adds?: boolean }): AppliedReadings {
    const result: AppliedReadings = { noted: [], corrected: [] };
    for (const slot of this.slotsRead(slots)) {
      if (slot === opts.except) continue;
      const q = questionOf(state, slot);
      const answered = isAnswered(state, slot);
      if (answered && !opts.force) continue;
      const place = slots.place;
      if (slot === 'place' && place && place.kind !== 'commune') {
        // Several namesakes or a département alone: asked when the place question comes.
        if (place.kind === 'ambiguous' || place.kind === 'postalCode') state.pendingPlaces = place.candidates.slice(0, 8);
        else if (place.kind === 'departement') state.placeIn = place.code;
        else continue;
        if (answered) { q.clear(state.draft); delete state.answered.place; }
        continue;
      }
      const draft = structuredClone(state.draft);
      const before = JSON.stringify(q.show(draft));
      // "rajoute la confiance en moi": added to the needs already given.
      const given = slot === 'needs' && opts.adds && slots.needs && draft.needs ? { ...slots, needs: [...new Set([...draft.needs, ...slots.needs])] } : slots;
      const outcome = this.rules.applySlot(draft, slot, given, answered);
      if (outcome === 'tooYoung' || outcome === 'tooOld') { result.outOfRange = outcome; continue; }
      // A diploma told before any situation waits for it (applyHeld), rather than being lost.
      if (outcome === 'nothing' && slot === 'level' && !draft.situation && given.level?.diplomaLevel) {
        state.held = { ...state.held, level: { schoolYear: null, diplomaLevel: given.level.diplomaLevel } };
        continue;
      }
      if (outcome !== 'applied' || !q.applies(draft)) continue;
      // A priority public told in passing may not be all (an unaccompanied minor: a refugee in
      // child welfare's care): it is noted, and the priority question still comes, asking
      // whether another applies (ownAnswer adds to it).
      if (slot === 'priority' && !answered && !opts.force) {
        draft.priority = [...new Set([...(state.draft.priority ?? []), ...(draft.priority ?? [])])];
        if (otherPublicMayApply(draft)) {
          state.draft = draft;
          if (!result.noted.includes(slot)) result.noted.push(slot);
          continue;
        }
      }
      state.draft = draft;
      for (const reset of q.resets ?? []) delete state.answered[reset];
      state.answered[slot] = true;
      state.history = [...state.history.filter((s) => s !== slot), slot];
      if (!answered) result.noted.push(slot);
      else if (JSON.stringify(q.show(draft)) !== before) result.corrected.push(slot);
    }
    forgetWhatNoLongerApplies(state);
    return result;
  }

  /**
   * Readings held for an answer given since (`state.held`): a diploma obtained, told before the
   * situation, is the level of someone out of education (a student's level is the diploma they
   * prepare, asked as usual). Used once; the bot says what it noted.
   */
  applyHeld(state: IntakeState): AppliedReadings {
    const result: AppliedReadings = { noted: [], corrected: [] };
    const level = state.held?.level;
    const situation = state.draft.situation;
    if (!level || !situation) return result;
    delete state.held!.level;
    if (Object.keys(state.held!).length === 0) delete state.held;
    const q = questionsOf(state).find((x) => x.slot === 'level');
    if (!q || !OUT_OF_EDUCATION_KINDS.includes(situation.kind) || !q.applies(state.draft) || isAnswered(state, 'level')) return result;
    if (this.rules.applySlot(state.draft, 'level', { level }, false) !== 'applied') return result;
    state.answered.level = true;
    state.history = [...state.history.filter((s) => s !== 'level'), 'level'];
    result.noted.push('level');
    return result;
  }

  /** "Noted: …" and "Changed: …", each answer as its summary line; after an opening, with how to correct it. */
  understoodMsgs(state: IntakeState, applied: AppliedReadings, opening = false): Msg[] {
    const questions = questionsOf(state);
    const order = (a: SlotName, b: SlotName) => questions.findIndex((q) => q.slot === a) - questions.findIndex((q) => q.slot === b);
    const items = (slots: SlotName[]) => [...slots].sort(order).flatMap((slot) => {
      const value = questionOf(state, slot).show(state.draft);
      return value === null ? [] : [msg('intake.understood.item', { label: msg(`intake.field.${slot}`), value })];
    });
    const out: Msg[] = [];
    if (applied.noted.length > 0) out.push(msg(opening ? 'intake.understood.notedOpening' : 'intake.understood.noted', { items: items(applied.noted) }));
    if (applied.corrected.length > 0) out.push(msg('intake.understood.corrected', { items: items(applied.corrected) }));
    return out;
  }

  /** The reply's reading as the answer to the question asked, or null to let the question read the text itself. */
  ownAnswer(state: IntakeState, q: Question, u: Understanding, text: string, askAgain: (state: IntakeState, q: Question) => Msg): Answer | null {
    const s = u.slots;
    // A doubtful reading of this very answer (the reading model's) is not taken: the question's
    // own rules read the reply, and the dialog confirms the reading if they miss (FlowEngine).
    if (u.doubtful?.some((key) => CHECKED[key] === q.slot)) return null;
    switch (q.slot) {
      case 'place': {
        // A choice among namesakes offered before: choosePlace reads "2", "celui du 93". Anything
        // else (another town typed instead, with its typos) is read like any answer to the question.
        const pending = state.pendingPlaces;
        if (pending?.length) {
          const chosen = choosePlace(u.source ?? text, pending, this.deps.places);
          if (chosen.ok) return { kind: 'ok', apply: (d) => { d.place = chosen.value; } };
          if (chosen.reason === 'declined') return { kind: 'ok', apply: (d) => { d.place = null; } };
          if (chosen.reason === 'ambiguous' && chosen.candidates?.length) {
            const narrowed = chosen.candidates.slice(0, 8);
            return { kind: 'clarify', pendingPlaces: narrowed, ask: placeChoiceAsk(narrowed) };
          }
        }
        const p = s.place;
        // Nothing read ("jsp", a typo too far): asked again, never stored as "not said".
        if (!p) return { kind: 'retry' };
        if (p.kind === 'commune') return { kind: 'ok', apply: (d) => { d.place = p.place; } };
        if (p.kind === 'declined') return { kind: 'ok', apply: (d) => { d.place = null; } };
        if (p.kind === 'departement') {
          // The same département again ("a village in Lozère"): a miss, so that three of them
          // move on instead of asking for ever.
          if (state.placeIn === p.code) return { kind: 'retry', hint: msg('intake.place.retryIn') };
          state.placeIn = p.code;
          return { kind: 'clarify', ask: askAgain(state, q), pendingPlaces: [] };
        }
        // A namesake in the département said earlier settles it.
        const inDep = state.placeIn ? p.candidates.filter((c) => c.departement === state.placeIn) : [];
        if (inDep.length === 1) return { kind: 'ok', apply: (d) => { d.place = inDep[0]!; } };
        const candidates = (inDep.length > 1 ? inDep : p.candidates).slice(0, 8);
        return { kind: 'clarify', pendingPlaces: candidates, ask: placeChoiceAsk(candidates) };
      }
      case 'age':
        if (s.age === undefined) return null;
        if (s.age < this.rules.ages.min) return { kind: 'outOfRange', which: 'tooYoung' };
        if (s.age > this.rules.ages.max) return { kind: 'outOfRange', which: 'tooOld' };
        return { kind: 'ok', apply: (d) => { d.age = s.age!; } };
      case 'priority': {
        // The question after a public told in passing: the answer adds to it; "non" or "passer" keep it.
        const told = state.draft.priority;
        if (state.editing || !told?.length || state.answered.priority) break;
        if (u.skip || s.priority === null || (s.priority !== undefined && s.priority.length === 0)) return { kind: 'ok', apply: (d) => { d.priority = told; } };
        if (s.priority) { const more = s.priority; return { kind: 'ok', apply: (d) => { d.priority = [...new Set([...told, ...more])]; } }; }
        break;
      }
      case 'level':
        // "en première pro en fait": the whole situation again, year included.
        if (!s.level && s.situation) return { kind: 'ok', apply: (d) => { applySlot(d, 'situation', s, true); } };
        break;
      default:
        if (this.rules.readsItself.includes(q.slot)) return null;
        break;
    }
    if (!this.slotsRead(s).includes(q.slot)) return null;
    const probe = structuredClone(state.draft);
    if (this.rules.applySlot(probe, q.slot, s, false) !== 'applied') return null;
    const ack = q.slot === 'firstName' && s.firstName ? msg('intake.firstName.thanks', { name: s.firstName }) : undefined;
    return { kind: 'ok', apply: (d) => { this.rules.applySlot(d, q.slot, s, false); }, ack };
  }
}
