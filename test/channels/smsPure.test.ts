import { optKeyword, fromTwilio } from '../../adapters/sms/convertInbound';
import { renderSmsTurn } from '../../adapters/sms/convertOutbound';
import { countSegments, isGsm7, toGsmFriendly } from '../../adapters/sms/segments';
import { twilioSignatureOf, validTwilioSignature, validVonageSignature, vonageSignatureOf } from '../../adapters/sms/signatures';
import { TwilioInbound } from '../../adapters/sms/schemas';

describe('SMS segments', () => {
  it('GSM-7: 160 in one, then 153 per part; extension characters count two and are never split', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 1 });
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    // 152 plain then a two-septet character: it does not fit the first part's last septet.
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
    expect(countSegments(`${'a'.repeat(151)}€${'a'.repeat(153)}`).segments).toBe(2);
    // The French letters of the basic set: é è à ù ì ò É Ç.
    expect(countSegments('éèàùìòÉÇ äöñüÄÖÑÜ ß £ ¥ § ¿ ¡ {[~]}|^\\').encoding).toBe('GSM-7');
  });

  it('UCS-2 as soon as one character is outside: ê, ç, œ, ’, emoji (a surrogate pair counts two)', () => {
    for (const ch of ['ê', 'ç', 'œ', '’', '«', '👋', '—', '…']) expect([ch, isGsm7(`abc${ch}`)]).toEqual([ch, false]);
    expect(countSegments(`${'a'.repeat(69)}ê`)).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments(`${'a'.repeat(70)}ê`).segments).toBe(2);
    expect(countSegments('ê'.repeat(134)).segments).toBe(2);
    expect(countSegments('ê'.repeat(135)).segments).toBe(3);
    expect(countSegments('👋'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    // 66 units then an emoji: the pair is not cut, it starts the second part.
    expect(countSegments(`${'ê'.repeat(66)}👋${'ê'.repeat(66)}`).segments).toBe(3);
    expect(countSegments(`${'ê'.repeat(65)}👋${'ê'.repeat(67)}`).segments).toBe(2);
  });

  it('GSM-friendly writing keeps the words: typography always, accents and decoration only when it makes the whole message GSM-7', () => {
    expect(toGsmFriendly('C’est « super » – vraiment…')).toBe('C\'est "super" - vraiment...');
    expect(toGsmFriendly('Être à côté, ça va 👋 ? œuvre')).toBe('Etre à coté, ca va ? oeuvre');
    expect(isGsm7(toGsmFriendly('Pour quoi aimerais-tu être accompagné·e ?'))).toBe(true);
    expect(toGsmFriendly('Être', false)).toBe('Être');
    // A name in another script keeps the message UCS-2: nothing is taken from it.
    expect(toGsmFriendly('Bonjour Дарья, tu es prête ?')).toBe('Bonjour Дарья, tu es prête ?');
  });
});

describe('SMS turns', () => {
  it('a turn is one SMS; over the budget it is cut at sentence ends into SMS of at most the budget, never shortened', () => {
    const short = renderSmsTurn([{ kind: 'text', text: 'Bonjour !' }, { kind: 'text', text: 'Quel âge as-tu ?' }], 2);
    expect(short).toEqual({ messages: [{ kind: 'text', text: 'Bonjour !\n\nQuel age as-tu ?' }], segments: [1], overBudget: false });
    const long = Array.from({ length: 30 }, (_, i) => `Phrase numéro ${i + 1} qui dit quelque chose.`).join(' ');
    const cut = renderSmsTurn([{ kind: 'text', text: long }], 2);
    expect(cut.overBudget).toBe(true);
    expect(cut.segments.every((s) => s <= 2)).toBe(true);
    expect(cut.messages.map((m) => (m.kind === 'text' ? m.text : '')).join(' ')).toBe(long);
  });
});

describe('SMS keywords', () => {
  it('STOP and its French and carrier forms, START; only as the whole message', () => {
    for (const w of ['STOP', 'stop', 'Stop.', ' ARRET ', 'arrêt', 'ARRÊT', 'STOP SMS', 'stop sms!', 'STOPALL', 'UNSUBSCRIBE', 'cancel', 'END', 'QUIT']) expect([w, optKeyword(w)?.action]).toEqual([w, 'stop']);
    for (const w of ['START', 'start', 'UNSTOP']) expect([w, optKeyword(w)?.action]).toEqual([w, 'start']);
    for (const w of ['stop le stage', 'je veux arrêter mes études', 'non', 'arrête de me parler stp', '']) expect([w, optKeyword(w)]).toEqual([w, undefined]);
  });
});

