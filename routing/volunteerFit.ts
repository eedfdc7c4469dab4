import table from '../prisma/seed/volunteerFit.json';
import type { VolunteerOffer } from '../intake/VolunteerOffer';
import { ADULT_AGE, HELPS, OCCUPATIONS, VOLUNTEER_PUBLICS, type Help, type Occupation, type VolunteerPublic } from '../intake/volunteerVocabulary';
import { DEFAULT_COORDINATOR } from './defaultCoordinator';
import type { DirectoryProgramme, Reason, RouteDecision, RouteOption } from './types';

/** What the association checks itself and the volunteer is told before sending. */
export const CONDITIONS = ['women', 'same_trade_two_years', 'same_departement', 'over_50'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** One row of prisma/seed/volunteerFit.json: the volunteers a programme recruits. */
export interface VolunteerFit {
  occupations?: Occupation[];
  minAge?: number;
  helps: Help[];
  publics?: VolunteerPublic[];
  conditions?: Condition[];
  full: boolean;
}

const codes = <T extends string>(raw: unknown, all: readonly T[], where: string): T[] | undefined => {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.some((x) => !(all as readonly unknown[]).includes(x))) throw new Error(`volunteer fit table: unknown code in ${where}`);
  return raw as T[];
};

export function validatedVolunteerFit(raw: unknown): Record<string, VolunteerFit> {
  const out: Record<string, VolunteerFit> = {};
  const rows = (raw as { programmes?: Record<string, Record<string, unknown>> }).programmes ?? {};
  for (const [id, row] of Object.entries(rows)) {
    const helps = codes(row.helps, HELPS, `${id}.helps`);
    if (!helps || helps.length === 0) throw new Error(`volunteer fit table: ${id} gives no help`);
    const minAge = row.minAge === undefined ? undefined : Number(row.minAge);
    if (minAge !== undefined && !(Number.isInteger(minAge) && minAge >= 16 && minAge <= 90)) throw new Error(`volunteer fit table: ${id}.minAge`);
    if (typeof row.full !== 'boolean') throw new Error(`volunteer fit table: ${id}.full must be true or false`);
    const occupations = codes(row.occupations, OCCUPATIONS, `${id}.occupations`);
    const publics = codes(row.publics, VOLUNTEER_PUBLICS, `${id}.publics`);
    const conditions = codes(row.conditions, CONDITIONS, `${id}.conditions`);
    out[id] = { helps, full: row.full, ...(occupations ? { occupations } : {}), ...(minAge !== undefined ? { minAge } : {}), ...(publics ? { publics } : {}), ...(conditions ? { conditions } : {}) };
  }
  return out;
}

export const VOLUNTEER_FIT: Readonly<Record<string, VolunteerFit>> = validatedVolunteerFit(table);

/** Whether a programme's area holds the volunteer's commune (unknown place or area: it does). */
function near(p: DirectoryProgramme, place: VolunteerOffer['place']): boolean | null {
  if (!place) return null;
  if (p.national) return true;
  if (p.regions.length + p.departements.length + p.communes.length === 0) return null;
  return p.communes.includes(place.commune) || p.departements.includes(place.departement) || p.regions.includes(place.region);
}

const MAX_OPTIONS = 3;
/** Publics that are places: the young people of any other public may live there. */
const PLACE_PUBLICS: ReadonlySet<VolunteerPublic> = new Set(['qpv', 'rural']);

/**
 * The programmes that recruit this volunteer, best first, each with its reasons; none: the
 * national coordinator (never a void). Excluded: full, another kind of volunteer, too young
 * (18, or the row's own minimum), no help in common, out of its area when they can only
 * meet in person. What is unknown never excludes.
 */
