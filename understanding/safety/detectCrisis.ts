import lexicon from './crisisLexicon.json';
import modelJson from './crisisModel.json';
import { loadModel, scoresOf, scoreTokens, stack, type CrisisModelJson, type LoadedModel } from './crisisModel';
import { attribute, LEVEL_RANK, readMatch, Reader, type MessageContext } from './crisisContext';
import { addToTrie, compilePattern, compileWordClasses, longestMatches, newTrie, uncoveredMatches, type SequenceTrie, type WordClasses } from './crisisPatterns';
import { compileContractions, rawWords, toTokens, toTokenStream, withTypoVariants, type Contractions } from './crisisTokens';

/**
 * The safety check every incoming message passes first. It says which kinds of crisis a
 * message may be about, and how plainly: a clear danger shows the help lines at once, an
 * ambiguous one ("je veux en finir", "ça me tue") gets one gentle question first.
 *
 * One walk of the text finds every lexicon pattern and every context word (the pattern
 * language: crisisPatterns.ts, on the canonical words of crisisTokens.ts); each match is
 * then read in its clause (the context rules: crisisContext.ts):
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
 *   figure of speech about ending things to a clear danger; so does a place to fall from
 *   ("sur le toit", "on the bridge");
 * - and those learnt from batch 7 (docs/safety.md): negation after the verb, someone else
 *   who got through it, a duration is not the past, the writer's past set against now,
 *   fiction, class and research topics, a video game, an overdose on purpose (also suicide)
 *   or under way (a sign and a substance), sexual violence met online, one typo.
 * - and those learnt from batch 8: a relative clause's negation does not reach past it,
 *   studies set aside figures of speech only (not hints of harm from others), school work,
 *   degrees and jobs as topics, play and places that are not home, a past year.
 * Overdose intent and an overdose under way are read here, after the groups.
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

export const CONTEXT_PATTERNS = ['topic', 'resolved', 'past', 'thirdPerson', 'studies', 'family', 'partner', 'control', 'home', 'school', 'online', 'imminent', 'plan', 'conditional', 'outsideHome', 'recovered', 'place', 'intent', 'emergency', 'substance', 'game', 'now', 'topicAfter'] as const;
export type ContextName = (typeof CONTEXT_PATTERNS)[number];

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
  /** Long crisis words read through one typo (crisisTokens.ts, withTypoVariants). */
  typos?: string[];
  /** Real words one typo away from a word of `typos`: never read as it. */
  typoRealWords?: string[];
  classes?: Record<string, string[]>;
  groups: LexiconGroupJson[];
  context: ContextJson;
}

