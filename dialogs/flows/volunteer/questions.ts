import { HELPS, OCCUPATIONS, VOLUNTEER_MAX_AGE, VOLUNTEER_MIN_AGE, VOLUNTEER_PUBLICS, type Help, type VolunteerPublic } from '../../../intake/volunteerVocabulary';
import { readAge } from '../../../understanding/parseAge';
import { readCompany, readHelps, readLanguages, readOccupation, readPublics, readTime } from '../../../understanding/volunteer/parseVolunteer';
import { parseMeeting } from '../../../understanding/parseMeeting';
import { cleanText } from '../../../understanding/text';
import { understandVolunteer, type VolunteerSlots } from '../../../understanding/volunteer/understandVolunteer';
import { msg, type Msg } from '../../Msg';
import { byChoice, cleanFreeText, plainYesNo, questionFor, vocab, type AskContext, type Question } from '../../questions';

/**
 * The volunteer's questions, in the order they are asked. First name, place, meeting and
 * contact are the mentee flow's own questions (same answers, carried over when someone
 * changes side); their texts say `volunteer.*` where the locales have one.
 */

const ask = (key: string) => (ctx: AskContext) => msg(`volunteer.${key}.ask`, { name: ctx.state.draft.firstName ?? '' });
const list = (msgs: Msg[]): Msg => msgs.reduce<Msg>((acc, m, i) => (i === 0 ? m : msg('common.and', { a: acc, b: m })), msg('common.empty'));

const age: Question = {
  slot: 'age',
  applies: () => true,
  skippable: false,
  ask: ask('age'),
  understand(text, ctx) {
    const years = readAge(text, ctx.lang, ctx.today, { bareNumber: true });
    if (years === null) return { kind: 'retry' };
    if (years < VOLUNTEER_MIN_AGE) return { kind: 'outOfRange', which: 'tooYoung' };
    if (years > VOLUNTEER_MAX_AGE) return { kind: 'outOfRange', which: 'tooOld' };
    return { kind: 'ok', apply: (d) => { d.age = years; } };
  },
  clear: (d) => { delete d.age; },
  show: (d) => (d.age === undefined ? null : msg('intake.age.value', { age: d.age })),
};

const occupation: Question = {
  slot: 'occupation',
  applies: () => true,
  skippable: false,
  resets: ['occupationDetail', 'company'],
  ask: ask('occupation'),
  choices: () => vocab('occupation', OCCUPATIONS),
  understand(text, ctx) {
    const read = readOccupation(text, true);
    if (read) return { kind: 'ok', apply: (d) => { d.occupation = { kind: read.kind, detail: read.detail }; if (read.company) d.company = read.company; else delete d.company; } };
    const [code] = byChoice(text, ctx, this) as (typeof OCCUPATIONS)[number][];
    return code ? { kind: 'ok', apply: (d) => { d.occupation = { kind: code, detail: null }; delete d.company; } } : { kind: 'retry' };
  },
  clear: (d) => { delete d.occupation; delete d.company; },
  show: (d) => (d.occupation ? msg(`vocab.occupation.${d.occupation.kind}`) : null),
};

/** The first clause of a free-text answer, capped: "infirmière à Lyon, et je peux 3 h par mois" -> "infirmière à Lyon". */
function firstClause(text: string, max: number): string | null {
  const clause = cleanText(text).split(/[,;.!?\n]|\s(?:et|and|mais|but)\s/u)[0] ?? '';
  return cleanFreeText(clause, max);
}

/**
 * The clause of an answer to "which company?" that names it: the first ("Orange, depuis 10
 * ans"), or a later one with a name in capitals when the first has none ("une petite startup,
 * Brightloop"). "et"/"and" before a capital belongs to the name ("Cabinet Rocher et Associés").
 */
const SENTENCE_STARTS = new Set(['i', 'je', 'j', 'jbosse', 'jtravaille', 'un', 'une', 'a', 'an', 'the', 'le', 'la', 'les', 'l', 'my', 'mon', 'ma', 'c', 'ca', 'ça', 'it', 'we', 'on', 'dans', 'in', 'chez', 'at', 'pour', 'for']);
const PLACE_BEFORE = new Set(['à', 'a', 'au', 'en', 'in', 'near', 'sur', 'vers', 'près', 'pres', 'de']);

