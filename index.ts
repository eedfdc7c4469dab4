import {
  type CloudAdapter, type ConversationReference, type TurnContext,
} from 'botbuilder';
import restify from 'restify';
import { loadConfig, type Config } from './config';
import { createHttpServer, httpEdge, listen } from './adapters/httpServer';
import { createBotFrameworkSetup } from './adapters/botframework/botFrameworkSetup';
import { messagesEndpoint } from './adapters/botframework/messagesEndpoint';
import { mountStaffRoutes } from './adapters/staff/staffRoutes';
import { mountStaffInbox } from './adapters/staff/inbox/mountStaffInbox';
import { adminFileFor, mountAdminApi, writeAdminFile } from './adapters/admin/adminApi';
import { processCommands } from './adapters/admin/processCommands';
import { PrismaDashboard } from './db/PrismaDashboard';
import { FUNNEL_HEAD, FUNNEL_TAIL, VOLUNTEER_STEP_PREFIX } from './notifications/dashboardStats';
import { QUESTIONS } from './dialogs/questions';
import { VOLUNTEER_QUESTIONS } from './dialogs/flows/volunteer/questions';
import { DIRECTLINE_CHANNEL, DirectLineError, IN_PROCESS_SERVICE_URL } from './adapters/directline/DirectLineAdapter';
import { mountDirectLine, type DirectLine } from './adapters/directline/mountDirectLine';
import { mountWebWidget } from './adapters/directline/mountWebWidget';
import { remoteBotConfig } from './adapters/directline/remoteBot';
import { RateLimiter } from './adapters/directline/rateLimit';
import type { ChannelLayer } from './adapters/channels/ChannelLayer';
import { channelOutbox, smsNews } from './adapters/channels/configured';
import { mountMessaging } from './adapters/channels/mountMessaging';
import { ConversationStore } from './bots/ConversationStore';
import { ProactiveMessenger } from './bots/ProactiveMessenger';
import { createHandoffStack, randomWorkerId, type HandoffStack } from './handoffStack';
import { IntakeBot } from './bots/IntakeBot';
import { errorCode, jsonLogger, type Logger } from './bots/log';
import { createRenderer, type Renderer } from './bots/renderMessages';
import { createDatabase, type Database } from './db/createDatabase';
import { PrismaDirectory } from './db/PrismaDirectory';
import { PrismaRequestStore } from './db/PrismaRequestStore';
import { PrismaStorage } from './db/PrismaStorage';
import { purgeStaleConversations } from './db/purgeStaleConversations';
import { seedDirectoryIfEmpty } from './db/seedDirectory';
import { FlowEngine } from './dialogs/engine/FlowEngine';
import type { Translate } from './dialogs/Msg';
import { proposeRoute, submitRequest } from './intake/submitRequest';
import { routeVolunteer } from './routing/volunteerFit';
import { createI18n, langFromLocale } from './locales/i18n';
import { CommuneIndex } from './understanding/places/CommuneIndex';
import { warmUpUnderstanding } from './understanding/warmUp';

