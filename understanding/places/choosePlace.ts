/**
 * Reads the answer to "which one?" after namesakes were offered ("Saint-Denis": 93 or
 * 974?): a position, a département, a région, a postal code, a landmark, the label itself.
 */
import { CommuneIndex } from './CommuneIndex';
import { normalizeName, tokenize } from './normalize';
import { DECLINED, EMPTY, formatPlace, NOT_FOUND, POSTAL_CODE, scanCommunes, scanTerritories } from './parsePlace';
import { TerritoryIndex } from './territories';
import { cleanText } from '../text';
import type { Place, PlaceParseResult } from './types';
import { COMMON_WORDS, DECLINE_EXACT, DECLINE_PHRASES, FILLERS } from './vocabulary';

/**
 * Resolves the answer to "which one?" after an ambiguity: a position ("2", "le premier"),
 * a département code ("93"), a département or région name ("La Réunion"), a postal code,
 * a commune name, or the button label itself ("Saint-Denis (93)").
 */
export function choosePlace(
  text: string,
  candidates: readonly Place[],
  index: CommuneIndex = CommuneIndex.load(),
): PlaceParseResult {
  if (typeof text !== 'string') return EMPTY;
  // cleanText strips markup and control characters and caps the length (MAX_TEXT_LENGTH).
  const tokens = tokenize(cleanText(text));
  if (tokens.length === 0) return EMPTY;
  if (candidates.length === 0) return NOT_FOUND;
  const words = tokens.map((t) => t.norm);
  const joined = words.join(' ');

  // A tapped button sends its label back verbatim.
  const byLabel = candidates.filter((c) => normalizeName(formatPlace(c)) === joined);
  if (byLabel.length === 1 && byLabel[0]) return { ok: true, value: byLabel[0] };

  if (NONE_OF_THEM.has(joined)) return NOT_FOUND;
  if (DECLINE_EXACT.has(joined)) return DECLINED;

  const territories = TerritoryIndex.load();
  const signals: Place[][] = [];
  const keep = (predicate: (c: Place) => boolean): void => {
    signals.push(candidates.filter(predicate));
  };

  const position = positionIn(words, candidates.length);
  if (position !== null) keep((c) => c === candidates[position]);

  for (const word of words) {
    if (POSTAL_CODE.test(word)) {
      const sameCode = candidates.filter((c) => c.postalCode === word);
      // A code other than the one shown still tells the département (the first 2 or 3 digits).
      signals.push(sameCode.length > 0 ? sameCode : candidates.filter((c) => word.startsWith(postalPrefix(c.departement))));
      continue;
    }
    const departement = territories.departementCode(word);
    if (departement) keep((c) => c.departement === departement);
  }

  for (const span of scanTerritories(words, territories)) {
    const ref = span.ref;
    keep((c) => ref.departements.has(c.departement) || ref.regions.has(c.region));
  }

  // Another commune named as a landmark ("the one near Paris", "celui à côté de Lyon"): the
  // candidates of its département, else of its région.
  for (const span of scanCommunes(words, index)) {
    if (span.entries.length !== 1 || span.entries.some((e) => candidates.some((c) => c.commune === e.code))) continue;
    if (words.slice(span.start, span.end).every((w) => COMMON_WORDS.has(w))) continue;
    const landmark = span.entries[0];
    if (!landmark || candidates.some((c) => normalizeName(c.name) === span.entries[0]?.key)) continue;
    const sameDepartement = candidates.filter((c) => c.departement === landmark.departement);
    keep((c) => (sameDepartement.length > 0 ? c.departement === landmark.departement : c.region === landmark.region));
  }

  // Commune names: only informative when the candidates do not all share one name.
  const padded = ` ${joined} `;
  const named = candidates.filter((c) => padded.includes(` ${normalizeName(c.name)} `));
  if (named.length > 0 && named.length < candidates.length) signals.push(named);

  if (signals.length === 0) {
    const paddedDecline = DECLINE_PHRASES.some((p) => padded.includes(` ${p} `));
    return paddedDecline ? DECLINED : NOT_FOUND;
  }
  let remaining: readonly Place[] = candidates;
  for (const signal of signals) {
    const narrowed = remaining.filter((c) => signal.includes(c));
    // A signal that contradicts the others (a typo, an age typed alongside) is ignored
    // rather than allowed to empty the list.
    if (narrowed.length > 0) remaining = narrowed;
  }
  if (remaining.length === candidates.length && signals.every((s) => s.length === 0)) return NOT_FOUND;
  if (remaining.length === 1 && remaining[0]) return { ok: true, value: remaining[0] };
  return { ok: false, reason: 'ambiguous', candidates: [...remaining] };
}

const NONE_OF_THEM: ReadonlySet<string> = new Set([
  'aucun', 'aucune', 'aucun des deux', 'ni l un ni l autre', 'autre', 'une autre', 'un autre', 'none', 'none of them',
  'neither', 'other', 'another', 'aucune de ces villes', 'c est pas ca', 'pas ca',
]);

/** Words around a position that do not change it: "le numéro 2", "the first one", "celui-ci". */
const POSITION_WORDS: ReadonlySet<string> = new Set([
  'choix', 'option', 'numero', 'num', 'n', 'no', 'number', 'one', 'celui', 'celle', 'ci', 'choice',
]);

const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['premier', 0], ['premiere', 0], ['first', 0], ['1er', 0], ['1ere', 0], ['1re', 0], ['1st', 0],
  ['deuxieme', 1], ['second', 1], ['seconde', 1], ['2e', 1], ['2eme', 1], ['2nd', 1],
  ['troisieme', 2], ['third', 2], ['3e', 2], ['3eme', 2], ['3rd', 2],
  ['quatrieme', 3], ['fourth', 3], ['4e', 3], ['4eme', 3], ['4th', 3],
  ['cinquieme', 4], ['fifth', 4], ['5e', 4], ['5eme', 4], ['5th', 4],
  ['sixieme', 5], ['sixth', 5], ['6e', 5], ['6eme', 5], ['6th', 5],
  ['septieme', 6], ['seventh', 6], ['7e', 6], ['7eme', 6], ['7th', 6],
  ['huitieme', 7], ['eighth', 7], ['8e', 7], ['8eme', 7], ['8th', 7],
]);

/** A 0-based position named in the answer ("2", "le deuxième", "the last"), or null. */
function positionIn(words: readonly string[], count: number): number | null {
  const meaningful = words.filter((w) => !FILLERS.has(w) && !POSITION_WORDS.has(w));
  if (meaningful.length !== 1 || !meaningful[0]) return null;
  const word = meaningful[0];
  if (word === 'dernier' || word === 'derniere' || word === 'last') return count - 1;
  // "01" is a département, "1" a position: only a plain one- or two-digit number without a
  // leading zero counts as a position.
  const position = /^[1-9]\d?$/.test(word) ? Number(word) - 1 : ORDINAL_WORDS.get(word);
  return position !== undefined && position >= 0 && position < count ? position : null;
}

/** The digits a département's postal codes start with ("974" for 974, "20" for Corsica). */
function postalPrefix(departement: string): string {
  if (departement === '2A' || departement === '2B') return '20';
  return departement;
}
