import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { cleanText, isSafeId, MAX_INBOUND_TEXT } from '../../adapters/channels/edge';
import { renderForChannel, type OutboundMessage, type Say } from '../../adapters/channels/outbound';
import { splitText } from '../../adapters/channels/splitText';
import { convertInbound as tgConvert } from '../../adapters/telegram/convertInbound';
import { TELEGRAM_LIMITS, toSendMessage } from '../../adapters/telegram/convertOutbound';
import { sendMessageProblems } from '../../adapters/telegram/FakeTelegramApi';
import { TgUpdate } from '../../adapters/telegram/schemas';
import { convertInbound as waConvert } from '../../adapters/whatsapp/convertInbound';
import { toGraphMessage, toTemplateMessage, WHATSAPP_LIMITS } from '../../adapters/whatsapp/convertOutbound';
import { graphPayloadProblems } from '../../adapters/whatsapp/FakeGraphApi';
import { WaWebhook } from '../../adapters/whatsapp/schemas';
import { signatureOf, verifySignature } from '../../adapters/meta/signature';
import { loadConfig } from '../../config';
import { matchChoices } from '../../dialogs/matchChoice';
import { createI18n } from '../../locales/i18n';

const fixture = (dir: string, name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', dir, name));
const i18n = createI18n();
const sayIn = (lang: 'fr' | 'en'): Say => (key, params) => i18n.t(key, { lng: lang, ...params }) as string;
const say = sayIn('fr');
const reply = (text: string, titles: string[] = []) => ({ text, suggestedActions: titles.length ? { actions: titles.map((t) => ({ type: 'imBack', title: t, value: t })) } : undefined });

describe('splitText', () => {
  it.each([
    ['short', 'Bonjour.', 50, ['Bonjour.']],
    ['at a sentence end', 'Première phrase ici. Deuxième phrase là.', 25, ['Première phrase ici.', 'Deuxième phrase là.']],
    ['a paragraph first', 'Un. Deux.\n\nTrois quatre cinq.', 22, ['Un. Deux.', 'Trois quatre cinq.']],
    ['a question mark and closing quote', 'Tu dis « oui ? » Puis on continue ensemble.', 20, ['Tu dis « oui ? »', 'Puis on continue', 'ensemble.']],
    ['a word when no sentence fits', 'aaaa bbbb cccc dddd', 10, ['aaaa bbbb', 'cccc dddd']],
    ['a hard cut for one long word', 'x'.repeat(25), 10, ['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]],
  ])('%s', (_name, text, max, expected) => {
    expect(splitText(text, max)).toEqual(expected);
  });

  it('never exceeds the limit, never loses a word, never splits an emoji', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom('Bonjour.', 'ça va ?', '😀😀', '\n\n', 'mot', 'x'.repeat(30), '!'), fc.string({ maxLength: 12 })), { maxLength: 60 }), fc.integer({ min: 4, max: 80 }), (parts, max) => {
      const text = parts.join(' ');
      const pieces = splitText(text, max);
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(max);
        expect(p.length).toBeGreaterThan(0);
        expect(/[\uD800-\uDBFF]$/.test(p)).toBe(false);
      }
      expect(pieces.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    }), { numRuns: 300 });
  });
});

