import { bodies, saidSms, smsTurn, startTwilioApp } from '../helpers/smsPhone';
import { useChannelApp } from '../helpers/channelApp';

const PUBLIC = 'https://binome.example.org';

describe('SMS behind a reverse proxy (PUBLIC_URL): Twilio signs the public address; delivery statuses come back', () => {
  const ch = useChannelApp(async () => {
    const { app, fake } = await startTwilioApp('pglite://memory', { PUBLIC_URL: PUBLIC, TRUST_PROXY: 'loopback' }, {}, { statuses: true });
    // Twilio calls the public address, which the proxy forwards here.
    fake.signedUrl = `${PUBLIC}/webhooks/sms`;
    fake.statusUrl = `${app.url}/webhooks/sms/status`;
    return { app, fake };
  });

  it('checks the signature over PUBLIC_URL, never over the Host or X-Forwarded-* headers the request carries', async () => {
    const form = ch.fake.inbound('+33612340020', 'Bonjour');
    expect((await ch.fake.post(form)).status).toBe(200);
    expect(bodies(await smsTurn(ch.app, ch.fake, form.MessageSid!))).toContain(saidSms('intake.welcome.hello'));
    // Signed over the address the request reached (what a Host-based check would accept): refused.
    const local = ch.fake.inbound('+33612340020', 'oui');
    const { twilioSignatureOf } = await import('../../adapters/sms/signatures');
    const signature = twilioSignatureOf(ch.fake.o.authToken, ch.fake.webhookUrl!, local);
    expect((await ch.fake.post(local, { signature })).status).toBe(403);
    const res = await fetch(ch.fake.webhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignatureOf(ch.fake.o.authToken, 'https://evil.example/webhooks/sms', local), host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      body: new URLSearchParams(local).toString(),
    });
    expect(res.status).toBe(403);
  });

  it("asks Twilio for statuses at PUBLIC_URL and records them (sent, then delivered); a failure keeps Twilio's error code", async () => {
    const form = ch.fake.inbound('+33612340021', 'Bonjour');
    expect((await ch.fake.post(form)).status).toBe(200);
    const [reply] = await smsTurn(ch.app, ch.fake, form.MessageSid!);
    for (let i = 0; i < 200 && ch.fake.statusesPosted.filter((s) => s.sid === reply!.sid).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(ch.fake.statusesPosted.filter((s) => s.sid === reply!.sid)).toEqual([{ sid: reply!.sid, status: 'sent', code: 200 }, { sid: reply!.sid, status: 'delivered', code: 200 }]);
    expect(await ch.app.db.prisma.channelDelivery.findUnique({ where: { channel_externalId: { channel: 'sms', externalId: reply!.sid } } })).toMatchObject({ status: 'delivered', errorCode: null });
    await ch.fake.callBack(`${PUBLIC}/webhooks/sms/status`, reply!.sid, '+33612340021', ['undelivered'], '30003');
    expect(await ch.app.db.prisma.channelDelivery.findUnique({ where: { channel_externalId: { channel: 'sms', externalId: reply!.sid } } })).toMatchObject({ status: 'failed', errorCode: '30003' });
    // A status signed for another address is refused.
    await ch.fake.callBack('https://evil.example/webhooks/sms/status', reply!.sid, '+33612340021', ['read']);
    expect(ch.fake.statusesPosted.at(-1)!.code).toBe(403);
  });
});
