/**
 * Shared text helpers for the parsers in understanding/. Everything here is pure and
 * linear in the length of its input: messages come from strangers on the internet.
 */

export type ParseResult<T, R extends string = string> = { ok: true; value: T } | { ok: false; reason: R };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <R extends string>(reason: R): { ok: false; reason: R } => ({ ok: false, reason });

/** Longest message any parser looks at; a chat answer never needs more. */
export const MAX_TEXT_LENGTH = 2000;

// Cut well above the limit before any regex work so a 1 MB paste costs nothing, but
// leave room for tags and entities that normalisation removes.
const RAW_CUT = MAX_TEXT_LENGTH * 4;

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: "'", lsquo: "'", eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç',
};

/** Drops a lone high surrogate left by slicing in the middle of an emoji. */
function safeSlice(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/**
 * Removes markup, control characters and typographic variants, keeping the user's
 * letters and case. Used where case and accents matter (names, e-mails).
 */
export function cleanText(text: string): string {
  if (typeof text !== 'string') return '';
  return safeSlice(
    safeSlice(text, RAW_CUT)
      // Tags first, so "<b>Inès</b>" keeps only the name; [^<>] keeps the scan linear.
      .replace(/<[^<>]{0,500}>/g, ' ')
      .replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (m, name: string) => {
        const n = name.toLowerCase();
        if (n.startsWith('#x')) return safeCodePoint(parseInt(n.slice(2), 16));
        if (n.startsWith('#')) return safeCodePoint(parseInt(n.slice(1), 10));
        return ENTITIES[n] ?? m;
      })
      .replace(/[\u2018\u2019\u201a\u201b\u2032\u02bc\u02b9\u00b4\u0060]/g, "'")
      .replace(/[\u2010-\u2015\u2212\u00ad]/g, '-')
      // Zero-width characters are invisible padding, not word breaks.
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
      .replace(/[\u0000-\u001f\u007f-\u009f\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\s]+/g, ' ')
      .trim(),
    MAX_TEXT_LENGTH,
  ).trim();
}

function safeCodePoint(n: number): string {
  if (!Number.isFinite(n) || n <= 0x1f || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return ' ';
  return String.fromCodePoint(n);
}

/**
 * The form every lexicon lookup works on: lowercase, accents removed (NFD), HTML removed,
 * typographic apostrophes and dashes unified to ' and -, whitespace collapsed, at most
 * 2000 characters. Apostrophes and hyphens are kept: "j'ai", "dix-sept".
 */
export function normalize(text: string): string {
  return cleanText(text)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    // Ligatures that NFD leaves alone but that people type for "oe"/"ae".
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/ +/g, ' ')
    .trim();
}

/**
 * Splits normalized text into words for phrase matching: anything that is not a letter
 * or a digit separates words, so "j'ai" -> ["j", "ai"], "bac+2" -> ["bac", "2"].
 */
export function tokenize(normalized: string): string[] {
  return normalized.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** normalize + tokenize, joined by single spaces: the key lexicon phrases are compared on. */
export function toKey(text: string): string {
  return tokenize(normalize(text)).join(' ');
}
