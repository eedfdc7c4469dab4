import type { AddressInfo } from 'node:net';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions, type TurnContext,
} from 'botbuilder';
import restify from 'restify';
import { loadConfig, type Config } from './config';
import { messagesEndpoint } from './adapters/botframework/messagesEndpoint';
import { mountDirectLine, type DirectLine } from './adapters/directline/mountDirectLine';
import { mountWebWidget } from './adapters/directline/mountWebWidget';
import { ConversationStore } from './bots/ConversationStore';
import { IntakeBot } from './bots/IntakeBot';
import { errorCode, jsonLogger, type Logger } from './bots/log';
import { createRenderer, type Renderer } from './bots/renderMessages';
import { createDatabase, type Database } from './db/createDatabase';
import { PrismaDirectory } from './db/PrismaDirectory';
import { PrismaRequestStore } from './db/PrismaRequestStore';
import { PrismaStorage } from './db/PrismaStorage';
import { purgeStaleConversations } from './db/purgeStaleConversations';
import { seedDirectoryIfEmpty } from './db/seedDirectory';
import { IntakeDialog } from './dialogs/IntakeDialog';
import type { Translate } from './dialogs/Msg';
import { proposeRoute, submitRequest } from './intake/submitRequest';
import { createI18n, langFromLocale } from './locales/i18n';
import { CommuneIndex } from './understanding/places/CommuneIndex';
import { warmUpUnderstanding } from './understanding/warmUp';

export interface App {
  server: restify.Server;
  url: string;
  db: Database;
  bot: IntakeBot;
  adapter: CloudAdapter;
  /** The web widget's Direct Line endpoint (its adapter serves proactive messages to open widgets). */
  directLine: DirectLine;
  close(): Promise<void>;
}

export interface AppOptions {
  config?: Config;
  log?: Logger;
  /** The clock (tests move it to check resume-after-silence and dates of birth). */
  now?: () => Date;
}

// Said when even the translations failed: both languages, no detail.
const LAST_RESORT = "Oups, un souci technique de notre côté. Réessaie dans quelques minutes, tes réponses sont gardées. / Sorry, something went wrong on our side. Please try again in a few minutes; your answers are kept.";

export interface BotStack { bot: IntakeBot; dialog: IntakeDialog; render: Renderer; t: Translate }

/** Wires database -> understanding -> dialog -> bot (shared by the server, the tests and the benchmarks). */
export function createBotStack(opts: { db: Database; log: Logger; now: () => Date; resumeAfterMs: number; retentionDays?: number }): BotStack {
  const i18n = createI18n();
  const t: Translate = (lang, key, params) => i18n.t(key, { lng: lang, ...params }) as string;
  const render = createRenderer(i18n);
  const requests = new PrismaRequestStore(opts.db.prisma);
  const directory = new PrismaDirectory(opts.db.prisma);
  const dialog = new IntakeDialog({
    places: CommuneIndex.load(),
    t,
    now: opts.now,
    resumeAfterMs: opts.resumeAfterMs,
    retentionDays: opts.retentionDays ?? 30,
    propose: async (request) => {
      const proposal = await proposeRoute(request, { directory, now: opts.now });
      warnIfRoutingFailed(proposal.chosen.reasons, opts.log);
      return proposal;
    },
    submit: async (request, meta) => {
      const result = await submitRequest(request, meta, { directory, requests, now: opts.now });
      warnIfRoutingFailed(result.reasons, opts.log);
      return result;
    },
    erase: (key) => requests.eraseConversation(key),
  });
  const bot = new IntakeBot(dialog, new ConversationStore(new PrismaStorage(opts.db.prisma)), render, opts.log);
  return { bot, dialog, render, t };
}

/** Routing never throws: an internal error becomes the coordinator, which must not go unnoticed. */
function warnIfRoutingFailed(reasons: { code: string }[], log: Logger): void {
  if (reasons.some((r) => r.code === 'routing_error')) log('error', 'route.failed', {});
}

