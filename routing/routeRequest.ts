import { DEFAULT_COORDINATOR } from './defaultCoordinator';
import { fitExclusions, fitPublicsDeclared } from './fitTable';
import type { ReasonCode } from './reasons';
import type { DirectoryProgramme, ProgrammeLoad, Reason, RouteDecision, RouteOption, RoutableRequest } from './types';

/**
 * Picks the programme that fits a young person's request best, and says why in reason
 * codes the bot renders from locales/<lang>/routing.json.
 *
 * Pure and deterministic: the same request, directory and load give the same decision
 * whatever the order of the programme list. `now` is part of the signature so that
 * date-dependent rules (a programme's season, a monthly capacity window) can be added
 * without changing callers; no rule reads it yet.
 *
 * Eligibility rules (a failing one excludes):
 * - inactive programmes and the coordinator (it is only the fallback) are left out;
 * - age, situation, school year, diploma level, needs: only when both sides are known,
 *   because unknown never excludes;
 * - girls-only programmes are left out: the intake does not ask gender (a deliberate
 *   privacy choice), and routing a boy there would waste both sides' time; the
 *   coordinator can still send a girl to one;
 * - required publics must all be declared; "prefer not to say" (null) cannot satisfy them;
 * - geography: national, the place inside the programme's area, or a remote-capable
 *   programme and a young person who does not insist on meeting in person. A programme
 *   with no area at all and not national has an unknown area: it is not excluded;
 * - a known monthly capacity that is reached excludes;
 * - the fit table (prisma/seed/fit.json): a programme for a public the young person said is
 *   not theirs, or for other situations, is left out (skipped answers never exclude).
 *
 * Ranking (see `rank`): the fit first (needs in common, and a programme *for* a public the young
 * person declared, from the fit table), so that a bonus (proximity, a preferred public, the
 * meeting mode) never outranks a better fit; then the soft score (integers, see SCORE); then,
 * among equal fits, the larger share of capacity left (see compareLoad), the shorter distance
 * (see distanceOf), the quicker call-back; never the programme id, which would send every
 * remaining tie to the alphabetically first association.
 */
export function routeRequest(
  request: RoutableRequest,
  programmes: DirectoryProgramme[],
  load: ProgrammeLoad,
  now: Date,
): RouteDecision {
  void now;
  return orCoordinatorOnError(() => decide(request, programmes, load, null));
}

/**
 * Routing must never leave a young person without an answer: a malformed directory row or
 * request sends the request to the coordinator, and the reason records why.
 */
export function orCoordinatorOnError(route: () => RouteDecision): RouteDecision {
  try {
    return route();
  } catch {
    return {
      kind: 'no_match',
      fallback: { programme: DEFAULT_COORDINATOR, score: 0, reasons: [reason('routing_error')] },
      excluded: [],
    };
  }
}

/** Weights of the soft score; integers, so that equal fits tie exactly and load balancing decides. */
export const SCORE = {
  need: 3,
  preferredPublic: 2,
  commune: 3,
  departement: 2,
  region: 1,
  meeting: 1,
} as const;

const MAX_ALTERNATIVES = 2;
const NONE: Reason[] = [];

export function reason(code: ReasonCode, params?: Record<string, string | number>): Reason {
  return params === undefined ? { code } : { code, params };
}

/** Plain code-point comparison: localeCompare depends on the ICU build, ids are ASCII slugs. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Arrondissements of Paris, Lyon and Marseille have their own INSEE codes; the directory
 * names the commune, so a young person in "Lyon 3e" must still match "Lyon".
 */
export function parentCommune(code: string): string {
  if (/^751(0[1-9]|1\d|20)$/.test(code)) return '75056';
  if (/^6938[1-9]$/.test(code)) return '69123';
  if (/^132(0[1-9]|1[0-6])$/.test(code)) return '13055';
  return code;
}

/**
 * What routing reads from a request, worked out once per call rather than once per
 * programme: with thousands of programmes the regexes and filters would dominate.
 */