export interface CompiledGroup {
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

export interface CompiledLexicon {
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
  const contractions = withTypoVariants(compileContractions(json.contractions), json.typos ?? [], json.typoRealWords ?? []);
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

/** The shipped model (eval:safety reads its thresholds for the cross-validation). */
export const MODEL = loadModel(modelJson as CrisisModelJson);

/**
 * Which crisis categories a message may be about and how plainly, or null: the lexicon
 * and its context rules, combined with the statistical second opinion (crisisModel.ts,
 * `stack`: it may ask when the rules are silent, raise an ambiguous verdict to a clear
 * danger, lower a full alert to the gentle question, add categories). Never throws.
 */
export function detectCrisis(text: string): CrisisSignal | null {
  return combine(MODEL, readRules(text));
}

/** detectCrisis with another model (eval:safety's cross-validation trains one per fold). */
export function detectCrisisWith(model: LoadedModel): (text: string) => CrisisSignal | null {
  return (text) => combine(model, readRules(text));
}

function combine(model: LoadedModel, read: RulesReading): CrisisSignal | null {
  // Where a lexicon pattern matched and the context rules set it aside (an idiom, a
  // negation, a topic), that was a decision: the model adds nothing.
  if (read.tokens.length === 0 || (!read.signal && read.touched)) return read.signal;
  try {
    const stacked = stack(read.signal, read.touched, scoresOf(model, scoreTokens(model, read.tokens, read.markers)), model.thresholds, model.thresholds.demote > 0 ? clearClausesAny(model, read) : 1);
    // A figure of speech the rules read beside studies ("je suis en train de couler, j'ai des 4
    // en colles") is theirs to ask about: the model may add categories, not raise it to the lines.
    if (stacked && read.signal?.level === 'ambiguous' && stacked.level === 'clear' && read.markers.includes('ctx:studies')) return { ...stacked, level: 'ambiguous' };
    return stacked;
  } catch {
    return read.signal;
  }
}

/**
 * The model's p(any) on the clauses where the rules read a clear danger (their own words,
 * no markers): a full alert is lowered only when those clauses themselves read as ordinary,
 * so a danger said in one clause of a long ordinary message keeps its lines.
 */
export function clearClausesAny(model: LoadedModel, read: RulesReading): number {
  if (read.signal?.level !== 'clear' || !read.clearTokens || read.clearTokens.length === 0) return 1;
  return scoresOf(model, scoreTokens(model, read.clearTokens)).any;
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

/** What the model reads of a message, and the rules' verdict: for training and evaluating the model. */
export function readForModel(text: string): RulesReading {
  return readRules(text);
}

export interface RulesReading {
  signal: CrisisSignal | null;
  /** Some lexicon pattern matched, whatever the context rules then decided. */
  touched: boolean;
  tokens: string[];
  /** Markers for the model: "n:<word>" after a negation, "ctx:<name>" for each context found, "first", "laugh". */
  markers: string[];
  /** For a clear verdict: the words of the clauses where a clear match was read. */
  clearTokens?: string[];
}

// Words that make a time in the past a duration still going on.
const ONGOING: ReadonlySet<string> = new Set(['depuis', 'since', 'for', 'pendant', 'durant']);

// A word this close after a negator, in its clause, is read as negated by the model.
const MODEL_NEGATION_REACH = 3;

function markersOf(c: CompiledLexicon, tokens: readonly string[], clause: readonly number[], read: Reader, laughing: boolean): string[] {
  const out: string[] = [];
  for (const name of CONTEXT_PATTERNS) if (read.any(c.context[name])) out.push(`ctx:${name}`);
  if (laughing) out.push('laugh');
  let lastNegator = -MODEL_NEGATION_REACH - 1;
  let first = false;
  for (let i = 0; i < tokens.length && i < 200; i++) {
    const w = tokens[i]!;
    if (c.firstPerson.has(w)) first = true;
    if (c.negators.has(w)) { lastNegator = i; continue; }
    if (i - lastNegator <= MODEL_NEGATION_REACH && clause[lastNegator] === clause[i]) out.push(`n:${w}`);
  }
  if (first) out.push('first');
  return out;
}

function readRules(text: string): RulesReading {
  const nothing: RulesReading = { signal: null, touched: false, tokens: [], markers: [] };
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
    // "l'an dernier" is the past, "depuis l'an dernier" is still going on.
    const past = read.spansOf(c.context.past).some(([s]) => !ONGOING.has(read.before(s) ?? ''));
    const ctx: MessageContext = { c, read, clause, laughing, resolved: read.any(c.context.resolved), past };

    const found = new Map<CrisisCategory, CrisisLevel>();
    const raise = (category: CrisisCategory, level: CrisisLevel) => {
      const had = found.get(category);
      if (!had || LEVEL_RANK[level] > LEVEL_RANK[had]) found.set(category, level);
    };
    /** The clauses where a clear match was read: what the model weighs before lowering a full alert. */
    const clearClauses = new Set<number>();
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
        for (const [category, level] of readMatch(g, s, e, ctx)) {
          raise(category, level);
          if (level === 'clear') clearClauses.add(clause[s]!);
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

    // "j'ai bu de la javel exprès", "i swallowed all my antidepressants to end it": an
    // overdose taken on purpose is also a suicide attempt (3114 beside the poison lines).
    const overdose = found.get('overdose');
    if (overdose && read.any(c.context.intent)) raise('suicide', overdose);
    // "il convulse", "elle répond plus", "not breathing" with a substance named anywhere
    // ("vape au PTC", "vodka + des xanax"): an overdose under way, the lines at once. Not
    // about someone's past, not once resolved, not around studies.
    if (read.any(c.context.emergency) && read.any(c.context.substance) && !ctx.past && !ctx.resolved && !read.any(c.context.studies)) {
      touched = true;
      raise('overdose', laughing ? 'ambiguous' : 'clear');
      for (const cl of read.clausesWith(c.context.emergency)) clearClauses.add(cl);
    }

    attribute(found, read, c, violenceSpans, clause);
    const markers = markersOf(c, tokens, clause, read, laughing);
    if (found.size === 0) return { signal: null, touched, tokens, markers };
    const categories = CRISIS_CATEGORIES.filter((x) => found.has(x));
    const level: CrisisLevel = categories.some((x) => found.get(x) === 'clear') ? 'clear' : 'ambiguous';
    const clearTokens = level === 'clear' ? tokens.filter((_, i) => clearClauses.has(clause[i]!)) : [];
    return { signal: { level, categories }, touched, tokens, markers, clearTokens };
  } catch {
    return nothing;
  }
}
