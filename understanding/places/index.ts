export { CommuneIndex, type CommuneEntry } from './CommuneIndex';
export { parsePlace, formatPlace } from './parsePlace';
export { choosePlace } from './choosePlace';
export type { Place, PlaceFailureReason, PlaceParseResult } from './types';
export { MAX_CANDIDATES } from './types';
export { normalizeName } from './normalize';
export { readPlace } from './readPlace';
export type { PlaceReading, PlaceRead } from './types';
