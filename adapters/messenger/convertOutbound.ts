import type { ChannelLimits, OutboundMessage } from '../channels/outbound';
import { CHOICE_PAYLOAD_PREFIX } from './convertInbound';

/**
 * The Send API's documented limits: a text of 2,000 characters, at most 13 quick replies,
 * each title 20 characters and payload 1,000. Messenger has no list menu: more answers (or
 * a title that would be cut) become numbered lines (adapters/channels/outbound).
 */
export const MESSENGER_LIMITS: ChannelLimits = {
  text: 2_000,
  interactiveText: 2_000,
  buttons: { max: 13, title: 20, value: 1_000 - CHOICE_PAYLOAD_PREFIX.length },
};

/** The tags Meta documents for a message outside the 24-hour window that Binôme may use (docs/channels.md says why ACCOUNT_UPDATE). */
export type MessengerNewsTag = 'ACCOUNT_UPDATE' | 'CONFIRMED_EVENT_UPDATE';

/** How a message is sent: an answer within the 24-hour window, or a tagged update outside it. */
export type MessagingType = { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: MessengerNewsTag };

/** One message as the Send API's POST /{version}/{PAGE-ID}/messages takes it. */
export function toSendApiMessage(psid: string, m: OutboundMessage, type: MessagingType = { messaging_type: 'RESPONSE' }): Record<string, unknown> {
  const base = { recipient: { id: psid }, ...type };
  switch (m.kind) {
    case 'text':
      return { ...base, message: { text: m.text } };
    case 'buttons':
      return { ...base, message: { text: m.text, quick_replies: m.choices.map((c) => ({ content_type: 'text', title: c.title, payload: CHOICE_PAYLOAD_PREFIX + c.value })) } };
    case 'list':
      // Never rendered for Messenger (no list in its limits); kept total: the rows as quick replies.
      return { ...base, message: { text: m.text, quick_replies: m.choices.map((c) => ({ content_type: 'text', title: c.title, payload: CHOICE_PAYLOAD_PREFIX + c.value })) } };
  }
}
