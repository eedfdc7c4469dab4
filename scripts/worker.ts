import { createBotFrameworkSetup } from '../adapters/botframework/botFrameworkSetup';
import { loadConfig } from '../config';
import { jsonLogger } from '../bots/log';
import { ProactiveMessenger } from '../bots/ProactiveMessenger';
import { createDatabase } from '../db/createDatabase';
import { createHandoffStack, randomWorkerId } from '../handoffStack';
import { channelOutbox, configuredChannels, registerChannelNews, smsNews, smsWiring } from '../adapters/channels/configured';
import { PrismaChannelStore } from '../db/PrismaChannelStore';

/**
 * `npm run worker`: delivers the outbox in its own process (run `npm start` with
 * OUTBOX_WORKER=off, or several workers at once on PostgreSQL: rows are claimed with
 * FOR UPDATE SKIP LOCKED, so no row is delivered by two workers at the same time).
 * SIGTERM/SIGINT: finishes the deliveries in hand, then exits.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = jsonLogger;
  const db = await createDatabase(config.DATABASE_URL, { pool: { max: config.DATABASE_POOL_MAX, timeoutMs: config.DATABASE_POOL_TIMEOUT_MS } });
  const authenticated = !!config.MicrosoftAppId;
  const { adapter, channel } = createBotFrameworkSetup(config);
  const proactive = new ProactiveMessenger(adapter, { appId: config.MicrosoftAppId ?? '', authenticated, channelSecret: !!channel });
  const publicUrl = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  // Replies and news of the messaging channels are sent from here too (npm start queues them).
  const messaging = configuredChannels(config, smsWiring(db.prisma, log));
  const channelStore = new PrismaChannelStore(db.prisma, db.sql);
  registerChannelNews(proactive, messaging, channelStore, log);
  const stack = createHandoffStack({ db, config, log, now: () => new Date(), proactive, publicUrl, workerId: randomWorkerId('worker'), channels: channelOutbox(messaging, channelStore, log), sms: smsNews(config, messaging) });
  stack.worker.start();
  log('info', 'worker.started', { worker: stack.worker.id, email: stack.email.mode });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.worker.stop();
    stack.email.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(`The worker could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
