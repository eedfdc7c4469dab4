/**
 * "j'ai dit stage mais c'est surtout les cours", "I said job but I mostly need…": a message
 * that corrects what it said before; only what follows the "but" is the new answer.
 * Two anchored searches (the "but" at most 80 characters after the first "I said"): linear.
 */
const SAID = /(?:^|[^\p{L}])(?:j'?ai dit|j'?avais dit|t'?ai dit|vous ai dit|j'?ai mis|j'?ai (?:é|e)crit|i said|i told you|i put|i wrote|i picked|i chose)(?![\p{L}])/iu;
const BUT = /(?:^|[^\p{L}])(?:mais|but)(?![\p{L}])/iu;
/** How far the "but" may come after "I said": the earlier answer is a word or two. */
const MAX_GAP = 80;

/** The part of the message after "j'ai dit X mais", or the whole message. */
export function afterSaidBut(text: string): string {
  const said = SAID.exec(text);
  if (!said) return text;
  const from = said.index + said[0].length;
  const but = BUT.exec(text.slice(from, from + MAX_GAP + 6));
  return but ? text.slice(from + but.index + but[0].length) : text;
}
