import { FakeVonageApi } from '../../adapters/sms/FakeVonageApi';
import { countSegments } from '../../adapters/sms/segments';
import { vonageSignatureOf } from '../../adapters/sms/signatures';
import { SMS_INTAKES } from '../../eval/smsIntakes';
import { bodies, saidSms, smsTurn } from '../helpers/smsPhone';
import { startAppWithFake, useChannelApp } from '../helpers/channelApp';

const VO = { apiKey: 'a1b2c3d4', apiSecret: 'vonage-api-secret', signatureSecret: 'vonage-signature-secret-0123456789', method: 'sha256' as const, number: '33757000002' };
const BUDGET = 4;

describe('SMS end to end through Vonage (PGlite, loopback SMS API), SMS_PROVIDER=vonage', () => {
  const ch = useChannelApp(() =>
    startAppWithFake(new FakeVonageApi(VO), {
      databaseUrl: 'pglite://memory', env: { SMS_MAX_SEGMENTS_PER_TURN: String(BUDGET) }, webhookPath: '/webhooks/sms',
      channelEnv: (url) => ({
        SMS_PROVIDER: 'vonage', VONAGE_API_KEY: VO.apiKey, VONAGE_API_SECRET: VO.apiSecret, VONAGE_SIGNATURE_SECRET: VO.signatureSecret,
        VONAGE_SIGNATURE_METHOD: VO.method, VONAGE_FROM: VO.number, VONAGE_API_URL: url,
      }),
    }),
  );

  const say = async (phone: string, text: string, json = true) => {
    const p = ch.fake.inbound(phone, text);
    expect(await ch.fake.post(p, { json })).toBe(200);
    const sent = await smsTurn(ch.app, { sent: ch.fake.sent }, p.messageId!);
    return sent as unknown as { text: string }[];
  };
  const all = (r: { text: string }[]) => bodies(r.map((m) => ({ body: m.text })));

  it('a whole intake in English, from "hello" to a stored request, each turn one SMS within the budget', async () => {
    const phone = '+447700900123';
    const intake = SMS_INTAKES.find((i) => i.lang === 'en')!;
    const segments: number[] = [];
    let last: { text: string }[] = [];
    for (const [i, text] of intake.messages.entries()) {
      // Vonage may post JSON or a form (the account's setting): both are read.
      last = await say(phone, text, i % 2 === 0);
      segments.push(last.reduce((n, m) => n + countSegments(m.text).segments, 0));
      if (i === 0) expect(all(last)).toContain(saidSms('intake.welcome.hello', 'en'));
    }
    expect(all(last)).toContain(saidSms('intake.submitted.next', 'en'));
    expect(segments.every((s) => s >= 1 && s <= BUDGET)).toBe(true);
    // Sent to the number without "+", GSM-7 texts as type text.
    expect(ch.fake.to(phone).every((m) => m.to === '447700900123' && m.type === 'text' && m.from === VO.number)).toBe(true);
    const stored = await ch.app.db.prisma.mentoringRequest.findMany({ where: { conversationKey: `sms/conversations/${phone}` } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.payload).toMatchObject({ channel: 'sms', locale: 'en', firstName: 'Sam', age: 20, place: { commune: '59350' } });
  }, 180_000);

  it('refuses an unsigned, wrongly signed, tampered or stale message (403) and stores nothing', async () => {
    const before = await ch.app.db.prisma.channelInbox.count();
    const p = ch.fake.inbound('+33612340010', 'bonjour');
    const { sig: _sig, ...unsigned } = p;
    expect(await ch.fake.post(unsigned)).toBe(403);
    expect(await ch.fake.post({ ...p, text: 'autre chose' })).toBe(403);
    expect(await ch.fake.post({ ...p, sig: 'A'.repeat(64) })).toBe(403);
    expect(await ch.fake.post(ch.fake.inbound('+33612340010', 'bonjour', new Date(Date.now() - 3_600_000)))).toBe(403);
    expect(await ch.app.db.prisma.channelInbox.count()).toBe(before);
  });

  it('a crisis message over SMS gets the help lines at once, within the budget', async () => {
    const phone = '+33612340011';
    await say(phone, 'bonjour');
    const r = await say(phone, 'je veux mourir, je vais me suicider ce soir');
    const text = all(r);
    // The lines come whole (a help line is never shortened to fit): the 3114, and the 112 in the last words.
    expect(text).toMatch(/3114/);
    expect(text).toMatch(/112/);
    // Over the budget, the answer is cut into SMS of at most the budget each; with the SMS wording it takes at most two.
    expect(r.every((m) => countSegments(m.text).segments <= BUDGET)).toBe(true);
    expect(r.length).toBeLessThanOrEqual(2);
  }, 60_000);

  it('the parts of a long SMS (concat) are read as one message, in order, whatever order they come in', async () => {
    const phone = '+33612340012';
    await say(phone, 'bonjour');
    await say(phone, 'oui');
    const at = new Date();
    const part = (n: number, text: string) => {
      const p = ch.fake.inbound(phone, text, at);
      const { sig: _s, ...rest } = p;
      const params: Record<string, string> = { ...rest, concat: 'true', 'concat-ref': '108', 'concat-total': '2', 'concat-part': String(n) };
      return { ...params, sig: vonageSignatureOf(params, VO.signatureSecret, VO.method) } as Record<string, string>;
    };
    const second = part(2, 'ès');
    const first = part(1, 'In');
    expect(await ch.fake.post(second)).toBe(200);
    expect(await ch.app.db.prisma.channelInbox.count({ where: { conversationKey: `sms/conversations/${phone}`, status: 'pending' } })).toBe(0);
    expect(await ch.fake.post(first)).toBe(200);
    await smsTurn(ch.app, { sent: ch.fake.sent }, first.messageId!);
    const state = await ch.app.db.prisma.channelInbox.findUnique({ where: { channel_externalId: { channel: 'sms', externalId: first.messageId! } } });
    expect(state?.status).toBe('done');
    const text = all(ch.fake.to(phone).slice(-1));
    expect(text).toContain('Inès');
  }, 60_000);
});
