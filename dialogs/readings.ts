import { MAX_AGE, MIN_AGE } from '../intake/vocabulary';
import { isMobile } from '../understanding/parsePhone';
import type { Asked, SlotKey, Slots } from '../understanding/understand';
import type { Draft, IntakeState, SlotName } from './IntakeState';

/** The dialog's question each reading answers. */
export const SLOT_OF_KEY: Partial<Record<SlotKey, SlotName>> = {
  firstName: 'firstName', age: 'age', situation: 'situation', level: 'level', needs: 'needs', needsOther: 'needs', place: 'place',
  priority: 'priority', meeting: 'meeting', availability: 'availability', email: 'contact', phone: 'contact', contactPreference: 'contactPreference',
};

const SCHOOL_KINDS = new Set(['college', 'lycee_general', 'lycee_techno', 'lycee_pro']);
/** Questions whose answer is the young person's own free words (or a parent's details): nothing else is read in them unless they say they correct something. */
const FREE_TEXT: ReadonlySet<SlotName> = new Set(['needsOther', 'availability', 'guardianName', 'guardianContact', 'guardianConsent']);

/** What `understand` is told was asked, and whether answers to other questions are read on the way. */
export function readingPolicy(state: IntakeState): { asked: Asked | null; extrasOnlyIfCorrection: boolean } {
  if (state.phase === 'summary' || state.phase === 'editPick' || state.phase === 'proposal') return { asked: 'confirm', extrasOnlyIfCorrection: false };
  if (state.phase !== 'asking' || !state.current) return { asked: null, extrasOnlyIfCorrection: false };
  const slot = state.current;
  if (slot === 'level') return { asked: SCHOOL_KINDS.has(state.draft.situation?.kind ?? '') ? 'schoolYear' : 'diplomaLevel', extrasOnlyIfCorrection: false };
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

/**
 * Writes what a reading says about one question into the draft. Places that still need a
 * choice (several namesakes, a département alone) are not written here: the dialog asks.
 * `replace`: a correction of contact details keeps the half not mentioned.
 */
export function applySlot(d: Draft, slot: SlotName, s: Slots, replace: boolean): ApplyOutcome {
  switch (slot) {
    case 'firstName':
      if (s.firstName === undefined) return 'nothing';
      d.firstName = s.firstName;
      return 'applied';
    case 'age':
      if (s.age === undefined) return 'nothing';
      if (s.age < MIN_AGE) return 'tooYoung';
      if (s.age > MAX_AGE) return 'tooOld';
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
