import crypto from 'node:crypto';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import type { LogFields } from '../../bots/log';
import { createBotStack } from '../../index';
import { useTestDatabase } from '../helpers/testDatabase';
import { runTranscript } from '../helpers/transcripts';
import { safetyTranscripts } from '../transcripts/safety';

const db = useTestDatabase();

// The web widget (Direct Line), Bot Framework Web Chat and the Bot Framework Emulator: the
// same transcripts on each, since the check lives in IntakeBot, not in a channel adapter.
describe.each(['directline', 'webchat', 'emulator'])('safety conversations on channel %s', (channelId) => {
  it.each(safetyTranscripts.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
    await runTranscript({ ...t, channelId }, db());
  });
});

describe('safety: nothing of the message is stored or logged', () => {
  it('keeps only the level and categories, in logs and in the stored state', async () => {
    const logs: { event: string; fields?: LogFields }[] = [];
    const { bot } = createBotStack({ db: db(), log: (_level, event, fields) => logs.push({ event, fields }), now: () => new Date('2026-11-21T10:00:00Z'), resumeAfterMs: 30 * 60_000 });
    const conversationId = `t-${crypto.randomUUID()}`;
    const adapter = new TestAdapter((ctx) => bot.run(ctx), { channelId: 'directline', conversation: { id: conversationId }, locale: 'fr-FR' } as Partial<Activity>);
    const key = `directline/conversations/${conversationId}`;
    const send = async (text: string) => {
      await adapter.receiveActivity({ type: ActivityTypes.Message, text, locale: 'fr-FR' });
      return adapter.activeQueue.splice(0);
    };
    const secret = 'Zorglub';
    await send(`je veux en finir ${secret}`);
    const pending = await db().prisma.botState.findUnique({ where: { key } });
    expect(JSON.stringify(pending?.data ?? pending)).not.toContain(secret);
    expect(JSON.stringify(pending)).toContain('safetyCheck');
    await send(`bof ${secret}`);
    await send(`mon père me frappe ${secret}`);
    const after = await db().prisma.botState.findUnique({ where: { key } });
    expect(JSON.stringify(after)).not.toContain(secret);
    expect(JSON.stringify(after)).not.toContain('safetyCheck');
    const logged = JSON.stringify(logs);
    expect(logged).not.toContain(secret);
    expect(logged).not.toMatch(/finir|frappe|bof/);
    expect(logs.filter((l) => l.event === 'crisis.detected').map((l) => l.fields?.level)).toEqual(['ambiguous', 'clear']);
  });
});
