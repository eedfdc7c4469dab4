import lexicon from './lexicons/faq.json';
import { compilePattern, findPatterns, matchAt, patternSet, type Pattern, type PatternSet } from './matchPatterns';
import { cleanText, normalize, tokenize } from './text';

/** Questions about the service a young person may ask instead of answering (answers in locales/<lang>/faq.json). */
export const FAQ_CODES = [
  'cost', 'what_is_mentor', 'how_it_works', 'duration', 'frequency', 'who_are_mentors', 'who_are_you', 'human', 'data_sharing',
  'is_it_anonymous', 'why_asked', 'time_to_answer', 'eligibility', 'choose_mentor', 'explain_question', 'coverage',
  // A volunteer's: "faut-il un diplôme pour être mentor ?".
  'mentor_requirements',
] as const;
export type FaqCode = (typeof FAQ_CODES)[number];

/** Words of our questions a young person may ask about ("c'est quoi l'ASE ?"): faq.explain.<term>. */
export const FAQ_TERMS = Object.keys(lexicon.terms) as FaqTerm[];
export type FaqTerm = keyof typeof lexicon.terms;

export interface FaqContext {
  /** The question just asked ("c'est quoi ?" then asks about it). */
  asked?: string | null;
}

export interface FaqReading {
  code: FaqCode;
  /** For explain_question (and what_is_mentor): the word asked about, when named. */
  term?: FaqTerm;
}

type LexLang = 'fr' | 'en';
const LANGS: LexLang[] = ['fr', 'en'];
const isCode = (k: string): k is FaqCode => (FAQ_CODES as readonly string[]).includes(k);

interface LangTables {
  spelling: Map<string, string[]>;
  patterns: PatternSet<FaqCode>;
  /** The whole-sentence patterns, tried again once fillers are taken off ("euh pk ?"). */
  wholePatterns: PatternSet<FaqCode>;
  unless: Map<FaqCode, PatternSet<true>>;
  before: Pattern<true>[];
  after: Pattern<true>[];
  skip: Set<string>;
  terms: PatternSet<FaqTerm>;
  /** Terms that are a question on their own ("QPV ?"). */
  bareTerms: PatternSet<FaqTerm>;
}

/** Patterns that did not compile (a test keeps this empty). */
export const FAQ_LEXICON_ERRORS: string[] = [];

function compileAll<T>(list: readonly string[], value: T, classes: Record<string, readonly string[]>, where: string): Pattern<T>[] {
  const out: Pattern<T>[] = [];
  for (const raw of list) {
    const p = compilePattern(raw, value, classes);
    if (p) out.push(p);
    else FAQ_LEXICON_ERRORS.push(`${where}: ${raw}`);
  }
  return out;
}

function buildTables(lang: LexLang): LangTables {
  const classes = lexicon.classes[lang] as Record<string, string[]>;
  const spelling = new Map<string, string[]>();
  for (const [k, v] of Object.entries(lexicon.spelling[lang] as Record<string, string>)) spelling.set(k, v.split(' '));
  const patterns: Pattern<FaqCode>[] = [];
  for (const [code, list] of Object.entries(lexicon.patterns[lang] as Record<string, string[]>)) {
    if (isCode(code)) patterns.push(...compileAll(list, code, classes, `${lang}.${code}`));
    else FAQ_LEXICON_ERRORS.push(`${lang}: unknown code ${code}`);
  }
  const unless = new Map<FaqCode, PatternSet<true>>();
  for (const [code, list] of Object.entries(lexicon.unless[lang] as Record<string, string[]>)) {
    if (isCode(code)) unless.set(code, patternSet(compileAll(list, true as const, classes, `${lang}.unless.${code}`)));
  }
  const define = lexicon.define[lang];
  const terms: Pattern<FaqTerm>[] = [];
  for (const term of FAQ_TERMS) terms.push(...compileAll(lexicon.terms[term][lang], term, {}, `${lang}.term.${term}`));
  return {
    spelling,
    patterns: patternSet(patterns),
    wholePatterns: patternSet(patterns.filter((p) => p.whole)),
    unless,
    before: compileAll(define.before, true as const, classes, `${lang}.define.before`),
    after: compileAll(define.after, true as const, classes, `${lang}.define.after`),
    skip: new Set(define.skip),
    terms: patternSet(terms),
    bareTerms: patternSet(terms.filter((p) => lexicon.terms[p.value].bare).map((p) => ({ ...p, whole: true }))),
  };
}

const TABLES: Record<LexLang, LangTables> = { fr: buildTables('fr'), en: buildTables('en') };

