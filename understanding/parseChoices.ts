/** The closed-set parsers in one place, as the dialogs import them. */
export { parseYesNo } from './parseYesNo';
export { parseMeeting } from './parseMeeting';
export { parseContactPreference } from './parseContactPreference';
export { parsePriorityPublics } from './parsePriorityPublics';
