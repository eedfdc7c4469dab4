import type { ContactChannel } from '../intake/vocabulary';
import { compilePhrases, matchPhrases } from './matchPhrases';
import { fail, normalize, ok, tokenize, type ParseResult } from './text';

const TABLE = compilePhrases<ContactChannel>([
  ['email', [
    'email', 'e-mail', 'mail', 'mails', 'par mail', 'par email', 'mel', 'courriel', 'adresse mail', 'mon mail', 'gmail', 'outlook', 'hotmail',
    'by email', 'by mail', 'email me', 'e-mail me', 'mail me',
  ]],
  ['phone', [
    'phone', 'telephone', 'tel', 'tele', 'par tel', 'au tel', 'par telephone', 'au telephone', 'portable', 'mon portable', 'numero', 'appel',
    'appels', 'un appel', 'appeler', "m'appeler", 'appelle', 'appelle moi', 'appelez moi', 'appelez', 'coup de fil', 'passer un coup de fil',
    'call', 'calls', 'call me', 'a call', 'phone call', 'by phone', 'ring me', 'ring',
  ]],
  ['sms', [
    'sms', 'par sms', 'texto', 'textos', 'par texto', 'message', 'messages', 'par message', 'text', 'texts', 'text me', 'text message',
    'text messages', 'by text', 'texting', 'mms',
  ]],
]);

/**
 * Reads the preferred contact channel: "mail", "email", "téléphone", "appel", "sms",
 * "texto", "call", or a CONTACT_CHANNELS code. A text is more specific than the phone it
 * arrives on ("par sms sur mon portable" = sms); e-mail and phone together are not a choice.
 */
export function parseContactPreference(text: string): ParseResult<ContactChannel, 'not_understood'> {
  try {
    const channels = new Set<ContactChannel>();
    for (const m of matchPhrases(tokenize(normalize(text)), TABLE)) if (!m.negated) channels.add(m.value);
    if (channels.has('sms')) channels.delete('phone');
    if (channels.size !== 1) return fail('not_understood');
    return ok(channels.values().next().value as ContactChannel);
  } catch {
    return fail('not_understood');
  }
}