export function companyClause(text: string, max: number): string | null {
  const clauses = cleanText(text).split(/[,;.!?\n]|\s(?:mais|but)\s|\s(?:et|and)\s(?!\p{Lu})/u).map((c) => c.trim()).filter(Boolean);
  // A word in capitals that is no sentence's start ("I", "Je", "Une") and no place ("à Lyon").
  const named = (c: string) => c.split(/\s+/).some((w, k, ws) => /^\p{Lu}/u.test(w) && !SENTENCE_STARTS.has(w.toLowerCase().replace(/['’].*$/u, ''))
    && !PLACE_BEFORE.has((ws[k - 1] ?? '').toLowerCase()));
  const first = clauses[0] ?? '';
  const pick = named(first) ? first : clauses.slice(1).find(named) ?? first;
  return cleanFreeText(pick, max);
}

/** Words that answer another question (time, meeting, contact, age), not a trade or a company: "3 h par mois", "en visio". */
function answersSomethingElse(text: string, ctx: AskContext): boolean {
  const s = understandVolunteer(text, { asked: null, lang: ctx.lang, today: ctx.today, places: ctx.places }).slots as VolunteerSlots;
  return !!(s.time || s.meeting || s.email || s.phone || s.age !== undefined) || parseMeeting(text).ok;
}

const DETAIL_MAX = 60;

const occupationDetail: Question = {
  slot: 'occupationDetail',
  applies: (d) => d.occupation?.kind === 'student' || d.occupation?.kind === 'employed',
  filled: (d) => !!d.occupation?.detail,
  skippable: true,
  ask: (ctx) => msg(ctx.state.draft.occupation?.kind === 'student' ? 'volunteer.occupationDetail.askStudent' : 'volunteer.occupationDetail.askEmployed'),
  understand(text, ctx) {
    // Only what answers this question: the trade or studies named, else the first clause (the rest is read as other answers).
    const clause = firstClause(text, DETAIL_MAX);
    const detail = readOccupation(text, true)?.detail ?? (clause && !answersSomethingElse(clause, ctx) ? clause : null);
    return detail ? { kind: 'ok', apply: (d) => { if (d.occupation) d.occupation = { ...d.occupation, detail }; } } : { kind: 'retry' };
  },
  clear: (d) => { if (d.occupation) d.occupation = { ...d.occupation, detail: null }; },
  show: (d) => d.occupation?.detail ?? null,
};

const company: Question = {
  slot: 'company',
  applies: (d) => d.occupation?.kind === 'employed',
  filled: (d) => typeof d.company === 'string',
  skippable: true,
  ask: ask('company'),
  choices: () => [{ code: 'no', label: msg('volunteer.company.no') }],
  understand(text, ctx) {
    if (plainYesNo(text, ctx.lang) === false || byChoice(text, ctx, this)[0] === 'no') return { kind: 'ok', apply: (d) => { d.company = null; } };
    // "en personne, 3h par mois": other answers, no company (asked again after them).
    const clause = companyClause(text, 80);
    const name = readCompany(text) ?? (clause && !answersSomethingElse(clause, ctx) ? clause : null);
    return name && plainYesNo(text, ctx.lang) === null ? { kind: 'ok', apply: (d) => { d.company = name; } } : { kind: 'retry' };
  },
  clear: (d) => { delete d.company; },
  show: (d) => (d.company === undefined ? null : d.company ?? msg('volunteer.company.none')),
};

const time: Question = {
  slot: 'time',
  applies: () => true,
  skippable: true,
  ask: ask('time'),
  understand(text) {
    const read = readTime(text, true);
    return read ? { kind: 'ok', apply: (d) => { d.time = read; } } : { kind: 'retry' };
  },
  clear: (d) => { delete d.time; },
  show: (d) => {
    if (d.time === undefined) return null;
    if (d.time === null) return msg('common.notSaid');
    const { hoursPerMonth: hours, months } = d.time;
    if (hours !== null && months !== null) return msg('volunteer.time.value', { hours, months });
    return hours !== null ? msg('volunteer.time.hoursOnly', { hours }) : msg('volunteer.time.monthsOnly', { months: months ?? 0 });
  },
};

const helps: Question = {
  slot: 'helps',
  applies: () => true,
  skippable: false,
  multiple: true,
  ask: ask('helps'),
  choices: () => vocab('help', HELPS),
  understand(text, ctx) {
    const read = readHelps(text) ?? (byChoice(text, ctx, this) as Help[]);
    return read.length > 0 ? { kind: 'ok', apply: (d) => { d.helps = read; } } : { kind: 'retry' };
  },
  clear: (d) => { delete d.helps; },
  show: (d) => (d.helps ? list(d.helps.map((h) => msg(`vocab.help.${h}`))) : null),
};

const isPublic = (c: string): c is VolunteerPublic => (VOLUNTEER_PUBLICS as readonly string[]).includes(c);
const publicsOfButtons = (codes: string[]): VolunteerPublic[] | null => (codes.length === 0 ? null : codes.filter(isPublic));

const publics: Question = {
  slot: 'publics',
  applies: () => true,
  skippable: true,
  multiple: true,
  ask: ask('publics'),
  choices: () => [...vocab('volunteerPublic', VOLUNTEER_PUBLICS), { code: 'any', label: msg('vocab.volunteerPublic.any') }],
  understand(text, ctx) {
    // Words first; then buttons, where "Peu importe" is the empty list.
    const chosen = readPublics(text, true) ?? publicsOfButtons(byChoice(text, ctx, this));
    return chosen ? { kind: 'ok', apply: (d) => { d.publics = chosen; } } : { kind: 'retry' };
  },
  clear: (d) => { delete d.publics; },
  show: (d) => {
    if (d.publics === undefined) return null;
    if (d.publics === null || d.publics.length === 0) return msg('vocab.volunteerPublic.any');
    return list(d.publics.map((p) => msg(`vocab.volunteerPublic.${p}`)));
  },
};

const languages: Question = {
  slot: 'languages',
  applies: () => true,
  skippable: true,
  namesLanguages: true,
  ask: ask('languages'),
  understand(text) {
    const read = readLanguages(text, true);
    return read ? { kind: 'ok', apply: (d) => { d.languages = read; } } : { kind: 'retry' };
  },
  clear: (d) => { delete d.languages; },
  show: (d) => (d.languages === undefined ? null : d.languages === null ? msg('common.notSaid') : list(d.languages.map((l) => msg(`vocab.language.${l}`)))),
};

export const VOLUNTEER_QUESTIONS: readonly Question[] = [
  questionFor('firstName'), age, occupation, occupationDetail, company, questionFor('place'), questionFor('meeting'),
  time, helps, publics, languages, questionFor('contact'), questionFor('contactPreference'),
];

