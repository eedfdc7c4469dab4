import { conversationKeyOf } from '../channels/ChannelLayer';
import type { InboundKind, InboundRecord } from '../channels/ChannelStore';
import { cleanText, isSafeId } from '../channels/edge';
import { WaMessage, WaOtherMessage, WaStatus, WaValue, type WaWebhook } from './schemas';
import type { DeliveryStatus } from '../channels/ChannelStore';

export const WHATSAPP_CHANNEL = 'whatsapp';
/** A button or list row id we made: the answer's whole label after this prefix (see convertOutbound). */
export const CHOICE_ID_PREFIX = 'v:';

export interface WaStatusUpdate { externalId: string; status: DeliveryStatus; errorCode: string | null; deliveryId?: string }

/** What one webhook brings, read: messages to store, statuses to record, and what was dropped (counted, never logged in clear). */
export interface WaInbound {
  messages: InboundRecord[];
  statuses: WaStatusUpdate[];
  dropped: { reason: string }[];
}

const MEDIA: Record<string, InboundKind> = { audio: 'audio', image: 'image', video: 'video', sticker: 'sticker', document: 'document', location: 'location' };

/** Reads a verified, parsed webhook for our phone number (other numbers of the same app are skipped). */
export function convertInbound(body: WaWebhook, phoneNumberId: string): WaInbound {
  const out: WaInbound = { messages: [], statuses: [], dropped: [] };
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const value = WaValue.safeParse(change.value);
      if (!value.success) {
        out.dropped.push({ reason: 'invalid_value' });
        continue;
      }
      if (value.data.metadata.phone_number_id !== phoneNumberId) {
        out.dropped.push({ reason: 'other_phone_number' });
        continue;
      }
      for (const raw of value.data.messages ?? []) {
        const m = readMessage(raw);
        if ('reason' in m) out.dropped.push(m);
        else out.messages.push(m);
      }
      for (const raw of value.data.statuses ?? []) {
        const s = WaStatus.safeParse(raw);
        if (!s.success || !isSafeId(s.data.id)) {
          out.dropped.push({ reason: 'invalid_status' });
          continue;
        }
        if (s.data.status === 'deleted' || s.data.status === 'warning') continue;
        out.statuses.push({
          externalId: s.data.id,
          status: s.data.status,
          errorCode: s.data.errors?.[0] ? String(s.data.errors[0].code) : null,
          deliveryId: s.data.biz_opaque_callback_data,
        });
      }
    }
  }
  return out;
}

function readMessage(raw: unknown): InboundRecord | { reason: string } {
  const known = WaMessage.safeParse(raw);
  const m = known.success ? known.data : WaOtherMessage.safeParse(raw).data;
  if (!m) return { reason: 'invalid_message' };
  // The business-scoped user id when Meta gives it (it stays when a user hides their number behind a username), else the number.
  const userId = m.from_user_id ?? m.from;
  if (!isSafeId(m.id) || !isSafeId(userId, 160) || !/^[A-Za-z0-9.+_-]+$/.test(userId)) return { reason: 'invalid_id' };
  let kind: InboundKind = 'other';
  let text = '';
  if (known.success) {
    const k = known.data;
    switch (k.type) {
      case 'text': kind = 'text'; text = k.text.body; break;
      case 'interactive': {
        const reply = k.interactive.type === 'button_reply' ? k.interactive.button_reply : k.interactive.list_reply;
        kind = 'choice';
        // Our ids carry the answer's whole label; a title alone may be cut to fit the button.
        text = reply.id.startsWith(CHOICE_ID_PREFIX) ? reply.id.slice(CHOICE_ID_PREFIX.length) : reply.title;
        break;
      }
      case 'button': kind = 'choice'; text = k.button.text; break;
      default: kind = MEDIA[k.type] ?? 'other';
    }
  }
  return {
    channel: WHATSAPP_CHANNEL,
    externalId: m.id,
    conversationKey: conversationKeyOf(WHATSAPP_CHANNEL, userId),
    payload: { kind, text: cleanText(text), userId },
  };
}
