import type { ChannelLimits, OutboundMessage } from '../channels/outbound';
import { CHOICE_ID_PREFIX } from './convertInbound';

/** The Cloud API's documented limits for what Binôme sends (interactive messages, text). */
export const WHATSAPP_LIMITS: ChannelLimits = {
  text: 4_096,
  interactiveText: 1_024,
  // Reply buttons: 3 at most, titles of 20 characters, ids of 256.
  buttons: { max: 3, title: 20, value: 256 - CHOICE_ID_PREFIX.length },
  // List messages: 10 rows in all, row titles of 24, descriptions of 72, ids of 200, the menu button 20.
  list: { max: 10, title: 24, description: 72, value: 200 - CHOICE_ID_PREFIX.length, button: 20 },
};

/** Whom a message goes to: a phone number ("to"), or a business-scoped user id ("recipient") for users known only by it. */
export function recipientOf(userId: string): { to: string } | { recipient: string } {
  return /^\d+$/.test(userId) ? { to: userId } : { recipient: userId };
}

/** One message as the Graph API's POST /{phone-number-id}/messages takes it. */
export function toGraphMessage(userId: string, m: OutboundMessage, deliveryId: string): Record<string, unknown> {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', ...recipientOf(userId), biz_opaque_callback_data: deliveryId };
  switch (m.kind) {
    case 'text':
      return { ...base, type: 'text', text: { body: m.text, preview_url: false } };
    case 'buttons':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: m.text },
          action: { buttons: m.choices.map((c) => ({ type: 'reply', reply: { id: CHOICE_ID_PREFIX + c.value, title: c.title } })) },
        },
      };
    case 'list':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: m.text },
          action: {
            button: m.button,
            sections: [{ rows: m.choices.map((c) => ({ id: CHOICE_ID_PREFIX + c.value, title: c.title, ...(c.description ? { description: c.description } : {}) })) }],
          },
        },
      };
  }
}

/** An approved template with one body parameter (news outside the 24-hour window). */
export function toTemplateMessage(userId: string, name: string, languageCode: string, text: string, deliveryId: string): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipientOf(userId),
    biz_opaque_callback_data: deliveryId,
    type: 'template',
    // Template parameters may hold no newline, tab or run of more than four spaces.
    template: { name, language: { code: languageCode }, components: [{ type: 'body', parameters: [{ type: 'text', text: text.replace(/\s+/g, ' ').trim().slice(0, 1_024) }] }] },
  };
}