describe('renderForChannel (the renderer contract)', () => {
  it('up to three short answers on WhatsApp are reply buttons', () => {
    expect(renderForChannel(reply('Tu es d’accord ?', ['Oui, on y va', 'En savoir plus', 'Non merci']), WHATSAPP_LIMITS, say)).toEqual([
      { kind: 'buttons', text: 'Tu es d’accord ?', choices: [{ title: 'Oui, on y va', value: 'Oui, on y va' }, { title: 'En savoir plus', value: 'En savoir plus' }, { title: 'Non merci', value: 'Non merci' }] },
    ]);
  });

  it('a title over 20 characters, or four to ten answers, is a list; over 24 a title is cut and whole in the description', () => {
    const [m] = renderForChannel(reply('Choisis', ['Envoyer à Article 1 (DEMA1N.org)', 'Modifier']), WHATSAPP_LIMITS, say);
    expect(m).toEqual({
      kind: 'list', text: 'Choisis', button: 'Choisir',
      choices: [{ title: 'Envoyer à Article 1 (DE…', value: 'Envoyer à Article 1 (DEMA1N.org)', description: 'Envoyer à Article 1 (DEMA1N.org)' }, { title: 'Modifier', value: 'Modifier' }],
    });
  });

  it('more than ten answers become numbered lines the understanding reads back', () => {
    const titles = Array.from({ length: 11 }, (_, i) => `Réponse ${i + 1}`);
    const [m] = renderForChannel(reply('Laquelle ?', titles), WHATSAPP_LIMITS, say) as [Extract<OutboundMessage, { kind: 'text' }>];
    expect(m.kind).toBe('text');
    expect(m.text).toBe(`Laquelle ?\n\n${titles.map((t, i) => `${i + 1}. ${t}`).join('\n')}\n\nRéponds par un numéro, de 1 à 11.`);
    const options = titles.map((t, i) => ({ code: `c${i + 1}`, label: { key: 'common.verbatim', params: { text: t } } }));
    const t = (lang: string, key: string, params?: Record<string, unknown>) => i18n.t(key, { lng: lang, ...params }) as string;
    expect(matchChoices('11', options, 'fr', t)).toEqual(['c11']);
    expect(matchChoices('3', options, 'fr', t)).toEqual(['c3']);
    expect(matchChoices('1 et 4', options, 'fr', t, true)).toEqual(['c1', 'c4']);
  });

  it('numbered hints name the numbers when there are few, in the conversation’s language', () => {
    const limits = { text: 4096, interactiveText: 1024 };
    expect((renderForChannel(reply('Q', ['a', 'b', 'c']), limits, say)[0] as { text: string }).text).toMatch(/Réponds par 1, 2 ou 3\.$/);
    expect((renderForChannel(reply('Q', ['a', 'b']), limits, sayIn('en'))[0] as { text: string }).text).toMatch(/Reply with 1 or 2\.$/);
  });

  it('a body over 1,024 characters goes first as text, its end with the buttons; a long text is cut at sentences within 4,096', () => {
    const long = Array.from({ length: 80 }, (_, i) => `Phrase numéro ${i} assez longue.`).join(' ');
    const out = renderForChannel(reply(long, ['Oui', 'Non']), WHATSAPP_LIMITS, say);
    expect(out.slice(0, -1).every((m) => m.kind === 'text' && m.text.length <= 1024 && m.text.endsWith('.'))).toBe(true);
    expect(out.at(-1)).toMatchObject({ kind: 'buttons' });
    expect((out.at(-1) as { text: string }).text.length).toBeLessThanOrEqual(1024);
    const huge = renderForChannel(reply(long.repeat(4)), WHATSAPP_LIMITS, say);
    expect(huge.length).toBeGreaterThan(2);
    expect(huge.every((m) => m.kind === 'text' && m.text.length <= 4096)).toBe(true);
  });

  it('whatever the bot says, every WhatsApp payload is one Graph takes and every Telegram one the Bot API takes', () => {
    const title = fc.string({ minLength: 1, maxLength: 90 }).filter((s) => s.trim().length > 0);
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 6000 }).filter((s) => s.trim().length > 0), fc.uniqueArray(title, { maxLength: 14, selector: (s) => s.trim() }), (text, titles) => {
      for (const m of renderForChannel(reply(text, titles), WHATSAPP_LIMITS, say)) expect(graphPayloadProblems(toGraphMessage('33612345678', m, 'd1'))).toEqual([]);
      for (const m of renderForChannel(reply(text, titles), TELEGRAM_LIMITS, say)) expect(sendMessageProblems(toSendMessage('42', m))).toEqual([]);
    }), { numRuns: 200 });
  });

  it('template parameters carry no newline or long run of spaces', () => {
    const t = toTemplateMessage('FR.123', 'binome_news', 'fr', 'Bonne nouvelle !\n\nAFEV a accepté.     Voilà', 'd2');
    expect(t).toMatchObject({ recipient: 'FR.123', template: { components: [{ parameters: [{ text: 'Bonne nouvelle ! AFEV a accepté. Voilà' }] }] } });
    expect(graphPayloadProblems(t)).toEqual([]);
  });
});

describe('edge checks', () => {
  it.each([
    ['wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', true], ['US.13491208655302741918', true], ['', false],
    ['abc\u0000', false], ['line\nbreak', false], ['bidi\u202eevil', false], ['del\u007f', false], ['x'.repeat(257), false],
  ])('isSafeId(%j) is %s', (id, ok) => expect(isSafeId(id)).toBe(ok));

  it('cleanText drops controls, keeps newlines and emoji, bounds the length', () => {
    expect(cleanText('a\u0000b\r\nc\u202ed 😀')).toBe('ab\ncd 😀');
    expect(cleanText('😀'.repeat(5000))).toHaveLength(MAX_INBOUND_TEXT * 2);
  });
});

