/**
 * The simulated young people of `bench:directline`: each opens a Direct Line conversation as
 * Web Chat does and types a whole intake, timing each message to its first reply.
 *
 * Run by bench/directline.ts in a child process of its own (forked, one per bench run), so
 * the clients' work and garbage collection never stop the server's event loop: the server
 * is measured alone. `drive()` is also callable in-process (BENCH_CLIENTS=same-process) to
 * compare with the old arrangement.
 */
import WebSocket from 'ws';
import { loadResources } from '../locales/i18n';
import { prng } from './prng';
import { script } from './shared';

export const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** What the bot says when a turn failed (a database timeout under load): such a turn is counted as an error, not a success. */
const TRY_AGAIN = ((loadResources().fr as { errors: { tryAgain: string } }).errors.tryAgain);

export interface DriveRequest { base: string; n: number; thinkMs: number; firstIndex: number }
/** cpuMs: the clients' own CPU time (this process's, when run as a child). */
export interface DriveResult {
  latencies: number[];
  /** Latencies by message of the script (0 = the first answer, 11 = the final "oui" that stores the request), and when each was sent (ms from the run's start). */
  bySteps: { ms: number; at: number }[][]; turns: number; seconds: number; cpuMs: number; failures: number; turnErrors: number }

/** One young person: a token, a conversation, a socket, then each message and its first reply. */
async function converse(base: string, i: number, latencies: number[], thinkMs: number, counters: { turnErrors: number; t0: number; bySteps: { ms: number; at: number }[][] }): Promise<number> {
  const domain = `${base}/v3/directline`;
  const gen = (await (await fetch(`${domain}/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: '{"locale":"fr-FR"}' })).json()) as { token: string };
  const headers = { authorization: `Bearer ${gen.token}`, 'content-type': 'application/json' };
  const started = await fetch(`${domain}/conversations`, { method: 'POST', headers, body: '{}' });
  if (started.status !== 201) throw new Error(`start: HTTP ${started.status}`);
  const { conversationId, streamUrl } = (await started.json()) as { conversationId: string; streamUrl: string };
  const ws = new WebSocket(streamUrl);
  const waiting = new Map<string, (t: number) => void>();
  const early = new Map<string, number>();
  const firstText = new Map<string, string>();
  let welcomed: () => void = () => undefined;
  const welcome = new Promise<void>((resolve) => (welcomed = resolve));
  ws.on('message', (data) => {
    const at = performance.now();
    const { activities } = JSON.parse(String(data)) as { activities: { from: { role?: string }; replyToId?: string; inputHint?: string; text?: string }[] };
    for (const a of activities) {
      if (a.from.role !== 'bot') continue;
      if (!a.replyToId?.startsWith(conversationId + '|')) {
        welcomed();
        continue;
      }
      if (!firstText.has(a.replyToId)) firstText.set(a.replyToId, a.text ?? '');
      const done = waiting.get(a.replyToId);
      if (done) {
        waiting.delete(a.replyToId);
        done(at);
      } else if (!early.has(a.replyToId)) early.set(a.replyToId, at);
    }
  });
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  await welcome;
  let turns = 0;
  const random = prng(i + 1);
  for (const text of script(i)) {
    if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + random())));
    const t0 = performance.now();
    const res = await fetch(`${domain}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text, channelData: { clientActivityID: `c${i}-${turns}` } }) });
    if (res.status !== 200) throw new Error(`post: HTTP ${res.status}`);
    const { id } = (await res.json()) as { id: string };
    // The reply can reach the socket before the POST's response does.
    const at = early.get(id) ?? (await new Promise<number>((resolve) => waiting.set(id, resolve)));
    latencies.push(at - t0);
    (counters.bySteps[turns] ??= []).push({ ms: at - t0, at: t0 - counters.t0 });
    if (firstText.get(id) === TRY_AGAIN) counters.turnErrors++;
    turns++;
  }
  ws.close();
  return turns;
}

/** N conversations at once against `base`, all to the end. */
export async function drive({ base, n, thinkMs, firstIndex }: DriveRequest): Promise<DriveResult> {
  const latencies: number[] = [];
  const t0 = performance.now();
  const counters = { turnErrors: 0, t0, bySteps: [] as { ms: number; at: number }[][] };
  let failures = 0;
  const cpu0 = process.cpuUsage();
  const turns = await Promise.all(
    Array.from({ length: n }, (_, k) =>
      converse(base, firstIndex + k, latencies, thinkMs, counters).catch((err: Error) => {
        failures++;
        if (failures <= 3) console.error(`conversation ${firstIndex + k} failed: ${err.message}`);
        return 0;
      }),
    ),
  );
  const cpu = process.cpuUsage(cpu0);
  return { latencies, bySteps: counters.bySteps, turns: turns.reduce((a, b) => a + b, 0), seconds: (performance.now() - t0) / 1000, cpuMs: (cpu.user + cpu.system) / 1000, failures, turnErrors: counters.turnErrors };
}

// As a child process: one drive per message from the parent, its result sent back.
if (process.send && process.argv.includes('--bench-clients')) {
  process.on('message', (req: DriveRequest) => {
    void drive(req).then((result) => process.send!(result));
  });
  process.on('disconnect', () => process.exit(0));
}