export interface App {
  server: restify.Server;
  url: string;
  db: Database;
  bot: IntakeBot;
  adapter: CloudAdapter;
  /** Delivery of notifications and staff actions (the worker runs only if OUTBOX_WORKER=inprocess). */
  handoff: HandoffStack;
  /** Where news to young people goes; other channel adapters register their own sender here. */
  proactive: ProactiveMessenger;
  /** The web widget's Direct Line endpoint (its adapter serves proactive messages to open widgets). */
  directLine: DirectLine;
  /** The messaging channels' inbox and its worker (WhatsApp, Telegram); null when none is configured. */
  channels: ChannelLayer | null;
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

/** The funnel's steps in the order a young person meets them. */
export const FUNNEL_ORDER: readonly string[] = [...FUNNEL_HEAD, ...QUESTIONS.map((q) => q.slot), ...FUNNEL_TAIL];
/** The volunteer flow's steps, counted apart on the dashboard. */
export const VOLUNTEER_FUNNEL_ORDER: readonly string[] = [...FUNNEL_HEAD, ...VOLUNTEER_QUESTIONS.map((q) => q.slot), ...FUNNEL_TAIL].map((s) => `${VOLUNTEER_STEP_PREFIX}${s}`);

export interface BotStack { bot: IntakeBot; dialog: FlowEngine; render: Renderer; t: Translate }

/** Wires database -> understanding -> dialog -> bot (shared by the server, the tests and the benchmarks). */
export function createBotStack(opts: {
  db: Database; log: Logger; now: () => Date; resumeAfterMs: number; retentionDays?: number; onStored?: () => void;
  /** Turns running at once, all conversations together (default: the database pool's size). */
  maxConcurrentTurns?: number;
}): BotStack {
  const i18n = createI18n();
  const t: Translate = (lang, key, params) => i18n.t(key, { lng: lang, ...params }) as string;
  const render = createRenderer(i18n);
  const requests = new PrismaRequestStore(opts.db.prisma);
  const directory = new PrismaDirectory(opts.db.prisma);
  const funnel = new PrismaDashboard(opts.db.prisma);
  const dialog = new FlowEngine({
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
      const result = await submitRequest(request, meta, { directory, requests, now: opts.now, onStored: opts.onStored });
      warnIfRoutingFailed(result.reasons, opts.log);
      return result;
    },
    // A volunteer's offer: the same directory, outbox and staff links; the volunteer fit table routes it.
    volunteers: {
      propose: async (offer) => {
        const proposal = await proposeRoute(offer, { directory, now: opts.now, route: (o, programmes) => routeVolunteer(o, programmes) });
        warnIfRoutingFailed(proposal.chosen.reasons, opts.log);
        return proposal;
      },
      submit: async (offer, meta) => {
        const result = await submitRequest(offer, meta, { directory, requests, now: opts.now, onStored: opts.onStored, route: (o, programmes) => routeVolunteer(o, programmes) });
        warnIfRoutingFailed(result.reasons, opts.log);
        return result;
      },
    },
    // A counter, never on the young person's path: a failure is logged and the turn goes on.
    reached: (step, channel) => {
      funnel.reached(step, channel, opts.now()).catch((err) => opts.log('warn', 'funnel.failed', { code: errorCode(err) }));
    },
    erase: async (key) => {
      const count = await requests.eraseConversation(key);
      // Withdrawal notices to associations that had received the request.
      opts.onStored?.();
      return count;
    },
  });
  const bot = new IntakeBot(dialog, new ConversationStore(new PrismaStorage(opts.db.prisma, opts.db.sql)), render, opts.log, { maxConcurrentTurns: opts.maxConcurrentTurns });
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

