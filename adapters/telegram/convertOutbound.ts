import type { ChannelLimits, OutboundMessage } from '../channels/outbound';
import { CALLBACK_PREFIX } from './convertInbound';

/** The Bot API's limits for what Binôme sends. */
export const TELEGRAM_LIMITS: ChannelLimits = {
  // sendMessage: 1-4096 characters after entities parsing (no parse_mode: plain text).
  text: 4_096,
  interactiveText: 4_096,
  // Inline keyboards have no small documented cap; one button a row, a dozen stays readable on a phone.
  // The label is read back from the keyboard, so its length is only the screen's concern.
  buttons: { max: 12, title: 120, value: 120 },
};

/** One message as sendMessage takes it: one button a row, callback_data "c:<position>" (≤ 64 bytes). */
export function toSendMessage(chatId: string, m: OutboundMessage): Record<string, unknown> {
  const base = { chat_id: chatId, text: m.text, link_preview_options: { is_disabled: true } };
  if (m.kind === 'text') return base;
  return { ...base, reply_markup: { inline_keyboard: m.choices.map((c, i) => [{ text: c.value, callback_data: `${CALLBACK_PREFIX}${i + 1}` }]) } };
}
