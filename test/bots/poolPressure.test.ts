import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import type { Logger } from '../../bots/log';
import { createBotStack, turnErrorHandler } from '../../index';
import { script } from '../../bench/shared';
import { openTestDatabase, postgresAvailable } from '../helpers/testDatabase';

/**
 * Many young people at once on a small connection pool (real PostgreSQL): every turn must
 * succeed and every request be stored. Before, each state save was an interactive
 * transaction with Prisma's 2 s wait for a connection, and all turns queued in the pool
 * at once: under load some turns failed ("réessaie") and the bench lost requests.
 */
describe('under connection-pool pressure (PostgreSQL)', () => {
  const CONVERSATIONS = 40;
  let db: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  beforeAll(async () => {
    if (!(await postgresAvailable())) return;
    // One connection, and a wait for it far shorter than the queue of 40 turns would take.
    db = await openTestDatabase('postgres', { pool: { max: 1, timeoutMs: 250 } });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('answers every turn of concurrent whole intakes and stores every request', async () => {
    if (!db) return; // PostgreSQL unreachable outside CI: reported once by postgresAvailable()
    const events: string[] = [];
    const log: Logger = (level, event, fields) => { if (level !== 'info') events.push(`${event}${fields?.code ? ` ${fields.code}` : ''}`); };
    // As createApp does: as many turns at once as the pool has connections.
    const { bot, render } = createBotStack({ db, log, now: () => new Date(), resumeAfterMs: 1e9, maxConcurrentTurns: 1 });
    const tryAgain = render({ key: 'errors.tryAgain' }, 'fr');
    const failedTurns: string[] = [];

    const converse = async (i: number) => {
      const adapter = new TestAdapter((ctx) => bot.run(ctx), { channelId: 'webchat', conversation: { id: `pressure-${i}` }, locale: 'fr-FR' } as Partial<Activity>);
      adapter.onTurnError = turnErrorHandler(render, log);
      // The widget opens the conversation (the welcome), then the young person types.
      await adapter.receiveActivity({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user1', name: '' }], recipient: { id: 'bot', name: 'Bot' } });
      adapter.activeQueue.splice(0);
      for (const text of script(i)) {
        await adapter.receiveActivity({ type: ActivityTypes.Message, text });
        const replies = adapter.activeQueue.splice(0).map((a) => a.text);
        if (replies.includes(tryAgain)) failedTurns.push(text);
      }
    };
    await Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => converse(i)));

    expect(events).toEqual([]);
    expect(failedTurns).toEqual([]);
    expect(await db.prisma.mentoringRequest.count({ where: { conversationKey: { startsWith: 'webchat/conversations/pressure-' } } })).toBe(CONVERSATIONS);
  }, 120_000);
});
