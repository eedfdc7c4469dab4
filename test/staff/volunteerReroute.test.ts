import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaDashboard } from '../../db/PrismaDashboard';
import { PrismaDirectory } from '../../db/PrismaDirectory';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import { FUNNEL_ORDER, VOLUNTEER_FUNNEL_ORDER, type App } from '../../index';
import type { VolunteerOffer } from '../../intake/VolunteerOffer';
import { submitRequest } from '../../intake/submitRequest';
import { computeStats } from '../../notifications/dashboardStats';
import { routeVolunteer, VOLUNTEER_FIT } from '../../routing/volunteerFit';
import { startApp } from '../helpers/http';
import { startConnector } from '../helpers/receivers';
import { openTestDatabase, postgresAvailable, type DbKind } from '../helpers/testDatabase';
import { templateRegExp } from '../helpers/transcripts';

/**
 * A volunteer's offer on the staff side, over HTTP on the real server: the first association
 * declines it from its inbox, the offer goes through the volunteer fit table (not the young
 * people's fit) to the next programme that recruits this volunteer, then to the coordinator
 * when none is left; each time the volunteer hears it in their own conversation, in the
 * volunteer's words.
 */
describe.each<DbKind>(['pglite', 'postgres'])('a volunteer offer declined and rerouted (%s)', (kind) => {
  let pg: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  let db: App['db'] | null = null;
  let app: App;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  const clock = Date.parse('2026-11-23T09:00:00Z'); // a Monday
  const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-volunteer-'));

  beforeAll(async () => {
    if (kind === 'postgres') {
      if (!(await postgresAvailable())) return;
      pg = await openTestDatabase(kind);
    }
    connector = await startConnector();
    app = await startApp(pg?.url ?? 'pglite://memory', { OUTBOX_WORKER: 'off', OUTBOX_DIR: outbox }, { now: () => new Date(clock) });
    db = app.db;
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await connector?.close();
    await pg?.close();
    fs.rmSync(outbox, { recursive: true, force: true });
  });
  const maybe = (name: string, fn: () => Promise<void>, timeout = 90_000) => it(name, async () => {
    if (!db) return;
    await fn();
  }, timeout);

  const origin = () => app.url;
  const form = (fields: Record<string, string>, cookie: string) => ({
    method: 'POST', redirect: 'manual' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: origin(), cookie },
    body: new URLSearchParams(fields).toString(),
  });
  async function login(associationId: string): Promise<string> {
    const link = await app.handoff.auth.issueLink(associationId, app.url);
    const res = await fetch(link!.url, { method: 'POST', redirect: 'manual', headers: { origin: origin(), 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(res.status).toBe(303);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }
  const get = (url: string, cookie: string) => fetch(`${app.url}${url}`, { headers: { cookie }, redirect: 'manual' });
  const csrfIn = (html: string) => /name="csrf" value="([\w-]+)"/.exec(html)![1]!;

  /** An employee who wants to help young entrepreneurs: two programmes of two associations recruit them. */
  const offer = (): VolunteerOffer => ({
    schemaVersion: 1, kind: 'volunteer', locale: 'fr', channel: 'emulator', submittedAt: new Date(clock).toISOString(), firstName: 'Karim', age: 41,
    occupation: { kind: 'employed', detail: 'expert-comptable' }, company: null, place: null, meeting: 'either', time: { hoursPerMonth: 4, months: 12 },
    helps: ['entrepreneurship'], publics: [], languages: ['fr'], contact: { email: 'karim@example.fr', phone: null, preferred: 'email' },
    consent: { given: true, at: new Date(clock).toISOString() },
  });

  /** Declines a handoff from the association's own inbox, over HTTP with its session, CSRF token and Origin. */
  async function declineFromInbox(assignmentId: string, associationId: string) {
    const cookie = await login(associationId);
    const list = await (await get('/staff/inbox', cookie)).text();
    // Listed under the volunteers' heading, not among young people's requests.
    const volunteersAt = list.indexOf('id="volunteers"');
    expect(volunteersAt).toBeGreaterThan(-1);
    expect(list.slice(0, volunteersAt)).not.toContain(assignmentId);
    expect(list.slice(volunteersAt)).toContain(assignmentId);
    const page = await (await get(`/staff/inbox/${assignmentId}`, cookie)).text();
    expect(page).toContain('karim@example.fr');
    const res = await fetch(`${app.url}/staff/inbox/${assignmentId}`, form({ action: 'decline', csrf: csrfIn(page), reason: 'Nous ne recrutons plus ce trimestre' }, cookie));
    expect(res.status).toBe(303);
  }

  maybe('declined by the first association: the next programme that recruits this volunteer, then the coordinator; the volunteer hears each step', async () => {
    const programmes = await new PrismaDirectory(db!.prisma).listProgrammes();
    const fitting = routeVolunteer(offer(), programmes);
    if (fitting.kind !== 'routed') throw new Error('the seed directory should recruit this volunteer');
    const expected = [fitting.chosen, ...fitting.alternatives].map((o) => o.programme);
    // The scenario needs two programmes of two associations (the seed: moovjee and nqt).
    expect(new Set(expected.map((p) => p.associationId)).size).toBe(2);
    for (const p of expected) expect(VOLUNTEER_FIT[p.id]!.helps).toContain('entrepreneurship');

    const id = crypto.randomUUID();
    const conversationId = `conv-${id}`;
    const ref = { channelId: 'emulator', serviceUrl: connector.url, conversation: { id: conversationId }, user: { id: 'volunteer-1' }, bot: { id: 'binome' }, locale: 'fr-FR' };
    await submitRequest(offer(), { submissionId: id, conversationKey: `emulator/conversations/${conversationId}`, conversationRef: ref }, {
      directory: new PrismaDirectory(db!.prisma), requests: new PrismaRequestStore(db!.prisma), now: () => new Date(clock),
      route: (o, ps) => routeVolunteer(o, ps),
    });
    expect(await db!.prisma.mentoringRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ kind: 'volunteer', associationId: expected[0]!.associationId });
    const first = await db!.prisma.assignment.findFirstOrThrow({ where: { requestId: id } });
    expect(first).toMatchObject({ associationId: expected[0]!.associationId, programmeId: expected[0]!.id });

    // The first association declines: the offer moves to the other programme that recruits this volunteer.
    await declineFromInbox(first.id, first.associationId);
    const afterFirst = await db!.prisma.assignment.findMany({ where: { requestId: id }, orderBy: { createdAt: 'asc' } });
    expect(afterFirst.map((h) => [h.associationId, h.status])).toEqual([[expected[0]!.associationId, 'declined'], [expected[1]!.associationId, 'pending']]);
    expect(afterFirst[1]!.programmeId).toBe(expected[1]!.id);
    expect(afterFirst[1]!.deadlineAt).not.toBeNull();
    // Its reasons are the volunteer table's, not a young person's.
    const codes = (afterFirst[1]!.reasons as { code: string }[]).map((r) => r.code);
    expect(codes).toContain('volunteer_help');
    expect(codes.every((c) => c.startsWith('volunteer_'))).toBe(true);
    const routed = await db!.prisma.mentoringRequest.findUniqueOrThrow({ where: { id } });
    expect(routed).toMatchObject({ status: 'routed', associationId: expected[1]!.associationId });
    await app.handoff.worker.drain();
    let heard = connector.activities.filter((a) => a.conversationId === conversationId).map((a) => String(a.activity.text));
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(templateRegExp('fr', 'news.volunteer.rerouted'));
    expect(heard[0]).not.toMatch(templateRegExp('fr', 'news.rerouted'));
    expect(heard[0]).toContain(expected[0]!.associationName);
    expect(heard[0]).toContain(expected[1]!.associationName);
    // The association that declined keeps the reference and the outcome, not the volunteer's contact.
    const declinedCookie = await login(first.associationId);
    expect(await (await get(`/staff/inbox/${first.id}`, declinedCookie)).text()).not.toContain('karim@example.fr');

    // The second declines too: no programme is left, the coordinator takes it (no deadline), and the volunteer is told.
    await declineFromInbox(afterFirst[1]!.id, afterFirst[1]!.associationId);
    const afterSecond = await db!.prisma.assignment.findMany({ where: { requestId: id }, orderBy: { createdAt: 'asc' } });
    expect(afterSecond.map((h) => h.status)).toEqual(['declined', 'declined', 'pending']);
    const coordinator = await db!.prisma.association.findUniqueOrThrow({ where: { id: afterSecond[2]!.associationId } });
    expect(coordinator.isCoordinator).toBe(true);
    expect(afterSecond[2]!.deadlineAt).toBeNull();
    expect(await db!.prisma.mentoringRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'fallback' });
    // The second failure alerts the coordinator, as for a young person's request.
    const alerts = await db!.prisma.notification.findMany({ where: { requestId: id, kind: 'coordinator_alert' } });
    expect(alerts.filter((a) => (a.payload as { reason?: string }).reason === 'two_failures')).toHaveLength(1);
    await app.handoff.worker.drain();
    heard = connector.activities.filter((a) => a.conversationId === conversationId).map((a) => String(a.activity.text));
    expect(heard).toHaveLength(2);
    expect(heard[1]).toMatch(templateRegExp('fr', 'news.volunteer.delayed'));
    // Nothing went to the volunteer by e-mail: their conversation carried both.
    const news = await db!.prisma.notification.findMany({ where: { requestId: id, kind: 'young_person_news' }, orderBy: { createdAt: 'asc' }, include: { attemptLog: true } });
    expect(news.map((n) => [n.status, n.attemptLog[0]?.transport])).toEqual([['delivered', 'proactive'], ['delivered', 'proactive']]);

    // The coordinator sees it among volunteers and cannot decline it: it is the last one who can still find a programme.
    const coordCookie = await login(coordinator.id);
    const coordList = await (await get('/staff/inbox', coordCookie)).text();
    expect(coordList.slice(coordList.indexOf('id="volunteers"'))).toContain(afterSecond[2]!.id);
    const coordPage = await (await get(`/staff/inbox/${afterSecond[2]!.id}`, coordCookie)).text();
    const refused = await fetch(`${app.url}/staff/inbox/${afterSecond[2]!.id}`, form({ action: 'decline', csrf: csrfIn(coordPage), reason: 'non' }, coordCookie));
    expect(refused.status).not.toBe(303);
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: afterSecond[2]!.id } })).status).toBe('pending');

    // The dashboard, from the database: a volunteer in its own rows, nothing added to the young people's.
    const stats = computeStats(await new PrismaDashboard(db!.prisma).rows(new Date(clock - 7 * 86_400_000)), new Date(clock), 7, FUNNEL_ORDER, VOLUNTEER_FUNNEL_ORDER);
    expect(stats.totalRequests).toBe(0);
    expect(stats.perAssociation).toEqual([]);
    expect(stats.days.every((d) => d.count === 0)).toBe(true);
    expect(stats.volunteers.total).toBe(1);
    expect(stats.volunteers.days.at(-1)).toEqual({ day: '2026-11-23', count: 1 });
    expect(stats.volunteers.perAssociation.map((a) => [a.id, a.received, a.declined, a.waiting]).sort()).toEqual(
      [[expected[0]!.associationId, 1, 1, 0], [expected[1]!.associationId, 1, 1, 0], [coordinator.id, 1, 0, 1]].sort());
    const dash = await (await get('/staff/dashboard?days=7', coordCookie)).text();
    expect(dash.slice(dash.indexOf('id="volunteers"'))).toContain('1 propositions de bénévoles sur la période.');
    expect(dash).toContain('0 demandes sur la période.');
  });
});
