import lexicon from './crisisLexicon.json';
import modelJson from './crisisModel.json';
import { loadModel, modelVerdict, type CrisisModelJson } from './crisisModel';
import {
  addToTrie,
  compileContractions,
  compilePattern,
  compileWordClasses,
  longestMatches,
  newTrie,
  rawWords,
  toTokens,
  toTokenStream,
  uncoveredMatches,
  type Contractions,
  type SequenceTrie,
  type WordClasses,
} from './crisisTokens';

/**
 * The safety check every incoming message passes first. It says which kinds of crisis a
 * message may be about, and how plainly: a clear danger shows the help lines at once, an
 * ambiguous one ("je veux en finir", "ça me tue") gets one gentle question first.
 *
 * One walk of the text finds every lexicon pattern and every context word; each match is
 * then read in its clause:
 * - negation: "je ne suis pas suicidaire", "no one is hurting me" (a negator just before
 *   the match, over auxiliaries and articles) drops the match;
 * - topic: "travailler dans la prévention du harcèlement", "aider les enfants maltraités"
 *   (a frame such as prevention, work with, become, an essay on, before the match, with no
 *   "je / me / I" between them or inside the match) drops it: the words are a subject,
 *   not something that happens to the writer;
 * - someone else in the past: "ma pote s'est fait harceler l'an dernier" drops it; a
 *   friend in danger now ("mon pote a trop pris, il répond plus") stays;
 * - resolved: "c'est fini", "not anymore" drops harassment, violence, homelessness and
 *   overdose, and lowers the others to a question;
 * - studies around a figure of speech: "j'en peux plus de mes révisions", "les partiels me
 *   tuent" drop an ambiguous match (never a clear one);
 * - laughter ("mdr", "lol", 😂) lowers a hyperbole-prone match by one level;
 * - a condition on studies after a hyperbole ("je vais crever si je rate le bac") lowers it
 *   to a question;
 * - a time or a plan ("ce soir", "tonight", "j'ai tout préparé", "goodbye letters") raises a
 *   figure of speech about ending things to a clear danger.
 * Violence is then attributed: by a partner -> partner_violence, at home -> abuse, at
 * school -> school_harassment, online -> online_harassment.
 */

export const CRISIS_CATEGORIES = [
  'suicide', 'self_harm', 'overdose', 'sexual_violence', 'partner_violence', 'abuse', 'violence',
  'homelessness', 'online_harassment', 'school_harassment',
] as const;
export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];
export type CrisisLevel = 'clear' | 'ambiguous';

/**
 * Only a level and categories: never the matched words. What the young person wrote must
 * not end up in logs, state or analytics, and a result without text cannot leak it.
 */
export interface CrisisSignal {
  level: CrisisLevel;
  categories: CrisisCategory[];
}

interface LexiconGroupJson {
  id: string;
  categories: string[];
  level?: string;
  hyperbole?: boolean;
  figurative?: boolean;
  unlessAnyOf?: string[];
  patterns: string[];
  exceptions: string[];
}

const CONTEXT_PATTERNS = ['topic', 'resolved', 'past', 'thirdPerson', 'studies', 'family', 'partner', 'control', 'home', 'school', 'online', 'imminent', 'plan', 'conditional', 'outsideHome'] as const;
type ContextName = (typeof CONTEXT_PATTERNS)[number];

interface ContextJson {
  negators: string[];
  fillers: string[];
  firstPerson: string[];
  laughter: string[];
  laughterEmoji: string;
  [name: string]: unknown;
}

interface LexiconJson {
  contractions: Record<string, string>;
  classes?: Record<string, string[]>;
  groups: LexiconGroupJson[];
  context: ContextJson;
}

interface CompiledGroup {
  id: string;
  categories: readonly CrisisCategory[];
  level: CrisisLevel | 'none';
  hyperbole: boolean;
  /** A figure of speech even when plain ("à la rue"): studies around it make it one. */
  figurative: boolean;
  unlessAnyOf: readonly CrisisCategory[];
  /** Labels in the shared trie: group i's patterns are 2i, its exceptions 2i + 1. */
  patternLabel: number;
  exceptionLabel: number;
}

interface CompiledLexicon {
  contractions: Contractions;
  classes: WordClasses;
  groups: CompiledGroup[];
  trie: SequenceTrie;
  labelCount: number;
  context: Record<ContextName, number>;
  negators: ReadonlySet<string>;
  fillers: ReadonlySet<string>;
  firstPerson: ReadonlySet<string>;
  laughter: ReadonlySet<string>;
  laughterEmoji: readonly string[];
}

