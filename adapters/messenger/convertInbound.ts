import { conversationKeyOf } from '../channels/ChannelLayer';
import type { InboundKind, InboundRecord } from '../channels/ChannelStore';
import { cleanText, isSafeId } from '../channels/edge';
import { MsgEvent, type MsgWebhook } from './schemas';

export const MESSENGER_CHANNEL = 'messenger';
/** A quick reply's payload we made: the answer's whole label after this prefix (a title may be cut to 20 characters). */
export const CHOICE_PAYLOAD_PREFIX = 'v:';

/** What one webhook brings, read: messages to store, our messages the page says were delivered, and what was dropped (counted, never logged in clear). */
export interface MsgInbound {
  messages: InboundRecord[];
  delivered: string[];
  /** Echoes of our own messages and read receipts: nothing to do, counted. */
  ignored: number;
  dropped: { reason: string }[];
}

const ATTACHMENT_KINDS: Record<string, InboundKind> = { image: 'image', audio: 'audio', video: 'video', file: 'document', location: 'location' };

/** Reads a verified, parsed webhook for our page (events of other pages of the same app are skipped). */
export function convertInbound(body: MsgWebhook, pageId: string): MsgInbound {
  const out: MsgInbound = { messages: [], delivered: [], ignored: 0, dropped: [] };
  for (const entry of body.entry) {
    if (entry.id !== pageId) {
      out.dropped.push({ reason: 'other_page' });
      continue;
    }
    for (const raw of entry.messaging ?? []) {
      const e = MsgEvent.safeParse(raw);
      if (!e.success) {
        out.dropped.push({ reason: 'invalid_event' });
        continue;
      }
      const ev = e.data;
      if (ev.message?.is_echo || ev.read) {
        out.ignored++;
        continue;
      }
      if (ev.delivery) {
        for (const mid of ev.delivery.mids ?? []) if (isSafeId(mid)) out.delivered.push(mid);
        continue;
      }
      const m = readEvent(ev, pageId);
      if ('reason' in m) out.dropped.push(m);
      else out.messages.push(m);
    }
  }
  return out;
}

function readEvent(ev: MsgEvent, pageId: string): InboundRecord | { reason: string } {
  const psid = ev.sender.id;
  // A message is to our page from a person: its PSID is the identity (never a name).
  if (ev.recipient.id !== pageId || !isSafeId(psid, 160) || !/^\d{1,64}$/.test(psid)) return { reason: 'invalid_id' };
  let kind: InboundKind;
  let text = '';
  let mid: string | undefined;
  if (ev.message) {
    const m = ev.message;
    mid = m.mid;
    if (m.quick_reply) {
      kind = 'choice';
      text = m.quick_reply.payload.startsWith(CHOICE_PAYLOAD_PREFIX) ? m.quick_reply.payload.slice(CHOICE_PAYLOAD_PREFIX.length) : (m.text ?? '');
    } else if (typeof m.text === 'string' && m.text.length > 0) {
      kind = 'text';
      text = m.text;
    } else if (m.sticker_id !== undefined || m.attachments?.some((a) => a.payload?.sticker_id !== undefined)) {
      kind = 'sticker';
    } else {
      kind = ATTACHMENT_KINDS[m.attachments?.[0]?.type ?? ''] ?? 'other';
    }
  } else if (ev.postback) {
    // A "Get started" button or a persistent menu item: its payload if it is ours, else the title it showed.
    mid = ev.postback.mid ?? (ev.timestamp !== undefined ? `postback-${psid}-${ev.timestamp}` : undefined);
    kind = 'choice';
    text = ev.postback.payload.startsWith(CHOICE_PAYLOAD_PREFIX) ? ev.postback.payload.slice(CHOICE_PAYLOAD_PREFIX.length) : (ev.postback.title ?? '');
  } else {
    return { reason: 'unknown_event' };
  }
  if (!isSafeId(mid)) return { reason: 'invalid_id' };
  return {
    channel: MESSENGER_CHANNEL,
    externalId: mid,
    conversationKey: conversationKeyOf(MESSENGER_CHANNEL, psid),
    payload: { kind, text: cleanText(text), userId: psid },
  };
}
