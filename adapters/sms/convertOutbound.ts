import type { ChannelLimits, OutboundMessage } from '../channels/outbound';
import { splitText } from '../channels/splitText';
import { countSegments, toGsmFriendly } from './segments';

/**
 * SMS shows text only: no buttons, no lists, so every offered answer becomes a numbered
 * line (adapters/channels/outbound), which the understanding reads back ("2", "1 et 3").
 * The limit here is a whole message: a turn is joined into one SMS (several parts
 * arrive as one message on the phone, in order, where separate SMS may not).
 */
export const SMS_LIMITS: ChannelLimits = { text: 1_600, interactiveText: 1_600 };

/** Twilio refuses a Body over 1,600 characters (error 21617); Vonage takes no more either in one request here. */
export const SMS_MAX_BODY = 1_600;

export interface SmsTurn {
  messages: OutboundMessage[];
  /** Segments of each message, in order. */
  segments: number[];
  /** The turn needed more than the budget (then it is cut in several SMS of at most the budget each, never dropped). */
  overBudget: boolean;
}

const textOf = (m: OutboundMessage) => (m.kind === 'text' ? m.text : [m.text, ...m.choices.map((c, i) => `${i + 1}. ${c.value}`)].join('\n'));

/**
 * A turn's replies as SMS: one message (paragraphs kept), written GSM-7 where that keeps
 * the meaning (adapters/sms/segments), within `budget` segments. A turn longer than that
 * (none in a normal intake: test/channels/sms*.test.ts) is cut at paragraph or sentence
 * ends into several SMS of at most `budget` segments each: never shortened, since it may be
 * a help line.
 */
export function renderSmsTurn(messages: OutboundMessage[], budget: number, foldAccents = true): SmsTurn {
  const notice = messages.some((m) => m.kind === 'text' && m.optOutNotice);
  // botbuilder's numbered list indents its lines by three spaces: paid for, and useless on a phone.
  const whole = toGsmFriendly(messages.map(textOf).filter((t) => t.trim().length > 0).join('\n\n'), foldAccents).replace(/^[ \t]+(?=\d+\. )/gm, '');
  if (whole.trim().length === 0) return { messages: [], segments: [], overBudget: false };
  const first = countSegments(whole);
  if (first.segments <= budget && whole.length <= SMS_MAX_BODY) {
    return { messages: [{ kind: 'text', text: whole, ...(notice ? { optOutNotice: true as const } : {}) }], segments: [first.segments], overBudget: false };
  }
  // Characters that fit the budget in this encoding; tightened until every piece fits (GSM-7 extension characters count two).
  const perPart = first.encoding === 'GSM-7' ? 153 : 67;
  let max = Math.min(SMS_MAX_BODY, budget === 1 ? (first.encoding === 'GSM-7' ? 160 : 70) : perPart * budget);
  for (;;) {
    const pieces = splitText(whole, max);
    const counts = pieces.map((p) => countSegments(p).segments);
    if (counts.every((c) => c <= budget) || max <= 20) {
      return { messages: pieces.map((text) => ({ kind: 'text', text })), segments: counts, overBudget: true };
    }
    max = Math.floor(max * 0.9);
  }
}