describe('WhatsApp webhook: signature and payloads from Meta’s documentation', () => {
  const secret = 'app-secret-0123456789';
  it('verifies X-Hub-Signature-256 over the raw bytes only', () => {
    const raw = fixture('whatsapp', 'text.json');
    expect(verifySignature(raw, signatureOf(raw, secret), secret)).toBe(true);
    expect(verifySignature(raw, signatureOf(raw, secret).toUpperCase().replace('SHA256', 'sha256'), secret)).toBe(true);
    // The same JSON re-serialised is other bytes: refused.
    expect(verifySignature(Buffer.from(JSON.stringify(JSON.parse(raw.toString()))), signatureOf(raw, secret), secret)).toBe(false);
    expect(verifySignature(raw, signatureOf(raw, 'another-secret-0000'), secret)).toBe(false);
    expect(verifySignature(raw, undefined, secret)).toBe(false);
    expect(verifySignature(raw, 'sha1=abc', secret)).toBe(false);
  });

  const read = (name: string) => waConvert(WaWebhook.parse(JSON.parse(fixture('whatsapp', name).toString())), '106540352242922');
  it.each([
    ['text.json', 'text', 'Does it come in another color?'],
    ['interactive_button_reply.json', 'choice', 'Oui, on y va'],
    ['interactive_list_reply.json', 'choice', 'Stage, alternance ou premier emploi'],
    ['button.json', 'choice', 'Continuer ma demande'],
    ['audio_voice.json', 'audio', ''],
    ['image.json', 'image', ''],
    ['sticker.json', 'sticker', ''],
    ['location.json', 'location', ''],
    ['unsupported.json', 'other', ''],
  ])('%s is read as %s', (name, kind, text) => {
    const r = read(name);
    expect(r.dropped).toEqual([]);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ channel: 'whatsapp', conversationKey: 'whatsapp/conversations/16505551234', payload: { kind, text, userId: '16505551234' } });
    // Never the display name.
    expect(JSON.stringify(r.messages[0])).not.toContain('Sheena');
  });

  it('a business-scoped user id is the identity when given', () => {
    expect(read('text_bsuid.json').messages[0]).toMatchObject({ conversationKey: 'whatsapp/conversations/US.13491208655302741918', payload: { userId: 'US.13491208655302741918', text: 'salut' } });
  });

  it('statuses: delivered, and failed with 131047', () => {
    expect(read('status_delivered.json').statuses).toEqual([{ externalId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MjlFRUU5ODA4QkQzQkU2NTYA', status: 'delivered', errorCode: null, deliveryId: '6b1f1e0c-5f1e-4d39-9a7e-0d4e6a1b2c3d' }]);
    expect(read('status_failed_131047.json').statuses[0]).toMatchObject({ status: 'failed', errorCode: '131047' });
  });

  it('another phone number of the same app, and messages with unsafe ids, are dropped', () => {
    const body = WaWebhook.parse(JSON.parse(fixture('whatsapp', 'text.json').toString()));
    expect(waConvert(body, '999').dropped).toEqual([{ reason: 'other_phone_number' }]);
    const evil = JSON.parse(fixture('whatsapp', 'text.json').toString());
    evil.entry[0].changes[0].value.messages[0].from = '3361\u0000234';
    expect(waConvert(WaWebhook.parse(evil), '106540352242922')).toMatchObject({ messages: [], dropped: [{ reason: 'invalid_id' }] });
  });
});

describe('Telegram updates from the Bot API’s documentation', () => {
  const read = (name: string) => tgConvert(TgUpdate.parse(JSON.parse(fixture('telegram', name).toString())));
  it('a text message, a voice note, a location', () => {
    expect(read('message_text.json')).toEqual({ record: { channel: 'telegram', externalId: 'u10000', conversationKey: 'telegram/conversations/1111111', payload: { kind: 'text', text: '/start', userId: '1111111', locale: 'fr-FR' } } });
    expect(read('message_voice.json')).toMatchObject({ record: { payload: { kind: 'audio', text: '' } } });
    expect(read('message_location.json')).toMatchObject({ record: { payload: { kind: 'location', text: '' } } });
  });
  it('a button press is read as the label the keyboard showed', () => {
    expect(read('callback_query.json')).toEqual({ record: expect.objectContaining({ externalId: 'u10003', payload: { kind: 'choice', text: 'En savoir plus', userId: '1111111', locale: 'en-US' } }), callbackId: '4382bfdwdsb323b2d9' });
  });
  it('group chats are not conversations', () => {
    expect(read('message_group.json')).toEqual({ ignored: 'not_private' });
  });
  it('callback_data stays within 64 bytes', () => {
    const m = toSendMessage('1', { kind: 'buttons', text: 'Q', choices: Array.from({ length: 12 }, (_, i) => ({ title: 'é'.repeat(100), value: 'é'.repeat(100) + i })) });
    expect(sendMessageProblems(m)).toEqual([]);
  });
});

describe('configuration of the channels', () => {
  it('is off unless configured, and needs every secret when on', () => {
    const c = loadConfig({});
    expect(c.WHATSAPP_PHONE_NUMBER_ID).toBeUndefined();
    expect(c.HOST).toBe('127.0.0.1');
    expect(() => loadConfig({ WHATSAPP_PHONE_NUMBER_ID: '106540352242922' })).toThrow(/WHATSAPP_ACCESS_TOKEN, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN are required/);
    expect(() => loadConfig({ WHATSAPP_APP_SECRET: 'x'.repeat(32) })).toThrow(/WHATSAPP_PHONE_NUMBER_ID is not/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' })).toThrow(/TELEGRAM_WEBHOOK_SECRET is required/);
    const on = loadConfig({ TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', TELEGRAM_WEBHOOK_SECRET: 's'.repeat(24) });
    // Webhooks come from outside; they are authenticated by their secret.
    expect(on.HOST).toBe('0.0.0.0');
  });
});