/** Wires config -> database -> understanding -> dialog -> bot -> HTTP server, and listens. */
export async function createApp(options: AppOptions = {}): Promise<App> {
  const config = options.config ?? loadConfig();
  const log = options.log ?? jsonLogger;
  const now = options.now ?? (() => new Date());

  const db = await createDatabase(config.DATABASE_URL);
  try {
    const seeded = await seedDirectoryIfEmpty(db.prisma);
    if (seeded > 0) log('info', 'directory.seeded', { associations: seeded });

    const { bot, render } = createBotStack({ db, log, now, resumeAfterMs: config.RESUME_AFTER_MINUTES * 60_000, retentionDays: config.STATE_RETENTION_DAYS });

    const authenticated = !!config.MicrosoftAppId;
    const adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.MicrosoftAppId ?? '',
        MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
        MicrosoftAppType: config.MicrosoftAppType ?? (authenticated ? 'MultiTenant' : ''),
        MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
      } as ConfigurationBotFrameworkAuthenticationOptions),
    );
    adapter.onTurnError = turnErrorHandler(render, log);

    log('info', 'understanding.ready', { ms: warmUpUnderstanding() });

    const server = restify.createServer({ name: 'binome', handleUncaughtExceptions: false });
    server.use(restify.plugins.bodyParser({ maxBodySize: config.MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
    server.post('/api/messages', messagesEndpoint({ adapter, authenticated, log, logic: (ctx: TurnContext) => bot.run(ctx) }));
    server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
      const up = await db.ping();
      res.send(up ? 200 : 503, { status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' });
    });
    const directLine = mountDirectLine(server, { config, log, logic: (ctx: TurnContext) => bot.run(ctx), onTurnError: turnErrorHandler(render, log) });
    mountWebWidget(server, { directLine, config, log });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
    const purge = async () => {
      try {
        const count = await purgeStaleConversations(db.prisma, new Date(now().getTime() - config.STATE_RETENTION_DAYS * 86_400_000));
        if (count > 0) log('info', 'retention.purged', { conversations: count });
      } catch (err) {
        log('warn', 'retention.failed', { code: errorCode(err) });
      }
    };
    await purge();
    // Twice a day is plenty for a retention counted in days; unref: it never keeps the process alive.
    const purgeTimer = setInterval(() => void purge(), 12 * 3_600_000);
    purgeTimer.unref();

    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
      server,
      url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
      db,
      bot,
      adapter,
      directLine,
      async close() {
        clearInterval(purgeTimer);
        directLine.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Logs the code, tells the user in their language; the stored answers are untouched. */
export function turnErrorHandler(render: Renderer, log: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    log('error', 'turn.failed', { code: errorCode(error), channel: context.activity?.channelId });
    let text = LAST_RESORT;
    try {
      text = render({ key: 'errors.tryAgain' }, langFromLocale(context.activity?.locale));
    } catch {
      // keep the bilingual fallback
    }
    try {
      await context.sendActivity(text);
    } catch {
      // the channel itself is unreachable: nothing more to do for this turn
    }
  };
}

async function main(): Promise<void> {
  const app = await createApp();
  const { target } = app.db;
  const where = target.kind === 'pglite' ? `PGlite in ${target.dataDir ?? 'memory'}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Binôme is running on ${app.url} (database: ${where}).`);
  console.log(`  Talk to it in this terminal:   npm run chat        (or: npm run chat -- --lang en)`);
  console.log(`  Bot Framework endpoint:        POST ${app.url}/api/messages  (Bot Framework Emulator: open this URL)`);
  console.log(`  Web widget:                    ${app.url}/   (embed: <script src="${app.url}/widget.js" data-lang="fr" async></script>)`);
  console.log(`  Health:                        GET  ${app.url}/healthz`);
  const stop = async () => {
    await app.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`Binôme could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
