import crypto from 'node:crypto';
import { twilioSignatureOf } from '../../adapters/sms/signatures';
import { countSegments } from '../../adapters/sms/segments';
import { PrismaDirectory } from '../../db/PrismaDirectory';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import { submitRequest } from '../../intake/submitRequest';
import { deliverNews } from '../helpers/channelNews';
import { REQUEST } from '../helpers/fixtures';
import { bodies, saidSms, SmsPhone, smsTurn, startTwilioApp, TW } from '../helpers/smsPhone';
import { expectWholeIntakeStored, useChannelApp } from '../helpers/channelApp';

const BUDGET = 4;

describe('SMS end to end through Twilio (PGlite, loopback Twilio API)', () => {
  const ch = useChannelApp(() => startTwilioApp('pglite://memory', { SMS_MAX_SEGMENTS_PER_TURN: String(BUDGET) }));

  it('a whole intake, from "Bonjour" to a stored and routed request, each turn one SMS within the budget', async () => {
    const phone = new SmsPhone(ch.app, ch.fake, '+33612345678');
    let r = await phone.say('Bonjour');
    expect(bodies(r)).toContain(saidSms('intake.welcome.hello'));
    // No buttons on SMS: the answers are in the text, numbered.
    expect(bodies(r)).toMatch(/\(1\) Oui, on y va, \(2\) En savoir plus, ou \(3\) Non merci/);
    r = await phone.say('1');
    expect(bodies(r)).toContain(saidSms('intake.firstName.ask'));
    r = await phone.say('Inès');
    r = await phone.say("j'ai 17 ans");
    expect(bodies(r)).toContain(saidSms('intake.situation.ask'));
    expect(bodies(r)).toMatch(/\n1\. /);
    r = await phone.say('2');
    expect(bodies(r)).toContain(saidSms('intake.level.askSchoolYear'));
    for (const [text, next] of [
      ['terminale', 'intake.needs.ask'], ['orientation', 'intake.place.ask'], ['Lyon', 'intake.priority.ask'], ['aucune', 'intake.meeting.ask'],
      ['à distance', 'intake.availability.ask'], ['le mercredi après-midi', 'intake.contact.ask'], ['ines@example.fr', 'intake.summary.ask'],
    ] as const) {
      expect([text, bodies(await phone.say(text))]).toEqual([text, expect.stringContaining(saidSms(next))]);
    }
    r = await phone.say("c'est bon");
    expect(bodies(r)).toContain(saidSms('intake.proposal.ask'));
    r = await phone.say('1');
    expect(bodies(r)).toContain(saidSms('intake.submitted.next'));

    // Every turn was one SMS, within the budget; French accents outside GSM-7 were written without, so GSM-7 throughout.
    expect(phone.segments.every((s) => s >= 1 && s <= BUDGET)).toBe(true);
    const mine = ch.fake.to(phone.number);
    expect(mine).toHaveLength(phone.segments.length);
    expect(mine.every((m) => countSegments(m.body).encoding === 'GSM-7')).toBe(true);

    await expectWholeIntakeStored(ch.app, 'sms', `sms/conversations/${phone.number}`);
  }, 180_000);

  it('refuses a wrong or missing signature (403), another content type (415), a malformed or foreign body (400), 1 MB (413); stores nothing', async () => {
    const before = await ch.app.db.prisma.channelInbox.count();
    const form = ch.fake.inbound('+33612340001', 'bonjour');
    expect((await ch.fake.post(form, { signature: null })).status).toBe(403);
    expect((await ch.fake.post(form, { signature: twilioSignatureOf('0'.repeat(32), ch.fake.webhookUrl!, form) })).status).toBe(403);
    // Signed for another address (a Host header the caller chose is never what is checked).
    expect((await ch.fake.post(form, { signature: twilioSignatureOf(TW.authToken, 'https://evil.example/webhooks/sms', form) })).status).toBe(403);
    // A parameter changed after signing.
    expect((await ch.fake.post({ ...form, Body: 'autre chose' }, { signature: twilioSignatureOf(TW.authToken, ch.fake.webhookUrl!, form) })).status).toBe(403);
    expect((await ch.fake.post(form, { contentType: 'application/json', raw: JSON.stringify(form) })).status).toBe(415);
    expect((await ch.fake.post(form, { contentType: 'multipart/form-data; boundary=x', raw: '--x--' })).status).toBe(415);
    // Signed, but not Twilio's shape.
    const odd = { From: '+33612340001', Body: 'x' };
    expect((await ch.fake.post(odd)).status).toBe(400);
    // A parameter given twice.
    const raw = `${new URLSearchParams(form).toString()}&Body=deux`;
    expect((await ch.fake.post(form, { raw })).status).toBe(400);
    const big = { ...form, Pad: 'x'.repeat(1_048_576) };
    expect((await ch.fake.post(big)).status).toBe(413);
    expect(await ch.app.db.prisma.channelInbox.count()).toBe(before);
  });

  it('a retried message is one turn; an MMS picture is answered clearly; emoji and a huge message are read', async () => {
    const phone = new SmsPhone(ch.app, ch.fake, '+33612340002');
    const form = ch.fake.inbound(phone.number, 'Salut 👋');
    expect((await ch.fake.post(form)).status).toBe(200);
    const first = await smsTurn(ch.app, ch.fake, form.MessageSid!);
    expect((await ch.fake.post(form)).text).toContain('<Response>');
    await new Promise((r) => setTimeout(r, 300));
    expect(ch.fake.to(phone.number)).toHaveLength(first.length);
    await phone.say('oui');
    const mms = ch.fake.inbound(phone.number, '', [{ contentType: 'image/jpeg' }]);
    expect((await ch.fake.post(mms)).status).toBe(200);
    const r = await smsTurn(ch.app, ch.fake, mms.MessageSid!);
    expect(bodies(r)).toContain(saidSms('input.attachment'));
    // 1,600 characters (Twilio's most): read, answered within the budget.
    const huge = await phone.say(`${'je suis très motivée 💪 '.repeat(70)}`.slice(0, 1_600));
    expect(huge.length).toBeGreaterThan(0);
    expect(phone.segments.every((s) => s <= BUDGET)).toBe(true);
  }, 60_000);

  it('STOP: confirmed once, then nothing is sent (replies and news refused) until START', async () => {
    const phone = new SmsPhone(ch.app, ch.fake, '+33612340003');
    await phone.say('bonjour');
    let r = await phone.say('STOP');
    expect(r).toHaveLength(1);
    expect(r[0]!.body).toContain(saidSms('sms.stopped').slice(0, 20));
    expect(r[0]!.body).toContain('START');
    expect(await ch.app.db.prisma.channelOptOut.count({ where: { channel: 'sms', userId: phone.number } })).toBe(1);
    const count = ch.fake.to(phone.number).length;
    // A message after STOP is not answered.
    r = await phone.say('oui');
    expect(r).toEqual([]);
    // Nor is anything the outbox still held (a queued reply is refused at sending).
    expect(ch.fake.to(phone.number)).toHaveLength(count);
    for (const word of ['arrêt', 'ARRET', 'Stop SMS', 'stopall', 'UNSUBSCRIBE']) {
      r = await phone.say(word);
      expect([word, r.length]).toEqual([word, 1]);
    }
    r = await phone.say('START');
    expect(bodies(r)).toContain(saidSms('sms.started').slice(0, 20));
    expect(await ch.app.db.prisma.channelOptOut.count({ where: { channel: 'sms', userId: phone.number } })).toBe(0);
    r = await phone.say('oui');
    expect(bodies(r)).toContain(saidSms('intake.firstName.ask'));
  }, 60_000);

  it('news to a young person whose channel cannot carry it, with a mobile number and no e-mail, goes by SMS; not once the number sent STOP', async () => {
    const phone = '+33612340004';
    const conversationKey = `cli/conversations/${phone}`;
    await submitRequest({ ...REQUEST, contact: { email: null, phone, preferred: 'sms' }, submittedAt: new Date().toISOString() }, { submissionId: crypto.randomUUID(), conversationKey, conversationRef: { channelId: 'binome-cli' } }, {
      directory: new PrismaDirectory(ch.app.db.prisma), requests: new PrismaRequestStore(ch.app.db.prisma), now: () => new Date(),
    });
    expect(await deliverNews(ch.app, conversationKey, new Date())).toBe('sms');
    const got = ch.fake.to(phone);
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toContain('AFEV');
    expect(countSegments(got[0]!.body).segments).toBeLessThanOrEqual(BUDGET);
    // The number sends STOP (to us): the next news is not sent (and there is no e-mail to fall back to).
    const stop = ch.fake.inbound(phone, 'STOP');
    expect((await ch.fake.post(stop)).status).toBe(200);
    await smsTurn(ch.app, ch.fake, stop.MessageSid!);
    await ch.app.db.prisma.notification.deleteMany({ where: { kind: 'young_person_news' } });
    expect(await deliverNews(ch.app, conversationKey, new Date())).toBe('none');
    expect(ch.fake.to(phone)).toHaveLength(2);
  }, 60_000);
});
