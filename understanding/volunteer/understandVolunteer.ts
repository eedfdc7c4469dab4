import type { Help, MentorLanguage, VolunteerPublic } from '../../intake/volunteerVocabulary';
import { readAge } from '../parseAge';
import { understand, type Asked, type Slots, type UnderstandContext, type Understanding } from '../understand';
import { placeAfterOccupation, readCompany, readHelps, readLanguages, readOccupation, readPublics, readTime, type OccupationReading, type TimeReading } from './parseVolunteer';

/** The volunteer flow's questions `understand` is told about (the others it reads as an opening). */
const SHARED_ASKED: ReadonlySet<string> = new Set(['firstName', 'place', 'meeting', 'contact', 'contactPreference', 'confirm']);
/** Readings of the mentee flow a volunteer's answers have nothing to do with. */
const MENTEE_ONLY: readonly (keyof Slots)[] = ['situation', 'level', 'needs', 'needsOther', 'priority', 'availability'];

/** What a volunteer's message says, besides what every flow reads (name, age, place, contact...). */
export interface VolunteerSlots extends Slots {
  occupation?: OccupationReading;
  company?: string;
  time?: TimeReading;
  helps?: Help[];
  publics?: VolunteerPublic[];
  languages?: MentorLanguage[];
}

export type VolunteerAsked = 'age' | 'occupation' | 'occupationDetail' | 'company' | 'time' | 'helps' | 'publics' | 'languages' | Asked;

/**
 * Reads a volunteer's message: the shared readers (understanding/understand: first name,
 * place, meeting, contact, corrections, FAQ, language, commands, noise), then what only a
 * volunteer says (occupation, time, help, publics, languages). Never throws.
 */
export function understandVolunteer(text: string, ctx: Omit<UnderstandContext, 'asked'> & { asked: VolunteerAsked | null }): Understanding {
  const asked = ctx.asked && SHARED_ASKED.has(ctx.asked) ? (ctx.asked as Asked) : null;
  const base = understand(text, { ...ctx, asked, situation: null });
  const slots: VolunteerSlots = { ...base.slots };
  for (const k of MENTEE_ONLY) delete slots[k];
  if (base.command || base.skip) return { ...base, slots };
  try {
    const source = base.source ?? text;
    // Ages above the mentee range are a volunteer's: read them with the same reader, any value.
    const age = readAge(source, ctx.lang, ctx.today, { bareNumber: ctx.asked === 'age' });
    if (age !== null) slots.age = age;
    else if (ctx.asked !== 'age') delete slots.age;
    const occupation = readOccupation(source, ctx.asked === 'occupation');
    if (occupation) slots.occupation = occupation;
    const company = ctx.asked === 'company' ? readCompany(source) : null;
    if (company) slots.company = company;
    const time = readTime(source, ctx.asked === 'time');
    if (time) slots.time = time;
    const helps = readHelps(source);
    if (helps) slots.helps = helps;
    const publics = readPublics(source, ctx.asked === 'publics');
    if (publics) slots.publics = publics;
    const languages = readLanguages(source, ctx.asked === 'languages');
    // "je parle anglais" is a language; "English please" a request to switch the bot's.
    if (languages && (ctx.asked === 'languages' || !base.langRequested)) slots.languages = languages;
    // "je suis fonctionnaire à Tours": where they work or live, said as such; not the word "tours".
    if (base.doubtful?.includes('place') && slots.place?.kind === 'commune' && placeAfterOccupation(source, slots.place.place.name)) {
      const doubtful = base.doubtful.filter((k) => k !== 'place');
      return { ...base, slots, doubtful: doubtful.length > 0 ? doubtful : undefined };
    }
  } catch {
    // A reader failing reads nothing more: what the shared readers found stands.
  }
  return { ...base, slots };
}
