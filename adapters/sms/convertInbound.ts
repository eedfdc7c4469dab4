import { conversationKeyOf } from '../channels/ChannelLayer';
import type { InboundKind, InboundRecord } from '../channels/ChannelStore';
import { cleanText, isSafeId } from '../channels/edge';
import type { TwilioInbound, VonageInbound } from './schemas';

export const SMS_CHANNEL = 'sms';

/** A phone number in E.164 (+ and up to 15 digits): the identity of an SMS conversation. */
export const E164 = /^\+[1-9]\d{6,14}$/;

export type SmsInbound = { record: InboundRecord } | { ignored: 'not_a_phone_number' | 'other_account' | 'binary' | 'invalid_id' };

// Words that mean "stop writing to me" as a whole message: the ones operators and carriers
// honour (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT), and French ones (ARRET, ARRÊT, STOP SMS).
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'STOP ALL', 'STOP SMS', 'STOPSMS', 'ARRET', 'ARRET SMS', 'ARRETER', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'OPT OUT']);
const START_WORDS = new Set(['START', 'UNSTOP', 'START SMS']);

/** STOP or START when the whole message is one of those keywords (any case, accents, a final "." or "!"); else undefined. */
export function optKeyword(text: string): { keyword: string; action: 'stop' | 'start' } | undefined {
  const word = text.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/[.!\s]+$/u, '').replace(/\s+/g, ' ').toUpperCase();
  if (word.length > 12) return undefined;
  if (STOP_WORDS.has(word)) return { keyword: word, action: 'stop' };
  if (START_WORDS.has(word)) return { keyword: word, action: 'start' };
  return undefined;
}

// The phone's country is a first guess at the language; the dialog follows the words typed.
const ENGLISH_COUNTRIES = new Set(['GB', 'US', 'IE', 'AU', 'NZ']);

function record(from: string, externalId: string, kind: InboundKind, text: string, country?: string): InboundRecord {
  return {
    channel: SMS_CHANNEL,
    externalId,
    conversationKey: conversationKeyOf(SMS_CHANNEL, from),
    payload: { kind, text: cleanText(text), userId: from, ...(country && ENGLISH_COUNTRIES.has(country) ? { locale: 'en-US' } : {}) },
  };
}

function mediaKind(contentType: string | undefined): InboundKind {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'text/vcard' || type === 'text/x-vcard') return 'other';
  return 'document';
}

/** A Twilio inbound message (SMS or MMS) for our account: the record to store, or why not. */
export function fromTwilio(m: TwilioInbound, accountSid: string): SmsInbound {
  if (m.AccountSid !== accountSid) return { ignored: 'other_account' };
  if (!E164.test(m.From)) return { ignored: 'not_a_phone_number' };
  if (!isSafeId(m.MessageSid, 64)) return { ignored: 'invalid_id' };
  const media = Number(m.NumMedia ?? '0');
  const body = m.Body ?? '';
  // A picture with words: the words are read. A picture alone: the young person is told Binôme only reads text.
  const kind: InboundKind = body.trim().length > 0 || media === 0 ? 'text' : mediaKind(m.MediaContentType0);
  return { record: record(m.From, m.MessageSid, kind, kind === 'text' ? body : '', m.FromCountry) };
}

/** A Vonage (SMS API) inbound message: msisdn is the sender's number without "+". */
export function fromVonage(m: VonageInbound): SmsInbound {
  const from = `+${m.msisdn}`;
  if (!E164.test(from)) return { ignored: 'not_a_phone_number' };
  if (m.type === 'binary') return { ignored: 'binary' };
  if (!isSafeId(m.messageId, 64)) return { ignored: 'invalid_id' };
  return { record: record(from, m.messageId, 'text', m.text ?? '') };
}
