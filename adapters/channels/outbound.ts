import { splitText } from './splitText';

/** One offered answer: what the button shows, and what the bot reads back when it is picked (the whole label). */
export interface OutboundChoice { title: string; value: string }

/**
 * The renderer contract every messaging channel implements: a reply is plain text,
 * reply buttons, or a list menu. Anything a channel cannot show that way becomes text with
 * numbered lines ("Réponds par 1, 2 ou 3"), which the understanding reads (a number picks
 * the offered answer; "1 et 3" several).
 */
export type OutboundMessage =
  | { kind: 'text'; text: string; /** SMS: the confirmation of STOP, the one message a stopped number still gets. */ optOutNotice?: true }
  | { kind: 'buttons'; text: string; choices: OutboundChoice[] }
  | { kind: 'list'; text: string; button: string; choices: (OutboundChoice & { description?: string })[] };

/** What a platform accepts (documented limits, in characters as the platform counts them). */
export interface ChannelLimits {
  /** A text message. */
  text: number;
  /** The body of a message carrying buttons or a list. */
  interactiveText: number;
  buttons?: { max: number; title: number; value: number };
  list?: { max: number; title: number; description: number; value: number; button: number };
}

/** Says a locale key in the conversation's language (the few words the renderer adds). */
export type Say = (key: 'channels.replyWithNumbers' | 'channels.replyWithNumberRange' | 'channels.listButton', params?: Record<string, string | number>) => string;

/** A bot's reply as bots/renderMessages made it: text and, maybe, suggested actions. */
export interface ReplyActivity {
  text?: string;
  suggestedActions?: { actions?: { title?: string; value?: unknown }[] };
}

/** Turns one reply into what a channel can show, within its limits, in order. */
export function renderForChannel(reply: ReplyActivity, limits: ChannelLimits, say: Say): OutboundMessage[] {
  const text = (reply.text ?? '').trim();
  const choices: OutboundChoice[] = (reply.suggestedActions?.actions ?? [])
    .map((a) => ({ title: String(a.title ?? a.value ?? '').trim(), value: String(a.value ?? a.title ?? '').trim() }))
    .filter((c) => c.value.length > 0);
  if (choices.length === 0) return splitText(text, limits.text).map((t) => ({ kind: 'text', text: t }));

  const b = limits.buttons;
  if (b && choices.length <= b.max && choices.every((c) => c.title.length <= b.title && c.value.length <= b.value)) {
    return withBody(text, limits, (body) => ({ kind: 'buttons', text: body, choices }));
  }
  const l = limits.list;
  if (l && choices.length <= l.max && choices.every((c) => c.value.length <= l.value && c.title.length <= l.description)) {
    // A title longer than a row's shows cut, and whole underneath as the row's description.
    const rows = choices.map((c) => (c.title.length <= l.title ? c : { ...c, title: `${Array.from(c.title).slice(0, l.title - 1).join('').trimEnd()}…`, description: c.title }));
    const button = say('channels.listButton').slice(0, l.button);
    return withBody(text, limits, (body) => ({ kind: 'list', text: body, button, choices: rows }));
  }
  return numbered(text, choices, limits, say);
}

/** A body too long for an interactive message: the beginning goes as text, the end carries the buttons. */
function withBody(text: string, limits: ChannelLimits, make: (body: string) => OutboundMessage): OutboundMessage[] {
  const pieces = splitText(text === '' ? '…' : text, Math.min(limits.interactiveText, limits.text));
  const last = pieces.pop()!;
  return [...pieces.map((t): OutboundMessage => ({ kind: 'text', text: t })), make(last)];
}

function numbered(text: string, choices: OutboundChoice[], limits: ChannelLimits, say: Say): OutboundMessage[] {
  const lines = choices.map((c, i) => `${i + 1}. ${c.value}`);
  const hint = choices.length === 1 ? '' : choices.length <= 4
    ? say('channels.replyWithNumbers', { numbers: choices.slice(0, -1).map((_, i) => String(i + 1)).join(', '), last: choices.length })
    : say('channels.replyWithNumberRange', { max: choices.length });
  const whole = [text, lines.join('\n'), hint].filter((s) => s.length > 0).join('\n\n');
  return splitText(whole, limits.text).map((t) => ({ kind: 'text', text: t }));
}
