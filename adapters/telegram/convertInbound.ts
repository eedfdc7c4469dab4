import { conversationKeyOf } from '../channels/ChannelLayer';
import type { InboundKind, InboundRecord } from '../channels/ChannelStore';
import { cleanText } from '../channels/edge';
import type { TgMessage, TgUpdate } from './schemas';

export const TELEGRAM_CHANNEL = 'telegram';
/** Our buttons' callback_data: "c:" and the answer's position (the label itself is read back from the message's keyboard). */
export const CALLBACK_PREFIX = 'c:';

export type TgInbound =
  | { record: InboundRecord; callbackId?: string }
  | { ignored: 'not_private' | 'no_sender' | 'bot_sender' | 'nothing_to_read' | 'stale_button'; callbackId?: string };

const MEDIA: [keyof TgMessage, InboundKind][] = [
  ['voice', 'audio'], ['audio', 'audio'], ['video_note', 'video'], ['video', 'video'], ['photo', 'image'], ['sticker', 'sticker'], ['document', 'document'], ['location', 'location'],
];

/** One update, read: a message to store (keyed by its update id) or why it is ignored. */
export function convertInbound(update: TgUpdate): TgInbound {
  const externalId = `u${update.update_id}`;
  if (update.callback_query) {
    const q = update.callback_query;
    const chat = q.message?.chat;
    if (chat && chat.type !== 'private') return { ignored: 'not_private', callbackId: q.id };
    if (q.from.is_bot) return { ignored: 'bot_sender', callbackId: q.id };
    // The label the button showed, from the message's own keyboard: callback_data is too short (64 bytes) to carry it.
    const pressed = q.message?.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === q.data && typeof q.data === 'string' && q.data.startsWith(CALLBACK_PREFIX));
    if (!pressed) return { ignored: 'stale_button', callbackId: q.id };
    return { record: record(externalId, q.from.id, chat?.id ?? q.from.id, 'choice', pressed.text, q.from.language_code), callbackId: q.id };
  }
  const m = update.message;
  if (!m) return { ignored: 'nothing_to_read' };
  if (m.chat.type !== 'private') return { ignored: 'not_private' };
  if (!m.from) return { ignored: 'no_sender' };
  if (m.from.is_bot) return { ignored: 'bot_sender' };
  const kind: InboundKind = typeof m.text === 'string' ? 'text' : (MEDIA.find(([field]) => m[field] !== undefined)?.[1] ?? 'other');
  return { record: record(externalId, m.from.id, m.chat.id, kind, m.text ?? '', m.from.language_code) };
}

function record(externalId: string, userId: number, chatId: number, kind: InboundKind, text: string, language?: string): InboundRecord {
  const user = String(userId);
  return {
    channel: TELEGRAM_CHANNEL,
    externalId,
    conversationKey: conversationKeyOf(TELEGRAM_CHANNEL, user),
    payload: {
      kind,
      text: cleanText(text),
      userId: user,
      ...(String(chatId) !== user ? { replyTo: String(chatId) } : {}),
      // The phone's language is a first guess; the dialog follows the words typed.
      ...(language && /^[a-z]{2}/i.test(language) ? { locale: language.slice(0, 2).toLowerCase() === 'en' ? 'en-US' : 'fr-FR' } : {}),
    },
  };
}