describe('SMS webhook reading', () => {
  const sid = `AC${'0123456789abcdef'.repeat(2)}`;
  const base = { MessageSid: `SM${'a'.repeat(32)}`, AccountSid: sid, From: '+33612345678', To: '+33757000001', Body: 'bonjour', NumMedia: '0' };
  it('Twilio: the number is the identity; a picture alone is a picture, with words it is the words; other accounts are ignored', () => {
    const r = fromTwilio(TwilioInbound.parse(base), sid);
    expect(r).toEqual({ record: { channel: 'sms', externalId: base.MessageSid, conversationKey: 'sms/conversations/+33612345678', payload: { kind: 'text', text: 'bonjour', userId: '+33612345678' } } });
    expect(fromTwilio(TwilioInbound.parse({ ...base, Body: '', NumMedia: '1', MediaContentType0: 'image/jpeg' }), sid)).toMatchObject({ record: { payload: { kind: 'image', text: '' } } });
    expect(fromTwilio(TwilioInbound.parse({ ...base, NumMedia: '1', MediaContentType0: 'audio/amr' }), sid)).toMatchObject({ record: { payload: { kind: 'text', text: 'bonjour' } } });
    expect(fromTwilio(TwilioInbound.parse({ ...base, From: 'BINOME' }), sid)).toEqual({ ignored: 'not_a_phone_number' });
    expect(fromTwilio(TwilioInbound.parse({ ...base, AccountSid: `AC${'f'.repeat(32)}` }), sid)).toEqual({ ignored: 'other_account' });
    expect(fromTwilio(TwilioInbound.parse({ ...base, From: '+447700900123' , FromCountry: 'GB' }), sid)).toMatchObject({ record: { payload: { locale: 'en-US' } } });
  });

  it("Twilio's signature: ours (the fake's) agrees with the official library, over the full URL and the sorted parameters", () => {
    const token = '12345678901234567890123456789012';
    const url = 'https://binome.example.org/webhooks/sms';
    const params = { To: '+33757000001', From: '+33612345678', Body: 'Ça va ? 👋 & = +', MessageSid: base.MessageSid };
    const sig = twilioSignatureOf(token, url, params);
    expect(validTwilioSignature(token, sig, url, params)).toBe(true);
    expect(validTwilioSignature(token, sig, 'https://binome.example.org/webhooks/sms?x=1', params)).toBe(false);
    expect(validTwilioSignature(token, sig, url, { ...params, Body: 'autre' })).toBe(false);
    expect(validTwilioSignature('0'.repeat(32), sig, url, params)).toBe(false);
    expect(validTwilioSignature(token, undefined, url, params)).toBe(false);
  });

  it("Vonage's signature: every method, values with & and = made _, sig left out; a changed value fails", () => {
    const secret = 'vonage-signature-secret-0123456789';
    const params = { msisdn: '33612345678', to: '33757000002', messageId: '0A0000000123ABCD1', text: 'a=b&c', type: 'text', timestamp: '1700000000', nonce: 'abc' };
    for (const method of ['md5hash', 'md5', 'sha1', 'sha256', 'sha512'] as const) {
      const sig = vonageSignatureOf(params, secret, method);
      expect(validVonageSignature({ ...params, sig }, secret, method)).toBe(true);
      expect(validVonageSignature({ ...params, sig: sig.toLowerCase() }, secret, method)).toBe(true);
      expect(validVonageSignature({ ...params, text: 'a=b&d', sig }, secret, method)).toBe(false);
      expect(validVonageSignature(params, secret, method)).toBe(false);
    }
    // md5hash: the MD5 of "&k=v…" followed by the secret (the documented default), hexadecimal.
    expect(vonageSignatureOf({ b: '2', a: '1', sig: 'x' }, 's', 'md5hash')).toBe(require('node:crypto').createHash('md5').update('&a=1&b=2s').digest('hex'));
  });
});
