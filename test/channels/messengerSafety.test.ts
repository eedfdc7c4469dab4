import { said } from '../helpers/whatsappPhone';
import { MessengerPerson, startMessengerApp, textsM } from '../helpers/messengerPerson';
import { useChannelApp } from '../helpers/channelApp';

/**
 * The safety check on Messenger behaves as on the web widget, WhatsApp and Telegram (issue
 * 19): the same hook runs inside IntakeBot; played through the real webhook, inbox and outbox
 * against a loopback Send API, with Messenger's payload shapes (quick replies of at most 20
 * characters: longer button labels become numbered lines, answered by their number).
 */
describe('Messenger: the safety check', () => {
  const ch = useChannelApp(() => startMessengerApp('pglite://memory'));

  const all = (r: Awaited<ReturnType<MessengerPerson['say']>>) => textsM(r).join('\n');

  async function started(psid: string, name: string): Promise<MessengerPerson> {
    const person = new MessengerPerson(ch.app, ch.fake, psid);
    await person.introduce(name, 'Bonjour');
    return person;
  }

  it('a clear danger mid-way shows the lines at once; "Continuer ma demande" goes back to the question, answers kept', async () => {
    const person = await started('2456789010000001', 'Nadia');
    await person.say('20');
    let r = await person.say('mon copain me frappe');
    expect(all(r)).toContain(said('safety.intro'));
    expect(all(r)).toContain(said('safety.line.3919'));
    expect(all(r)).toContain(said('safety.line.17'));
    expect(all(r)).not.toContain(said('safety.line.119'));
    r = await person.say('Continuer ma demande');
    expect(all(r)).toContain(said('intake.situation.ask'));
    const state = await ch.app.db.prisma.botState.findUnique({ where: { key: `messenger/conversations/${person.psid}` } });
    expect((state!.data as { draft: unknown }).draft).toMatchObject({ firstName: 'Nadia', age: 20 });
  }, 60_000);

  it('an ambiguous message gets the gentle question; its second choice, typed as "2", shows the lines', async () => {
    const person = await started('2456789010000002', 'Inès');
    let r = await person.say('je suis à bout');
    expect(r).toHaveLength(1);
    expect(all(r)).toContain(said('safety.check.ask.studies'));
    r = await person.say('2');
    expect(all(r)).toContain(said('safety.line.3114'));
  }, 60_000);

  it('the question fits the hint: a place to sleep, in English, and the fine answer resumes the form', async () => {
    const person = new MessengerPerson(ch.app, ch.fake, '2456789010000003');
    await person.say('Hello');
    await person.say('yes');
    await person.say('Kim');
    let r = await person.say("I don't know where I'll sleep");
    expect(all(r)).toContain(said('safety.check.ask.housing', 'en'));
    r = await person.say('I have a place to sleep');
    expect(all(r)).toContain(said('safety.check.thanks', 'en'));
    expect(all(r)).toContain(said('intake.age.ask', 'en'));
  }, 60_000);

  it('a command while the question waits is a command: "english" switches and asks again, "back" goes back', async () => {
    const person = await started('2456789010000004', 'Lou');
    await person.say('19');
    let r = await person.say('je craque');
    expect(all(r)).toContain(said('safety.check.ask.studies'));
    r = await person.say('english');
    expect(all(r)).toContain(said('intake.language.switched', 'en'));
    expect(all(r)).toContain(said('safety.check.ask.studies', 'en'));
    r = await person.say('back');
    expect(all(r)).toContain(said('intake.age.ask', 'en'));
    expect(all(r)).not.toContain(said('safety.intro', 'en'));
  }, 60_000);
});
