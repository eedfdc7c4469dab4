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
