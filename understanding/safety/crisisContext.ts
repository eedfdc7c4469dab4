import type { CompiledGroup, CompiledLexicon, CrisisCategory, CrisisLevel } from './detectCrisis';

/**
 * The context rules of the safety check: what a lexicon match means in its sentence. The
 * patterns themselves are found by crisisPatterns.ts; this module reads each match in its
 * clause (negation, topic, someone else's past, resolved, studies, laughter, a condition on
 * studies, a time or a plan) and then says who violence comes from (attribute). See
 * detectCrisis.ts for the overview and docs/safety.md for examples.
 */

// Categories the past of someone else, or "c'est fini", close entirely: no one is in danger
// now. The others are asked about instead (a past suicide attempt still matters).
const CLOSED_BY_RESOLUTION: ReadonlySet<CrisisCategory> = new Set(['school_harassment', 'online_harassment', 'violence', 'homelessness', 'overdose']);
const CLOSED_BY_SOMEONE_ELSES_PAST: ReadonlySet<CrisisCategory> = new Set(['school_harassment', 'online_harassment', 'violence', 'homelessness', 'overdose', 'suicide', 'self_harm']);
const NEGATION_REACH = 5;
const TOPIC_REACH = 10;
const STUDIES_REACH = 6;
const THIRD_PERSON_REACH = 8;
const CONDITIONAL_REACH = 3;
const BY_OTHER_REACH = 2;
const CONDITIONAL_STUDIES_REACH = 12;
// Figures of speech about ending things that a time ("ce soir", "tonight") or a plan ("j'ai
// tout préparé", "goodbye letters") turn into a danger said plainly.
const RAISED_BY_IMMINENCE: ReadonlySet<CrisisCategory> = new Set(['suicide', 'self_harm']);
// Only what the writer says of themself: "on me frappe si j'ai une mauvaise note" stays a danger.
const LOWERED_BY_STUDIES_CONDITION: ReadonlySet<CrisisCategory> = new Set(['suicide']);

/** Where a context pattern matched: for each token, the end of the longest match starting there. */
export class Reader {
  constructor(
    private readonly tokens: readonly string[],
    private readonly clause: readonly number[],
    private readonly ends: Int32Array,
    private readonly seen: Uint8Array,
  ) {}

  /** Whether the label matched anywhere (from the walk itself). */
  matched(label: number): boolean {
    return this.seen[label] === 1;
  }

  private endAt(label: number, i: number): number {
    return this.ends[label * this.tokens.length + i]!;
  }

  /** Some match of a context pattern anywhere in the message. */
  any(label: number): boolean {
    return this.seen[label] === 1;
  }

  /** A match of the context pattern ending at or before `start`, in the same clause, at most `reach` words before. Returns its end or -1. */
  endingBefore(label: number, start: number, reach: number): number {
    let best = -1;
    if (this.seen[label] !== 1) return best;
    for (let i = Math.max(0, start - reach); i < start; i++) {
      if (this.clause[i] !== this.clause[start]) continue;
      const e = this.endAt(label, i);
      if (e > i && e <= start && e > best) best = e;
    }
    return best;
  }

  /** A match of the context pattern starting within `reach` words after `end`, same clause. */
  startingAfter(label: number, end: number, reach: number, clauseOf: number): boolean {
    if (this.seen[label] !== 1) return false;
    for (let i = end; i < Math.min(this.tokens.length, end + reach); i++) {
      if (this.clause[i] !== clauseOf) return false;
      if (this.endAt(label, i) > i) return true;
    }
    return false;
  }

  /** The clauses holding a match of the context pattern. */
  clausesWith(label: number): Set<number> {
    const out = new Set<number>();
    for (let i = 0; i < this.tokens.length; i++) if (this.endAt(label, i) > i) out.add(this.clause[i]!);
    return out;
  }

  /** A match of the context pattern that overlaps none of the spans (linear: a sweep over covered words). */
  outside(label: number, spans: [number, number][]): boolean {
    const n = this.tokens.length;
    const delta = new Int32Array(n + 1);
    for (const [s, e] of spans) { delta[s]!++; delta[e]!--; }
    const coveredBefore = new Int32Array(n + 1);
    let depth = 0;
    for (let i = 0; i < n; i++) {
      depth += delta[i]!;
      coveredBefore[i + 1] = coveredBefore[i]! + (depth > 0 ? 1 : 0);
    }
    for (let i = 0; i < n; i++) {
      const e = this.endAt(label, i);
      if (e > i && coveredBefore[e]! - coveredBefore[i]! === 0) return true;
    }
    return false;
  }

  /** Where the context pattern matched: [start, end) of the longest match at each start. */
  spansOf(label: number): [number, number][] {
    const out: [number, number][] = [];
    if (this.seen[label] !== 1) return out;
    for (let i = 0; i < this.tokens.length; i++) {
      const e = this.endAt(label, i);
      if (e > i) out.push([i, e]);
    }
    return out;
  }

  hasAny(words: ReadonlySet<string>, from: number, to: number): boolean {
    for (let i = Math.max(0, from); i < Math.min(to, this.tokens.length); i++) if (words.has(this.tokens[i]!)) return true;
    return false;
  }

  /** A negator just before the match: walking back over auxiliaries, clitics and articles, within the clause. */
  negated(start: number, c: CompiledLexicon): boolean {
    for (let i = start - 1, steps = 0; i >= 0 && steps < NEGATION_REACH; i--, steps++) {
      if (this.clause[i] !== this.clause[start]) return false;
      const w = this.tokens[i]!;
      if (c.negators.has(w)) return true;
      if (!c.fillers.has(w)) return false;
    }
    return false;
  }
}

