export { CommuneIndex, type CommuneEntry } from './CommuneIndex';
export { parsePlace, choosePlace, formatPlace } from './parsePlace';
export type { Place, PlaceFailureReason, PlaceParseResult } from './types';
export { MAX_CANDIDATES } from './types';
export { normalizeName } from './normalize';
export { readPlace } from './readPlace';
export type { PlaceReading, PlaceRead } from './types';
