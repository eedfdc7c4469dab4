import type { App } from '../../index';
import { ExpectRepliesClient, startApp, tempPgliteUrl } from '../helpers/http';
import { templateRegExp } from '../helpers/transcripts';

const fr = (key: string) => templateRegExp('fr', key);

/** Answers that take a French conversation from consent to the summary. */
const ANSWERS_TO_SUMMARY = ['Inès', '17', 'terminale générale', 'orientation', 'Lyon', 'aucune', 'à distance', 'le mercredi', 'ines@example.fr'];

describe('the HTTP server on loopback (PGlite in a directory)', () => {
  const dbUrl = tempPgliteUrl();
  let app: App;
  beforeAll(async () => {
    app = await startApp(dbUrl);
  }, 90_000);
  afterAll(async () => {
    await app?.close();
  });

  it('reports the database in /healthz', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('holds a whole conversation through /api/messages with expectReplies, survives a restart, and stores the request', async () => {
    const client = new ExpectRepliesClient(app.url);
    const welcome = await client.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }], text: undefined });
    expect(welcome.map((a) => a.text)).toEqual([
      expect.stringMatching(fr('intake.welcome.hello')),
      expect.stringMatching(fr('intake.welcome.what')),
      expect.stringMatching(fr('intake.welcome.privacy')),
      expect.stringMatching(fr('intake.consent.ask')),
    ]);
    // The emulator channel shows suggested actions as buttons.
    expect(welcome[3]!.suggestedActions?.actions.map((a) => a.title)).toEqual(['Oui, on y va', 'En savoir plus', 'Non merci']);
    expect(await client.say('Oui, on y va')).toEqual([expect.stringMatching(fr('intake.consent.thanks')), expect.stringMatching(fr('intake.firstName.ask'))]);
    for (const answer of ANSWERS_TO_SUMMARY.slice(0, 4)) await client.say(answer);

    // The server stops mid-conversation and starts again on the same database.
    await app.close();
    app = await startApp(dbUrl);
    client.url = app.url;

    let last: string[] = [];
    for (const answer of ANSWERS_TO_SUMMARY.slice(4)) last = await client.say(answer);
    expect(last[0]).toMatch(fr('intake.summary.intro'));
    expect(last[0]).toContain('Inès');
    expect(last[0]).toContain('Lyon (69)');
    const proposal = await client.say('oui');
    expect(proposal[0]).toMatch(fr('intake.proposal.intro'));
    const sent = await client.say('oui');
    expect(sent[0]).toMatch(fr('intake.submitted.routed'));
    const stored = await app.db.prisma.mentoringRequest.findMany({ where: { conversationKey: `emulator/conversations/${client.conversationId}` }, include: { notifications: true } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.payload).toMatchObject({ age: 17, firstName: 'Inès', place: { commune: '69123' } });
    // One handoff; the seed has no e-mail for the association, so the worker running in
    // the server gave up on it at once and alerted the coordinator (whom the seed cannot reach either).
    expect(stored[0]!.notifications.filter((n) => n.kind === 'new_request')).toHaveLength(1);
  }, 90_000);

  it('answers malformed input with a 4xx and no stack trace', async () => {
    const client = new ExpectRepliesClient(app.url);
    const cases: [string, Response][] = [
      ['invalid JSON', await client.raw('{"type": "message", "text": ')],
      ['a JSON array', await client.raw('[1,2,3]')],
      ['a JSON string', await client.raw('"hello"')],
      ['wrong content type', await client.raw('type=message', { 'content-type': 'application/x-www-form-urlencoded' })],
      ['no body', await client.raw('', { 'content-type': 'application/json' })],
      ['an activity without a type', await client.raw({ ...client.activity({ text: 'hi' }), type: undefined })],
      ['a body over the size limit', await client.raw(client.activity({ text: 'x'.repeat(400 * 1024) }))],
    ];
    for (const [name, res] of cases) {
      const body = await res.text();
      expect([name, res.status >= 400 && res.status < 500]).toEqual([name, true]);
      expect([name, /\n\s+at |node_modules|\.ts:\d+/.test(body)]).toEqual([name, false]);
    }
  });

  it('ignores unknown activity types without failing', async () => {
    const client = new ExpectRepliesClient(app.url);
    expect(await client.send({ type: 'somethingNew', text: undefined })).toEqual([]);
    expect(await client.send({ type: 'event', name: 'custom', value: { a: 1 } })).toEqual([]);
  });

  it('refuses, without credentials, a request relayed by a proxy (it only looks local)', async () => {
    const client = new ExpectRepliesClient(app.url);
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const res = await client.raw(client.activity({ text: 'hi' }), { 'content-type': 'application/json', [header]: '203.0.113.9' });
      expect([header, res.status]).toEqual([header, 403]);
    }
  });

  it('refuses, without credentials, to post replies to a non-loopback serviceUrl', async () => {
    const client = new ExpectRepliesClient(app.url);
    const res = await client.raw({ ...client.activity({ text: 'hi' }), deliveryMode: undefined, serviceUrl: 'https://attacker.example/' });
    expect(res.status).toBe(400);
  });
});

describe('/api/messages under a flood from one conversation', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp('pglite://memory', { MESSAGES_PER_MINUTE: '3' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('answers 429 with Retry-After beyond the per-conversation limit, without reading the message; other conversations go on', async () => {
    const flood = new ExpectRepliesClient(app.url);
    for (let i = 0; i < 3; i += 1) expect((await flood.raw(flood.activity({ text: 'oui' }))).status).toBe(200);
    const refused = await flood.raw(flood.activity({ text: 'Inès' }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
    // Other activity types are not counted (a channel's conversationUpdate is no message).
    expect((await flood.raw(flood.activity({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }))).status).toBe(200);
    const other = new ExpectRepliesClient(app.url);
    expect((await other.say('oui')).length).toBeGreaterThan(0);
  });
});
