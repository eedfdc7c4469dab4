/**
 * How many SMS a text costs. The GSM 03.38 default alphabet packs 160 characters in one
 * SMS (153 per part once a message is cut into several, the rest of each part carrying the
 * header that joins them); its extension table (€ [ ] { } ^ ~ | \ and form feed) costs two
 * each, and a part never ends in the middle of one. One character outside both tables and
 * the whole message goes as UCS-2: 70 UTF-16 units in one SMS, 67 per part, an emoji (a
 * surrogate pair) counting two and never cut in two.
 */

const GSM_BASIC = new Set(Array.from(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
));
const GSM_EXTENDED = new Set(Array.from('\f^{}\\[~]|€'));

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
  units: number;
  segments: number;
}

/** Whether every character is in the GSM 03.38 basic set or its extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENDED.has(ch)) return false;
  return true;
}

/** The encoding, units and segments of one SMS carrying `text` (an empty text still costs one). */
export function countSegments(text: string): SegmentCount {
  if (isGsm7(text)) {
    const sizes = Array.from(text, (ch) => (GSM_EXTENDED.has(ch) ? 2 : 1));
    return { encoding: 'GSM-7', units: sum(sizes), segments: pack(sizes, 160, 153) };
  }
  // A code point above U+FFFF is a surrogate pair: two units, kept together.
  const sizes = Array.from(text, (ch) => ch.length);
  return { encoding: 'UCS-2', units: sum(sizes), segments: pack(sizes, 70, 67) };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** One SMS when everything fits `single`; else parts of `part` units, a character never split between two. */
function pack(sizes: number[], single: number, part: number): number {
  if (sum(sizes) <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const s of sizes) {
    if (used + s > part) {
      segments++;
      used = 0;
    }
    used += s;
  }
  return segments;
}

// Typography with a plain GSM-7 equivalent: the same words, cheaper.
const PUNCTUATION: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032\u02bc]/g, "'"],
  [/«[\u00a0\u202f ]?/g, '"'],
  [/[\u00a0\u202f ]?»/g, '"'],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/[\u00a0\u202f\u2009\u2007\u2002\u2003]/g, ' '],
  [/\u2026/g, '...'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2212]/g, '-'],
  [/[\u2022\u25cf\u25aa\u2023]/g, '-'],
  [/\u00b7/g, '.'],
];
// Letters of French (and a few more) outside the GSM set, written without their accent.
const LETTERS: Record<string, string> = {
  â: 'a', ê: 'e', î: 'i', ô: 'o', û: 'u', ë: 'e', ï: 'i', ÿ: 'y', ç: 'c', á: 'a', í: 'i', ó: 'o', ú: 'u', ã: 'a', õ: 'o',
  À: 'A', Â: 'A', È: 'E', Ê: 'E', Ë: 'E', Î: 'I', Ï: 'I', Ô: 'O', Û: 'U', Ù: 'U', Ÿ: 'Y', Á: 'A', Í: 'I', Ó: 'O', Ú: 'U',
  œ: 'oe', Œ: 'OE',
};
// Pictographs added for warmth (👋 🎉), with their joiners and variation selectors.
const DECORATION = /[ \u00a0]?(?:\p{Extended_Pictographic}(?:\uFE0F|\u200D|\p{Emoji_Modifier})*)+/gu;

/**
 * The text in GSM-7 when that keeps its meaning: typographic quotes, apostrophes, dashes
 * and spaces become their plain forms, always; decorative pictographs are dropped and
 * accents outside the GSM set (ê, ç, î, œ…) written without, only when that makes the whole
 * message GSM-7 (a name in another script keeps the message in UCS-2, accents and all).
 */
export function toGsmFriendly(text: string, foldAccents = true): string {
  let plain = text;
  for (const [re, to] of PUNCTUATION) plain = plain.replace(re, to);
  if (isGsm7(plain) || !foldAccents) return plain;
  const folded = plain.replace(DECORATION, '').replace(/[^\n]/g, (ch) => LETTERS[ch] ?? ch);
  return isGsm7(folded) ? folded : plain;
}
