/**
 * Where one turn's time goes: `node --import tsx bench/profileTurn.ts [conversations]`.
 *
 * Runs whole French intakes (the bench's script) one message at a time, no concurrency,
 * through the real app and its Direct Line endpoint on PostgreSQL, and attributes each
 * turn's wall time to: the SQL round trips (counted per turn and per kind), state
 * load/save, routing's directory reads, the request save, the dialog with understanding
 * (dialog time minus its database calls), and what is left (the HTTP + Direct Line layer).
 * Sequential on purpose: this is the cost of a turn, not of waiting for others.
 * Add `--cpu-prof` to node's flags for a CPU profile of the same run.
 */
import pg from 'pg';
import { silentLogger } from '../bots/log';
import { loadConfig } from '../config';
import { PrismaDirectory } from '../db/PrismaDirectory';
import { PrismaRequestStore } from '../db/PrismaRequestStore';
import { PrismaStorage } from '../db/PrismaStorage';
import { FlowEngine } from '../dialogs/engine/FlowEngine';
import { createApp } from '../index';
import { resetSchema, script } from './shared';

const CONVERSATIONS = Number(process.argv[2] ?? 20);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test?schema=bench_profile';
const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** Per-turn accumulators, reset before each message. */
const turn = { queries: 0, sqlMs: 0, byKind: new Map<string, number>(), spans: new Map<string, number>() };
const add = (name: string, ms: number) => turn.spans.set(name, (turn.spans.get(name) ?? 0) + ms);

function kindOf(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const m = /^(BEGIN|COMMIT|ROLLBACK|SELECT|INSERT INTO|UPDATE|DELETE FROM)\s*("[^"]+"\."([^"]+)"|"([^"]+)")?/i.exec(t);
  if (!m) return t.slice(0, 30);
  const table = m[3] ?? m[4] ?? '';
  if (/^SELECT/i.test(t)) {
    const from = /FROM\s+"[^"]+"\."([^"]+)"/i.exec(t);
    return `SELECT ${from?.[1] ?? ''}`.trim();
  }
  return `${m[1]!.toUpperCase()} ${table}`.trim();
}

// Every SQL statement goes through pg.Client#query (Prisma's adapter and the pool alike).
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
  const config = args[0] as string | { text?: string };
  const text = typeof config === 'string' ? config : config?.text ?? '';
  const started = performance.now();
  const done = () => { turn.sqlMs += performance.now() - started; };
  turn.queries++;
  const kind = kindOf(text);
  turn.byKind.set(kind, (turn.byKind.get(kind) ?? 0) + 1);
  // pg.Pool#query passes a callback; Prisma's adapter awaits the promise.
  const last = args.length - 1;
  if (typeof args[last] === 'function') {
    const callback = args[last] as (...r: unknown[]) => void;
    args[last] = (...r: unknown[]) => { done(); callback(...r); };
  }
  const result = originalQuery.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === 'function') void (result as Promise<unknown>).then(done, done);
  return result;
};

/** Wraps an async method so its wall time is added to a span. */
function timeMethod(proto: object, method: string, span: string): void {
  const p = proto as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = p[method]!;
  p[method] = async function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      add(span, performance.now() - started);
    }
  };
}
timeMethod(PrismaStorage.prototype, 'read', 'state.load');
timeMethod(PrismaStorage.prototype, 'write', 'state.save');
timeMethod(PrismaStorage.prototype, 'delete', 'state.delete');
timeMethod(PrismaDirectory.prototype, 'listProgrammes', 'routing.directory');
timeMethod(PrismaDirectory.prototype, 'loadSince', 'routing.load');
timeMethod(PrismaRequestStore.prototype, 'findRouting', 'request.find');
timeMethod(PrismaRequestStore.prototype, 'saveRouted', 'request.save');
timeMethod(FlowEngine.prototype, 'onMessage', 'dialog (incl. its db calls)');

async function main(): Promise<void> {
  await resetSchema(DATABASE_URL);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL, DIRECTLINE_SECRET: SECRET, DIRECTLINE_MESSAGES_PER_MINUTE: '100000', OUTBOX_WORKER: process.env.OUTBOX_WORKER ?? 'off' });
  const app = await createApp({ config, log: silentLogger });
  const domain = `${app.url}/v3/directline`;
  const perMessage: { text: string; total: number; queries: number; sql: number; spans: Map<string, number>; kinds: Map<string, number> }[][] = [];
  for (let i = 0; i < CONVERSATIONS + 2; i++) {
    const gen = (await (await fetch(`${domain}/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: '{"locale":"fr-FR"}' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${gen.token}`, 'content-type': 'application/json' };
    await fetch(`${domain}/conversations`, { method: 'POST', headers, body: '{}' });
    // The welcome turn runs in the background: let it finish before measuring.
    await new Promise((r) => setTimeout(r, 50));
    const rows: (typeof perMessage)[number] = [];
    for (const text of script(i)) {
      turn.queries = 0; turn.sqlMs = 0; turn.byKind = new Map(); turn.spans = new Map();
      const started = performance.now();
      // The POST answers once the turn is done (replies appended and pushed).
      const res = await fetch(`${domain}/conversations/${gen.conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text }) });
      await res.arrayBuffer();
      rows.push({ text, total: performance.now() - started, queries: turn.queries, sql: turn.sqlMs, spans: turn.spans, kinds: turn.byKind });
    }
    // The first two conversations warm the JIT up.
    if (i >= 2) perMessage.push(rows);
  }

  const stepCount = perMessage[0]!.length;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const spanNames = ['state.load', 'state.save', 'routing.directory', 'routing.load', 'request.find', 'request.save', 'dialog (incl. its db calls)'];
  console.log(`${CONVERSATIONS} sequential French intakes, ${stepCount} messages each, on ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}; mean per message (ms)`);
  console.log(['message'.padEnd(36), 'total', 'sql#', 'sqlms', 'load', 'save', 'dir', 'dirload', 'rq.find', 'rq.save', 'dialog', 'underst.', 'http+dl'].join('\t'));
  const sums = new Map<string, number>();
  for (let s = 0; s < stepCount; s++) {
    const rows = perMessage.map((r) => r[s]!);
    const span = (n: string) => mean(rows.map((r) => r.spans.get(n) ?? 0));
    const total = mean(rows.map((r) => r.total));
    // The directory and its load are read in parallel (Promise.all): their longer one is the wait.
    const dbInDialog = Math.max(span('routing.directory'), span('routing.load')) + span('request.find') + span('request.save');
    const understanding = span('dialog (incl. its db calls)') - dbInDialog;
    const rest = total - span('state.load') - span('state.save') - span('state.delete') - span('dialog (incl. its db calls)');
    const cells = [total, mean(rows.map((r) => r.queries)), mean(rows.map((r) => r.sql)), ...spanNames.map(span), understanding, rest];
    ['total', 'queries', 'sql', ...spanNames, 'understanding', 'rest'].forEach((k, j) => sums.set(k, (sums.get(k) ?? 0) + cells[j]!));
    console.log([rows[0]!.text.slice(0, 36).padEnd(36), ...cells.map((c) => c.toFixed(1))].join('\t'));
    const kinds = new Map<string, number>();
    for (const r of rows) for (const [k, n] of r.kinds) kinds.set(k, (kinds.get(k) ?? 0) + n);
    console.log(`    sql: ${[...kinds].map(([k, n]) => `${k}×${(n / rows.length).toFixed(1)}`).join(', ')}`);
  }
  console.log(`per intake: ${[...sums].map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  await app.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
