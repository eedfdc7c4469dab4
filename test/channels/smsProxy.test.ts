import type { FakeTwilioApi } from '../../adapters/sms/FakeTwilioApi';
import type { App } from '../../index';
import { bodies, saidSms, smsTurn, startTwilioApp } from '../helpers/smsPhone';

const PUBLIC = 'https://binome.example.org';

describe('SMS behind a reverse proxy (PUBLIC_URL): Twilio signs the public address; delivery statuses come back', () => {
  let app: App;
  let fake: FakeTwilioApi;
  beforeAll(async () => {
    ({ app, fake } = await startTwilioApp('pglite://memory', { PUBLIC_URL: PUBLIC, TRUST_PROXY: 'loopback' }, {}, { statuses: true }));
    // Twilio calls the public address, which the proxy forwards here.
    fake.signedUrl = `${PUBLIC}/webhooks/sms`;
    fake.statusUrl = `${app.url}/webhooks/sms/status`;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  afterEach(() => expect(fake.rejected).toEqual([]));

  it('checks the signature over PUBLIC_URL, never over the Host or X-Forwarded-* headers the request carries', async () => {
    const form = fake.inbound('+33612340020', 'Bonjour');
    expect((await fake.post(form)).status).toBe(200);
    expect(bodies(await smsTurn(app, fake, form.MessageSid!))).toContain(saidSms('intake.welcome.hello'));
    // Signed over the address the request reached (what a Host-based check would accept): refused.
    const local = fake.inbound('+33612340020', 'oui');
    const { twilioSignatureOf } = await import('../../adapters/sms/signatures');
    const signature = twilioSignatureOf(fake.o.authToken, fake.webhookUrl!, local);
    expect((await fake.post(local, { signature })).status).toBe(403);
    const res = await fetch(fake.webhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignatureOf(fake.o.authToken, 'https://evil.example/webhooks/sms', local), host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      body: new URLSearchParams(local).toString(),
    });
    expect(res.status).toBe(403);
  });

  it("asks Twilio for statuses at PUBLIC_URL and records them (sent, then delivered); a failure keeps Twilio's error code", async () => {
    const form = fake.inbound('+33612340021', 'Bonjour');
    expect((await fake.post(form)).status).toBe(200);
    const [reply] = await smsTurn(app, fake, form.MessageSid!);
    for (let i = 0; i < 200 && fake.statusesPosted.filter((s) => s.sid === reply!.sid).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(fake.statusesPosted.filter((s) => s.sid === reply!.sid)).toEqual([{ sid: reply!.sid, status: 'sent', code: 200 }, { sid: reply!.sid, status: 'delivered', code: 200 }]);
    expect(await app.db.prisma.channelDelivery.findUnique({ where: { channel_externalId: { channel: 'sms', externalId: reply!.sid } } })).toMatchObject({ status: 'delivered', errorCode: null });
    await fake.callBack(`${PUBLIC}/webhooks/sms/status`, reply!.sid, '+33612340021', ['undelivered'], '30003');
    expect(await app.db.prisma.channelDelivery.findUnique({ where: { channel_externalId: { channel: 'sms', externalId: reply!.sid } } })).toMatchObject({ status: 'failed', errorCode: '30003' });
    // A status signed for another address is refused.
    await fake.callBack('https://evil.example/webhooks/sms/status', reply!.sid, '+33612340021', ['read']);
    expect(fake.statusesPosted.at(-1)!.code).toBe(403);
  });
});