/** Words around a question that change nothing ("euh c payant stp"). */
const FILLERS = new Set([
  'et', 'mais', 'ok', 'okay', 'euh', 'bon', 'alors', 'donc', 'hein', 'sinon', 'juste', 'bonjour', 'salut', 'coucou', 'bjr', 'slt', 'yo', 'wesh', 'stp', 'svp',
  'merci', 'mdr', 'lol', 'frere', 'frr', 'and', 'but', 'so', 'um', 'uh', 'hmm', 'well', 'oh', 'ah', 'wait', 'hello', 'hi', 'hey', 'please', 'though', 'thanks', 'bro',
  'exactement', 'exactly', 'attends', 'actually',
]);

const FR_TU_NEXT = new Set(['es', 'est', 'qui', 'un', 'une', 'humain', 'humaine', 'vrai', 'vraie', 'reel', 'reelle', 'robot', 'bot', 'ia', 'nul', 'nulle', 'ou', 'la', 'sur', 'sure', 'quoi', 'con', 'conne', 'bete', 'debile', 'idiot', 'idiote', 'serieux', 'serieuse', 'fou', 'folle']);
/** "cé payant", "ce quoi": "ce" written for "c'est". */
const FR_CE_NEXT = new Set(['payant', 'payante', 'gratuit', 'gratuite', 'quoi', 'qui', 'anonyme', 'obligatoire', 'combien', 'cher', 'long', 'un', 'une', 'possible', 'officiel', 'securise', 'confidentiel', 'normal', 'pour']);
const FR_SA_NEXT = new Set(['coute', 'coutera', 'dure', 'durera', 'marche', 'se', 'sert', 'veut', 'va', 'fait', 'prend', 'fonctionne']);

/** Rewrites SMS spellings to the forms the patterns are written in ("c koi" -> "c est quoi"). */
export function canonicalTokens(tokens: readonly string[], lang: LexLang): string[] {
  const spelling = TABLES[lang].spelling;
  const mapped: string[] = [];
  for (const t of tokens) {
    const m = spelling.get(t);
    if (m) mapped.push(...m);
    else mapped.push(t);
  }
  if (lang !== 'fr') return mapped;
  const out: string[] = [];
  for (let i = 0; i < mapped.length; i++) {
    const t = mapped[i]!;
    const next = mapped[i + 1];
    if (t === 'c' && next !== undefined && next !== 'est' && next !== 'etait' && next !== 'etaient') { out.push('c', 'est'); continue; }
    if ((t === 't' || t === 'tes') && next !== undefined) {
      if (t === 't' && next === 'as') { out.push('tu'); continue; }
      if (next === 'es' || next === 'est') { out.push('tu', 'es'); i++; continue; }
      if (FR_TU_NEXT.has(next)) { out.push('tu', 'es'); continue; }
    }
    if (t === 'sa' && next !== undefined && FR_SA_NEXT.has(next)) { out.push('ca'); continue; }
    if (t === 'ce' && next !== undefined && FR_CE_NEXT.has(next)) { out.push('c', 'est'); continue; }
    // "jparle", "jcomprends": no French word starts with j and a consonant.
    if (t.length >= 4 && /^j[bcdfghklmnpqrstvwxz]/.test(t)) { out.push('je', t.slice(1)); continue; }
    out.push(t);
  }
  return out;
}

function stripFillers(tokens: readonly string[]): string[] {
  let a = 0;
  let b = tokens.length;
  while (a < b && FILLERS.has(tokens[a]!)) a++;
  while (b > a && FILLERS.has(tokens[b - 1]!)) b--;
  return tokens.slice(a, b);
}

interface Candidate { code: FaqCode; term?: FaqTerm; weight: number }

/** "c'est quoi l'ASE", "QPV ça veut dire quoi", "what does QPV mean". */
function defineCandidates(tokens: readonly string[], t: LangTables): Candidate[] {
  const out: Candidate[] = [];
  for (const m of findPatterns(tokens, t.terms)) {
    const code = lexicon.terms[m.value].code as FaqCode;
    const head = headBefore(tokens, m.start, t) ?? headAfter(tokens, m.end, t);
    if (head !== null) out.push({ code, term: m.value, weight: head + m.weight });
  }
  return out;
}

const matchAtStart = matchAt;

function onlySkips(tokens: readonly string[], from: number, to: number, skip: Set<string>): boolean {
  for (let k = from; k < to; k++) if (!skip.has(tokens[k]!)) return false;
  return true;
}

function headBefore(tokens: readonly string[], termStart: number, t: LangTables): number | null {
  let best: number | null = null;
  for (let j = Math.max(0, termStart - 9); j < termStart; j++) {
    for (const h of t.before) {
      const end = matchAtStart(h, tokens, j);
      if (end > j && end <= termStart && termStart - end <= 3 && onlySkips(tokens, end, termStart, t.skip)) best = Math.max(best ?? 0, h.weight);
    }
  }
  return best;
}

