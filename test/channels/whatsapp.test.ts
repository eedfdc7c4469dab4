import { signatureOf } from '../../adapters/meta/signature';
import { expectKindsAnsweredKeepingPlace, expectMetaHandshake, expectReplayedOnce } from '../helpers/channelPerson';
import { lastChoices, Phone, said, shown, startWhatsAppApp, texts, WA } from '../helpers/whatsappPhone';
import { expectWholeIntakeStored, useChannelApp } from '../helpers/channelApp';

describe('WhatsApp end to end (PGlite, loopback Graph API)', () => {
  const ch = useChannelApp(() => startWhatsAppApp('pglite://memory'));

  it('a whole intake, from "Bonjour" to a stored and routed request, with buttons, a list and typed answers', async () => {
    const phone = new Phone(ch.app, ch.fake, '33612345678');
    let r = await phone.say('Bonjour');
    expect(texts(r)[0]).toContain(said('intake.welcome.hello'));
    expect(lastChoices(r)).toEqual(['Oui, on y va', 'En savoir plus', 'Non merci']);
    expect(shown(r[r.length - 1]!).text).toContain(said('intake.consent.ask'));
    r = await phone.tap('Oui, on y va');
    expect(texts(r).join('\n')).toContain(said('intake.firstName.ask'));
    r = await phone.say('Inès');
    expect(texts(r).join('\n')).toContain(said('intake.age.ask'));
    r = await phone.say("j'ai 17 ans");
    expect(texts(r).join('\n')).toContain(said('intake.situation.ask'));
    // Eleven answers: more than a list holds (10 rows), so numbered lines and how to answer.
    expect(r[r.length - 1]!.body.type).toBe('text');
    expect(shown(r[r.length - 1]!).text).toMatch(/\n1\. Au collège\n2\. Lycée général\n[^]*\n11\. Passer\n\nRéponds par un numéro, de 1 à 11\.$/);
    r = await phone.say('2');
    expect(texts(r).join('\n')).toContain(said('intake.level.askSchoolYear'));
    r = await phone.say('terminale');
    expect(texts(r).join('\n')).toContain(said('intake.needs.ask'));
    // Six answers: a list; "Stage, alternance ou premier emploi" is longer than a row's title (24): cut, and whole underneath.
    const needs = r[r.length - 1]!.body.interactive as { type: string; action: { sections: { rows: { title: string; description?: string }[] }[] } };
    expect(needs.type).toBe('list');
    expect(needs.action.sections[0]!.rows).toContainEqual({ id: 'v:Stage, alternance ou premier emploi', title: 'Stage, alternance ou pr…', description: 'Stage, alternance ou premier emploi' });
    r = await phone.tap('Orientation');
    expect(texts(r).join('\n')).toContain(said('intake.place.ask'));
    r = await phone.say('Lyon');
    expect(texts(r).join('\n')).toContain(said('intake.priority.ask'));
    r = await phone.say('aucune');
    expect(texts(r).join('\n')).toContain(said('intake.meeting.ask'));
    r = await phone.say('à distance');
    expect(texts(r).join('\n')).toContain(said('intake.availability.ask'));
    r = await phone.say('le mercredi après-midi');
    expect(texts(r).join('\n')).toContain(said('intake.contact.ask'));
    r = await phone.say('ines@example.fr');
    expect(texts(r).join('\n')).toContain(said('intake.summary.ask'));
    const confirm = lastChoices(r)[0]!;
    r = await phone.tap(confirm);
    expect(texts(r).join('\n')).toContain(said('intake.proposal.ask'));
    r = await phone.say('2');
    expect(texts(r).join('\n')).toContain(said('intake.submitted.next'));

    await expectWholeIntakeStored(ch.app, 'whatsapp', 'whatsapp/conversations/33612345678', { minInboxRows: 14 });
  }, 120_000);

  it("answers Meta's subscription handshake only with the verify token", async () => {
    await expectMetaHandshake(`${ch.app.url}/webhooks/whatsapp`, WA.verifyToken, 'nope', '1158201444');
  });

  it('bad input: wrong signature 401, malformed JSON 400, unknown shape 400, 1 MB 413; nothing stored', async () => {
    const before = await ch.app.db.prisma.channelInbox.count();
    const m = ch.fake.messageFrom('33600000001', { type: 'text', text: { body: 'bonjour' } });
    expect(await ch.fake.post(m.body, { signature: signatureOf('something else', WA.appSecret) })).toBe(401);
    expect(await ch.fake.post(m.body, { signature: 'sha256=zz' })).toBe(401);
    const res = await fetch(ch.fake.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m.body) });
    expect(res.status).toBe(401);
    expect(await ch.fake.post(null, { raw: '{"object": "whatsapp_business_account", "entry": [' })).toBe(400);
    expect(await ch.fake.post({ object: 'page', entry: [] })).toBe(400);
    expect(await ch.fake.post(null, { raw: JSON.stringify({ pad: 'x'.repeat(1_048_576) }) })).toBe(413);
    expect(await ch.app.db.prisma.channelInbox.count()).toBe(before);
    // The server is still fine.
    expect((await fetch(`${ch.app.url}/healthz`)).status).toBe(200);
  });

  it('a webhook delivered twice (Meta retries) is one turn with one set of replies', async () => {
    const phone = new Phone(ch.app, ch.fake, '33600000002');
    const m = ch.fake.messageFrom(phone.user, { type: 'text', text: { body: 'salut' } });
    await expectReplayedOnce(ch.app, phone, ch.fake, m);
  });

  it('voice notes, images, stickers, locations and unknown types get a kind answer and lose nothing', async () => {
    const phone = new Phone(ch.app, ch.fake, '33600000003');
    const kinds: Record<string, unknown>[] = [
      { type: 'audio', audio: { id: '1', mime_type: 'audio/ogg; codecs=opus', voice: true } },
      { type: 'image', image: { id: '2', mime_type: 'image/jpeg', sha256: 'x' } },
      { type: 'sticker', sticker: { id: '3', mime_type: 'image/webp', animated: false } },
      { type: 'location', location: { latitude: 45.76, longitude: 4.83, name: 'Lyon' } },
      { type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] },
    ];
    await expectKindsAnsweredKeepingPlace(ch.app, phone, kinds, texts, said);
  });

  it('consent declined: nothing of the conversation is kept but the last message’s id and the reply saying so', async () => {
    const phone = new Phone(ch.app, ch.fake, '33600000004');
    await phone.say("j'ai 16 ans et je cherche un stage à Lille");
    const r = await phone.tap('Non merci');
    expect(texts(r).join('\n')).toContain(said('intake.consent.declined'));
    const key = 'whatsapp/conversations/33600000004';
    expect(await ch.app.db.prisma.botState.count({ where: { key } })).toBe(0);
    expect((await ch.app.db.prisma.channelInbox.findMany({ where: { conversationKey: key } })).map((m) => [m.status, m.payload])).toEqual([['done', null]]);
    expect(await ch.app.db.prisma.notification.count({ where: { orderKey: key } })).toBe(r.length);
  });

  it('a business-scoped user id (number hidden behind a username) is the identity, and replies go to it as recipient', async () => {
    const phone = new Phone(ch.app, ch.fake, 'FR.1502576394655843');
    const r = await phone.say('hello');
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((m) => m.body.recipient === 'FR.1502576394655843' && m.body.to === undefined)).toBe(true);
    expect(await ch.app.db.prisma.botState.count({ where: { key: 'whatsapp/conversations/FR.1502576394655843' } })).toBe(1);
  });
});
