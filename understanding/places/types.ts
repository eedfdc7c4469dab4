import type { Place } from '../../intake/MentoringRequest';
import type { ParseResult } from '../text';

export type { Place };

/** Why a message did not give exactly one commune. */
export type PlaceFailureReason = 'not_found' | 'ambiguous' | 'declined' | 'empty';

/**
 * Outcome of reading a place. `candidates` accompanies 'ambiguous' (the places to offer as
 * choices, most populated first, at most 8) and may accompany 'not_found' when the answer
 * looked like the start or a misspelling of known communes ("did you mean…?").
 */
export type PlaceParseResult = ParseResult<Place, PlaceFailureReason> & { candidates?: Place[] };

/** Most choices the parser will ever offer: more does not fit as buttons on a phone. */
export const MAX_CANDIDATES = 8;

/** What a message says about where the young person lives. */
export type PlaceReading =
  | { kind: 'commune'; place: Place }
  /** Several communes of similar weight share the name: ask which. */
  | { kind: 'ambiguous'; candidates: Place[] }
  /** A postal code shared by several communes (all of them, not only the first eight). */
  | { kind: 'postalCode'; code: string; candidates: Place[] }
  /** A département (or a single-département territory) without a commune. */
  | { kind: 'departement'; code: string }
  /** "Je préfère ne pas dire". */
  | { kind: 'declined' };

/**
 * A reading, or `clarify`: the message talks about the place but a question must follow
 * ("près de Lille", "en Corse", "Grenoble mais je déménage à Lyon").
 */
export type PlaceRead = PlaceReading | { kind: 'clarify' };