function headAfter(tokens: readonly string[], termEnd: number, t: LangTables): number | null {
  let best: number | null = null;
  for (let j = termEnd; j <= Math.min(tokens.length - 1, termEnd + 2); j++) {
    if (!onlySkips(tokens, termEnd, j, t.skip)) break;
    for (const h of t.after) if (matchAtStart(h, tokens, j) > j) best = Math.max(best ?? 0, h.weight);
  }
  return best;
}

const MAX_TOKENS = 40;

/** The FAQ a single sentence asks, if any. `question` says whether it ended with "?". */
function readSentence(words: readonly string[], question: boolean): FaqReading | null {
  if (words.length === 0) return null;
  const candidates: Candidate[] = [];
  for (const lang of LANGS) {
    const t = TABLES[lang];
    const tokens = canonicalTokens(words, lang).slice(0, MAX_TOKENS);
    const stripped = stripFillers(tokens);
    const found: Candidate[] = [];
    for (const m of findPatterns(tokens, t.patterns)) if (question || !m.question) found.push({ code: m.value, weight: m.weight });
    if (stripped.length !== tokens.length) {
      for (const m of findPatterns(stripped, t.wholePatterns)) if (question || !m.question) found.push({ code: m.value, weight: m.weight });
    }
    found.push(...defineCandidates(tokens, t));
    // A bare jargon word asked as a question: "QPV ?", "mentor ?".
    if (question) {
      for (const m of findPatterns(stripped, t.bareTerms)) found.push({ code: lexicon.terms[m.value].code as FaqCode, term: m.value, weight: m.weight });
    }
    for (const c of found) {
      const vetoes = t.unless.get(c.code);
      if (vetoes && findPatterns(tokens, vetoes).length > 0) continue;
      candidates.push(c);
    }
  }
  let best: Candidate | null = null;
  for (const c of candidates) if (!best || c.weight > best.weight) best = c;
  if (!best) return null;
  return best.term ? { code: best.code, term: best.term } : { code: best.code };
}

export interface FaqSplit {
  faq: FaqReading | null;
  /** The message without the sentences that asked the question: "17 ans. c payant ?" -> "17 ans". */
  rest: string;
}

const MAX_SENTENCES = 12;

/** Questions whose wording is itself the thing to explain. */
const TERM_OF_QUESTION: Record<string, FaqTerm> = {
  priority: 'priority', availability: 'availability', contactPreference: 'contact_preference', diplomaLevel: 'diploma',
};

/**
 * Finds a question about the service in a message and separates it from the answers the
 * message also gives. Only whole sentences are set aside, so an answer is never cut in two.
 */
export function splitFaq(text: string, ctx: FaqContext = {}): FaqSplit {
  try {
    const cleaned = cleanText(text);
    const parts: { text: string; question: boolean }[] = [];
    // Sentence ends: ? ! ; and a full stop followed by a space (not the dot of an e-mail).
    const re = /([^?!;.]*(?:\.(?!\s|$)[^?!;.]*)*)([?!;.]+|$)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(cleaned)) !== null && parts.length < MAX_SENTENCES * 4) {
      if (m[0] === '') { re.lastIndex++; if (re.lastIndex > cleaned.length) break; continue; }
      parts.push({ text: m[1]!, question: m[2]!.includes('?') });
    }
    let faq: FaqReading | null = null;
    const kept: string[] = [];
    let looked = 0;
    for (const part of parts) {
      const words = tokenize(normalize(part.text));
      const reading: FaqReading | null = !faq && looked < MAX_SENTENCES ? readSentence(words, part.question) : null;
      if (words.length > 0) looked++;
      if (reading) { faq = reading; continue; }
      if (part.text.trim() !== '') kept.push(part.text.trim());
    }
    // "c'est quoi ?" right after a question made of one of our words: that word.
    if (faq && faq.code === 'explain_question' && !faq.term && ctx.asked && ctx.asked in TERM_OF_QUESTION) {
      faq = { code: 'explain_question', term: TERM_OF_QUESTION[ctx.asked]! };
    }
    return { faq, rest: faq ? kept.join('. ') : cleaned };
  } catch {
    return { faq: null, rest: typeof text === 'string' ? text : '' };
  }
}

/** The question about the service a message asks ("c payant ?" -> cost), or null. Never throws. */
export function parseFaq(text: string, ctx: FaqContext = {}): FaqCode | null {
  return splitFaq(text, ctx).faq?.code ?? null;
}
