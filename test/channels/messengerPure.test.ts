import fc from 'fast-check';
import { renderForChannel, type Say } from '../../adapters/channels/outbound';
import { convertInbound } from '../../adapters/messenger/convertInbound';
import { MESSENGER_LIMITS, toSendApiMessage } from '../../adapters/messenger/convertOutbound';
import { sendApiPayloadProblems } from '../../adapters/messenger/FakeSendApi';
import { MsgWebhook } from '../../adapters/messenger/schemas';
import { loadConfig } from '../../config';
import { createI18n } from '../../locales/i18n';

const i18n = createI18n();
const say: Say = (key, params) => i18n.t(key, { lng: 'fr', ...params }) as string;
const PAGE = '104851234567890';
const choices = (n: number, title = (i: number) => `Choix ${i + 1}`) => Array.from({ length: n }, (_, i) => ({ title: title(i), value: title(i) }));
const rendered = (text: string, n: number, title?: (i: number) => string) =>
  renderForChannel({ text, suggestedActions: { actions: choices(n, title) } }, MESSENGER_LIMITS, say).map((m) => toSendApiMessage('2456789012345678', m));

describe('Messenger outbound: the Send API limits', () => {
  it('13 short answers are quick replies; a 14th, or a title over 20 characters, gives numbered lines', () => {
    const thirteen = rendered('Ta situation ?', 13);
    expect(thirteen).toHaveLength(1);
    expect((thirteen[0]!.message as { quick_replies: { title: string; payload: string }[] }).quick_replies).toHaveLength(13);
    expect((thirteen[0]!.message as { quick_replies: { payload: string }[] }).quick_replies[0]!.payload).toBe('v:Choix 1');
    const fourteen = rendered('Ta situation ?', 14);
    expect((fourteen.at(-1)!.message as { quick_replies?: unknown }).quick_replies).toBeUndefined();
    expect((fourteen.at(-1)!.message as { text: string }).text).toMatch(/\n14\. Choix 14\n\nRéponds par un numéro, de 1 à 14\.$/);
    const long = rendered('Tes besoins ?', 3, (i) => (i === 1 ? 'Stage, alternance ou premier emploi' : `Choix ${i + 1}`));
    expect((long.at(-1)!.message as { quick_replies?: unknown }).quick_replies).toBeUndefined();
    expect((long.at(-1)!.message as { text: string }).text).toContain('2. Stage, alternance ou premier emploi');
  });

  it('any reply renders to messages the Send API takes (texts ≤ 2,000, cut at sentence ends)', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('Bonjour. ', 'Tu as quel âge ? ', 'x'.repeat(300), '\n\n', 'œ’ê ', 'Une phrase plutôt longue pour remplir le message. '), { maxLength: 200 }),
      fc.nat({ max: 20 }), fc.nat({ max: 30 }),
      (parts, n, titleLength) => {
        const out = rendered(parts.join(''), n, (i) => `${i}${'a'.repeat(titleLength)}`);
        for (const body of out) expect(sendApiPayloadProblems(body)).toEqual([]);
      },
    ), { seed: 15, numRuns: 200 });
    const texts = rendered('Une phrase. '.repeat(400), 0).map((b) => (b.message as { text: string }).text);
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.every((t) => t.length <= 2_000 && t.endsWith('.'))).toBe(true);
  });

  it('the fake refuses what the Send API refuses', () => {
    const ok = { recipient: { id: '2456789012345678' }, messaging_type: 'RESPONSE', message: { text: 'Salut' } };
    expect(sendApiPayloadProblems(ok)).toEqual([]);
    expect(sendApiPayloadProblems({ ...ok, messaging_type: undefined })).not.toEqual([]);
    expect(sendApiPayloadProblems({ ...ok, messaging_type: 'MESSAGE_TAG' })).not.toEqual([]);
    expect(sendApiPayloadProblems({ ...ok, messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' })).toEqual([]);
    expect(sendApiPayloadProblems({ ...ok, message: { text: 'x'.repeat(2_001) } })).not.toEqual([]);
    const qr = (n: number, title = 'Oui') => ({ ...ok, message: { text: 'Alors ?', quick_replies: Array.from({ length: n }, (_, i) => ({ content_type: 'text', title: `${title}${i}`, payload: `v:${i}` })) } });
    expect(sendApiPayloadProblems(qr(13))).toEqual([]);
    expect(sendApiPayloadProblems(qr(14))).not.toEqual([]);
    expect(sendApiPayloadProblems(qr(2, 'x'.repeat(20)))).not.toEqual([]);
  });
});

describe('Messenger inbound: the documented webhook shapes', () => {
  const hook = (events: unknown[], page = PAGE) => MsgWebhook.parse({ object: 'page', entry: [{ id: page, time: 1458692752478, messaging: events }] });
  const from = (psid: string, rest: Record<string, unknown>) => ({ sender: { id: psid }, recipient: { id: PAGE }, timestamp: 1458692752478, ...rest });

  it('texts, quick replies (the whole label from our payload), postbacks and attachments; identity is the PSID', () => {
    const r = convertInbound(hook([
      from('1254459154682919', { message: { mid: 'm_1', text: 'hello, world!' } }),
      from('1254459154682919', { message: { mid: 'm_2', text: 'Stage, alternance…', quick_reply: { payload: 'v:Stage, alternance ou premier emploi' } } }),
      from('1254459154682919', { postback: { mid: 'm_3', title: 'Commencer', payload: 'GET_STARTED' } }),
      from('1254459154682919', { message: { mid: 'm_4', attachments: [{ type: 'image', payload: { url: 'https://x/1.jpg', sticker_id: 369239263222822 } }], sticker_id: 369239263222822 } }),
      from('1254459154682919', { message: { mid: 'm_5', attachments: [{ type: 'file', payload: { url: 'https://x/cv.pdf' } }] } }),
    ]), PAGE);
    expect(r.messages.map((m) => [m.externalId, m.payload.kind, m.payload.text, m.conversationKey])).toEqual([
      ['m_1', 'text', 'hello, world!', 'messenger/conversations/1254459154682919'],
      ['m_2', 'choice', 'Stage, alternance ou premier emploi', 'messenger/conversations/1254459154682919'],
      ['m_3', 'choice', 'Commencer', 'messenger/conversations/1254459154682919'],
      ['m_4', 'sticker', '', 'messenger/conversations/1254459154682919'],
      ['m_5', 'document', '', 'messenger/conversations/1254459154682919'],
    ]);
  });

  it('echoes and reads are ignored, deliveries give their mids, another page and odd ids are dropped', () => {
    const r = convertInbound(hook([
      { sender: { id: PAGE }, recipient: { id: '1254459154682919' }, timestamp: 1, message: { mid: 'm_e', is_echo: true, text: 'Salut' } },
      from('1254459154682919', { read: { watermark: 1458668856253 } }),
      from('1254459154682919', { delivery: { mids: ['mid.1458668856218:ed81099e15d3f4f233'], watermark: 1458668856253 } }),
      from('not-a-psid', { message: { mid: 'm_x', text: 'hi' } }),
      { sender: {}, message: {} },
    ]), PAGE);
    expect(r.messages).toEqual([]);
    expect(r.ignored).toBe(2);
    expect(r.delivered).toEqual(['mid.1458668856218:ed81099e15d3f4f233']);
    expect(r.dropped.map((d) => d.reason)).toEqual(['invalid_id', 'invalid_event']);
    expect(convertInbound(hook([from('1', { message: { mid: 'm', text: 'x' } })], '999'), PAGE).dropped).toEqual([{ reason: 'other_page' }]);
  });
});

describe('Messenger settings', () => {
  const base = { DATABASE_URL: 'pglite://memory', LOG_PSEUDONYM_KEY: 'test' };
  it('off unless MESSENGER_PAGE_ID is set; then the three secrets are required together', () => {
    expect(loadConfig(base).MESSENGER_PAGE_ID).toBeUndefined();
    expect(() => loadConfig({ ...base, MESSENGER_PAGE_ID: PAGE })).toThrow(/MESSENGER_PAGE_ACCESS_TOKEN, MESSENGER_APP_SECRET and MESSENGER_VERIFY_TOKEN/);
    expect(() => loadConfig({ ...base, MESSENGER_APP_SECRET: 'a-secret-of-sixteen-chars' })).toThrow(/MESSENGER_PAGE_ID is not/);
    const on = loadConfig({ ...base, MESSENGER_PAGE_ID: PAGE, MESSENGER_PAGE_ACCESS_TOKEN: 'EAAJ-page-access-token-0123', MESSENGER_APP_SECRET: 'a-secret-of-sixteen-chars', MESSENGER_VERIFY_TOKEN: 'verify-token-0123456' });
    expect(on).toMatchObject({ MESSENGER_NEWS_TAG: 'ACCOUNT_UPDATE', HOST: '0.0.0.0' });
  });
});
