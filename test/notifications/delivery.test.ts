import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { silentLogger } from '../../bots/log';
import { ProactiveMessenger } from '../../bots/ProactiveMessenger';
import { loadConfig } from '../../config';
import { PrismaDirectory } from '../../db/PrismaDirectory';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import { createHandoffStack, type HandoffStack } from '../../handoffStack';
import { submitRequest } from '../../intake/submitRequest';
import type { MentoringRequest } from '../../intake/MentoringRequest';
import { shortRef } from '../../notifications/composeEmail';
import { REQUEST } from '../helpers/fixtures';
import { startConnector, startSmtpServer, startWebhookReceiver } from '../helpers/receivers';
import { openTestDatabase, postgresAvailable, type DbKind } from '../helpers/testDatabase';
import { templateRegExp } from '../helpers/transcripts';

const SECRET = 'webhook-secret-of-the-association-0123456789';
const COORDINATOR = 'coordination@collectif.example';

describe.each<DbKind>(['pglite', 'postgres'])('delivery of notifications on %s', (kind) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let stack: HandoffStack;
  let clock = Date.parse(REQUEST.submittedAt);
  const refused = new Map<string, number>();
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-outbox-'));

  const makeStack = (env: Record<string, string> = {}) => {
    const config = loadConfig({
      SMTP_URL: smtp.url, COORDINATOR_EMAIL: COORDINATOR, WEBHOOK_TIMEOUT_MS: '400', OUTBOX_RETRY_BASE_SECONDS: '60', OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_DIR: outboxDir, ...env,
    });
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const proactive = new ProactiveMessenger(adapter, { appId: '', authenticated: false });
    return createHandoffStack({ db: db!, config, log: silentLogger, now: () => new Date(clock), proactive, publicUrl: 'https://binome.example', random: () => 0.5 });
  };

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresAvailable())) return;
    db = await openTestDatabase(kind);
    smtp = await startSmtpServer({ refuse: (to) => refused.get(to) ?? null });
    connector = await startConnector();
    stack = makeStack();
  }, 60_000);
  afterAll(async () => {
    stack?.email.close();
    await smtp?.close();
    await connector?.close();
    await db?.close();
  });

  const maybe = (name: string, fn: () => Promise<void>, timeout = 30_000) => it(name, async () => {
    if (!db) return; // PostgreSQL unreachable outside CI: reported once by postgresAvailable()
    await fn();
  }, timeout);

  /** Submits a request through routing; returns its id and the association it went to. */
  async function submit(request: MentoringRequest = REQUEST, conversationRef: unknown = { channelId: 'binome-cli' }) {
    const id = crypto.randomUUID();
    await submitRequest(request, { submissionId: id, conversationKey: `test/conversations/${id}`, conversationRef }, {
      directory: new PrismaDirectory(db!.prisma), requests: new PrismaRequestStore(db!.prisma), now: () => new Date(clock),
    });
    const assignment = await db!.prisma.assignment.findFirstOrThrow({ where: { requestId: id } });
    return { id, associationId: assignment.associationId, assignmentId: assignment.id };
  }
  const notificationsOf = (requestId: string) =>
    db!.prisma.notification.findMany({ where: { requestId }, orderBy: { createdAt: 'asc' }, include: { attemptLog: { orderBy: { attempt: 'asc' } } } });
  const setContact = (id: string, data: { notifyBy?: string; contactEmail?: string | null; webhookUrl?: string | null; webhookSecret?: string | null }) =>
    db!.prisma.association.update({ where: { id }, data });

  maybe('e-mails the association through SMTP: delivery id in the headers, no personal data in the subject, reply-to the young person', async () => {
    const { id, associationId } = await submit();
    await setContact(associationId, { notifyBy: 'email', contactEmail: `${associationId}@asso.example` });
    await stack.worker.drain();
    const [n] = await notificationsOf(id);
    expect(n).toMatchObject({ kind: 'new_request', status: 'delivered', attempts: 1, lastError: null });
    expect(n!.attemptLog).toEqual([expect.objectContaining({ attempt: 1, transport: 'email:smtp', result: 'delivered', error: null })]);
    const mail = smtp.mails.find((m) => m.parsed.headers.get('x-binome-delivery') === n!.id)!;
    expect(mail.envelopeTo).toEqual([`${associationId}@asso.example`]);
    expect(mail.parsed.messageId).toBe(`<${n!.id}@binome.invalid>`);
    expect(mail.parsed.subject).toBe(`Nouvelle demande de mentorat (réf. ${shortRef(id)})`);
    expect(mail.parsed.replyTo?.text).toBe('ines@example.fr');
    expect(mail.parsed.text).toContain('Inès');
    expect(mail.parsed.text).toMatch(/https:\/\/binome\.example\/staff\/a\/[\w-]+\.[\w-]+\?action=accept/);
    expect(mail.parsed.text).toMatch(/\?action=decline/);
    expect(mail.parsed.html).toContain('<dl');
    // The inbox, where the association sees all its requests, besides the signed links of this one.
    expect(mail.parsed.text).toContain('Voir toutes vos demandes');
    expect(mail.parsed.text).toMatch(/^https:\/\/binome\.example\/staff\/inbox$/m);
    expect(mail.parsed.html).toContain('href="https://binome.example/staff/inbox"');
  });

  maybe('without SMTP writes the e-mail as an .eml file readable by its owner only', async () => {
    const files = makeStack({ SMTP_URL: '' });
    const { id, associationId } = await submit();
    await setContact(associationId, { notifyBy: 'email', contactEmail: 'staff@asso.example' });
    await files.worker.drain();
    const [n] = await notificationsOf(id);
    expect(n!.status).toBe('delivered');
    expect(n!.attemptLog[0]!.transport).toBe('email:files');
    const file = path.join(outboxDir, `${n!.id}.eml`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const eml = fs.readFileSync(file, 'utf8');
    expect(eml).toMatch(/^To: staff@asso\.example$/m);
    expect(eml).toContain(`X-Binome-Delivery: ${n!.id}`);
    files.email.close();
  });

  maybe('posts a signed webhook with the request, the routing and its reasons, and the delivery id', async () => {
    const receiver = await startWebhookReceiver(SECRET, undefined, () => clock);
    try {
      const { id, associationId } = await submit();
      await setContact(associationId, { notifyBy: 'webhook', webhookUrl: receiver.url, webhookSecret: SECRET });
      await stack.worker.drain();
      const [n] = await notificationsOf(id);
      expect(n!.status).toBe('delivered');
      expect(receiver.deliveries).toHaveLength(1);
      const d = receiver.deliveries[0]!;
      expect(d.verdict).toEqual({ ok: true, deliveryId: n!.id });
      expect(d.body).toMatchObject({
        schemaVersion: 1, event: 'request.new', deliveryId: n!.id, requestId: id,
        request: { schemaVersion: 1, firstName: 'Inès', age: 17 },
        routing: { associationId, reasons: expect.arrayContaining([expect.objectContaining({ code: expect.any(String) })]), deadline: expect.any(String) },
        actions: { api: { accept: `https://binome.example/api/requests/${id}/accept` } },
      });
    } finally {
      await receiver.close();
    }
  });

  maybe('retries a 500 later with backoff, records every attempt, then delivers', async () => {
    const receiver = await startWebhookReceiver(SECRET, (n) => ({ status: n === 1 ? 500 : 200 }), () => clock);
    try {
      const { id, associationId } = await submit();
      await setContact(associationId, { notifyBy: 'webhook', webhookUrl: receiver.url, webhookSecret: SECRET });
      await stack.worker.drain();
      let [n] = await notificationsOf(id);
      expect(n).toMatchObject({ status: 'pending', attempts: 1, lastError: 'http_500' });
      // equal jitter with random() = 0.5: 3/4 of the 60 s base
      expect(n!.nextAttemptAt.getTime() - clock).toBe(45_000);
      await stack.worker.drain();
      expect((await notificationsOf(id))[0]!.status).toBe('pending'); // not due yet
      clock += 45_000;
      await stack.worker.drain();
      [n] = await notificationsOf(id);
      expect(n).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(n!.attemptLog.map((a) => [a.attempt, a.result, a.error])).toEqual([[1, 'retry', 'http_500'], [2, 'delivered', null]]);
      expect(receiver.deliveries.map((x) => x.deliveryId)).toEqual([n!.id]);
    } finally {
      await receiver.close();
    }
  });

  maybe('after the last attempt the notification is dead and the coordinator is alerted by e-mail', async () => {
    const receiver = await startWebhookReceiver(SECRET, () => ({ status: 503 }), () => clock);
    try {
      const { id, associationId } = await submit();
      await setContact(associationId, { notifyBy: 'webhook', webhookUrl: receiver.url, webhookSecret: SECRET });
      for (let i = 0; i < 3; i++) {
        await stack.worker.drain();
        clock += 3_600_000;
      }
      const all = await notificationsOf(id);
      const n = all.find((x) => x.kind === 'new_request')!;
      expect(n).toMatchObject({ status: 'dead', attempts: 3, lastError: 'http_503' });
      const alert = all.find((x) => x.kind === 'coordinator_alert')!;
      expect(alert).toMatchObject({ status: 'delivered', payload: expect.objectContaining({ reason: 'dead_letter', error: 'http_503' }) });
      const mail = smtp.mails.find((m) => m.parsed.headers.get('x-binome-delivery') === alert.id)!;
      expect(mail.envelopeTo).toEqual([COORDINATOR]);
      expect(mail.parsed.subject).toContain("une notification n'a pas pu être remise");
      expect(mail.parsed.text).toContain(`npm run requests -- show ${id}`);
      expect(mail.parsed.text).not.toContain('Inès');
    } finally {
      await receiver.close();
    }
  });

  maybe('a 410 (receiver gone) and a redirect are final at once: not followed, coordinator alerted', async () => {
    const elsewhere = await startWebhookReceiver(SECRET, undefined, () => clock);
    const gone = await startWebhookReceiver(SECRET, () => ({ status: 410 }), () => clock);
    const moving = await startWebhookReceiver(SECRET, () => ({ status: 302, location: elsewhere.url }), () => clock);
    try {
      const a = await submit();
      await setContact(a.associationId, { notifyBy: 'webhook', webhookUrl: gone.url, webhookSecret: SECRET });
      await stack.worker.drain();
      const b = await submit();
      await setContact(b.associationId, { notifyBy: 'webhook', webhookUrl: moving.url, webhookSecret: SECRET });
      await stack.worker.drain();
      const [na] = await notificationsOf(a.id);
      const [nb] = await notificationsOf(b.id);
      expect(na).toMatchObject({ status: 'dead', attempts: 1, lastError: 'http_410' });
      expect(nb).toMatchObject({ status: 'dead', attempts: 1, lastError: 'redirect_refused_302' });
      expect(elsewhere.requests).toBe(0);
      const alerts = await db!.prisma.notification.findMany({ where: { kind: 'coordinator_alert', requestId: { in: [a.id, b.id] } } });
      expect(alerts.map((x) => [x.requestId, (x.payload as { reason: string }).reason, x.status]).sort()).toEqual(
        [[a.id, 'receiver_gone', 'delivered'], [b.id, 'dead_letter', 'delivered']].sort(),
      );
    } finally {
      await Promise.all([elsewhere.close(), gone.close(), moving.close()]);
    }
  });

  maybe('a receiver that never answers times out and is retried later; a slow one within the timeout is fine', async () => {
    const hanging = await startWebhookReceiver(SECRET, () => ({ hang: true }), () => clock);
    const slow = await startWebhookReceiver(SECRET, () => ({ delayMs: 150 }), () => clock);
    try {
      const a = await submit();
      await setContact(a.associationId, { notifyBy: 'webhook', webhookUrl: hanging.url, webhookSecret: SECRET });
      // The transport's timeout ends the attempt (a hang would hit the test's own timeout); no timed assertion.
      await stack.worker.drain();
      expect((await notificationsOf(a.id))[0]).toMatchObject({ status: 'pending', lastError: 'timeout' });
      const b = await submit();
      await setContact(b.associationId, { notifyBy: 'webhook', webhookUrl: slow.url, webhookSecret: SECRET });
      await stack.worker.drain();
      expect((await notificationsOf(b.id))[0]!.status).toBe('delivered');
    } finally {
      await Promise.all([hanging.close(), slow.close()]);
    }
  });

  maybe('an SMTP refusal: 550 is final (alert), 451 is retried', async () => {
    const a = await submit();
    await setContact(a.associationId, { notifyBy: 'email', contactEmail: 'unknown@asso.example' });
    refused.set('unknown@asso.example', 550);
    await stack.worker.drain();
    expect((await notificationsOf(a.id)).map((n) => [n.kind, n.status, n.lastError])).toEqual([
      ['new_request', 'dead', 'smtp_550'], ['coordinator_alert', 'delivered', null],
    ]);
    const b = await submit();
    await setContact(b.associationId, { notifyBy: 'email', contactEmail: 'busy@asso.example' });
    refused.set('busy@asso.example', 451);
    await stack.worker.drain();
    expect((await notificationsOf(b.id))[0]).toMatchObject({ status: 'pending', lastError: 'smtp_451' });
    refused.clear();
  });

  maybe('an association with no valid contact: nothing lost, the state says why, the coordinator gets the alert', async () => {
    for (const contact of [
      { notifyBy: 'email', contactEmail: null },
      { notifyBy: 'email', contactEmail: 'not an address' },
      { notifyBy: 'webhook', webhookUrl: null, webhookSecret: SECRET },
      { notifyBy: 'webhook', webhookUrl: 'http://example.org/hook', webhookSecret: SECRET },
    ]) {
      const { id, associationId } = await submit();
      await setContact(associationId, contact);
      await stack.worker.drain();
      const all = await notificationsOf(id);
      expect(all.map((n) => [n.kind, n.status])).toEqual([['new_request', 'dead'], ['coordinator_alert', 'delivered']]);
      expect(all[0]!.lastError).toMatch(/^(no_email_address|no_valid_address|no_webhook_url|webhook_not_https)$/);
      expect(all[1]!.payload).toMatchObject({ reason: 'no_contact' });
      expect(await db!.prisma.mentoringRequest.count({ where: { id } })).toBe(1);
    }
  });

  maybe('news to the young person goes to their conversation (proactive), or by e-mail when the channel cannot carry it', async () => {
    const conversationId = `conv-${crypto.randomUUID()}`;
    const ref = { channelId: 'emulator', serviceUrl: connector.url, conversation: { id: conversationId }, user: { id: 'user-1' }, bot: { id: 'binome' }, locale: 'fr-FR' };
    const a = await submit(REQUEST, ref);
    await setContact(a.associationId, { notifyBy: 'email', contactEmail: 'staff@asso.example' });
    await stack.worker.drain();
    expect((await stack.handoff.accept(a.assignmentId)).ok).toBe(true);
    await stack.worker.drain();
    const news = (await notificationsOf(a.id)).find((n) => n.kind === 'young_person_news')!;
    expect(news).toMatchObject({ status: 'delivered', payload: expect.objectContaining({ event: 'accepted' }) });
    expect(news.attemptLog[0]!.transport).toBe('proactive');
    const got = connector.activities.filter((x) => x.conversationId === conversationId);
    expect(got).toHaveLength(1);
    expect(got[0]!.activity.text).toMatch(templateRegExp('fr', 'news.accepted'));

    // The terminal client cannot receive a message it did not ask for: e-mail instead, in English for an English conversation.
    const b = await submit({ ...REQUEST, locale: 'en' }, { channelId: 'binome-cli', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'x' } });
    await setContact(b.associationId, { notifyBy: 'email', contactEmail: 'staff@asso.example' });
    await stack.worker.drain();
    await stack.handoff.accept(b.assignmentId);
    await stack.worker.drain();
    const byMail = (await notificationsOf(b.id)).find((n) => n.kind === 'young_person_news')!;
    expect(byMail.status).toBe('delivered');
    const mail = smtp.mails.find((m) => m.parsed.headers.get('x-binome-delivery') === byMail.id)!;
    expect(mail.envelopeTo).toEqual(['ines@example.fr']);
    expect(mail.parsed.subject).toBe('Your mentoring request');
    expect(mail.parsed.text).toMatch(/Good news!/);
  });
});
