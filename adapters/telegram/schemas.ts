import { z } from 'zod';

/**
 * The Telegram Bot API's Update, as documented (core.telegram.org/bots/api#update): only
 * message and callback_query are read; other fields pass unchecked.
 */

export const TgUser = z.object({ id: z.number().int(), is_bot: z.boolean(), first_name: z.string().optional(), language_code: z.string().max(35).optional() }).passthrough();
export const TgChat = z.object({ id: z.number().int(), type: z.enum(['private', 'group', 'supergroup', 'channel']) }).passthrough();

export const TgInlineButton = z.object({ text: z.string(), callback_data: z.string().optional() }).passthrough();

export const TgMessage = z.object({
  message_id: z.number().int(),
  from: TgUser.optional(),
  chat: TgChat,
  date: z.number().int(),
  text: z.string().optional(),
  caption: z.string().optional(),
  voice: z.unknown().optional(),
  audio: z.unknown().optional(),
  photo: z.unknown().optional(),
  video: z.unknown().optional(),
  video_note: z.unknown().optional(),
  sticker: z.unknown().optional(),
  document: z.unknown().optional(),
  location: z.unknown().optional(),
  reply_markup: z.object({ inline_keyboard: z.array(z.array(TgInlineButton)) }).passthrough().optional(),
}).passthrough();
export type TgMessage = z.infer<typeof TgMessage>;

export const TgCallbackQuery = z.object({
  id: z.string().min(1).max(256),
  from: TgUser,
  /** Absent when the message is too old. */
  message: TgMessage.optional(),
  data: z.string().max(64).optional(),
}).passthrough();

export const TgUpdate = z.object({
  update_id: z.number().int().nonnegative(),
  message: TgMessage.optional(),
  edited_message: z.unknown().optional(),
  callback_query: TgCallbackQuery.optional(),
}).passthrough();
export type TgUpdate = z.infer<typeof TgUpdate>;
