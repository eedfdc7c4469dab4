import { closeFuzzAgent, endpoints, fuzzEndpoint, logsQuotingInput, startFuzzTarget, type FuzzTarget } from './fuzz/fuzzEndpoints';

/** The CI run of `npm run fuzz`: the same generators and checks, 40 seeded payloads per endpoint instead of 10,000. */
const RUNS = 40;
const SEED = 2121;

describe('seeded fuzz of every public endpoint (small CI run)', () => {
  let target: FuzzTarget;
  beforeAll(async () => {
    target = await startFuzzTarget();
  }, 90_000);
  afterAll(async () => {
    closeFuzzAgent();
    await target?.close();
  });

  it('no 5xx, no broken connection, no internals in a body, the server healthy after each endpoint, nothing typed in the logs', async () => {
    const all = endpoints(target);
    expect(all.length).toBeGreaterThanOrEqual(16);
    const results = [];
    for (const [i, endpoint] of all.entries()) results.push(await fuzzEndpoint(target, endpoint, RUNS, SEED + i));
    expect(results.filter((r) => r.violations.length > 0).map((r) => [r.name, r.violations])).toEqual([]);
    expect(results.every((r) => r.sent === RUNS)).toBe(true);
    // The payloads get past the first refusal: some are served, some refused.
    const statuses = new Set(results.flatMap((r) => Object.keys(r.counts)));
    for (const s of ['200', '400', '403', '404']) expect(statuses).toContain(s);
    expect(logsQuotingInput(target)).toEqual([]);
  }, 120_000);
});
