import lexicon from './crisisLexicon.json';
import {
  addToTrie,
  compileContractions,
  compilePattern,
  hasUncoveredMatch,
  longestMatches,
  newTrie,
  toTokens,
  type Contractions,
  type SequenceTrie,
} from './crisisTokens';

/**
 * The safety check every incoming message passes first. It only says which kinds of
 * crisis a message may be about, so the bot can pause and show the right help lines.
 */

export const CRISIS_CATEGORIES = ['suicide', 'self_harm', 'abuse', 'violence', 'online_harassment', 'school_harassment'] as const;
export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];

/**
 * Only categories: never the matched words. What the young person wrote must not end up
 * in logs, state or analytics, and a result without text cannot leak it.
 */
export interface CrisisSignal {
  categories: CrisisCategory[];
}

interface LexiconGroupJson {
  id: string;
  categories: string[];
  unlessAnyOf?: string[];
  patterns: string[];
  exceptions: string[];
}

interface CompiledGroup {
  id: string;
  categories: readonly CrisisCategory[];
  unlessAnyOf: readonly CrisisCategory[];
  /** Labels in the shared trie: group i's patterns are 2i, its exceptions 2i + 1. */
  patternLabel: number;
  exceptionLabel: number;
}

function asCategory(value: string, where: string): CrisisCategory {
  if (!(CRISIS_CATEGORIES as readonly string[]).includes(value)) throw new Error(`crisis lexicon: unknown category "${value}" in ${where}`);
  return value as CrisisCategory;
}

/** Compiles the lexicon; throws on a malformed lexicon so a bad edit fails the tests, not a conversation. */
export function compileCrisisLexicon(json: { contractions: Record<string, string>; groups: LexiconGroupJson[] }): {
  contractions: Contractions;
  groups: CompiledGroup[];
  trie: SequenceTrie;
  labelCount: number;
} {
  const contractions = compileContractions(json.contractions);
  const trie = newTrie();
  const groups = json.groups.map((g, i): CompiledGroup => {
    if (g.patterns.length === 0) throw new Error(`crisis lexicon: group ${g.id} has no pattern`);
    addToTrie(trie, g.patterns.flatMap((p) => compilePattern(p, contractions)), 2 * i);
    addToTrie(trie, g.exceptions.flatMap((p) => compilePattern(p, contractions)), 2 * i + 1);
    return {
      id: g.id,
      categories: g.categories.map((c) => asCategory(c, g.id)),
      unlessAnyOf: (g.unlessAnyOf ?? []).map((c) => asCategory(c, g.id)),
      patternLabel: 2 * i,
      exceptionLabel: 2 * i + 1,
    };
  });
  return { contractions, groups, trie, labelCount: 2 * groups.length };
}

const COMPILED = compileCrisisLexicon(lexicon as { contractions: Record<string, string>; groups: LexiconGroupJson[] });

/** The canonical words the lexicon is matched on; exported for tests and for tuning the lexicon. */
export function crisisWords(text: string): string[] {
  return toTokens(text, COMPILED.contractions);
}

/**
 * Which crisis categories a message may be about, or null. Never throws: on a failure
 * that should not happen it answers null, since throwing here would take the whole turn
 * down with it and the bot could not even show its usual reply.
 */
export function detectCrisis(text: string): CrisisSignal | null {
  try {
    if (typeof text !== 'string' || text.length === 0) return null;
    const tokens = toTokens(text, COMPILED.contractions);
    if (tokens.length === 0) return null;
    // One walk of the text for the whole lexicon; groups then only read the result.
    const ends = longestMatches(tokens, COMPILED.trie, COMPILED.labelCount);
    const matches = (g: CompiledGroup): boolean => hasUncoveredMatch(ends, g.patternLabel, g.exceptionLabel, tokens.length);
    const found = new Set<CrisisCategory>();
    const fallbacks: CompiledGroup[] = [];
    for (const group of COMPILED.groups) {
      // Groups that only apply when nothing more precise matched run after the others.
      if (group.unlessAnyOf.length > 0) {
        fallbacks.push(group);
        continue;
      }
      if (matches(group)) for (const c of group.categories) found.add(c);
    }
    for (const group of fallbacks) {
      if (group.unlessAnyOf.some((c) => found.has(c))) continue;
      if (matches(group)) for (const c of group.categories) found.add(c);
    }
    if (found.size === 0) return null;
    return { categories: CRISIS_CATEGORIES.filter((c) => found.has(c)) };
  } catch {
    return null;
  }
}
