import type { TgSent } from '../../adapters/telegram/FakeTelegramApi';
import { startTelegramApp, telegramPeople } from '../helpers/telegramChat';
import { said } from '../helpers/whatsappPhone';
import { useChannelApp } from '../helpers/channelApp';

/**
 * The safety check on Telegram behaves as on the web widget and WhatsApp (issue 19): the same
 * hook runs inside IntakeBot for every channel; these tests play it through the real webhook,
 * the inbox, the outbox and a loopback Bot API, with Telegram's payload shapes.
 */
describe('Telegram: the safety check', () => {
  const logged: string[] = [];
  const ch = useChannelApp(() => startTelegramApp((level, event, fields) => logged.push(JSON.stringify({ level, event, fields }))));

  const { say, press, all } = telegramPeople(ch);
  const buttons = (r: TgSent[]) => r.at(-1)!.buttons.map((b) => b.text);

  async function started(user: string, name: string): Promise<void> {
    await say(user, '/start');
    await press(user, 'Oui, on y va');
    await say(user, name);
  }

  it('a clear danger mid-way shows the lines at once; "Continuer ma demande" goes back to the question, answers kept', async () => {
    const user = '55510001';
    await started(user, 'Yanis');
    await say(user, '14');
    let r = await say(user, 'g pris tt mes medocs');
    expect(all(r)).toContain(said('safety.intro'));
    expect(all(r)).toContain(said('safety.line.15'));
    expect(all(r)).toContain(said('safety.line.antipoison'));
    expect(buttons(r)).toEqual(['Continuer ma demande']);
    r = await press(user, 'Continuer ma demande');
    expect(all(r)).toContain(said('intake.situation.ask'));
    const state = await ch.app.db.prisma.botState.findUnique({ where: { key: `telegram/conversations/${user}` } });
    expect((state!.data as { draft: unknown }).draft).toMatchObject({ firstName: 'Yanis', age: 14 });
  }, 60_000);

  it('an ambiguous message gets the gentle question with its two buttons; "Ça ne va pas" shows the lines', async () => {
    const user = '55510002';
    await started(user, 'Inès');
    let r = await say(user, "17, j'en peux plus");
    // Only the question: the form's reply to the age waits behind it.
    expect(r).toHaveLength(1);
    expect(all(r)).toContain(said('safety.check.ask.studies'));
    expect(buttons(r)).toEqual(['Je parlais de mes études', 'Ça ne va pas']);
    r = await press(user, 'Ça ne va pas');
    expect(all(r)).toContain(said('safety.line.3114'));
    r = await press(user, 'Continuer ma demande');
    // The age said with the ambiguous message was kept: the next question comes.
    expect(all(r)).toContain(said('intake.situation.ask'));
  }, 60_000);

  it('the question fits the hint: about home, and "Juste une dispute" resumes the form', async () => {
    const user = '55510003';
    await started(user, 'Lou');
    let r = await say(user, 'ça va mal à la maison');
    expect(all(r)).toContain(said('safety.check.ask.home'));
    expect(buttons(r)).toEqual(['Juste une dispute', 'Je ne suis pas en sécurité']);
    r = await press(user, 'Juste une dispute');
    expect(all(r)).toContain(said('safety.check.thanks'));
    expect(all(r)).toContain(said('intake.age.ask'));
  }, 60_000);

  it('a command while the question waits is a command: /aide shows the help and asks again; "stop" asks to confirm', async () => {
    const user = '55510004';
    await started(user, 'Sam');
    await say(user, 'je craque');
    let r = await say(user, 'aide');
    expect(all(r)).toContain(said('intake.help'));
    expect(all(r)).toContain(said('safety.check.ask.studies'));
    expect(all(r)).not.toContain(said('safety.intro'));
    r = await say(user, 'stop');
    expect(all(r)).toContain(said('intake.stop.confirm'));
    expect(all(r)).not.toContain(said('safety.intro'));
  }, 60_000);

  it('ordinary strong words go to the form; nothing of a crisis message is kept or logged', async () => {
    const user = '55510005';
    await started(user, 'Zoé');
    let r = await say(user, "je veux en finir avec la fac, j'ai 19 ans");
    expect(all(r)).not.toContain(said('safety.intro'));
    expect(all(r)).not.toContain(said('safety.check.ask.studies'));
    r = await say(user, 'mon copain me frappe Zorglub');
    expect(all(r)).toContain(said('safety.line.3919'));
    const key = `telegram/conversations/${user}`;
    const state = await ch.app.db.prisma.botState.findUnique({ where: { key } });
    expect(JSON.stringify(state)).not.toContain('Zorglub');
    const inbox = await ch.app.db.prisma.channelInbox.findMany({ where: { conversationKey: key } });
    expect(JSON.stringify(inbox.map((m) => m.payload))).not.toContain('Zorglub');
    expect(logged.join('\n')).not.toMatch(/Zorglub|frappe/);
    expect(logged.some((l) => l.includes('crisis.detected'))).toBe(true);
  }, 60_000);
});
