import { lastChoices, Phone, said, shown, startWhatsAppApp, texts } from '../helpers/whatsappPhone';
import { deliverNews } from '../helpers/channelNews';
import { useChannelApp } from '../helpers/channelApp';

/** The same safety and consent behaviour on WhatsApp as on the web widget, and news to the young person. */
describe('WhatsApp: crisis, under-15 consent, erasure, language, news', () => {
  let clock = Date.now();
  const ch = useChannelApp(() =>
    startWhatsAppApp('pglite://memory', { WHATSAPP_NEWS_TEMPLATE: 'binome_news', OUTBOX_RETRY_BASE_SECONDS: '0.05' }, { statuses: true, now: () => new Date(clock) }),
  );

  /** Consent given, first name told: the age question is next. */
  async function started(user: string, name: string): Promise<Phone> {
    const phone = new Phone(ch.app, ch.fake, user);
    await phone.introduce(name);
    return phone;
  }

  it('a crisis message interrupts with the help lines; "Continuer ma demande" goes back to the question, answers kept', async () => {
    const phone = await started('33620000001', 'Yanis');
    await phone.say('14');
    let r = await phone.say('je veux mourir');
    const all = texts(r).join('\n');
    expect(all).toContain(said('safety.intro'));
    expect(all).toContain('3114');
    expect(lastChoices(r)).toEqual(['Continuer ma demande']);
    r = await phone.tap('Continuer ma demande');
    expect(texts(r).join('\n')).toContain(said('intake.situation.ask'));
    const state = await ch.app.db.prisma.botState.findUnique({ where: { key: `whatsapp/conversations/${phone.user}` } });
    expect((state!.data as { draft: unknown }).draft).toMatchObject({ firstName: 'Yanis', age: 14 });
  });

  it('an ambiguous message gets the gentle question with its two choices; "Ça ne va pas" shows the lines, then the form goes on', async () => {
    const phone = await started('33620000011', 'Inès');
    let r = await phone.say("17, j'en peux plus");
    // Only the question: the form's reply to the age waits behind it.
    expect(r).toHaveLength(1);
    expect(texts(r).join('\n')).toContain(said('safety.check.ask.studies'));
    expect(texts(r).join('\n')).not.toContain(said('safety.intro'));
    expect(lastChoices(r)).toEqual(['Je parlais de mes études', 'Ça ne va pas']);
    r = await phone.tap('Ça ne va pas');
    expect(texts(r).join('\n')).toContain(said('safety.line.3114'));
    r = await phone.tap('Continuer ma demande');
    // The age said with the ambiguous message was kept: the next question comes.
    expect(texts(r).join('\n')).toContain(said('intake.situation.ask'));
  });

  it('the gentle question answered "Je parlais de mes études": a thank-you and the pending question, no lines', async () => {
    const phone = await started('33620000012', 'Noé');
    await phone.say('18');
    let r = await phone.say('je veux en finir');
    expect(lastChoices(r)).toEqual(['Je parlais de mes études', 'Ça ne va pas']);
    r = await phone.tap('Je parlais de mes études');
    const all = texts(r).join('\n');
    expect(all).toContain(said('safety.check.thanks'));
    expect(all).toContain(said('intake.situation.ask'));
    expect(all).not.toContain(said('safety.intro'));
  });

  it('"stop" while the gentle question waits: a one-line reminder of 3114 and Fil Santé Jeunes, then the stop is asked to confirm', async () => {
    const phone = await started('33620000013', 'Lou');
    await phone.say('je craque');
    const r = await phone.say('stop');
    const all = texts(r).join('\n');
    expect(all).toContain(said('safety.check.reminder'));
    expect(all).toContain('3114');
    expect(all).toContain('0 800 235 236');
    expect(all).toContain(said('intake.stop.confirm'));
    expect(all).not.toContain(said('safety.intro'));
  });

  it("under 15: a parent's consent is asked before the request goes, and is in the request", async () => {
    const phone = await started('33620000002', 'Nadia');
    for (const [text, next] of [
      ['14', 'intake.situation.ask'], ['en 4ème', 'intake.needs.ask'], ["de l'aide pour mes devoirs", 'intake.place.ask'], ['Roubaix', 'intake.priority.ask'],
      ['aucune', 'intake.meeting.ask'], ['en vrai', 'intake.availability.ask'], ['passer', 'intake.contact.ask'], ['06 11 22 33 44', 'intake.guardianName.ask'],
      ['Samia Benali', 'intake.guardianContact.ask'], ['samia.benali@example.fr', 'intake.guardianConsent.ask'],
    ] as const) {
      expect([text, texts(await phone.say(text)).join('\n')]).toEqual([text, expect.stringContaining(said(next))]);
    }
    let r = await phone.say('oui');
    expect(texts(r).join('\n')).toContain(said('intake.summary.ask'));
    r = await phone.tap(lastChoices(r)[0]!);
    r = await phone.say('oui');
    expect(texts(r).join('\n')).toContain(said('intake.submitted.next'));
    const request = await ch.app.db.prisma.mentoringRequest.findFirstOrThrow({ where: { conversationKey: `whatsapp/conversations/${phone.user}` } });
    expect(request.payload).toMatchObject({ channel: 'whatsapp', age: 14, guardian: { name: 'Samia Benali', email: 'samia.benali@example.fr', consentDeclared: true } });
  });

  it('"effacer mes données" erases the request, the state and what the channel kept of the conversation', async () => {
    const user = '33620000002';
    const key = `whatsapp/conversations/${user}`;
    const phone = new Phone(ch.app, ch.fake, user);
    expect(await ch.app.db.prisma.mentoringRequest.count({ where: { conversationKey: key } })).toBe(1);
    let r = await phone.say('effacer mes données');
    expect(texts(r).join('\n')).toContain(said('intake.delete.confirm'));
    r = await phone.tap('Oui');
    expect(texts(r).join('\n')).toContain(said('intake.delete.doneWithRequest'));
    expect(await ch.app.db.prisma.mentoringRequest.count({ where: { conversationKey: key } })).toBe(0);
    expect(await ch.app.db.prisma.botState.count({ where: { key } })).toBe(0);
    // Left: only the message that asked for it (its text already gone), and the reply saying it is done.
    const inbox = await ch.app.db.prisma.channelInbox.findMany({ where: { conversationKey: key } });
    expect(inbox.map((m) => [m.status, m.payload])).toEqual([['done', null]]);
    expect(await ch.app.db.prisma.notification.count({ where: { orderKey: key } })).toBeLessThanOrEqual(2);
  });

  it('"english" switches the language: replies, buttons and the numbered hint in English', async () => {
    const phone = await started('33620000003', 'Sam');
    let r = await phone.say('english');
    expect(texts(r).join('\n')).toContain(said('intake.language.switched', 'en'));
    expect(texts(r).join('\n')).toContain(said('intake.age.ask', 'en'));
    r = await phone.say('17');
    expect(shown(r[r.length - 1]!).text).toContain('Reply with a number from 1 to 11.');
    r = await phone.send({ type: 'audio', audio: { id: '9', mime_type: 'audio/ogg; codecs=opus', voice: true } });
    expect(texts(r)[0]).toContain(said('input.attachment', 'en'));
  });

  it('records delivery statuses (sent, delivered, read) of what was sent', async () => {
    const phone = new Phone(ch.app, ch.fake, '33620000004');
    const r = await phone.say('bonjour');
    const wamids = r.map((m) => m.wamid);
    const deadline = Date.now() + 10_000;
    let rows = await ch.app.db.prisma.channelDelivery.findMany({ where: { externalId: { in: wamids } } });
    while (Date.now() < deadline && !(rows.length === wamids.length && rows.every((x) => x.status === 'read'))) {
      await new Promise((res) => setTimeout(res, 50));
      rows = await ch.app.db.prisma.channelDelivery.findMany({ where: { externalId: { in: wamids } } });
    }
    expect(rows.map((x) => [x.status, x.conversationKey])).toEqual(wamids.map(() => ['read', 'whatsapp/conversations/33620000004']));
  });

  const news = (user: string) => deliverNews(ch.app, `whatsapp/conversations/${user}`, new Date(clock));

  it('news: as a message within 24 hours; after them, through the approved template', async () => {
    const phone = await started('33620000005', 'Lina');
    for (const text of ['17', '2', 'terminale', 'orientation', 'Lyon', 'aucune', 'à distance', 'le soir', 'lina@example.fr']) await phone.say(text);
    const summary = await phone.say('oui');
    const r = await phone.say('oui');
    expect(texts(summary.concat(r)).join('\n')).toContain(said('intake.submitted.next'));

    const before = ch.fake.to(phone.user).length;
    expect(await news(phone.user)).toBe('proactive');
    const within = ch.fake.to(phone.user).slice(before);
    expect(within.map((m) => m.body.type)).toEqual(['text']);
    expect(shown(within[0]!).text).toContain('AFEV');

    clock += 25 * 3_600_000; // the window is closed
    const after = ch.fake.to(phone.user).length;
    expect(await news(phone.user)).toBe('proactive');
    const outside = ch.fake.to(phone.user).slice(after);
    expect(outside.map((m) => m.body.type)).toEqual(['template']);
    expect(outside[0]!.body.template).toMatchObject({ name: 'binome_news', language: { code: 'fr' } });
  });

  it('a 131047 failure status closes the window: the next news goes by the template, never as a message that would fail again', async () => {
    const user = '33620000005';
    const phone = new Phone(ch.app, ch.fake, user);
    // The young person writes again: the window is open (as far as we know).
    await phone.say('merci');
    ch.fake.windowClosed.add(user);
    const before = ch.fake.to(user).length;
    expect(await news(user)).toBe('proactive'); // sent, then Meta reports it failed (131047)
    expect(ch.fake.to(user).slice(before).map((m) => m.body.type)).toEqual(['text']);
    const wamid = ch.fake.to(user).at(-1)!.wamid;
    for (let i = 0; i < 100 && (await ch.app.db.prisma.channelDelivery.findFirst({ where: { externalId: wamid } }))?.status !== 'failed'; i++) await new Promise((res) => setTimeout(res, 50));
    expect(await ch.app.db.prisma.channelDelivery.findFirst({ where: { externalId: wamid } })).toMatchObject({ status: 'failed', errorCode: '131047' });
    const next = ch.fake.to(user).length;
    expect(await news(user)).toBe('proactive');
    expect(ch.fake.to(user).slice(next).map((m) => m.body.type)).toEqual(['template']);
  });
});