function asCategory(value: string, where: string): CrisisCategory {
  if (!(CRISIS_CATEGORIES as readonly string[]).includes(value)) throw new Error(`crisis lexicon: unknown category "${value}" in ${where}`);
  return value as CrisisCategory;
}

function wordSet(values: unknown, name: string, contractions: Contractions): Set<string> {
  if (!Array.isArray(values)) throw new Error(`crisis lexicon: context.${name} must be a list`);
  const out = new Set<string>();
  for (const v of values) for (const w of rawWords(String(v))) for (const x of contractions.get(w) ?? [w]) out.add(x);
  return out;
}

/**
 * SMS spelling drops the apostrophe of "m'a" ("il ma frappé", "un mec ma forcé"): every
 * pattern written with "m'a " also matches "ma ". Done on patterns, not on the text: "ma"
 * stays the possessive everywhere else ("ma mère").
 */
function smsVariants(pattern: string): string[] {
  return pattern.includes("m'a ") ? [pattern, pattern.replaceAll("m'a ", 'ma ')] : [pattern];
}

/** Compiles the lexicon; throws on a malformed lexicon so a bad edit fails the tests, not a conversation. */
export function compileCrisisLexicon(json: LexiconJson): CompiledLexicon {
  const contractions = compileContractions(json.contractions);
  const classes = compileWordClasses(json.classes ?? {}, contractions);
  const trie = newTrie();
  const seen = new Set<string>();
  const checkClasses = (p: string) => {
    for (const m of p.matchAll(/@([a-z]+)/g)) if (!classes.has(m[1]!)) throw new Error(`crisis lexicon: unknown class @${m[1]} in "${p}"`);
    return p;
  };
  const groups = json.groups.map((g, i): CompiledGroup => {
    if (seen.has(g.id)) throw new Error(`crisis lexicon: duplicate group ${g.id}`);
    seen.add(g.id);
    if (g.patterns.length === 0) throw new Error(`crisis lexicon: group ${g.id} has no pattern`);
    const level = g.level ?? 'clear';
    if (level !== 'clear' && level !== 'ambiguous' && level !== 'none') throw new Error(`crisis lexicon: bad level "${level}" in ${g.id}`);
    // 'none': known harmless idioms ("il abuse"): they raise nothing, and keep the model quiet.
    if ((level === 'none') !== (g.categories.length === 0)) throw new Error(`crisis lexicon: ${g.id}: level none goes with no category, and only then`);
    addToTrie(trie, g.patterns.flatMap(smsVariants).flatMap((p) => compilePattern(checkClasses(p), contractions)), 2 * i);
    addToTrie(trie, g.exceptions.flatMap(smsVariants).flatMap((p) => compilePattern(checkClasses(p), contractions)), 2 * i + 1);
    return {
      id: g.id,
      categories: g.categories.map((c) => asCategory(c, g.id)),
      level,
      hyperbole: g.hyperbole === true,
      figurative: g.figurative === true,
      unlessAnyOf: (g.unlessAnyOf ?? []).map((c) => asCategory(c, g.id)),
      patternLabel: 2 * i,
      exceptionLabel: 2 * i + 1,
    };
  });
  // Context patterns share the trie, after the groups: one walk finds everything.
  let label = 2 * groups.length;
  const context = {} as Record<ContextName, number>;
  for (const name of CONTEXT_PATTERNS) {
    const patterns = json.context[name];
    if (!Array.isArray(patterns) || patterns.length === 0) throw new Error(`crisis lexicon: context.${name} must be a non-empty list`);
    addToTrie(trie, patterns.flatMap((p) => compilePattern(String(p), contractions)), label);
    context[name] = label++;
  }
  return {
    contractions,
    classes,
    groups,
    trie,
    labelCount: label,
    context,
    negators: wordSet(json.context.negators, 'negators', contractions),
    fillers: wordSet(json.context.fillers, 'fillers', contractions),
    firstPerson: wordSet(json.context.firstPerson, 'firstPerson', contractions),
    laughter: wordSet(json.context.laughter, 'laughter', contractions),
    laughterEmoji: [...(json.context.laughterEmoji ?? '')],
  };
}

const COMPILED = compileCrisisLexicon(lexicon as unknown as LexiconJson);

/** The canonical words the lexicon is matched on; exported for tests and for tuning the lexicon. */
export function crisisWords(text: string): string[] {
  return toTokens(text, COMPILED.contractions);
}

