/**
 * Strings built to hurt a backtracking matcher: long runs, near-misses of patterns that share
 * prefixes, gaps that almost close. The tests check what the crisis check answers on them;
 * `npm run bench:safety` prints how long it takes, against reading the same text into words.
 */
export const ADVERSARIAL_CRISIS: string[] = [
  'a'.repeat(20000),
  'me '.repeat(6667),
  'envie de '.repeat(2223),
  'ab'.repeat(10000),
  'harcel'.repeat(3334),
  'photos de moi '.repeat(1429),
  'me tuer '.repeat(2500),
  'ça me frappe '.repeat(1539),
  `${'x '.repeat(9999)}!`,
  'm\'a '.repeat(5000),
];
