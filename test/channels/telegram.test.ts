import { silentLogger } from '../../bots/log';
import { startTelegramApp, telegramPeople } from '../helpers/telegramChat';
import { said } from '../helpers/whatsappPhone';
import { useChannelApp } from '../helpers/channelApp';

describe('Telegram end to end (PGlite, loopback Bot API)', () => {
  const ch = useChannelApp(() => startTelegramApp(silentLogger));

  const { turn, say, press, all } = telegramPeople(ch);

  it('a whole intake, from /start to a stored and routed request, with inline keyboards and typed answers', async () => {
    const user = '55500001';
    let r = await say(user, '/start');
    expect(all(r)).toContain(said('intake.welcome.hello'));
    expect(r.at(-1)!.buttons.map((b) => [b.text, b.callback_data])).toEqual([['Oui, on y va', 'c:1'], ['En savoir plus', 'c:2'], ['Non merci', 'c:3']]);
    r = await press(user, 'Oui, on y va');
    expect(ch.fake.answered.at(-1)).toEqual({ id: expect.stringMatching(/^cb/), text: undefined }); // the spinner stopped
    expect(all(r)).toContain(said('intake.firstName.ask'));
    r = await say(user, 'Inès');
    r = await say(user, "j'ai 17 ans");
    // Eleven answers: a keyboard of 11 buttons (Telegram has room), each callback_data a short position.
    expect(r.at(-1)!.buttons).toHaveLength(11);
    r = await press(user, 'Lycée général');
    expect(all(r)).toContain(said('intake.level.askSchoolYear'));
    for (const [text, next] of [
      ['terminale', 'intake.needs.ask'], ['orientation', 'intake.place.ask'], ['Lyon', 'intake.priority.ask'], ['aucune', 'intake.meeting.ask'],
      ['à distance', 'intake.availability.ask'], ['le mercredi après-midi', 'intake.contact.ask'], ['ines@example.fr', 'intake.summary.ask'],
    ] as const) {
      expect([text, all(await say(user, text))]).toEqual([text, expect.stringContaining(said(next))]);
    }
    r = await press(user, ch.fake.to(user).at(-1)!.buttons[0]!.text);
    expect(all(r)).toContain(said('intake.proposal.ask'));
    r = await press(user, r.at(-1)!.buttons[0]!.text);
    expect(all(r)).toContain(said('intake.submitted.next'));
    const stored = await ch.app.db.prisma.mentoringRequest.findMany({ where: { conversationKey: `telegram/conversations/${user}` } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.payload).toMatchObject({ channel: 'telegram', firstName: 'Inès', age: 17, situation: { kind: 'lycee_general', schoolYear: 'terminale' }, place: { commune: '69123' } });
  }, 120_000);

  it('refuses updates without the secret token (401), malformed JSON (400), an unknown shape (400), 1 MB (413)', async () => {
    const before = await ch.app.db.prisma.channelInbox.count();
    const u = ch.fake.messageUpdate('55500002', { text: 'bonjour' });
    expect(await ch.fake.post(u, { secret: null })).toBe(401);
    expect(await ch.fake.post(u, { secret: 'telegram-webhook-secret-0123456780' })).toBe(401);
    expect(await ch.fake.post(null, { raw: '{"update_id": 1, "message": {' })).toBe(400);
    expect(await ch.fake.post({ update_id: 'x' })).toBe(400);
    expect(await ch.fake.post(null, { raw: JSON.stringify({ update_id: 1, pad: 'x'.repeat(1_048_576) }) })).toBe(413);
    expect(await ch.app.db.prisma.channelInbox.count()).toBe(before);
  });

  it('a retried update is one turn; a voice note gets a kind answer; group chats and stale buttons are not conversations', async () => {
    const user = '55500003';
    const u = ch.fake.messageUpdate(user, { text: 'hello' });
    const first = await turn(u);
    expect(await ch.fake.post(u)).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(ch.fake.to(user)).toHaveLength(first.length);
    await press(user, ch.fake.to(user).at(-1)!.buttons[0]!.text);
    const r = await turn(ch.fake.messageUpdate(user, { voice: { file_id: 'AwACAgIAAxkBAAI', file_unique_id: 'AgAD', duration: 3, mime_type: 'audio/ogg' } }));
    expect(all(r)).toContain(said('input.attachment', 'en'));
    const before = await ch.app.db.prisma.channelInbox.count();
    expect(await ch.fake.post({ update_id: 999_001, message: { message_id: 1, from: { id: 7, is_bot: false, first_name: 'A' }, chat: { id: -100123, type: 'supergroup' }, date: 1, text: 'bonjour' } })).toBe(200);
    // A button of a message without a keyboard any more (or someone else's): acknowledged with a notice, nothing processed.
    expect(await ch.fake.post({ update_id: 999_002, callback_query: { id: 'cb-stale', from: { id: 8, is_bot: false, first_name: 'B' }, chat_instance: '1', data: 'c:1', message: { message_id: 1, date: 1, chat: { id: 8, type: 'private' } } } })).toBe(200);
    await new Promise((r2) => setTimeout(r2, 200));
    expect(await ch.app.db.prisma.channelInbox.count()).toBe(before);
    expect(ch.fake.answered.find((a) => a.id === 'cb-stale')?.text).toContain(said('channels.buttonExpired'));
  });
  it('a volunteer on Telegram: from the first message to a stored, routed, notified offer; accepted by staff, they hear it here', async () => {
    const user = '55500009';
    let r = await say(user, 'Bonjour, je voudrais devenir mentor');
    expect(all(r)).toContain(said('volunteer.welcome.what'));
    r = await press(user, 'Oui, on y va');
    expect(all(r)).toContain(said('intake.firstName.ask'));
    for (const [text, next] of [
      ['Karim', 'volunteer.age.ask'], ['34 ans', 'volunteer.occupation.ask'], ['je travaille chez Airbus', 'volunteer.occupationDetail.askEmployed'],
      ['aéronautique', 'volunteer.place.ask'], ['Toulouse', 'volunteer.meeting.ask'], ['à distance', 'volunteer.time.ask'], ['2h par mois', 'volunteer.helps.ask'],
      ['orientation et premier emploi', 'volunteer.publics.ask'], ['peu importe', 'volunteer.languages.ask'], ['non', 'volunteer.contact.ask'],
      ['06 12 34 56 78', 'volunteer.summary.ask'],
    ] as const) {
      expect([text, all(await say(user, text))]).toEqual([text, expect.stringContaining(said(next))]);
    }
    r = await press(user, ch.fake.to(user).at(-1)!.buttons[0]!.text);
    if (!all(r).includes(said('volunteer.submitted.next'))) {
      expect(all(r)).toContain(said('volunteer.proposal.ask'));
      r = await press(user, r.at(-1)!.buttons[0]!.text);
    }
    expect(all(r)).toContain(said('volunteer.submitted.next'));
    const prisma = ch.app.db.prisma;
    const stored = await prisma.mentoringRequest.findMany({ where: { conversationKey: `telegram/conversations/${user}` }, include: { assignments: true, notifications: true } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.kind).toBe('volunteer');
    expect(stored[0]!.payload).toMatchObject({ kind: 'volunteer', channel: 'telegram', firstName: 'Karim', age: 34, occupation: { kind: 'employed', detail: 'aéronautique' }, company: 'Airbus', place: { commune: '31555' }, meeting: 'remote', helps: ['orientation', 'first_job'], contact: { phone: '+33612345678', preferred: 'phone' } });
    expect(stored[0]!.notifications.map((n) => n.kind)).toContain('new_request');
    // The association accepts (same action as a mentee request): the volunteer hears it on Telegram, in a volunteer's words.
    const before = ch.fake.to(user).length;
    expect((await ch.app.handoff.handoff.accept(stored[0]!.assignments[0]!.id)).ok).toBe(true);
    for (let i = 0; i < 400 && ch.fake.to(user).length === before; i++) await new Promise((res) => setTimeout(res, 25));
    const news = ch.fake.to(user).slice(before).map((m) => m.text).join('\n');
    expect(news).toContain(said('news.volunteer.accepted'));
    expect(news).toContain('proposition de devenir mentor');
  }, 120_000);
});