interface RequestFacts {
  request: RoutableRequest;
  /** Needs that count: 'other' says "none of these", so it matches nothing. */
  needs: string[];
  situation: string | null;
  schoolYear: string | null;
  diplomaLevel: string | null;
  commune: string | null;
  parentCommune: string | null;
}

/**
 * 'autre' means "none of the listed words fits me" (service civique, a gap year): it is
 * not compared situation by situation (exclusions() leaves it out of programmes that list
 * the situations they serve, unless a class was given).
 */
function factsOf(request: RoutableRequest): RequestFacts {
  const kind = request.situation?.kind ?? null;
  const place = request.place;
  return {
    request,
    needs: request.needs.filter((n) => n !== 'other'),
    situation: kind === 'autre' ? null : kind,
    schoolYear: request.situation?.schoolYear ?? null,
    diplomaLevel: request.situation?.diplomaLevel ?? null,
    commune: place === null ? null : place.commune,
    parentCommune: place === null ? null : parentCommune(place.commune),
  };
}

/**
 * Requests already sent to a programme this period. A missing, negative or non-finite
 * count is 0: a caller's bad bookkeeping must not make a paused (capacity 0) programme
 * eligible, nor reorder programmes unpredictably.
 */
export function loadOf(load: ProgrammeLoad, id: string): number {
  // A plain lookup is safe: an inherited "constructor" or "__proto__" is not a number.
  const used: unknown = load[id];
  return typeof used === 'number' && used > 0 && used !== Number.POSITIVE_INFINITY ? used : 0;
}

function hasArea(p: DirectoryProgramme): boolean {
  return p.regions.length > 0 || p.departements.length > 0 || p.communes.length > 0;
}

type Proximity = 'commune' | 'departement' | 'region' | null;

function proximity(f: RequestFacts, p: DirectoryProgramme): Proximity {
  const place = f.request.place;
  if (place === null) return null;
  if (p.communes.length > 0 && (p.communes.includes(f.commune!) || p.communes.includes(f.parentCommune!))) return 'commune';
  if (p.departements.includes(place.departement)) return 'departement';
  if (p.regions.includes(place.region)) return 'region';
  return null;
}

