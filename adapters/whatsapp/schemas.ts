import { z } from 'zod';

/**
 * The WhatsApp Cloud API webhook, as Meta documents it ("messages" webhook reference):
 * entry[].changes[].value carries either messages (from a user) or statuses (of what we
 * sent). Only the fields Binôme reads are checked; unknown fields pass (Meta adds some).
 */

const idString = z.string().min(1).max(512);
const timestamp = z.string().regex(/^\d{1,12}$/);

const Base = z.object({
  id: idString,
  /** The user's phone number; withheld for users who adopted a username (BSUID only). */
  from: idString.optional(),
  /** The business-scoped user id (BSUID). */
  from_user_id: idString.optional(),
  timestamp,
  context: z.object({ id: idString.optional(), from: z.string().optional() }).passthrough().optional(),
});

const media = z.object({ id: idString.optional(), mime_type: z.string().optional() }).passthrough();

export const WaTextMessage = Base.extend({ type: z.literal('text'), text: z.object({ body: z.string() }) });
export const WaInteractiveMessage = Base.extend({
  type: z.literal('interactive'),
  interactive: z.discriminatedUnion('type', [
    z.object({ type: z.literal('button_reply'), button_reply: z.object({ id: z.string().max(256), title: z.string() }) }),
    z.object({ type: z.literal('list_reply'), list_reply: z.object({ id: z.string().max(200), title: z.string(), description: z.string().optional() }) }),
  ]),
});
/** A quick-reply button of a template message. */
export const WaButtonMessage = Base.extend({ type: z.literal('button'), button: z.object({ payload: z.string().optional(), text: z.string() }) });
export const WaAudioMessage = Base.extend({ type: z.literal('audio'), audio: media.extend({ voice: z.boolean().optional() }) });
export const WaImageMessage = Base.extend({ type: z.literal('image'), image: media.extend({ caption: z.string().optional() }) });
export const WaVideoMessage = Base.extend({ type: z.literal('video'), video: media.extend({ caption: z.string().optional() }) });
export const WaStickerMessage = Base.extend({ type: z.literal('sticker'), sticker: media });
export const WaDocumentMessage = Base.extend({ type: z.literal('document'), document: media.extend({ caption: z.string().optional() }) });
export const WaLocationMessage = Base.extend({
  type: z.literal('location'),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }),
});
/** Any other type (reaction, contacts, order, system, unsupported, unknown, and types yet to come). */
export const WaOtherMessage = Base.extend({ type: z.string().min(1).max(64) }).passthrough();

export const WaMessage = z.union([
  WaTextMessage, WaInteractiveMessage, WaButtonMessage, WaAudioMessage, WaImageMessage, WaVideoMessage,
  WaStickerMessage, WaDocumentMessage, WaLocationMessage,
]);
export type WaMessage = z.infer<typeof WaMessage>;

export const WaError = z.object({ code: z.number().int(), title: z.string().optional() }).passthrough();

export const WaStatus = z.object({
  id: idString,
  status: z.enum(['sent', 'delivered', 'read', 'failed', 'deleted', 'warning']),
  timestamp,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(WaError).optional(),
}).passthrough();
export type WaStatus = z.infer<typeof WaStatus>;

export const WaValue = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ display_phone_number: z.string().optional(), phone_number_id: idString }),
  contacts: z.array(z.object({ wa_id: z.string().optional(), user_id: z.string().optional() }).passthrough()).optional(),
  // Each message and status is checked on its own: one odd element must not lose the others.
  messages: z.array(z.unknown()).max(1_000).optional(),
  statuses: z.array(z.unknown()).max(1_000).optional(),
  errors: z.array(WaError).optional(),
}).passthrough();

export const WaWebhook = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.object({
    id: z.string(),
    changes: z.array(z.object({ field: z.string(), value: z.unknown() })).max(100),
  })).min(1).max(100),
});
export type WaWebhook = z.infer<typeof WaWebhook>;
