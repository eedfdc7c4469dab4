import { VOLUNTEER_MAX_AGE, VOLUNTEER_MIN_AGE } from '../../../intake/volunteerVocabulary';
import { understandVolunteer, type VolunteerAsked, type VolunteerSlots } from '../../../understanding/volunteer/understandVolunteer';
import type { SlotName } from '../../IntakeState';
import { applySlot, type ReadingRules } from '../../readings';

const AGES = { min: VOLUNTEER_MIN_AGE, max: VOLUNTEER_MAX_AGE };
/**
 * Answers in their own words, read by their question (only what answers it is kept, capped);
 * what else they say is read as other answers ("infirmière, dispo 2 h par semaine").
 */
const OWN_WORDS: readonly SlotName[] = ['occupationDetail', 'company'];

/**
 * What else an answer in their own words may also answer: "infirmière, dispo 2 h par semaine en visio".
 * Not a place, help, public or language: "master de droit à Lyon 2", "professeur d'anglais" name none of those.
 */
const BESIDE_OWN_WORDS: ReadonlySet<string> = new Set(['time', 'meeting', 'email', 'phone', 'contactPreference', 'age']);

/** How a volunteer's messages are read into the volunteer flow's answers. */
export const VOLUNTEER_READING: ReadingRules = {
  understand(text, ctx) {
    const read = understandVolunteer(text, { ...ctx, asked: ctx.asked as VolunteerAsked | null });
    // Languages named elsewhere are most often a subject or a context ("tutor in English", "prof
    // d'anglais", "my French is ok"): they answer only their own question (or a correction of it).
    const u = ctx.asked === 'languages' || ctx.asked === 'confirm' || read.correction || !('languages' in read.slots) ? read
      : { ...read, slots: Object.fromEntries(Object.entries(read.slots).filter(([k]) => k !== 'languages')), doubtful: read.doubtful?.filter((k) => String(k) !== 'languages') };
    if (!ctx.asked || !OWN_WORDS.includes(ctx.asked as SlotName) || u.correction) return u;
    const slots = Object.fromEntries(Object.entries(u.slots).filter(([k]) => BESIDE_OWN_WORDS.has(k)));
    const doubtful = u.doubtful?.filter((k) => k in slots);
    return { ...u, slots, doubtful: doubtful?.length ? doubtful : undefined };
  },
  slotOfKey: {
    firstName: 'firstName', age: 'age', place: 'place', meeting: 'meeting', email: 'contact', phone: 'contact', contactPreference: 'contactPreference',
    occupation: 'occupation', company: 'company', time: 'time', helps: 'helps', publics: 'publics', languages: 'languages',
  },
  policy(state) {
    if (state.phase === 'summary' || state.phase === 'editPick' || state.phase === 'proposal') return { asked: 'confirm', extrasOnlyIfCorrection: false };
    if (state.phase !== 'asking' || !state.current) return { asked: null, extrasOnlyIfCorrection: false };
    return { asked: state.current, extrasOnlyIfCorrection: false };
  },
  applySlot(d, slot, slots, replace) {
    const s = slots as VolunteerSlots;
    switch (slot) {
      case 'occupation':
        if (!s.occupation) return 'nothing';
        d.occupation = { kind: s.occupation.kind, detail: s.occupation.detail };
        if (s.occupation.company) d.company = s.occupation.company;
        else if (s.occupation.kind !== 'employed') delete d.company;
        return 'applied';
      case 'company':
        if (!s.company || d.occupation?.kind !== 'employed') return 'nothing';
        d.company = s.company;
        return 'applied';
      case 'time':
        if (!s.time) return 'nothing';
        // "pendant un an" after "3h par mois": the part not said stays.
        d.time = { hoursPerMonth: s.time.hoursPerMonth ?? d.time?.hoursPerMonth ?? null, months: s.time.months ?? d.time?.months ?? null };
        return 'applied';
      case 'helps': case 'publics': case 'languages': {
        // Lists read as they are: the reading's key is the draft's.
        const value = s[slot];
        if (!value) return 'nothing';
        Object.assign(d, { [slot]: value });
        return 'applied';
      }
      default:
        // First name, age (the volunteer's range), place, meeting, contact: read as in the mentee flow.
        return applySlot(d, slot, s, replace, AGES);
    }
  },
  readsItself: ['contact', ...OWN_WORDS],
  ages: AGES,
};