// Categories the past of someone else, or "c'est fini", close entirely: no one is in danger
// now. The others are asked about instead (a past suicide attempt still matters).
const CLOSED_BY_RESOLUTION: ReadonlySet<CrisisCategory> = new Set(['school_harassment', 'online_harassment', 'violence', 'homelessness', 'overdose']);
const CLOSED_BY_SOMEONE_ELSES_PAST: ReadonlySet<CrisisCategory> = new Set(['school_harassment', 'online_harassment', 'violence', 'homelessness', 'overdose', 'suicide', 'self_harm']);
const NEGATION_REACH = 5;
const TOPIC_REACH = 10;
const STUDIES_REACH = 6;
const THIRD_PERSON_REACH = 8;
const CONDITIONAL_REACH = 3;
const CONDITIONAL_STUDIES_REACH = 12;
// Figures of speech about ending things that a time ("ce soir", "tonight") or a plan ("j'ai
// tout préparé", "goodbye letters") turn into a danger said plainly.
const RAISED_BY_IMMINENCE: ReadonlySet<CrisisCategory> = new Set(['suicide', 'self_harm']);
// Only what the writer says of themself: "on me frappe si j'ai une mauvaise note" stays a danger.
const LOWERED_BY_STUDIES_CONDITION: ReadonlySet<CrisisCategory> = new Set(['suicide']);

