import crypto from 'node:crypto';
import type { App } from '../../index';
import { PrismaDirectory } from '../../db/PrismaDirectory';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import { submitRequest } from '../../intake/submitRequest';
import { createActionToken, hashApiKey } from '../../notifications/signing';
import { REQUEST } from '../helpers/fixtures';
import { ExpectRepliesClient, startApp } from '../helpers/http';
import { startConnector, startSmtpServer } from '../helpers/receivers';
import { openTestDatabase, postgresAvailable } from '../helpers/testDatabase';
import { templateRegExp } from '../helpers/transcripts';

const fr = (key: string) => templateRegExp('fr', key);
const COORDINATOR = 'coordination@collectif.example';

/**
 * Staff actions end to end on PostgreSQL: the real server, e-mails through a real SMTP
 * server, links followed over HTTP, news to the young person through a channel connector.
 * The worker is driven by the test (OUTBOX_WORKER=off, drain()) and the clock is the test's.
 */
describe('handoff to association staff (HTTP, PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  let app: App;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let clock = Date.parse('2026-11-23T09:00:00Z'); // a Monday

  beforeAll(async () => {
    if (!(await postgresAvailable())) return;
    db = await openTestDatabase('postgres');
    // Every association reachable by e-mail at <id>@asso.example.
    const all = await db.prisma.association.findMany({ select: { id: true } });
    for (const a of all) await db.prisma.association.update({ where: { id: a.id }, data: { contactEmail: `${a.id}@asso.example`, notifyBy: 'email' } });
    smtp = await startSmtpServer();
    connector = await startConnector();
    app = await startApp(db.url, { SMTP_URL: smtp.url, COORDINATOR_EMAIL: COORDINATOR, OUTBOX_WORKER: 'off' }, { now: () => new Date(clock) });
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await connector?.close();
    await db?.close();
  });
  const maybe = (name: string, fn: () => Promise<void>, timeout = 60_000) => it(name, async () => {
    if (!db) return;
    await fn();
  }, timeout);

  const drain = () => app.handoff.worker.drain();
  const mailTo = (to: string, requestId: string) => smtp.mails.filter((m) => m.envelopeTo.includes(to) && (m.parsed.text ?? '').includes(requestId.replace(/-/g, '').slice(0, 8).toUpperCase()));
  const linkIn = (text: string, action: 'accept' | 'decline') => new RegExp(`(https?://\\S+/staff/a/[\\w-]+\\.[\\w-]+)\\?action=${action}`).exec(text)?.[1];

  async function submit(conversationRef: unknown = { channelId: 'binome-cli' }) {
    const id = crypto.randomUUID();
    await submitRequest({ ...REQUEST, submittedAt: new Date(clock).toISOString() }, { submissionId: id, conversationKey: `test/conversations/${id}`, conversationRef }, {
      directory: new PrismaDirectory(db!.prisma), requests: new PrismaRequestStore(db!.prisma), now: () => new Date(clock),
    });
    await drain();
    const a = await db!.prisma.assignment.findFirstOrThrow({ where: { requestId: id } });
    const mail = mailTo(`${a.associationId}@asso.example`, id).at(-1)!;
    return { id, assignment: a, mail, accept: linkIn(mail.parsed.text!, 'accept')!, decline: linkIn(mail.parsed.text!, 'decline')! };
  }
  const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

  maybe('a whole conversation ends in an e-mail to staff; accepting through the link tells the young person in their conversation', async () => {
    const client = new ExpectRepliesClient(app.url);
    client.serviceUrl = connector.url;
    await client.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }], text: undefined });
    for (const answer of ['oui', 'Inès', '17', 'terminale générale', 'orientation', 'Lyon', 'aucune', 'à distance', 'le mercredi', 'ines@example.fr', 'oui']) await client.say(answer);
    const sent = await client.say('oui');
    expect(sent[0]).toMatch(fr('intake.submitted.routed'));
    const request = await db!.prisma.mentoringRequest.findFirstOrThrow({ where: { conversationKey: `emulator/conversations/${client.conversationId}` } });
    await drain();
    const assignment = await db!.prisma.assignment.findFirstOrThrow({ where: { requestId: request.id } });
    const mail = mailTo(`${assignment.associationId}@asso.example`, request.id)[0]!;
    const accept = linkIn(mail.parsed.text!, 'accept')!;

    // A mail scanner or a link preview opens the link: it shows, it does not act.
    const page = await fetch(`${accept}?action=accept`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Inès');
    expect(html).toContain('method="post"');
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).status).toBe('pending');

    const res = await fetch(accept, form({ action: 'accept' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('La demande est acceptée');
    expect(await db!.prisma.mentoringRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'accepted' });
    await drain();
    const news = connector.activities.filter((a) => a.conversationId === client.conversationId);
    expect(news.map((n) => n.activity.text)).toEqual([expect.stringMatching(fr('news.accepted'))]);
    const association = await db!.prisma.association.findUniqueOrThrow({ where: { id: assignment.associationId } });
    expect(news[0]!.activity.text).toContain(association.name);

    // Accepting again (double click, replay) answers the same; declining now is refused.
    const again = await fetch(accept, form({ action: 'accept' }));
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('déjà été acceptée');
    const late = await fetch(accept, form({ action: 'decline', reason: 'trop tard' }));
    expect(late.status).toBe(409);
    await drain();
    expect(connector.activities.filter((a) => a.conversationId === client.conversationId)).toHaveLength(1);
  }, 120_000);

  maybe('a decline needs a reason, then reroutes to the next association; the second failure alerts the coordinator', async () => {
    const first = await submit();
    const noReason = await fetch(first.decline, form({ action: 'decline', reason: '   ' }));
    expect(noReason.status).toBe(400);
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: first.assignment.id } })).status).toBe('pending');

    expect((await fetch(first.decline, form({ action: 'decline', reason: 'Plus de mentors à Lyon ce mois-ci' }))).status).toBe(200);
    await drain();
    const history = await db!.prisma.assignment.findMany({ where: { requestId: first.id }, orderBy: { createdAt: 'asc' } });
    expect(history.map((h) => h.status)).toEqual(['declined', 'pending']);
    expect(history[0]!.declineReason).toBe('Plus de mentors à Lyon ce mois-ci');
    expect(history[1]!.associationId).not.toBe(history[0]!.associationId);
    const request = await db!.prisma.mentoringRequest.findUniqueOrThrow({ where: { id: first.id } });
    expect(request).toMatchObject({ status: 'routed', associationId: history[1]!.associationId });
    const secondMail = mailTo(`${history[1]!.associationId}@asso.example`, first.id)[0]!;
    expect(secondMail.parsed.subject).toMatch(/^Nouvelle demande de mentorat/);
    // The young person (terminal channel: no proactive message) hears it by e-mail.
    const news = mailTo('ines@example.fr', first.id);
    expect(news).toHaveLength(0); // the young person's e-mail carries no reference…
    const youngMails = smtp.mails.filter((m) => m.envelopeTo.includes('ines@example.fr') && /ne peut pas t'accompagner/.test(m.parsed.text ?? ''));
    expect(youngMails.length).toBeGreaterThanOrEqual(1);
    expect(await db!.prisma.notification.count({ where: { requestId: first.id, kind: 'coordinator_alert' } })).toBe(0);

    // The second association declines too: a third one (or the coordinator) gets it, and the coordinator is alerted.
    const decline2 = linkIn(secondMail.parsed.text!, 'decline')!;
    expect((await fetch(decline2, form({ action: 'decline', reason: 'Pas de bénévole disponible' }))).status).toBe(200);
    await drain();
    const alert = await db!.prisma.notification.findFirstOrThrow({ where: { requestId: first.id, kind: 'coordinator_alert' } });
    expect(alert).toMatchObject({ status: 'delivered', payload: expect.objectContaining({ reason: 'two_failures' }) });
    const alertMail = smtp.mails.find((m) => m.parsed.headers.get('x-binome-delivery') === alert.id)!;
    expect(alertMail.envelopeTo).toEqual([COORDINATOR]);
    expect(alertMail.parsed.text).toMatch(/refusée[\s\S]*refusée[\s\S]*en attente/);
  });

  maybe('expired and tampered links are refused; a link to an erased request says so', async () => {
    const r = await submit();
    const token = r.accept.split('/staff/a/')[1]!;
    const [body, mac] = token.split('.');
    const tampered = `${r.accept.split('/staff/a/')[0]}/staff/a/${body}x.${mac}`;
    const resT = await fetch(tampered);
    expect(resT.status).toBe(403);
    expect(await resT.text()).not.toContain('Inès');
    expect((await fetch(tampered, form({ action: 'accept' }))).status).toBe(403);

    const key = await app.handoff.linkKey();
    const expired = createActionToken({ assignmentId: r.assignment.id, exp: Math.floor(clock / 1000) - 1 }, key);
    const resE = await fetch(`${app.url}/staff/a/${expired}`, form({ action: 'accept' }));
    expect(resE.status).toBe(410);
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: r.assignment.id } })).status).toBe('pending');

    const ghost = createActionToken({ assignmentId: crypto.randomUUID(), exp: Math.floor(clock / 1000) + 600 }, key);
    expect((await fetch(`${app.url}/staff/a/${ghost}`)).status).toBe(404);
    expect((await fetch(`${app.url}/staff/a/not-a-token`)).status).toBe(403);
  });

  maybe("an association's system accepts or declines through the API with its key; replays are harmless", async () => {
    const r = await submit();
    const key = crypto.randomBytes(24).toString('base64url');
    await db!.prisma.association.update({ where: { id: r.assignment.associationId }, data: { apiKeyHash: hashApiKey(key) } });
    const other = await db!.prisma.association.findFirstOrThrow({ where: { id: { not: r.assignment.associationId }, isCoordinator: false } });
    const otherKey = crypto.randomBytes(24).toString('base64url');
    await db!.prisma.association.update({ where: { id: other.id }, data: { apiKeyHash: hashApiKey(otherKey) } });
    const call = (k: string | null, action: string, body: unknown = {}) => fetch(`${app.url}/api/requests/${r.id}/${action}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(k ? { authorization: `Bearer ${k}` } : {}) }, body: JSON.stringify(body),
    });
    expect((await call(null, 'accept')).status).toBe(401);
    expect((await call('wrong-key-wrong-key-wrong', 'accept')).status).toBe(401);
    expect((await call(otherKey, 'accept')).status).toBe(404);
    expect((await call(key, 'decline', {})).status).toBe(400);
    expect((await call(key, 'frobnicate')).status).toBe(404);
    const ok = await call(key, 'accept');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ requestId: r.id, status: 'accepted' });
    const replay = await call(key, 'accept');
    expect(await replay.json()).toEqual({ requestId: r.id, status: 'accepted' });
    expect((await call(key, 'decline', { reason: 'oops' })).status).toBe(409);
    await drain();
    expect(await db!.prisma.notification.count({ where: { requestId: r.id, kind: 'young_person_news' } })).toBe(1);
  });

  maybe('no answer within the working days: rerouted when the deadline passes (controllable clock)', async () => {
    const r = await submit();
    expect(r.assignment.deadlineAt).not.toBeNull();
    // Monday 09:00 + 5 working days = next Monday 09:00: nothing happens the Friday before.
    clock = r.assignment.deadlineAt!.getTime() - 3 * 86_400_000;
    await drain();
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: r.assignment.id } })).status).toBe('pending');
    clock = r.assignment.deadlineAt!.getTime() + 60_000;
    await drain();
    const history = await db!.prisma.assignment.findMany({ where: { requestId: r.id }, orderBy: { createdAt: 'asc' } });
    expect(history.map((h) => h.status)).toEqual(['expired', 'pending']);
    expect(history[1]!.associationId).not.toBe(history[0]!.associationId);
    const news = await db!.prisma.notification.findFirstOrThrow({ where: { requestId: r.id, kind: 'young_person_news' } });
    expect(news.payload).toMatchObject({ event: 'rerouted' });
    // The first association's link now says the request went elsewhere.
    const res = await fetch(r.accept, form({ action: 'accept' }));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Le délai de réponse est passé');
  });
});
