/**
 * How long the safety check takes on one message: `npm run bench:safety`.
 *
 * Every message of the safety corpus (test/fixtures/safety/, crisis and ordinary, both
 * parts) goes through `detectCrisis` ROUNDS times after a warm-up round; the median and
 * p99 of one call are printed (target: p99 under 1 ms). Beside it, in the same run, three
 * baselines on the same messages: the rules alone (what the model adds), an empty function (the cost of the loop and the clock)
 * and a plain regex scan (one alternation of 60 crisis words, what a naive check costs), so
 * the ratio travels between machines. Then adversarial inputs of 20,000 characters.
 *
 * No assertion: timings depend on the machine; tests do not time.
 */
import { loadSafetyCorpus } from '../eval/safety';
import { ADVERSARIAL_CRISIS } from '../test/understanding/safety/adversarialCrisisInputs';
import { crisisWords, detectCrisis, detectCrisisRules } from '../understanding/safety/detectCrisis';
import { bestOf } from './shared';

const ROUNDS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function time(texts: string[], fn: (text: string) => unknown): number[] {
  const out: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const text of texts) {
      const started = process.hrtime.bigint();
      fn(text);
      out.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return out.sort((a, b) => a - b);
}

// A naive check: crisis words anywhere, no context. Only a baseline for the timings.
const NAIVE = new RegExp(
  [
    'suicid', 'mourir', 'me tuer', 'crever', 'en finir', 'scarif', 'me couper', 'automutil', 'overdose', 'cachets', 'médicaments', 'javel', 'dehors',
    'à la rue', 'sans abri', 'sdf', 'violée?', 'viol', 'attouchement', 'agress', 'me touche', 'frapp', 'me bat', 'me tape', 'tabass', 'maltrait',
    'menac', 'harcel', 'cyberharcel', 'nudes', 'chantage', 'racket', 'se moque', 'insult', 'kill myself', 'kms', 'want to die', 'end it all',
    'unalive', 'cut myself', 'self harm', 'overdosed', 'pills', 'bleach', 'kicked me out', 'homeless', 'nowhere to sleep', 'raped', 'rape',
    'touches me', 'hits me', 'beats me', 'abuse', 'bullied', 'bully', 'harass', 'blackmail', 'threat', 'stab', 'in danger',
  ].join('|'),
  'i',
);

function main(): void {
  const texts = loadSafetyCorpus().map((i) => i.text);
  for (const t of texts) detectCrisis(t); // warm-up: JIT and lazy structures
  const empty = time(texts, () => undefined);
  const regex = time(texts, (t) => NAIVE.test(t));
  const rules = time(texts, detectCrisisRules);
  const check = time(texts, detectCrisis);
  const row = (label: string, t: number[]) =>
    `${label.padEnd(26)} median ${percentile(t, 0.5).toFixed(4).padStart(8)} ms   p99 ${percentile(t, 0.99).toFixed(4).padStart(8)} ms   max ${t[t.length - 1]!.toFixed(3).padStart(7)} ms`;
  console.log(`${texts.length} corpus messages × ${ROUNDS} rounds`);
  console.log(row('baseline: empty function', empty));
  console.log(row('baseline: plain regex scan', regex));
  console.log(row('rules alone (no model)', rules));
  console.log(row('detectCrisis', check));
  console.log(`ratio detectCrisis / regex scan: median ×${(percentile(check, 0.5) / percentile(regex, 0.5)).toFixed(1)}, p99 ×${(percentile(check, 0.99) / percentile(regex, 0.99)).toFixed(1)}`);
  console.log(`ratio detectCrisis / rules alone (the model's cost): median ×${(percentile(check, 0.5) / percentile(rules, 0.5)).toFixed(2)}, p99 ×${(percentile(check, 0.99) / percentile(rules, 0.99)).toFixed(2)}`);
  console.log(`target p99 < 1 ms: ${percentile(check, 0.99) < 1 ? 'met' : 'NOT met'}`);

  const N = 20_000;
  const junk: [string, string][] = [
    ['repeated letter', 'a'.repeat(N)], ['one pattern word repeated', 'me '.repeat(N / 3)], ['near-miss prefixes', 'envie de '.repeat(N / 9)],
    ['many matches', 'me tuer '.repeat(N / 8)], ['violence with places', 'mon père me frappe au collège sur insta, '.repeat(N / 41)],
    ['mixed scripts', 'aé日本語Ωж١٢٣🙂'.repeat(N / 10)], ['emoji only', '😀'.repeat(N / 2)],
  ];
  console.log('\nadversarial inputs (20,000 characters):');
  for (const [label, text] of junk) {
    detectCrisis(text);
    const s = process.hrtime.bigint();
    detectCrisis(text);
    console.log(`  ${label.padEnd(28)} ${(Number(process.hrtime.bigint() - s) / 1e6).toFixed(2).padStart(8)} ms`);
  }

  // The tests' backtracking inputs (they no longer time anything): best of three, against
  // reading the same text into words in the same run. Backtracking would be thousands of
  // times slower than the words; a few tens of times is the normal cost of the patterns.
  const best = (fn: () => unknown): number => bestOf(fn, 3);
  console.log('\nthe tests\' backtracking inputs (best of 3; ratio to reading the same text into words):');
  for (const text of ADVERSARIAL_CRISIS) {
    const words = best(() => crisisWords(text));
    const check = best(() => detectCrisis(text));
    console.log(`  ${JSON.stringify(text.slice(0, 18)).padEnd(24)} ${String(text.length).padStart(6)} chars ${check.toFixed(2).padStart(8)} ms  ×${(check / Math.max(words, 1e-3)).toFixed(1)}`);
  }
}

main();