  const db = await createDatabase(config.DATABASE_URL, { pool: { max: config.DATABASE_POOL_MAX, timeoutMs: config.DATABASE_POOL_TIMEOUT_MS } });
  try {
    const seeded = await seedDirectoryIfEmpty(db.prisma);
    if (seeded > 0) log('info', 'directory.seeded', { associations: seeded });

    let kick = () => undefined as void;
    const { bot, render } = createBotStack({
      db, log, now, resumeAfterMs: config.RESUME_AFTER_MINUTES * 60_000, retentionDays: config.STATE_RETENTION_DAYS, onStored: () => kick(),
      // A turn uses one connection at a time: as many turns as connections keeps the pool's queue short.
      maxConcurrentTurns: config.DATABASE_POOL_MAX,
    });

    const authenticated = !!config.MicrosoftAppId;
    const { adapter, channel } = createBotFrameworkSetup(config);
    adapter.onTurnError = turnErrorHandler(render, log);
    const proactive = new ProactiveMessenger(adapter, { appId: config.MicrosoftAppId ?? '', authenticated, channelSecret: !!channel });

    log('info', 'understanding.ready', { ms: warmUpUnderstanding() });

    const server = createHttpServer(config, log);
    server.post('/api/messages', messagesEndpoint({
      adapter, authenticated, channel, log, logic: (ctx: TurnContext) => bot.run(ctx),
      limiter: new RateLimiter(config.MESSAGES_PER_MINUTE, config.MESSAGES_PER_MINUTE / 60),
    }));
    server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
      const up = await db.ping();
      res.send(up ? 200 : 503, { status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' });
    });
    let url = '';
    const directLine = mountDirectLine(server, {
      config, log, logic: (ctx: TurnContext) => bot.run(ctx), onTurnError: turnErrorHandler(render, log),
      // DIRECTLINE_BOT_URL: the widget talks to a bot in another process instead.
      remote: remoteBotConfig(config, () => url),
      botUnavailable: (locale) => render({ key: 'errors.tryAgain' }, langFromLocale(locale)),
    });
    mountWebWidget(server, { directLine, config, log });
    // News about a request reaches a widget that is still open; otherwise the outbox falls back to e-mail.
    proactive.register(DIRECTLINE_CHANNEL, {
      async send(ref, text) {
        const reference = ref as Partial<ConversationReference> & { locale?: string };
        try {
          await directLine.adapter.continueConversation(reference, async (context) => {
            await context.sendActivity({ type: 'message', text, locale: reference.locale });
          });
          return 'sent';
        } catch (err) {
          if (err instanceof DirectLineError && err.code === 'CONVERSATION_GONE') return 'unsupported';
          throw err;
        }
      },
    }, IN_PROCESS_SERVICE_URL);

    // Messaging channels (WhatsApp, Messenger, Telegram, SMS): webhooks store, the inbox worker runs turns, the outbox sends.
    const messaging = mountMessaging(server, {
      config, db, logic: (ctx: TurnContext) => bot.run(ctx), render, proactive, log, now, url: () => url, onQueued: () => kick(),
    });
    const channels = messaging.layer;

    url = await listen(server, config);
    // Created once listening: staff links need the address (unknown before listening on port 0).
    const handoff = createHandoffStack({
      db, config, log, now, proactive, publicUrl: config.PUBLIC_URL ?? url, workerId: randomWorkerId('app'), channels: channelOutbox(messaging.configured, messaging.store, log, now), sms: smsNews(config, messaging.configured),
    });
    const purge = async () => {
      try {
        const before = new Date(now().getTime() - config.STATE_RETENTION_DAYS * 86_400_000);
        const count = await purgeStaleConversations(db.prisma, before) + (channels ? await messaging.store.purge(before) : 0);
        await handoff.auth.purge();
        if (count > 0) log('info', 'retention.purged', { conversations: count });
      } catch (err) {
        log('warn', 'retention.failed', { code: errorCode(err) });
      }
    };
    await purge();
    // Twice a day is plenty for a retention counted in days; unref: it never keeps the process alive.
    const purgeTimer = setInterval(() => void purge(), 12 * 3_600_000);
    purgeTimer.unref();


    mountStaffRoutes(server, { handoff: handoff.handoff, t: handoff.t, log, linkKey: handoff.linkKey, associationByApiKey: handoff.associationByApiKey, edge: httpEdge(server, config), now });
    mountStaffInbox(server, {
      auth: handoff.auth, inbox: handoff.inbox, dashboard: new PrismaDashboard(db.prisma), funnelOrder: FUNNEL_ORDER, volunteerFunnelOrder: VOLUNTEER_FUNNEL_ORDER,
      t: handoff.t, log, now, publicUrl: config.PUBLIC_URL, linkMinutes: config.STAFF_LOGIN_MINUTES, edge: httpEdge(server, config),
    });
    // The CLI on loopback while this process holds the embedded database (PGlite in a directory).
    let admin: { secret: string; remove(): void } | null = null;
    if (db.target.kind === 'pglite' && db.target.dataDir) admin = writeAdminFile(adminFileFor(db.target.dataDir), url);
    mountAdminApi(server, {
      secret: () => admin?.secret ?? null,
      log,
      commands: processCommands({ prisma: db.prisma, auth: handoff.auth, baseUrl: config.PUBLIC_URL ?? url, linkMinutes: config.STAFF_LOGIN_MINUTES }),
    });
    if (config.OUTBOX_WORKER === 'inprocess') {
      kick = () => handoff.worker.kick();
      handoff.worker.start();
    }
    channels?.start();
    return {
      server,
      url,
      db,
      bot,
      adapter,
      handoff,
      proactive,
      directLine,
      channels,
      async close() {
        clearInterval(purgeTimer);
        admin?.remove();
        directLine.close();
        await channels?.stop();
        await handoff.worker.stop();
        handoff.email.close();
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

async function hasCoordinatorContact(app: App): Promise<boolean> {
  const c = await app.db.prisma.association.findFirst({ where: { isCoordinator: true, active: true }, select: { contactEmail: true, notifyBy: true, webhookUrl: true } });
  return !!c && (c.notifyBy === 'webhook' ? !!c.webhookUrl : !!c.contactEmail);
}

async function main(): Promise<void> {
  const app = await createApp();
  // A graceful stop from the moment the app holds its database and port, not only once the
  // banner below (which reads the database) is printed: a SIGTERM in between would otherwise
  // kill the process without closing PGlite or releasing its lock.
  const stop = async () => {
    await app.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const { target } = app.db;
  const where = target.kind === 'pglite' ? `PGlite in ${target.dataDir ?? 'memory'}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Binôme is running on ${app.url} (database: ${where}).`);
  console.log(`  Talk to it in this terminal:   npm run chat        (or: npm run chat -- --lang en)`);
  console.log(`  Bot Framework endpoint:        POST ${app.url}/api/messages  (Bot Framework Emulator: open this URL)`);
  console.log(`  Web widget:                    ${app.url}/   (embed: <script src="${app.url}/widget.js" data-lang="fr" async></script>)`);
  console.log(`  Health:                        GET  ${app.url}/healthz`);
  const config0 = loadConfig();
  if (config0.WHATSAPP_PHONE_NUMBER_ID) console.log(`  WhatsApp webhook:              ${config0.PUBLIC_URL ?? app.url}/webhooks/whatsapp  (docs/channels.md)`);
  if (config0.MESSENGER_PAGE_ID) console.log(`  Messenger webhook:             ${config0.PUBLIC_URL ?? app.url}/webhooks/messenger  (docs/channels.md)`);
  if (config0.SMS_PROVIDER) console.log(`  SMS webhook (${config0.SMS_PROVIDER}):${' '.repeat(Math.max(1, 15 - config0.SMS_PROVIDER.length))}${config0.PUBLIC_URL ?? app.url}/webhooks/sms  (docs/channels.md)`);
  if (config0.TELEGRAM_BOT_TOKEN) console.log(`  Telegram webhook:              ${config0.PUBLIC_URL ?? app.url}/webhooks/telegram  (docs/channels.md)`);
  if (!config0.PUBLIC_URL) {
    // Local mode: a fresh one-use link for the coordinator, who sees every association's requests.
    const coordinator = await app.db.prisma.association.findFirst({ where: { isCoordinator: true, active: true }, orderBy: { id: 'asc' }, select: { id: true } });
    const link = coordinator ? await app.handoff.auth.issueLink(coordinator.id, app.url) : null;
    if (link) console.log(`  Staff inbox (coordinator):     ${link.url}\n                                 (one use, ${config0.STAFF_LOGIN_MINUTES} min; another, or another association's: npm run staff -- link <association>)`);
  } else {
    console.log(`  Staff inbox:                   ${config0.PUBLIC_URL.replace(/\/+$/, '')}/staff/login  (a login link is e-mailed to the directory's address)`);
  }
  const config = loadConfig();
  if (config.DIRECTLINE_BOT_URL) console.log(`  The widget's conversations go to the bot at ${new URL(config.DIRECTLINE_BOT_URL).origin} (DIRECTLINE_BOT_URL), not to this process's bot.`);
  const mail = config.SMTP_URL ? 'sent through SMTP_URL' : `written as .eml files to ${config.OUTBOX_DIR}/ (set SMTP_URL to send them; no address in the directory: <id>.not-sent.eml)`;
  console.log(`  Staff notifications:           ${config.OUTBOX_WORKER === 'inprocess' ? 'delivered by this process' : 'OUTBOX_WORKER=off: run npm run worker'}; e-mails ${mail}`);
  if (!config.PUBLIC_URL && !/^(127\.|::1$|localhost$)/.test(config.HOST)) {
    console.log(`  Warning: PUBLIC_URL is not set: browsers reaching this server under another name than 127.0.0.1 or localhost are refused (docs/security.md).`);
  }
  if (!config.COORDINATOR_EMAIL && !(await hasCoordinatorContact(app))) {
    console.log('  Warning: the national coordinator has no contact (COORDINATOR_EMAIL, or the directory): its alerts are not e-mailed, only shown in its staff inbox.');
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`Binôme could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