export const LEVEL_RANK: Record<CrisisLevel, number> = { ambiguous: 1, clear: 2 };
const lower = (level: CrisisLevel | null): CrisisLevel | null => (level === 'clear' ? 'ambiguous' : null);


/** What the whole message says, read once: the rules for each match use it. */
export interface MessageContext {
  c: CompiledLexicon;
  read: Reader;
  clause: readonly number[];
  laughing: boolean;
  resolved: boolean;
  past: boolean;
}

/**
 * The categories and levels one match of group g (tokens s..e) raises, once read in its
 * context; none when the context sets it aside.
 */
export function readMatch(g: CompiledGroup, s: number, e: number, ctx: MessageContext): [CrisisCategory, CrisisLevel][] {
  const { c, read, clause, laughing, resolved, past } = ctx;
  if (read.negated(s, c)) return [];
  const firstPersonInside = read.hasAny(c.firstPerson, s, e);
  const topicEnd = read.endingBefore(c.context.topic, s, TOPIC_REACH);
  if (topicEnd >= 0 && !firstPersonInside && !read.hasAny(c.firstPerson, topicEnd, s)) return [];
  const cl = clause[s]!;
  const studiesAround = read.endingBefore(c.context.studies, s, STUDIES_REACH) >= 0 || read.startingAfter(c.context.studies, e, STUDIES_REACH, cl);
  if ((g.level === 'ambiguous' || g.figurative) && studiesAround) return [];
  const thirdEnd = read.endingBefore(c.context.thirdPerson, s, THIRD_PERSON_REACH);
  const someoneElse = !firstPersonInside && thirdEnd >= 0 && !read.hasAny(c.firstPerson, thirdEnd, s);
  // "je vais crever si je trouve pas d'alternance", "I'll die if I fail the exam": a
  // hyperbole made conditional on studies is a question, not a full alert.
  const ifStudies = g.hyperbole && read.startingAfter(c.context.conditional, e, CONDITIONAL_REACH, cl) && read.startingAfter(c.context.studies, e, CONDITIONAL_STUDIES_REACH, cl);
  // "jvais en finir avec tout ça ce soir", "je veux disparaître pour de bon, j'ai tout préparé".
  // Never when studies are named anywhere: "j'ai tout préparé pour l'oral. Je craque."
  const imminent = !read.any(c.context.studies) && ((read.any(c.context.imminent) && read.clausesWith(c.context.imminent).has(cl)) || read.any(c.context.plan));
  const out: [CrisisCategory, CrisisLevel][] = [];
  // "ma mère me brûle avec sa cigarette": a harm the lexicon knows as self-inflicted ("me
  // brûle"), done by someone named just before it, is violence from them (attributed later).
  const byOther = read.endingBefore(c.context.family, s, BY_OTHER_REACH) >= 0 || read.endingBefore(c.context.partner, s, BY_OTHER_REACH) >= 0;
  for (const named of g.categories) {
    const category: CrisisCategory = named === 'self_harm' && byOther ? 'violence' : named;
    let level: CrisisLevel | null = g.level === 'none' ? null : g.level;
    if (level === 'ambiguous' && imminent && RAISED_BY_IMMINENCE.has(category)) level = 'clear';
    if (level === 'clear' && ifStudies && LOWERED_BY_STUDIES_CONDITION.has(category)) level = 'ambiguous';
    if (someoneElse && past && CLOSED_BY_SOMEONE_ELSES_PAST.has(category)) level = null;
    if (level && resolved) level = CLOSED_BY_RESOLUTION.has(category) ? null : lower(level);
    // Laughter lowers a hyperbole; laughing about studies ("je vais mourir 😂 j'ai oublié mon oral") is nothing.
    if (level && laughing && g.hyperbole) level = studiesAround ? null : lower(level);
    if (level) out.push([category, level]);
  }
  return out;
}

/**
 * Says who the violence comes from, so the right lines show: a partner (3919), someone at
 * home (119), at school or online (3018). Named people win over places: "mon copain me
 * frappe chez moi" is a partner; a controlled phone means a partner unless family is
 * named; "chez moi" means home only outside the violent words themselves ("quelqu'un
 * essaie d'entrer chez moi" is a break-in). Violence from no one named stays "violence" (17).
 */
export function attribute(found: Map<CrisisCategory, CrisisLevel>, read: Reader, c: CompiledLexicon, spans: [number, number][], clause: number[]): void {
  const violence = found.get('violence');
  const sexual = found.get('sexual_violence');
  const harassment = found.get('online_harassment') ?? found.get('school_harassment');
  const set = (cat: CrisisCategory, level: CrisisLevel | undefined) => {
    if (!level) return;
    const had = found.get(cat);
    if (!had || LEVEL_RANK[level] > LEVEL_RANK[had]) found.set(cat, level);
  };
  const familyNamed = read.any(c.context.family);
  const partner = read.any(c.context.partner) || (!familyNamed && read.any(c.context.control));
  // "devant chez moi", "on my way home": a place near home, not home.
  const home = !partner && (familyNamed || read.outside(c.context.home, [...spans, ...read.spansOf(c.context.outsideHome)]));
  if (partner) {
    set('partner_violence', violence);
    set('partner_violence', sexual);
    set('partner_violence', harassment);
  }
  if (home) {
    set('abuse', violence);
    set('abuse', sexual);
  }
  if (violence && !partner && !home) {
    const school = read.clausesWith(c.context.school);
    const online = read.clausesWith(c.context.online);
    if (spans.some(([s]) => school.has(clause[s]!))) set('school_harassment', violence);
    if (spans.some(([s]) => online.has(clause[s]!))) set('online_harassment', violence);
  }
  // Violence attributed to someone has its own lines; plain "violence" would add the same ones again.
  if (violence && (partner || home)) found.delete('violence');
}
