import crypto from 'node:crypto';
import path from 'node:path';
import type { Config } from './config';
import type { Logger } from './bots/log';
import { appSecret } from './db/appSecrets';
import type { Database } from './db/createDatabase';
import { PrismaDirectory } from './db/PrismaDirectory';
import { PrismaHandoff } from './db/PrismaHandoff';
import { PrismaOutbox } from './db/PrismaOutbox';
import { PrismaStaffAuth } from './db/PrismaStaffAuth';
import { PrismaStaffInbox } from './db/PrismaStaffInbox';
import { createI18n } from './locales/i18n';
import type { Translate } from './notifications/composeEmail';
import { HandoffService } from './notifications/HandoffService';
import { OutboxWorker, type ChannelSender, type NewsBySms, type ProactiveSender } from './notifications/OutboxWorker';
import { hashApiKey } from './notifications/signing';
import { StaffAuth } from './notifications/staffAuth';
import { StaffInbox } from './notifications/StaffInbox';
import { EmailTransport } from './notifications/transports/EmailTransport';
import { WebhookTransport } from './notifications/transports/WebhookTransport';

export interface HandoffStack {
  handoff: HandoffService;
  worker: OutboxWorker;
  email: EmailTransport;
  linkKey: () => Promise<string>;
  associationByApiKey: (key: string) => Promise<{ id: string } | null>;
  t: Translate;
  /** Logins to the staff inbox (magic links, sessions). */
  auth: StaffAuth;
  /** The staff inbox's use cases. */
  inbox: StaffInbox;
}

/**
 * Wires the delivery side (outbox worker, transports, staff actions): shared by `npm start`
 * (in-process worker) and `npm run worker` (its own process), so both behave the same.
 */
export function createHandoffStack(opts: {
  db: Database;
  config: Config;
  log: Logger;
  now: () => Date;
  proactive: ProactiveSender;
  /** Replies of the messaging channels (adapters/channels), when one is configured. */
  channels?: ChannelSender;
  /** News by SMS to a young person's mobile number (adapters/sms), when SMS is configured and SMS_NEWS=on. */
  sms?: NewsBySms;
  publicUrl: string;
  workerId?: string;
  pollMs?: number;
  random?: () => number;
}): HandoffStack {
  const { db, config, log, now } = opts;
  const i18n = createI18n();
  const t: Translate = (lang, key, params) => i18n.t(key, { lng: lang, ...params }) as string;
  let key: Promise<string> | null = null;
  const linkKey = () => (key ??= appSecret(db.prisma, 'staff_link_key', config.STAFF_LINK_KEY).catch((err) => {
    key = null;
    throw err;
  }));
  const email = new EmailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: path.resolve(config.OUTBOX_DIR) });
  let worker: OutboxWorker | null = null;
  const auth = new StaffAuth({ store: new PrismaStaffAuth(db.prisma), key: linkKey, now, linkMinutes: config.STAFF_LOGIN_MINUTES, sessionHours: config.STAFF_SESSION_HOURS });
  const handoff = new HandoffService({
    store: new PrismaHandoff(db.prisma),
    directory: new PrismaDirectory(db.prisma),
    now,
    log,
    onQueued: () => worker?.kick(),
  });
  worker = new OutboxWorker({
    store: new PrismaOutbox(db.prisma),
    email,
    webhook: new WebhookTransport({ timeoutMs: config.WEBHOOK_TIMEOUT_MS, now }),
    proactive: opts.proactive,
    channels: opts.channels,
    sms: opts.sms,
    t,
    links: { publicUrl: opts.publicUrl, key: linkKey, validDays: config.STAFF_LINK_DAYS },
    loginLink: (claims) => auth.linkFor(opts.publicUrl, claims),
    log,
    now,
    policy: { maxAttempts: config.OUTBOX_MAX_ATTEMPTS, baseMs: config.OUTBOX_RETRY_BASE_SECONDS * 1000, capMs: 6 * 3_600_000 },
    coordinatorEmail: config.COORDINATOR_EMAIL,
    leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
    batchSize: config.OUTBOX_BATCH_SIZE,
    workerId: opts.workerId,
    pollMs: opts.pollMs ?? config.OUTBOX_POLL_MS,
    random: opts.random,
    onPass: async () => {
      await handoff.sweepDeadlines();
    },
  });
  const associationByApiKey = async (apiKey: string) => {
    const row = await db.prisma.association.findFirst({ where: { apiKeyHash: hashApiKey(apiKey), active: true }, select: { id: true } });
    return row;
  };
  const inbox = new StaffInbox({ store: new PrismaStaffInbox(db.prisma), handoff, now, log, onQueued: () => worker?.kick() });
  return { handoff, worker, email, linkKey, associationByApiKey, t, auth, inbox };
}

export const randomWorkerId = (prefix: string) => `${prefix}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
