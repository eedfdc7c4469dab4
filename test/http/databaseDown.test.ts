import crypto from 'node:crypto';
import { Client } from 'pg';
import type { App } from '../../index';
import { ExpectRepliesClient, startApp } from '../helpers/http';
import { POSTGRES_URL, postgresAvailable } from '../helpers/testDatabase';
import { TcpProxy } from '../helpers/tcpProxy';
import { templateRegExp } from '../helpers/transcripts';

const fr = (key: string) => templateRegExp('fr', key);

describe('when PostgreSQL goes away', () => {
  let app: App | null = null;
  let proxy: TcpProxy;
  const schema = `t_down_${crypto.randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    if (!(await postgresAvailable())) return;
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    const target = new URL(POSTGRES_URL);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const viaProxy = new URL(POSTGRES_URL);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    viaProxy.searchParams.set('schema', schema);
    app = await startApp(viaProxy.toString());
  }, 90_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await proxy?.cut().catch(() => undefined);
    if (!(await postgresAvailable())) return;
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('tells the young person to try again, loses no answer and half-writes nothing', async () => {
    if (!app) return;
    const client = new ExpectRepliesClient(app.url);
    for (const answer of ['bonjour', 'oui', 'Inès', '17', 'terminale générale', 'orientation', 'Lyon', 'aucune', 'à distance', 'passer']) await client.say(answer);

    await proxy.cut();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(503);
    const during = await client.say('ines@example.fr');
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(fr('errors.tryAgain'));

    await proxy.start();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    // The same answer again: the conversation is exactly where it was.
    const summary = await client.say('ines@example.fr');
    expect(summary[0]).toMatch(fr('intake.summary.intro'));

    // The database fails while routing the proposal, then during the submission itself:
    // nothing is stored, and confirming again once it is back stores exactly one request
    // with one notification.
    await proxy.cut();
    expect((await client.say('oui'))[0]).toMatch(fr('errors.tryAgain'));
    await proxy.start();
    expect((await client.say('oui'))[0]).toMatch(fr('intake.proposal.intro'));
    await proxy.cut();
    expect((await client.say('oui'))[0]).toMatch(fr('errors.tryAgain'));
    await proxy.start();
    const key = `emulator/conversations/${client.conversationId}`;
    expect(await app.db.prisma.mentoringRequest.count({ where: { conversationKey: key } })).toBe(0);
    expect((await client.say('oui'))[0]).toMatch(fr('intake.submitted.routed'));
    const rows = await app.db.prisma.mentoringRequest.findMany({ where: { conversationKey: key }, include: { notifications: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.notifications).toHaveLength(1);
  }, 90_000);
});
