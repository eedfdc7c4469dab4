import lexicon from './lexicons/corrections.json';
import { cleanText, normalize } from './text';

/** How a message corrects an earlier answer. */
export interface CorrectionCues {
  /** "en fait", "je me suis trompé", "actually", "I meant", "change…": the message says it corrects. */
  marker: boolean;
  /** The message without its negated or superseded parts ("pas Lyon", "not 17", "j'ai dit terminale mais"). */
  kept: string;
  /** "rajoute la confiance en moi", "also my CV": the answer adds to the one given, not replaces it. */
  adds: boolean;
  /** The parts taken out, to tell "pas Lyon, Villeurbanne" (a correction) from "je sais pas quoi faire". */
  removed: string[];
}

const padded = (s: string) => ` ${s} `;
const MARKERS = lexicon.markers.map((m) => padded(m.split(' ').map((w) => fold(w)).join(' ')));
const ADDITIONS = lexicon.additions.map((m) => padded(m.split(' ').map((w) => fold(w)).join(' ')));

/** Words that start the new value after a negated one: "c pas Lyon, c Villeurbanne", "pas 14 g 13". */
const RESTART = new Set(lexicon.restartWords.map((w) => fold(w)));
/** Words that end a negated span themselves ("plus au lycée, j'ai arrêté"). */
const NEGATIONS = new Set(lexicon.negations);
/** "j'ai dit X mais Y", "I said X but Y": X is the old answer. */
const SAID_OLD = lexicon.saidOld.map((s) => s.split(' ').map((w) => fold(w)).join(' '));
const SAID_END = new Set(['mais', 'but', 'en fait', 'actually']);

/** Punctuation that ends a clause. */
const CLAUSE_END = /[,;.!?:]/;

/**
 * Finds what a correction says and takes out what it says is wrong, on words, linearly:
 * "c pas roubaix c tourcoing" keeps "c c tourcoing"; "sorry i meant 18 not 17" keeps
 * "sorry i meant 18". Whether the cut is a correction ("pas Lyon, Villeurbanne") or plain
 * negation ("je sais pas quoi faire") is for the caller to decide, by reading both parts.
 */
export function readCorrection(text: string): CorrectionCues {
  const cleaned = cleanText(text);
  // Words as typed (accents and case kept for names), each with its folded form.
  const parts = cleaned.split(/([\p{L}\p{M}\p{N}@+._'-]+)/u);
  const words: { raw: string; w: string; sep: string; end: boolean }[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const sep = parts[i + 1] ?? '';
    words.push({ raw: parts[i]!, w: fold(parts[i]!), sep, end: CLAUSE_END.test(sep) });
  }
  const joined = words.map((x) => x.w).join(' ');
  const marker = MARKERS.some((m) => padded(joined).includes(m));
  const adds = ADDITIONS.some((m) => padded(joined).includes(m));

  const removedIdx = new Set<number>();
  const removed: string[] = [];
  // "j'ai dit terminale mais …": drop from "j'ai dit" to "mais".
  for (const said of SAID_OLD) {
    const at = padded(joined).indexOf(padded(said));
    if (at < 0) continue;
    const first = at === 0 ? 0 : joined.slice(0, at - 1).split(' ').length;
    const saidLength = said.split(' ').length;
    let k = first + saidLength;
    const span: number[] = [];
    while (k < words.length && !SAID_END.has(words[k]!.w)) { span.push(k); k += 1; }
    if (k < words.length && span.length > 0) {
      for (let j = first; j <= k; j++) removedIdx.add(j);
      removed.push(span.map((j) => words[j]!.raw).join(' '));
    }
    break;
  }

  for (let i = 0; i < words.length; i++) {
    if (!NEGATIONS.has(words[i]!.w) || removedIdx.has(i)) continue;
    if (indirectQuestion(words.map((x) => x.w), i)) continue;
    // The negated span runs to the end of the clause or to a word that restarts a value.
    let k = i + 1;
    const span: number[] = [];
    while (k < words.length && !RESTART.has(words[k]!.w) && !NEGATIONS.has(words[k]!.w)) {
      span.push(k);
      k += 1;
      if (words[k - 1]!.end) break;
    }
    if (span.length === 0) continue;
    removedIdx.add(i);
    for (const j of span) removedIdx.add(j);
    removed.push(span.map((j) => words[j]!.raw).join(' '));
    i = k - 1;
  }
  if (removed.length === 0) return { marker, adds, kept: cleaned, removed };
  const kept = words.filter((_, i) => !removedIdx.has(i)).map((x) => x.raw + x.sep).join('').trim();
  return { marker, adds, kept, removed };
}

/** "sais", "know"... and the words that may stand between it and the negation or the question word. */
const KNOW = new Set(['sais', 'sait', 'savais', 'jsais', 'jsai', 'sai', 'know', 'knew', 'dont', 'didnt', 'idk']);
const FILLERS = new Set(['meme', 'trop', 'vraiment', 'encore', 'du', 'tout', 'really', 'even', 'yet', 'quite']);
const WH = new Set(['quel', 'quelle', 'quels', 'quelles', 'quoi', 'ou', 'comment', 'si', 'combien', 'pourquoi', 'ce', 'which', 'what', 'where', 'how', 'whether', 'if', 'why', 'who']);

/**
 * "je sais même pas quel bac pro je veux faire", "I don't even know which course": a negation
 * of knowing before a question word asks; it denies no earlier answer, so nothing is cut.
 */
function indirectQuestion(w: readonly string[], i: number): boolean {
  let before = i - 1;
  while (before >= 0 && FILLERS.has(w[before]!)) before -= 1;
  let after = i + 1;
  // "je sais pas", "je ne sais pas", "I don't know": the verb is before (fr) or after (en) the negation.
  if (after < w.length && KNOW.has(w[after]!)) after += 1;
  else if (before < 0 || !KNOW.has(w[before]!)) return false;
  while (after < w.length && FILLERS.has(w[after]!)) after += 1;
  return after < w.length && WH.has(w[after]!);
}

/** Lowercase, no accents, no apostrophes: "C'est" -> "cest", "trompé" -> "trompe". */
function fold(word: string): string {
  return normalize(word).replace(/'/g, '');
}
