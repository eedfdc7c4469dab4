/**
 * How long understanding one message takes: `npm run bench:understanding`.
 *
 * 1. Builds the commune index once, as `npm start` does, and prints the time and the heap
 *    it adds (targets: under 1 s, under 150 MB).
 * 2. Reads every message of the labelled corpus (test/fixtures/understanding/utterances.json,
 *    732 messages, each with the question it answers) with `understand`, ROUNDS times
 *    after a warm-up round, and prints the median and p99 of one call (target: p99 under
 *    5 ms on one core, which is what one Node process uses).
 * 3. Beside it, in the same run, the baseline: normalising and tokenising the same messages
 *    (the least any reading must do), so the ratio travels between machines.
 * 4. The slowest adversarial inputs (20,000 characters of junk) for the record.
 * 5. Every parser and the whole reading for each question on the hostile inputs of the
 *    adversarial test (test/understanding/adversarialInputs.ts), and reading a place on
 *    long junk: the slowest of each, and its ratio to the baseline on the same input (a
 *    super-linear regex shows as seconds). These were timed assertions in the tests,
 *    which failed on a loaded machine.
 *
 * No assertion: timings depend on the machine; tests do not time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ADVERSARIAL, PARSERS, PLACE_JUNK } from '../test/understanding/adversarialInputs';
import { bestOf } from './shared';
import { CommuneIndex } from '../understanding/places/CommuneIndex';
import { parsePlace } from '../understanding/places/parsePlace';
import { readPlace } from '../understanding/places/readPlace';
import { normalize, tokenize } from '../understanding/text';
import { understand, type Asked } from '../understanding/understand';
import { warmUpUnderstanding } from '../understanding/warmUp';

const ROUNDS = 5;
const TODAY = new Date('2026-11-21T12:00:00+01:00');

interface Item { text: string; asked: Asked | null; lang: 'fr' | 'en'; context?: { situation?: string } }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function time(items: Item[], fn: (item: Item) => unknown): number[] {
  const out: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const item of items) {
      const started = process.hrtime.bigint();
      fn(item);
      out.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return out.sort((a, b) => a - b);
}

function main(): void {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const places = CommuneIndex.load();
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(`commune index: ${places.size} communes, built in ${loadMs.toFixed(0)} ms (index's own count: ${places.buildMs} ms), heap +${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB${global.gc ? '' : ' (run with --expose-gc for a steady heap figure)'}`);
  const warm = warmUpUnderstanding();
  console.log(`recognizers warm-up: ${warm} ms (once at start)`);

  const file = path.join(__dirname, '..', 'test', 'fixtures', 'understanding', 'utterances.json');
  const items = JSON.parse(fs.readFileSync(file, 'utf8')) as Item[];
  const read = (i: Item) => understand(i.text, { asked: i.asked, situation: (i.context?.situation ?? null) as never, lang: i.lang, today: TODAY, places });
  // Warm-up round: JIT, lazy fuzzy buckets, recognizer caches.
  for (const i of items) read(i);

  const base = time(items, (i) => tokenize(normalize(i.text)));
  const full = time(items, read);
  const row = (label: string, t: number[]) =>
    `${label.padEnd(26)} median ${percentile(t, 0.5).toFixed(3).padStart(7)} ms   p99 ${percentile(t, 0.99).toFixed(3).padStart(7)} ms   max ${t[t.length - 1]!.toFixed(2).padStart(7)} ms`;
  console.log(`\n${items.length} corpus messages × ${ROUNDS} rounds`);
  console.log(row('baseline (normalize)', base));
  console.log(row('understand', full));
  console.log(`ratio understand / baseline: median ×${(percentile(full, 0.5) / percentile(base, 0.5)).toFixed(0)}, p99 ×${(percentile(full, 0.99) / percentile(base, 0.99)).toFixed(0)}`);
  const slowest = items.map((i) => { const s = process.hrtime.bigint(); read(i); return { ms: Number(process.hrtime.bigint() - s) / 1e6, text: i.text }; })
    .sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.log('slowest corpus messages:', slowest.map((s) => `${s.ms.toFixed(2)} ms (${s.text.length} chars)`).join(', '));

  const N = 20_000;
  const junk: [string, string][] = [
    ['repeated letter', 'a'.repeat(N)], ['digits and spaces', '1 '.repeat(N / 2)], ['mixed scripts', 'aé日本語Ωж١٢٣🙂'.repeat(N / 10)],
    ['emoji only', '😀'.repeat(N / 2)], ['markup', '<b>x</b>'.repeat(N / 8)], ['self-corrections', "c pas lyon c villeurbanne en fait j'ai dit 17 mais ".repeat(N / 50)],
    ['commune names', 'à Saint-Denis '.repeat(N / 14)],
  ];
  console.log('\nadversarial inputs (20,000 characters, read as an opening):');
  for (const [label, text] of junk) {
    const s = process.hrtime.bigint();
    understand(text, { asked: null, lang: 'fr', today: TODAY, places });
    console.log(`  ${label.padEnd(20)} ${(Number(process.hrtime.bigint() - s) / 1e6).toFixed(1).padStart(7)} ms`);
  }

  // Best of two after a warm-up call: backtracking is slow every time, a GC pause once.
  const best = (fn: () => unknown): number => bestOf(fn, 2);
  const inputs: [string, string][] = [...ADVERSARIAL, ...PLACE_JUNK.map((t, i): [string, string] => [`place junk ${i + 1}`, t])];
  const baseline = new Map(inputs.map(([label, text]) => [label, Math.max(best(() => tokenize(normalize(text))), 0.001)]));
  const parsers: [string, (text: string) => unknown][] = [
    ...PARSERS,
    ['parsePlace', (t) => parsePlace(t, places)],
    ['readPlace (asked nothing)', (t) => readPlace(t, places, null)],
    ['readPlace (asked place)', (t) => readPlace(t, places, 'place')],
  ];
  console.log(`\nhostile inputs (${inputs.length}, up to 20,000 characters), the slowest for each parser; baseline: normalize + tokenize of the same input`);
  const rows = parsers.map(([name, parse]) => {
    let worst = { label: '', ms: 0 };
    for (const [label, text] of inputs) {
      const ms = best(() => parse(text));
      if (ms > worst.ms) worst = { label, ms };
    }
    return { name, ...worst, ratio: worst.ms / baseline.get(worst.label)! };
  });
  for (const r of rows) console.log(`  ${r.name.padEnd(34)} ${r.ms.toFixed(1).padStart(8)} ms  ×${r.ratio.toFixed(0).padStart(5)} baseline   (${r.label})`);
  const worstRow = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log(`slowest: ${worstRow.name} on "${worstRow.label}", ${worstRow.ms.toFixed(1)} ms (the tests used to allow 200 ms for a parser, 1,500 ms for a whole reading, 500 ms for readPlace)`);
}

main();
