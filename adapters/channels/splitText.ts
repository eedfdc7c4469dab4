/**
 * Cuts a text into pieces of at most `max` characters (UTF-16 units, as the platforms
 * count), at the best boundary inside each window: a paragraph, else the end of a
 * sentence, else a line, else a space; a hard cut only for a single word longer than the
 * window (never inside a surrogate pair). Pieces are trimmed; none is empty.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 2) throw new RangeError('max must be at least 2');
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut = lastBoundary(window, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** Where to cut `window` (max + 1 characters) so that the first piece has at most `max`. */
function lastBoundary(window: string, max: number): number {
  // A boundary in the first third gives a tiny piece and many more: only take it from a third on.
  const floor = Math.floor(max / 3);
  const candidates: RegExp[] = [
    /\n\s*\n/g, // paragraph
    /[.!?…](?:[ \u00a0\u202f]?["»”)\]])*\s/g, // end of a sentence (with its closing quote or bracket, French spacing too)
    /\n/g, // line
    /\s/g, // word
  ];
  for (const re of candidates) {
    let best = -1;
    for (const m of window.matchAll(re)) {
      // The cut goes after the punctuation, before the whitespace; whitespace is trimmed anyway.
      const end = m.index! + m[0].length;
      if (end - 1 <= max && end > floor) best = end;
    }
    if (best > 0) return Math.min(best, max);
  }
  // No boundary: a hard cut, moved back one if it would split a surrogate pair.
  const code = window.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
