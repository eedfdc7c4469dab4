import type { LoopbackFake } from '../../adapters/channels/LoopbackFake';
import { silentLogger, type Logger } from '../../bots/log';
import { loadConfig } from '../../config';
import { createApp, type App } from '../../index';

/**
 * What the end-to-end tests of the messaging channels (WhatsApp, Messenger, Telegram, SMS)
 * share: the app started on its own database with a channel whose platform API is a
 * loopback fake, which also plays the people talking to the bot.
 */

/** Starts a fake, then the app with the channel's settings pointing at it, then tells the fake the webhook. */
export async function startAppWithFake<F extends LoopbackFake>(
  fake: F,
  o: { databaseUrl: string; channelEnv: (fakeUrl: string) => Record<string, string>; webhookPath: string; env?: Record<string, string>; now?: () => Date; log?: Logger },
): Promise<{ app: App; fake: F }> {
  await fake.start();
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: o.databaseUrl, LOG_PSEUDONYM_KEY: 'test',
    ...o.channelEnv(fake.url), OUTBOX_POLL_MS: '50', ...o.env,
  });
  const app = await createApp({ config, log: o.log ?? silentLogger, now: o.now });
  fake.webhookUrl = `${app.url}${o.webhookPath}`;
  return { app, fake };
}

/**
 * The end of the whole intake the channel tests play (Inès, 17, terminale, orientation,
 * Lyon, remote, ines@example.fr): one request stored from this channel, routed (or sent to
 * the coordinator), its association notified once, and nothing of what was typed left in
 * the inbox once processed (at least `minInboxRows` messages, when given).
 */
export async function expectWholeIntakeStored(app: App, channel: string, conversationKey: string, o: { minInboxRows?: number } = {}): Promise<void> {
  const stored = await app.db.prisma.mentoringRequest.findMany({ where: { conversationKey } });
  expect(stored).toHaveLength(1);
  expect(stored[0]!.payload).toMatchObject({
    channel, firstName: 'Inès', age: 17, situation: { kind: 'lycee_general', schoolYear: 'terminale' }, needs: ['orientation'],
    place: { commune: '69123' }, meeting: 'remote', contact: { email: 'ines@example.fr' },
  });
  expect(['routed', 'fallback']).toContain(stored[0]!.status);
  expect(await app.db.prisma.notification.count({ where: { requestId: stored[0]!.id, kind: 'new_request' } })).toBe(1);
  const inbox = await app.db.prisma.channelInbox.findMany({ where: { conversationKey } });
  if (o.minInboxRows !== undefined) expect(inbox.length).toBeGreaterThanOrEqual(o.minInboxRows);
  expect(inbox.every((m) => m.status === 'done' && m.payload === null)).toBe(true);
}

/** The app and fake of one `describe`, read once its `beforeAll` has started them. */
export interface ChannelApp<F> {
  readonly app: App;
  readonly fake: F;
}

/**
 * Starts the app and its fake before the tests of the enclosing `describe`, closes both
 * after them, and checks after each test that every request the bot made to the fake was
 * one the real platform API takes.
 */
export function useChannelApp<F extends LoopbackFake & { rejected: unknown[] }>(start: () => Promise<{ app: App; fake: F }>): ChannelApp<F> {
  let started: { app: App; fake: F } | undefined;
  beforeAll(async () => {
    started = await start();
  }, 60_000);
  afterAll(async () => {
    await started?.app.close();
    await started?.fake.close();
  });
  afterEach(() => {
    expect(running().fake.rejected).toEqual([]);
  });
  const running = () => {
    if (!started) throw new Error('the channel app is not started (beforeAll failed, or it is read outside a test)');
    return started;
  };
  return {
    get app() {
      return running().app;
    },
    get fake() {
      return running().fake;
    },
  };
}