function sharesOne(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Reasons that exclude a programme; empty means eligible. */
export function exclusionReasons(request: RoutableRequest, p: DirectoryProgramme, load: ProgrammeLoad): Reason[] {
  return exclusions(factsOf(request), p, load);
}

function exclusions(f: RequestFacts, p: DirectoryProgramme, load: ProgrammeLoad): Reason[] {
  const request = f.request;
  const out: Reason[] = [];
  if (!p.active) out.push(reason('inactive'));
  if (p.isCoordinator) out.push(reason('coordinator'));
  if (p.minAge !== null && request.age < p.minAge) out.push(reason('age_below_min', { min: p.minAge }));
  if (p.maxAge !== null && request.age > p.maxAge) out.push(reason('age_above_max', { max: p.maxAge }));

  if (f.situation !== null && p.situations.length > 0 && !(p.situations as string[]).includes(f.situation)) {
    out.push(reason('situation_not_served'));
  }
  // 'autre' says that none of the listed situations fits (service civique, a gap year, the
  // CEJ): a programme that lists the situations it serves does not take it. With a class
  // ("autre", en seconde) it stays unknown.
  if (request.situation?.kind === 'autre' && !request.situation.schoolYear && p.situations.length > 0) {
    out.push(reason('situation_not_served'));
  }
  if (f.schoolYear !== null && p.schoolYears.length > 0 && !(p.schoolYears as string[]).includes(f.schoolYear)) {
    out.push(reason('school_year_not_served'));
  }
  if (f.diplomaLevel !== null && p.diplomaLevels.length > 0 && !(p.diplomaLevels as string[]).includes(f.diplomaLevel)) {
    out.push(reason('diploma_level_not_served'));
  }
  if (p.girlsOnly) out.push(reason('girls_only_unknown'));
  for (const pub of p.requiredPublics) {
    if (request.priorityPublics === null) out.push(reason('required_public_unknown', { public: pub }));
    else if (!request.priorityPublics.includes(pub)) out.push(reason('required_public_missing', { public: pub }));
  }

  if (!p.national && hasArea(p) && proximity(f, p) === null && !(p.remote && request.meeting !== 'in_person')) {
    out.push(reason(request.place === null ? 'place_not_given' : 'outside_area'));
  }

  if (p.needs.length > 0 && f.needs.length > 0 && !sharesOne(f.needs, p.needs)) out.push(reason('no_need_match'));
  if (p.capacityPerMonth !== null && loadOf(load, p.id) >= p.capacityPerMonth) out.push(reason('at_capacity'));
  out.push(...fitExclusions(request, p));
  return out;
}

/** Score and reasons of an eligible programme, reasons in the order a young person reads them. */
export function scoreProgramme(request: RoutableRequest, p: DirectoryProgramme): RouteOption {
  return score(factsOf(request), p);
}

function score(f: RequestFacts, p: DirectoryProgramme): RouteOption {
  const request = f.request;
  let total = 0;
  let fit = 0;
  const reasons: Reason[] = [];

  for (const need of f.needs) {
    if ((p.needs as string[]).includes(need)) {
      total += SCORE.need;
      fit += 1;
      reasons.push(reason('need_match', { need }));
    }
  }
  // A programme *for* a public the young person declared (fit table): a fit, not a bonus.
  const forPublics = fitPublicsDeclared(request, p);
  fit += forPublics.length;

  // Only fields that were checked against something the programme states: a programme that
  // says nothing about ages did not choose anyone by age.
  if (p.minAge !== null && p.maxAge !== null) reasons.push(reason('age_ok', { min: p.minAge, max: p.maxAge }));
  else if (p.minAge !== null) reasons.push(reason('age_min_ok', { min: p.minAge }));
  else if (p.maxAge !== null) reasons.push(reason('age_max_ok', { max: p.maxAge }));
  if (f.situation !== null && p.situations.length > 0) reasons.push(reason('situation_ok', { situation: f.situation }));
  // Said only when the programme names the year or level: then it is a real fit, not "unknown".
  // No points: a programme that lists years must not outrank one that has not described them.
  if (f.schoolYear !== null && p.schoolYears.length > 0) reasons.push(reason('school_year_ok'));
  if (f.diplomaLevel !== null && p.diplomaLevels.length > 0) reasons.push(reason('diploma_level_ok'));

  const near = proximity(f, p);
  if (near === 'commune' && request.place !== null) {
    total += SCORE.commune;
    // The commune name is the only personal datum a reason carries: the young person gave it to be matched on.
    reasons.push(reason('place_commune', { name: request.place.name }));
  } else if (near === 'departement') {
    total += SCORE.departement;
    reasons.push(reason('place_departement'));
  } else if (near === 'region') {
    total += SCORE.region;
    reasons.push(reason('place_region'));
  } else if (p.national) {
    reasons.push(reason('national'));
  } else if (p.remote && hasArea(p)) {
    // Outside the area, the programme is only eligible because it meets remotely.
    reasons.push(reason('remote'));
  }

  for (const pub of request.priorityPublics ?? []) {
    if (p.preferredPublics.includes(pub) || forPublics.includes(pub)) {
      if (p.preferredPublics.includes(pub)) total += SCORE.preferredPublic;
      reasons.push(reason('preferred_public', { public: pub }));
    }
  }

  if ((request.meeting === 'remote' && p.remote) || (request.meeting === 'in_person' && p.inPerson)) {
    total += SCORE.meeting;
    reasons.push(reason('meeting_match', { mode: request.meeting }));
  }

  return { programme: p, score: total, fit, reasons };
}

/**
 * Load balancing between equal fits. Sending each request to the programme whose share
 * of its capacity is used the least keeps every programme at about the same fill ratio,
 * so over a period requests spread in proportion to capacity (100 and 200 get 1/3 and
 * 2/3) and both reach capacity together. A score bonus for remaining capacity would not:
 * it picks the larger programme until its remaining room falls below the smaller one's.
 *
 * Known capacities come before unknown ones: staff who state a capacity have said they
 * have room, while an unknown one may be full. Unknown capacities among themselves go to
 * the least loaded, which spreads them evenly. Ratios are compared by cross-multiplying,
 * so no float division can reorder programmes between machines.
 */
function compareLoad(a: DirectoryProgramme, b: DirectoryProgramme, load: ProgrammeLoad): number {
  const ca = a.capacityPerMonth;
  const cb = b.capacityPerMonth;
  const la = loadOf(load, a.id);
  const lb = loadOf(load, b.id);
  if (ca !== null && cb !== null) return Math.sign(la * cb - lb * ca);
  if (ca !== null) return -1;
  if (cb !== null) return 1;
  return Math.sign(la - lb);
}

/**
 * How far the programme's area is from the young person's commune, in administrative rings
 * (the commune list we hold has no coordinates): 0 their commune, 1 their département (named,
 * or one of the programme's communes is in it), 2 their région, 3 elsewhere (national, remote,
 * unknown area or unknown place). Used only to break ties between equal fits.
 */
export function distanceOf(request: RoutableRequest, p: DirectoryProgramme): number {
  const place = request.place;
  if (place === null) return 3;
  const parent = parentCommune(place.commune);
  if (p.communes.includes(place.commune) || p.communes.includes(parent)) return 0;
  if (p.departements.includes(place.departement) || p.communes.some((c) => departementOfCommune(c) === place.departement)) return 1;
  if (p.regions.includes(place.region)) return 2;
  return 3;
}

/** The département of an INSEE commune code: "69123" -> "69", "2A004" -> "2A", "97411" -> "974". */
export function departementOfCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * The last resort between programmes equal in every respect: a hash of the programme id
 * salted with the request, so that such ties spread over the programmes instead of always
 * going to the alphabetically first id, and the decision stays the same whatever the order
 * of the directory. FNV-1a, 32 bits.
 */
function lottery(saltOf: string, id: string): number {
  let h = 0x811c9dc5;
  const text = `${saltOf}|${id}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function saltOf(request: RoutableRequest): string {
  return `${request.age}|${request.place?.commune ?? ''}|${request.needs.join(',')}|${request.situation?.kind ?? ''}`;
}

/** What broke a tie between two options of equal fit and score, for the reasons shown. */
export type TieBreak = 'capacity' | 'distance' | 'response' | 'lottery' | null;

function compareTies(a: RouteOption, b: RouteOption, load: ProgrammeLoad, request: RoutableRequest): { order: number; by: TieBreak } {
  const byLoad = compareLoad(a.programme, b.programme, load);
  if (byLoad !== 0) return { order: byLoad, by: 'capacity' };
  const byDistance = distanceOf(request, a.programme) - distanceOf(request, b.programme);
  if (byDistance !== 0) return { order: Math.sign(byDistance), by: 'distance' };
  const byResponse = a.programme.responseDays - b.programme.responseDays;
  if (byResponse !== 0) return { order: Math.sign(byResponse), by: 'response' };
  const salt = saltOf(request);
  const byLot = Math.sign(lottery(salt, a.programme.id) - lottery(salt, b.programme.id));
  // Equal hashes (two ids colliding): the id itself, only so that the order stays total.
  return { order: byLot || compareIds(a.programme.id, b.programme.id), by: 'lottery' };
}

function rank(a: RouteOption, b: RouteOption, load: ProgrammeLoad, request: RoutableRequest): number {
  return (b.fit ?? 0) - (a.fit ?? 0) || b.score - a.score || compareTies(a, b, load, request).order;
}

function pickCoordinator(programmes: DirectoryProgramme[]): DirectoryProgramme {
  let best: DirectoryProgramme | null = null;
  for (const p of programmes) {
    if (p.isCoordinator && p.active && (best === null || compareIds(p.id, best.id) < 0)) best = p;
  }
  return best ?? DEFAULT_COORDINATOR;
}

/**
 * The directory's programme indexes in id order, or null when the array is already in id
 * order. The excluded list is returned in id order (so that the decision does not depend
 * on the directory's order), and sorting ten thousand ids on every request cost more
 * than routing them. Two shortcuts, neither changing the result:
 * - the database returns programmes ordered by id: one pass checks it, nothing is sorted;
 * - a caller that keeps one directory array for many requests gets its order remembered.
 *   The memo is checked against the array's content on every call (same objects, same
 *   ids: O(n) identity checks), so mutating the array or an id is safe, and it is keyed
 *   weakly, so a dropped directory is freed.
 */
interface IdOrder { programmes: DirectoryProgramme[]; ids: string[]; order: number[] | null }
const idOrders = new WeakMap<DirectoryProgramme[], IdOrder>();

function idOrder(programmes: DirectoryProgramme[]): number[] | null {
  const cached = idOrders.get(programmes);
  if (cached !== undefined && cached.programmes.length === programmes.length) {
    let same = true;
    for (let i = 0; i < programmes.length && same; i++) {
      const p = programmes[i]!;
      same = p === cached.programmes[i] && p.id === cached.ids[i];
    }
    if (same) return cached.order;
  }
  const ids = programmes.map((p) => p.id);
  let ascending = true;
  for (let i = 1; i < ids.length && ascending; i++) ascending = ids[i - 1]! < ids[i]!;
  // A plain array, not a typed one: Array.prototype.sort is adaptive (TimSort), so a
  // nearly sorted directory sorts in about linear time. Equal ids (an invalid directory)
  // keep their input order, as a stable sort would.
  const order = ascending ? null : Array.from(ids.keys()).sort((a, b) => compareIds(ids[a]!, ids[b]!) || a - b);
  idOrders.set(programmes, { programmes: programmes.slice(), ids, order });
  return order;
}

/** Extra exclusions a caller adds (rerouting: associations already tried). */
export type ExtraExclusions = ((p: DirectoryProgramme) => Reason[]) | null;

/**
 * The decision itself. Only the best 1 + MAX_ALTERNATIVES eligible options are kept,
 * in one pass, instead of sorting every eligible programme: with a large directory
 * most programmes are eligible for a vague request.
 */
export function decide(
  request: RoutableRequest,
  programmes: DirectoryProgramme[],
  load: ProgrammeLoad,
  extra: ExtraExclusions,
  fallbackReason: (excluded: { programmeId: string; reasons: Reason[] }[]) => Reason = () => reason('no_programme_fits'),
): RouteDecision {
  const f = factsOf(request);
  const keep = 1 + MAX_ALTERNATIVES;
  const top: RouteOption[] = [];
  const excluded: { programmeId: string; reasons: Reason[] }[] = [];

  // In id order, so that `excluded` comes out sorted.
  const order = idOrder(programmes);
  for (let k = 0; k < programmes.length; k++) {
    const p = programmes[order === null ? k : order[k]!]!;
    const before = extra === null ? NONE : extra(p);
    const why = exclusions(f, p, load);
    if (before.length > 0 || why.length > 0) {
      excluded.push({ programmeId: p.id, reasons: before.length > 0 ? [...before, ...why] : why });
      continue;
    }
    const option = score(f, p);
    // Insertion into a short sorted list: the last kept option is the one to beat.
    if (top.length === keep && rank(option, top[keep - 1]!, load, request) >= 0) continue;
    let i = top.length;
    while (i > 0 && rank(option, top[i - 1]!, load, request) < 0) i--;
    top.splice(i, 0, option);
    if (top.length > keep) top.pop();
  }

  const [chosen, ...rest] = top;
  if (chosen === undefined) {
    return {
      kind: 'no_match',
      fallback: { programme: pickCoordinator(programmes), score: 0, reasons: [fallbackReason(excluded)] },
      excluded,
    };
  }
  // When an option of equal fit and score was passed over, say what decided: the share of
  // capacity left or the distance (the young person sees why this one rather than that one).
  const runnerUp = rest[0];
  if (runnerUp !== undefined && (runnerUp.fit ?? 0) === (chosen.fit ?? 0) && runnerUp.score === chosen.score) {
    const by = compareTies(chosen, runnerUp, load, request).by;
    if (by === 'capacity' || by === 'distance' || by === 'response') {
      return { kind: 'routed', chosen: { ...chosen, reasons: [...chosen.reasons, reason(`tie_${by}`)] }, alternatives: rest, excluded };
    }
  }
  return { kind: 'routed', chosen, alternatives: rest, excluded };
}
