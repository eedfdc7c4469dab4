import { ActivityTypes, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { ConversationStore } from '../../bots/ConversationStore';
import { IntakeBot } from '../../bots/IntakeBot';
import type { Logger } from '../../bots/log';
import { PrismaStorage, StorageConflictError } from '../../db/PrismaStorage';
import { templateRegExp } from '../helpers/transcripts';
import { silentLogger } from '../../bots/log';
import { TurnQueue } from '../../bots/TurnQueue';
import type { IntakeState } from '../../dialogs/IntakeState';
import { createBotStack } from '../../index';
import { useTestDatabase } from '../helpers/testDatabase';

describe('TurnQueue', () => {
  it('runs the tasks of one key in order, one at a time, and other keys in parallel', async () => {
    const q = new TurnQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => () => new Promise<void>((r) => { log.push(`start ${name}`); setTimeout(() => { log.push(`end ${name}`); r(); }, ms); });
    await Promise.all([q.run('a', task('a1', 30)), q.run('a', task('a2', 1)), q.run('b', task('b1', 5))]);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    expect(q.size).toBe(0);
  });

  it('goes on after a failed task', async () => {
    const q = new TurnQueue();
    await expect(q.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(q.run('a', async () => 42)).resolves.toBe(42);
  });
});

describe('one conversation, concurrent messages', () => {
  const db = useTestDatabase();

  const adapterFor = (bot: ReturnType<typeof createBotStack>['bot'], conversationId: string) =>
    new TestAdapter((ctx) => bot.run(ctx), { channelId: 'webchat', conversation: { id: conversationId }, locale: 'fr-FR' } as Partial<Activity>);
  const stateOf = async (conversationId: string) =>
    (await db().prisma.botState.findUniqueOrThrow({ where: { key: `webchat/conversations/${conversationId}` } })).data as unknown as IntakeState;

  it('in one process: two quick messages are both applied, in order', async () => {
    const { bot } = createBotStack({ db: db(), log: silentLogger, now: () => new Date(), resumeAfterMs: 1e9 });
    const adapter = adapterFor(bot, 'c-serial');
    for (const text of ['bonjour', 'oui']) await adapter.receiveActivity({ type: ActivityTypes.Message, text });
    // Sent without waiting: the name, then the age.
    await Promise.all([
      adapter.receiveActivity({ type: ActivityTypes.Message, text: 'Inès' }),
      adapter.receiveActivity({ type: ActivityTypes.Message, text: '17' }),
    ]);
    const state = await stateOf('c-serial');
    expect(state.draft).toMatchObject({ firstName: 'Inès', age: 17 });
    expect(state.current).toBe('situation');
  });

  it('a member joining a running conversation (conversationUpdate) keeps its answers', async () => {
    const { bot } = createBotStack({ db: db(), log: silentLogger, now: () => new Date(), resumeAfterMs: 1e9 });
    const adapter = adapterFor(bot, 'c-join');
    for (const text of ['bonjour', 'oui', 'Inès']) await adapter.receiveActivity({ type: ActivityTypes.Message, text });
    adapter.activeQueue.splice(0);
    // Teams, the Emulator and others send one when someone joins or the client reconnects.
    await adapter.receiveActivity({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user2', name: '' }], recipient: { id: 'bot', name: 'Bot' } });
    expect(adapter.activeQueue.splice(0)).toEqual([]);
    const state = await stateOf('c-join');
    expect(state.draft).toMatchObject({ firstName: 'Inès' });
    expect(state.current).toBe('age');
  });

  it('across two processes: the stale turn is rejected by the eTag and redone, so no answer is lost', async () => {
    const { bot: first, dialog, render } = createBotStack({ db: db(), log: silentLogger, now: () => new Date(), resumeAfterMs: 1e9 });
    const setup = adapterFor(first, 'c-race');
    for (const text of ['bonjour', 'oui', 'Inès']) await setup.receiveActivity({ type: ActivityTypes.Message, text });

    // Both "processes" read the state before either writes: the worst interleaving, forced.
    const storage = new PrismaStorage(db().prisma);
    let waiting: (() => void)[] = [];
    let reads = 0;
    const racing: Storage = {
      read: async (keys) => {
        const items = await storage.read(keys);
        if (++reads <= 2) {
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (waiting.length === 2) { waiting.forEach((r) => r()); waiting = []; }
          });
        }
        return items;
      },
      write: (changes) => storage.write(changes),
      delete: (keys) => storage.delete(keys),
    };
    const events: string[] = [];
    const log: Logger = (_level, event) => { events.push(event); };
    const processB = new IntakeBot(dialog, new ConversationStore(racing), render, log);
    const processC = new IntakeBot(dialog, new ConversationStore(racing), render, log);
    await Promise.all([
      adapterFor(processB, 'c-race').receiveActivity({ type: ActivityTypes.Message, text: '17' }),
      adapterFor(processC, 'c-race').receiveActivity({ type: ActivityTypes.Message, text: 'aide' }),
    ]);
    expect(events.filter((e) => e === 'turn.conflict')).toHaveLength(1);
    const state = await stateOf('c-race');
    // Whichever turn lost the race was redone on the fresh state: the age survived.
    expect(state.draft).toMatchObject({ firstName: 'Inès', age: 17 });
    expect(state.current).toBe('situation');
  });

  it.each([
    ['a stale write (the turn is redone)', 'conflict'],
    ['a failed write (the young person confirms again)', 'failure'],
  ] as const)('a submission whose state save fails by %s is stored once', async (_name, mode) => {
    const { dialog, render } = createBotStack({ db: db(), log: silentLogger, now: () => new Date(), resumeAfterMs: 1e9 });
    const storage = new PrismaStorage(db().prisma);
    let failNextWrite = false;
    const flaky: Storage = {
      read: (keys) => storage.read(keys),
      write: async (changes) => {
        if (failNextWrite) {
          failNextWrite = false;
          throw mode === 'conflict' ? new StorageConflictError('k') : new Error('connection reset');
        }
        return storage.write(changes);
      },
      delete: (keys) => storage.delete(keys),
    };
    const bot = new IntakeBot(dialog, new ConversationStore(flaky), render, silentLogger);
    const conversationId = `c-once-${mode}`;
    const adapter = adapterFor(bot, conversationId);
    const say = async (text: string) => {
      await adapter.receiveActivity({ type: ActivityTypes.Message, text });
      return adapter.activeQueue.splice(0).map((a) => a.text ?? '');
    };
    for (const text of ['bonjour', 'oui', 'Inès', '17', 'lycée général', 'terminale', 'orientation', 'Lyon', 'passer', 'passer', 'passer', 'ines@example.fr', "C'est bon"]) await say(text);
    failNextWrite = true;
    if (mode === 'failure') {
      await expect(say('oui')).rejects.toThrow('connection reset');
      expect(await say('oui')).toEqual([expect.stringMatching(templateRegExp('fr', 'intake.submitted.routed')), expect.any(String)]);
    } else {
      expect((await say('oui'))[0]).toMatch(templateRegExp('fr', 'intake.submitted.routed'));
    }
    const key = `webchat/conversations/${conversationId}`;
    const rows = await db().prisma.mentoringRequest.findMany({ where: { conversationKey: key }, include: { notifications: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.notifications).toHaveLength(1);
    expect((await stateOf(conversationId)).phase).toBe('submitted');
  });
});
