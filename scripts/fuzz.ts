/**
 * npm run fuzz [-- --runs 10000 --seed 21 --only <text>]
 *
 * A seeded fast-check fuzz of every public endpoint of the real server on loopback
 * (in-memory database). Prints, per endpoint, how many payloads got each status, and the
 * violations (a 5xx, a broken connection, a stack trace or source path in a body, the
 * server unhealthy afterwards, what the fuzz typed found in the logs). Exits 1 on any.
 * The same seed sends the same payloads: a violation is replayed with its seed.
 */
import { closeFuzzAgent, endpoints, fuzzEndpoint, logsQuotingInput, startFuzzTarget } from '../test/security/fuzz/fuzzEndpoints';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const runs = Number(arg('runs', '10000'));
  const seed = Number(arg('seed', '21'));
  const only = arg('only', '');
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) throw new Error('--runs and --seed take whole numbers');
  const target = await startFuzzTarget();
  let failed = false;
  console.log(`Fuzzing ${target.url} with seed ${seed}, ${runs} payloads per endpoint.`);
  try {
    for (const [i, endpoint] of endpoints(target).entries()) {
      if (only && !endpoint.name.includes(only)) continue;
      const r = await fuzzEndpoint(target, endpoint, runs, seed + i);
      const counts = Object.entries(r.counts).sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}: ${n}`).join('  ');
      console.log(`${r.name.padEnd(56)} ${String(r.sent).padStart(6)} sent in ${(r.ms / 1000).toFixed(1).padStart(5)} s   ${counts}`);
      for (const v of r.violations) console.log(`    VIOLATION ${v}`);
      failed ||= r.violations.length > 0;
    }
    // What went wrong inside, by event and code (a turn whose replies could not be posted to an unreachable serviceUrl is expected).
    const problems = new Map<string, number>();
    for (const line of target.logs) {
      const l = JSON.parse(line) as { level: string; event: string; code?: string; reason?: string };
      if (l.level === 'info') continue;
      const k = `${l.level} ${l.event}${l.code ? ` ${l.code}` : ''}${l.reason ? ` ${l.reason}` : ''}`;
      problems.set(k, (problems.get(k) ?? 0) + 1);
    }
    console.log(`Warnings and errors logged: ${[...problems].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(';  ') || 'none'}`);
    const quoted = logsQuotingInput(target);
    console.log(`Log lines written: ${target.logs.length}; quoting what the fuzz sent: ${quoted.length}`);
    for (const l of quoted.slice(0, 5)) console.log(`    VIOLATION log: ${l.slice(0, 200)}`);
    failed ||= quoted.length > 0;
  } finally {
    closeFuzzAgent();
    await target.close();
  }
  console.log(failed ? 'FAILED: see the violations above.' : 'No violation.');
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
