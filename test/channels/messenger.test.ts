import { signatureOf } from '../../adapters/meta/signature';
import { said } from '../helpers/whatsappPhone';
import { lastChoicesM, MessengerPerson, MS, shownM, startMessengerApp, textsM } from '../helpers/messengerPerson';
import { deliverNews } from '../helpers/channelNews';
import { expectKindsAnsweredKeepingPlace, expectMetaHandshake, expectReplayedOnce } from '../helpers/channelPerson';
import { expectWholeIntakeStored, useChannelApp } from '../helpers/channelApp';

describe('Messenger end to end (PGlite, loopback Send API)', () => {
  let clock = Date.now();
  const ch = useChannelApp(() => startMessengerApp('pglite://memory', { OUTBOX_RETRY_BASE_SECONDS: '0.05' }, { now: () => new Date(clock) }));

  it('a whole intake, from "Bonjour" to a stored and routed request, with quick replies and numbered choices', async () => {
    const person = new MessengerPerson(ch.app, ch.fake, '2456789012345678');
    let r = await person.say('Bonjour');
    expect(textsM(r)[0]).toContain(said('intake.welcome.hello'));
    expect(lastChoicesM(r)).toEqual(['Oui, on y va', 'En savoir plus', 'Non merci']);
    // Every reply is an answer inside the window.
    expect(r.every((m) => m.body.messaging_type === 'RESPONSE' && (m.body.recipient as { id: string }).id === person.psid)).toBe(true);
    r = await person.tap('Oui, on y va');
    expect(textsM(r).join('\n')).toContain(said('intake.firstName.ask'));
    r = await person.say('Inès');
    expect(textsM(r).join('\n')).toContain(said('intake.age.ask'));
    r = await person.say("j'ai 17 ans");
    expect(textsM(r).join('\n')).toContain(said('intake.situation.ask'));
    r = await person.say('2');
    expect(textsM(r).join('\n')).toContain(said('intake.level.askSchoolYear'));
    r = await person.say('terminale');
    expect(textsM(r).join('\n')).toContain(said('intake.needs.ask'));
    // "Stage, alternance ou premier emploi" would be cut as a 20-character quick reply: numbered lines instead.
    const needs = r[r.length - 1]!;
    expect((needs.body.message as { quick_replies?: unknown }).quick_replies).toBeUndefined();
    expect(shownM(needs).text).toMatch(/\n\d\. Stage, alternance ou premier emploi\n/);
    r = await person.say('orientation');
    expect(textsM(r).join('\n')).toContain(said('intake.place.ask'));
    r = await person.say('Lyon');
    expect(textsM(r).join('\n')).toContain(said('intake.priority.ask'));
    r = await person.say('aucune');
    expect(textsM(r).join('\n')).toContain(said('intake.meeting.ask'));
    r = await person.say('à distance');
    expect(textsM(r).join('\n')).toContain(said('intake.availability.ask'));
    r = await person.say('le mercredi après-midi');
    expect(textsM(r).join('\n')).toContain(said('intake.contact.ask'));
    r = await person.say('ines@example.fr');
    expect(textsM(r).join('\n')).toContain(said('intake.summary.ask'));
    r = await person.tap(lastChoicesM(r)[0]!);
    expect(textsM(r).join('\n')).toContain(said('intake.proposal.ask'));
    r = await person.say('2');
    expect(textsM(r).join('\n')).toContain(said('intake.submitted.next'));

    await expectWholeIntakeStored(ch.app, 'messenger', `messenger/conversations/${person.psid}`, { minInboxRows: 14 });
  }, 120_000);

  it("answers Meta's subscription handshake only with the verify token", async () => {
    await expectMetaHandshake(`${ch.app.url}/webhooks/messenger`, MS.verifyToken, 'nope-nope-nope-nope', '987654321');
  });

  it('bad input: wrong signature 401, malformed JSON 400, a WhatsApp shape 400; nothing stored, the server fine', async () => {
    const before = await ch.app.db.prisma.channelInbox.count();
    const m = ch.fake.messageFrom('2456789000000001', { text: 'bonjour' });
    expect(await ch.fake.post(m.body, { signature: signatureOf(JSON.stringify(m.body), 'another-app-secret-000') })).toBe(401);
    expect(await ch.fake.post(m.body, { signature: 'sha256=zz' })).toBe(401);
    const unsigned = await fetch(ch.fake.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m.body) });
    expect(unsigned.status).toBe(401);
    expect(await ch.fake.post(null, { raw: '{"object": "page", "entry": [' })).toBe(400);
    expect(await ch.fake.post({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [] }] })).toBe(400);
    expect(await ch.app.db.prisma.channelInbox.count()).toBe(before);
    expect((await fetch(`${ch.app.url}/healthz`)).status).toBe(200);
  });

  it('a replayed mid is stored once and answered once; echoes are ignored; deliveries are recorded', async () => {
    const person = new MessengerPerson(ch.app, ch.fake, '2456789000000002');
    const m = ch.fake.messageFrom(person.psid, { text: 'salut' });
    const first = await expectReplayedOnce(ch.app, person, ch.fake, m);
    expect(first.length).toBeGreaterThan(0);

    // Our own message echoed back (sender is the page) and a read receipt: nothing stored, nothing answered.
    const before = await ch.app.db.prisma.channelInbox.count();
    const echo = ch.fake.envelope([{ sender: { id: MS.pageId }, recipient: { id: person.psid }, timestamp: clock, message: { mid: 'm_echo_1', is_echo: true, app_id: 1517776481860111, text: 'Salut !' } }]);
    expect(await ch.fake.post(echo)).toBe(200);
    expect(await ch.fake.post(ch.fake.envelope([{ sender: { id: person.psid }, recipient: { id: MS.pageId }, timestamp: clock, read: { watermark: clock } }]))).toBe(200);
    expect(await ch.app.db.prisma.channelInbox.count()).toBe(before);

    expect(await ch.fake.delivered(person.psid, first.map((s) => s.mid))).toBe(200);
    const rows = await ch.app.db.prisma.channelDelivery.findMany({ where: { externalId: { in: first.map((s) => s.mid) } } });
    expect(rows.map((x) => x.status)).toEqual(first.map(() => 'delivered'));
  });

  it('images, audio, video, files, stickers and locations get the kind "text only" answer and lose nothing', async () => {
    const person = new MessengerPerson(ch.app, ch.fake, '2456789000000003');
    const kinds: Record<string, unknown>[] = [
      { attachments: [{ type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/t1/1.jpg' } }] },
      { attachments: [{ type: 'audio', payload: { url: 'https://cdn.fbsbx.com/v/t59/audioclip.mp4' } }] },
      { attachments: [{ type: 'video', payload: { url: 'https://video.xx.fbcdn.net/v/t42/1.mp4' } }] },
      { attachments: [{ type: 'file', payload: { url: 'https://cdn.fbsbx.com/v/t59/cv.pdf' } }] },
      { sticker_id: 369239263222822, attachments: [{ type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/t39/851557_369239266556155_759568595_n.png', sticker_id: 369239263222822 } }] },
      { attachments: [{ type: 'location', payload: { coordinates: { lat: 45.76, long: 4.83 } } }] },
    ];
    await expectKindsAnsweredKeepingPlace(ch.app, person, kinds, textsM, said);
  });

  it('news: a RESPONSE within 24 hours; after them, a MESSAGE_TAG ACCOUNT_UPDATE the Send API accepts', async () => {
    const person = new MessengerPerson(ch.app, ch.fake, '2456789000000005');
    await person.introduce('Lina');
    for (const text of ['17', '2', 'terminale', 'orientation', 'Lyon', 'aucune', 'à distance', 'le soir', 'lina@example.fr']) await person.say(text);
    const summary = await person.say('oui');
    const r = await person.say('oui');
    expect(textsM(summary.concat(r)).join('\n')).toContain(said('intake.submitted.next'));

    const before = ch.fake.to(person.psid).length;
    expect(await news(person.psid)).toBe('proactive');
    const within = ch.fake.to(person.psid).slice(before);
    expect(within.map((m) => [m.body.messaging_type, m.body.tag])).toEqual([['RESPONSE', undefined]]);
    expect(shownM(within[0]!).text).toContain('AFEV');

    clock += 25 * 3_600_000; // the window is closed: a RESPONSE would be refused (code 10, subcode 2018278)
    const after = ch.fake.to(person.psid).length;
    expect(await news(person.psid)).toBe('proactive');
    const outside = ch.fake.to(person.psid).slice(after);
    expect(outside.map((m) => [m.body.messaging_type, m.body.tag])).toEqual([['MESSAGE_TAG', 'ACCOUNT_UPDATE']]);
    expect(shownM(outside[0]!).text).toContain('AFEV');
  }, 120_000);

  const news = (psid: string) => deliverNews(ch.app, `messenger/conversations/${psid}`, new Date(clock));
});