/** Where a context pattern matched: for each token, the end of the longest match starting there. */
class Reader {
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

const LEVEL_RANK: Record<CrisisLevel, number> = { ambiguous: 1, clear: 2 };
const lower = (level: CrisisLevel | null): CrisisLevel | null => (level === 'clear' ? 'ambiguous' : null);

const MODEL = loadModel(modelJson as CrisisModelJson);

/**
 * Which crisis categories a message may be about and how plainly, or null: the lexicon
 * and its context rules first; when they find nothing, the statistical second opinion
 * (crisisModel.ts) may still ask the gentle question or, when it is very sure, show the
 * lines. Never throws.
 */
export function detectCrisis(text: string): CrisisSignal | null {
  const read = readRules(text);
  if (read.signal) return read.signal;
  // Where a lexicon pattern matched and the context rules set it aside (an idiom, a
  // negation, a topic), that was a decision: the model only speaks about words the
  // lexicon does not know at all.
  if (read.touched || read.tokens.length === 0) return null;
  try {
    return modelVerdict(MODEL, read.tokens);
  } catch {
    return null;
  }
}

/**
 * The lexicon and context rules alone (measured against rules + model by eval:safety).
 * Which crisis categories a message may be about and how plainly, or null. Never throws:
 * on a failure that should not happen it answers null, since throwing here would take the
 * whole turn down with it and the bot could not even show its usual reply.
 */
export function detectCrisisRules(text: string): CrisisSignal | null {
  return readRules(text).signal;
}

interface RulesReading {
  signal: CrisisSignal | null;
  /** Some lexicon pattern matched, whatever the context rules then decided. */
  touched: boolean;
  tokens: string[];
}

function readRules(text: string): RulesReading {
  const nothing: RulesReading = { signal: null, touched: false, tokens: [] };
  try {
    if (typeof text !== 'string' || text.length === 0) return nothing;
    const c = COMPILED;
    const { tokens, clause } = toTokenStream(text, c.contractions);
    const n = tokens.length;
    if (n === 0) return nothing;
    let touched = false;
    // seen[label]: some match of that label exists, so groups and context lists that match
    // nothing cost nothing more.
    const seen = new Uint8Array(c.labelCount);
    const ends = longestMatches(tokens, c.trie, c.labelCount, seen, c.classes);
    const read = new Reader(tokens, clause, ends, seen);
    const laughing = c.laughterEmoji.some((e) => text.includes(e)) || tokens.some((t) => c.laughter.has(t) || /^(ha){2,}h?$|^(ah){2,}$/.test(t));
    const resolved = read.any(c.context.resolved);
    const past = read.any(c.context.past);

    const found = new Map<CrisisCategory, CrisisLevel>();
    const raise = (category: CrisisCategory, level: CrisisLevel) => {
      const had = found.get(category);
      if (!had || LEVEL_RANK[level] > LEVEL_RANK[had]) found.set(category, level);
    };
    /** Where violence was found, to attribute it. */
    const violenceSpans: [number, number][] = [];

    const evaluate = (g: CompiledGroup) => {
      if (!read.matched(g.patternLabel)) return;
      touched = true;
      // Matches come by increasing start; furthest = the furthest end of an earlier one.
      let furthest = -1;
      for (const [s, e] of uncoveredMatches(ends, g.patternLabel, g.exceptionLabel, n)) {
        // A match inside a longer one of the same group ("suicide" in "pensé au suicide")
        // is read with it: the longer one's context decides.
        const inside = furthest >= e;
        if (e > furthest) furthest = e;
        if (inside) continue;
        if (read.negated(s, c)) continue;
        const firstPersonInside = read.hasAny(c.firstPerson, s, e);
        const topicEnd = read.endingBefore(c.context.topic, s, TOPIC_REACH);
        if (topicEnd >= 0 && !firstPersonInside && !read.hasAny(c.firstPerson, topicEnd, s)) continue;
        const cl = clause[s]!;
        const studiesAround = read.endingBefore(c.context.studies, s, STUDIES_REACH) >= 0 || read.startingAfter(c.context.studies, e, STUDIES_REACH, cl);
        if ((g.level === 'ambiguous' || g.figurative) && studiesAround) continue;
        const thirdEnd = read.endingBefore(c.context.thirdPerson, s, THIRD_PERSON_REACH);
        const someoneElse = !firstPersonInside && thirdEnd >= 0 && !read.hasAny(c.firstPerson, thirdEnd, s);
        // "je vais crever si je trouve pas d'alternance", "I'll die if I fail the exam": a
        // hyperbole made conditional on studies is a question, not a full alert.
        const ifStudies = g.hyperbole && read.startingAfter(c.context.conditional, e, CONDITIONAL_REACH, cl) && read.startingAfter(c.context.studies, e, CONDITIONAL_STUDIES_REACH, cl);
        // "jvais en finir avec tout ça ce soir", "je veux disparaître pour de bon, j'ai tout préparé".
        // Never when studies are named anywhere: "j'ai tout préparé pour l'oral. Je craque."
        const imminent = !read.any(c.context.studies) && ((read.any(c.context.imminent) && read.clausesWith(c.context.imminent).has(cl)) || read.any(c.context.plan));
        for (const category of g.categories) {
          let level: CrisisLevel | null = g.level === 'none' ? null : g.level;
          if (level === 'ambiguous' && imminent && RAISED_BY_IMMINENCE.has(category)) level = 'clear';
          if (level === 'clear' && ifStudies && LOWERED_BY_STUDIES_CONDITION.has(category)) level = 'ambiguous';
          if (someoneElse && past && CLOSED_BY_SOMEONE_ELSES_PAST.has(category)) level = null;
          if (level && resolved) level = CLOSED_BY_RESOLUTION.has(category) ? null : lower(level);
          // Laughter lowers a hyperbole; laughing about studies ("je vais mourir 😂 j'ai oublié mon oral") is nothing.
          if (level && laughing && g.hyperbole) level = studiesAround ? null : lower(level);
          if (!level) continue;
          raise(category, level);
          if (category === 'violence') violenceSpans.push([s, e]);
        }
      }
    };
    const fallbacks: CompiledGroup[] = [];
    for (const g of c.groups) {
      // Groups that only apply when nothing more precise matched run after the others.
      if (g.unlessAnyOf.length > 0) fallbacks.push(g);
      else evaluate(g);
    }
    for (const g of fallbacks) if (!g.unlessAnyOf.some((x) => found.has(x))) evaluate(g);

    attribute(found, read, c, violenceSpans, clause);
    if (found.size === 0) return { signal: null, touched, tokens };
    const categories = CRISIS_CATEGORIES.filter((x) => found.has(x));
    const level: CrisisLevel = categories.some((x) => found.get(x) === 'clear') ? 'clear' : 'ambiguous';
    return { signal: { level, categories }, touched, tokens };
  } catch {
    return nothing;
  }
}

/**
 * Says who the violence comes from, so the right lines show: a partner (3919), someone at
 * home (119), at school or online (3018). Named people win over places: "mon copain me
 * frappe chez moi" is a partner; a controlled phone means a partner unless family is
 * named; "chez moi" means home only outside the violent words themselves ("quelqu'un
 * essaie d'entrer chez moi" is a break-in). Violence from no one named stays "violence" (17).
 */
function attribute(found: Map<CrisisCategory, CrisisLevel>, read: Reader, c: CompiledLexicon, spans: [number, number][], clause: number[]): void {
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