export function routeVolunteer(offer: VolunteerOffer, programmes: readonly DirectoryProgramme[], fit: Readonly<Record<string, VolunteerFit>> = VOLUNTEER_FIT): RouteDecision {
  const excluded: { programmeId: string; reasons: Reason[] }[] = [];
  const options: RouteOption[] = [];
  for (const p of programmes) {
    const row = Object.prototype.hasOwnProperty.call(fit, p.id) ? fit[p.id] : undefined;
    if (!row || !p.active || p.isCoordinator) continue;
    const out: Reason[] = [];
    if (row.full) out.push({ code: 'volunteer_full' });
    const kind = offer.occupation?.kind ?? null;
    if (row.occupations && kind && kind !== 'other' && !row.occupations.includes(kind)) out.push({ code: 'volunteer_not_recruited', params: { occupation: kind } });
    if (offer.age < (row.minAge ?? ADULT_AGE)) out.push({ code: 'volunteer_too_young', params: { age: row.minAge ?? ADULT_AGE } });
    const helps = offer.helps.filter((h) => row.helps.includes(h));
    if (helps.length === 0) out.push({ code: 'volunteer_other_help' });
    const isNear = near(p, offer.place);
    const remoteOk = p.remote && offer.meeting !== 'in_person';
    if (isNear === false && !remoteOk) out.push({ code: 'volunteer_out_of_area' });
    if (out.length > 0) { excluded.push({ programmeId: p.id, reasons: out }); continue; }
    const publics = (row.publics ?? []).filter((x) => offer.publics.includes(x));
    const reasons: Reason[] = [];
    if (row.occupations && kind && kind !== 'other') reasons.push({ code: 'volunteer_recruits', params: { occupation: kind } });
    for (const h of helps) reasons.push({ code: 'volunteer_help', params: { help: h } });
    for (const x of publics) reasons.push({ code: 'volunteer_public', params: { vpublic: x } });
    if (isNear === true && !p.national && offer.place) reasons.push({ code: 'volunteer_near', params: { place: offer.place.name } });
    else if (isNear !== true && remoteOk) reasons.push({ code: 'volunteer_remote' });
    for (const c of row.conditions ?? []) reasons.push({ code: `volunteer_condition_${c}` });
    // Ranking: the help in common; the young people they asked for (a wish they named) weigh more than one help;
    // a programme that recruits their kind of volunteer (only them: students' tutoring for a student) before one open to all;
    // a condition routing cannot check (women only, same trade, same département) may turn them away, so it ranks lower.
    const recruits = row.occupations && kind && kind !== 'other' ? (row.occupations.length === 1 ? 3 : 2) : 0;
    const unchecked = (row.conditions ?? []).filter((c) => !(c === 'over_50' && (row.minAge ?? 0) >= 50)).length;
    // Someone who named the young people they want to help fits a programme open to all better than one for other young people.
    // A programme for young people defined by who they are (a disability, in care, refugees, girls in science) is further
    // from someone who named others than one for places (priority neighbourhoods, the countryside), where many of them live.
    const forOthers = offer.publics.length > 0 && publics.length === 0 && (row.publics ?? []).length > 0;
    const othersOnly = !forOthers ? 0 : (row.publics ?? []).every((x) => !PLACE_PUBLICS.has(x)) ? 6 : 2;
    const score = helps.length * 3 + publics.length * 4 + (isNear === true && !p.national ? 2 : 0) + recruits - unchecked * 3 - othersOnly;
    options.push({ programme: p, score, reasons });
  }
  options.sort((a, b) => b.score - a.score || a.programme.id.localeCompare(b.programme.id));
  const [chosen, ...rest] = options;
  if (chosen) return { kind: 'routed', chosen, alternatives: rest.slice(0, MAX_OPTIONS - 1), excluded };
  const coordinator = programmes.find((p) => p.isCoordinator && p.active) ?? DEFAULT_COORDINATOR;
  return { kind: 'no_match', fallback: { programme: coordinator, score: 0, reasons: [{ code: 'volunteer_no_fit' }] }, excluded };
}
