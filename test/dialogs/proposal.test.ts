import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { silentLogger } from '../../bots/log';
import { createBotStack } from '../../index';
import { useTestDatabase } from '../helpers/testDatabase';
import { templateRegExp } from '../helpers/transcripts';

/** Up to the proposal: a lycéenne in Lyon looking for orientation (several associations fit). */
const TO_PROPOSAL = ['bonjour', 'oui', 'Inès', '17', 'terminale générale', 'orientation', 'Lyon', 'aucune', 'à distance', 'passer', 'ines@example.fr', "C'est bon"];

describe('choosing the association before sending', () => {
  const db = useTestDatabase();

  async function toProposal(conversationId: string) {
    const { bot } = createBotStack({ db: db(), log: silentLogger, now: () => new Date(), resumeAfterMs: 1e9 });
    const adapter = new TestAdapter((ctx) => bot.run(ctx), { channelId: 'webchat', conversation: { id: conversationId }, locale: 'fr-FR' } as Partial<Activity>);
    let last: Partial<Activity>[] = [];
    const say = async (text: string) => {
      await adapter.receiveActivity({ type: ActivityTypes.Message, text });
      last = adapter.activeQueue.splice(0);
      return last;
    };
    for (const text of TO_PROPOSAL) await say(text);
    expect(last[0]!.text).toMatch(templateRegExp('fr', 'intake.proposal.intro'));
    const buttons = last[last.length - 1]!.suggestedActions!.actions.map((a) => String(a.title));
    return { say, buttons, key: `webchat/conversations/${conversationId}` };
  }
  const stored = (key: string) => db().prisma.mentoringRequest.findFirstOrThrow({ where: { conversationKey: key } });

  it('never shows two buttons with the same name: two programmes of one association are told apart (issue 22)', async () => {
    const { bot } = createBotStack({ db: db(), log: silentLogger, now: () => new Date(), resumeAfterMs: 1e9 });
    const adapter = new TestAdapter((ctx) => bot.run(ctx), { channelId: 'webchat', conversation: { id: 'p-same-association' }, locale: 'fr-FR' } as Partial<Activity>);
    let last: Partial<Activity>[] = [];
    // Sport dans la Ville runs two programmes that both fit this young person.
    for (const text of ['bonjour', 'oui', 'Nour', '16', 'seconde', 'la confiance en moi et trouver un stage', 'Lille', 'quartier prioritaire', 'en vrai', 'passer', 'nour@example.fr', "C'est bon"]) {
      await adapter.receiveActivity({ type: ActivityTypes.Message, text });
      last = adapter.activeQueue.splice(0);
    }
    const buttons = last[last.length - 1]!.suggestedActions!.actions.map((a) => String(a.title));
    expect(buttons.filter((b) => b.includes('Sport dans la Ville')).length).toBe(2);
    expect(new Set(buttons).size).toBe(buttons.length);
  });

  it('offers the proposal first, each alternative, and a way back to editing', async () => {
    const { buttons } = await toProposal('p-buttons');
    expect(buttons[0]).toMatch(/^Envoyer à /);
    expect(buttons.slice(1, -1).every((b) => b.startsWith('Plutôt '))).toBe(true);
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons[buttons.length - 1]).toBe('Modifier une réponse');
  });

  it('understands an alternative named in a sentence, and records that the young person chose it', async () => {
    const { say, buttons, key } = await toProposal('p-name');
    const alternative = buttons[1]!.replace(/^Plutôt /, '');
    const sent = await say(`je préfère ${alternative.replace(/\s*\(.*\)$/, '')} si possible`);
    expect(sent[0]!.text).toMatch(templateRegExp('fr', 'intake.submitted.routed'));
    expect(sent[0]!.text).toContain(alternative);
    const row = await stored(key);
    expect((row.routing as { chosenBy: string }).chosenBy).toBe('young_person');
  });

  it('goes back to the list of answers on "Modifier une réponse", then proposes again', async () => {
    const { say } = await toProposal('p-edit');
    expect((await say('Modifier une réponse'))[0]!.text).toMatch(templateRegExp('fr', 'intake.summary.whichField'));
    expect((await say('Commune'))[0]!.text).toMatch(templateRegExp('fr', 'intake.place.ask'));
    expect((await say('Villeurbanne'))[0]!.text).toMatch(templateRegExp('fr', 'intake.summary.intro'));
    expect((await say("C'est bon"))[0]!.text).toMatch(templateRegExp('fr', 'intake.proposal.intro'));
  });

  it('says so when the chosen association filled up in the meantime, and sends to the best one left', async () => {
    const { say, buttons, key } = await toProposal('p-full');
    const alternative = buttons[1]!.replace(/^Plutôt /, '');
    const association = await db().prisma.association.findFirstOrThrow({ where: { name: alternative } });
    await db().prisma.programme.updateMany({ where: { associationId: association.id }, data: { capacityPerMonth: 0 } });
    try {
      const sent = await say(buttons[1]!);
      expect(sent[0]!.text).toMatch(templateRegExp('fr', 'intake.proposal.noLongerAvailable'));
      expect(sent[1]!.text).not.toContain(alternative);
      expect((await stored(key)).associationId).not.toBe(association.id);
    } finally {
      await db().prisma.programme.updateMany({ where: { associationId: association.id }, data: { capacityPerMonth: null } });
    }
  });
});
