import { z } from 'zod';

/**
 * The Messenger Platform webhook, as Meta documents it (Webhooks reference: messages,
 * messaging_postbacks, message_deliveries, message_reads, message_echoes): object "page",
 * entry[].messaging[] events, each from a sender's page-scoped id (PSID). Only the fields
 * Binôme reads are checked; unknown fields pass (Meta adds some).
 */

const idString = z.string().min(1).max(512);
const millis = z.number().int().nonnegative();

export const MsgAttachment = z.object({
  type: z.string().min(1).max(64),
  payload: z.object({ url: z.string().optional(), sticker_id: z.number().optional(), title: z.string().optional() }).passthrough().nullable().optional(),
}).passthrough();

export const MsgMessage = z.object({
  mid: idString,
  text: z.string().optional(),
  is_echo: z.boolean().optional(),
  quick_reply: z.object({ payload: z.string().max(1_000) }).optional(),
  /** The thumbs-up and other stickers also come as attachments of type image with this id. */
  sticker_id: z.number().optional(),
  attachments: z.array(MsgAttachment).max(100).optional(),
}).passthrough();

export const MsgPostback = z.object({ mid: idString.optional(), title: z.string().optional(), payload: z.string().max(1_000) }).passthrough();

/** One messaging event; each is checked on its own (one odd event must not lose the others). */
export const MsgEvent = z.object({
  sender: z.object({ id: idString }),
  recipient: z.object({ id: idString }),
  timestamp: millis.optional(),
  message: MsgMessage.optional(),
  postback: MsgPostback.optional(),
  delivery: z.object({ mids: z.array(idString).max(1_000).optional(), watermark: millis }).passthrough().optional(),
  read: z.object({ watermark: millis }).passthrough().optional(),
}).passthrough();
export type MsgEvent = z.infer<typeof MsgEvent>;

export const MsgWebhook = z.object({
  object: z.literal('page'),
  entry: z.array(z.object({
    id: z.string(),
    time: z.number().optional(),
    messaging: z.array(z.unknown()).max(1_000).optional(),
  }).passthrough()).min(1).max(100),
});
export type MsgWebhook = z.infer<typeof MsgWebhook>;
