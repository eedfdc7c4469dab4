/**
 * `npx tsx scripts/trainSafetyModel.ts`: trains the safety check's statistical second
 * opinion (understanding/safety/crisisModel.ts) on the TUNING part of the safety corpus and
 * the understanding corpus's tuning answers only, chooses how it meets the rules (`stack`'s
 * thresholds) on 5-fold out-of-fold predictions inside that data, and writes
 * understanding/safety/crisisModel.json. Deterministic (seeded, folds by a hash of the
 * text); the held-out part is never read here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { foldModels, FOLDS, modelItems, MODEL_LABELS, outOfFold, type ModelItem } from '../eval/safetyCv';
import { stack, toJson, train, type ModelScores, type StackThresholds } from '../understanding/safety/crisisModel';
import type { CrisisCategory } from '../understanding/safety/detectCrisis';

/** Out-of-fold caps on ordinary corpus lines: gentle questions the model adds, at most. */
const MAX_OOF_QUESTIONS = 0.03;
/** Out-of-fold caps on plain form answers: questions, at most (full alerts: none). */
const MAX_OOF_PLAIN_QUESTIONS = 0.005;
/** Out-of-fold full alerts the model alone may add on ordinary corpus lines, at most (on plain answers: none). */
const MAX_OOF_MODEL_ALARMS = 0.005;
/** Categories added only where the model is this precise out of fold. */
const MIN_CATEGORY_PRECISION = 0.95;
/** ...and never below this p: "jveux dormir et plus me réveiller" gave homelessness 0.57 once batch 7 (many "dormir" lines) joined. */
const MIN_CATEGORY_P = 0.6;
/** Out of fold, p(clear) exceeds `promote` on at most this share of ordinary corpus lines. */
const MAX_OOF_CLEAR_ORDINARY = 0.01;

const items = modelItems();
const models = foldModels(items);
const oof = outOfFold(items, models);
// Rounded up: a threshold is a lower bound, rounding must not let more through.
const r3 = (x: number) => Math.ceil(x * 1000) / 1000;

const corpusOrdinary = (i: ModelItem) => i.item !== null && i.labels.length === 0;
const plain = (i: ModelItem) => i.item === null;
/** The lowest threshold above all but `share` of the values (values >= threshold: at most share). */
function capAt(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => b - a);
  const k = Math.floor(sorted.length * share);
  return k >= sorted.length ? 0 : sorted[k]! + 1e-6;
}

// Rules silent and no pattern set aside: the model's ground.
const silent = (i: ModelItem) => !i.reading.signal && !i.reading.touched && i.reading.tokens.length > 0;
const ask = Math.max(
  0.3,
  capAt(items.flatMap((i, k) => (corpusOrdinary(i) && silent(i) ? [oof[k]!.any] : [])), MAX_OOF_QUESTIONS * items.filter(corpusOrdinary).length / Math.max(1, items.filter((i) => corpusOrdinary(i) && silent(i)).length)),
  capAt(items.flatMap((i, k) => (plain(i) && silent(i) ? [oof[k]!.any] : [])), MAX_OOF_PLAIN_QUESTIONS * items.filter(plain).length / Math.max(1, items.filter((i) => plain(i) && silent(i)).length)),
);
// The model alone shows the lines at once only where, out of fold, it would alarm at most
// 0.5% of ordinary lines and no plain answer (and never below 0.9).
const maxOrdinaryClear = Math.max(...items.flatMap((i, k) => (plain(i) && silent(i) ? [oof[k]!.clear] : [])));
const alone = r3(Math.max(
  0.9,
  maxOrdinaryClear + 1e-3,
  capAt(items.flatMap((i, k) => (corpusOrdinary(i) && silent(i) ? [oof[k]!.clear] : [])), MAX_OOF_MODEL_ALARMS * items.filter(corpusOrdinary).length / Math.max(1, items.filter((i) => corpusOrdinary(i) && silent(i)).length)),
));
// An ambiguous rule verdict is raised when p(clear) is as high as on at most 1% of ordinary lines.
const promote = r3(Math.max(0.8, capAt(items.flatMap((i, k) => (corpusOrdinary(i) ? [oof[k]!.clear] : [])), MAX_OOF_CLEAR_ORDINARY)));
// A full alert is lowered only below every clear danger the rules caught out of fold: no
// clear danger of the tuning part would lose its lines at once.
const clearCaught = items.flatMap((i, k) => (i.clear && i.reading.signal?.level === 'clear' ? [Math.max(oof[k]!.any, oof[k]!.clearClausesAny)] : []));
// Measured and NOT used (demote 0): below this, out of fold, no clear danger of the corpus
// would lose its lines, and on fresh text (rules of an earlier commit, later batches) it took
// 2 of 10 full alerts away; but the lexicon knows dangers the corpus never says ("c'est de
// la sextorsion": p(any) 0.009 out of the model's ignorance, not from an ordinary context),
// and a clear danger must keep its lines at once. Printed for the record.
const demoteMeasured = Math.floor(Math.min(...clearCaught) * 0.9 * 1000) / 1000;
const demote = 0;
// Categories: the lowest threshold at which the model's categories are right 95% of the time.
const pairs = items.flatMap((i, k) => (i.labels.length === 0 ? [] : oof[k]!.categories.map((c) => ({ p: c.p, right: i.labels.includes(c.label) })))).sort((a, b) => b.p - a.p);
let category = 1;
{
  let right = 0;
  pairs.forEach((x, n) => {
    if (x.right) right++;
    if (right / (n + 1) >= MIN_CATEGORY_PRECISION && (pairs[n + 1]?.p ?? -1) < x.p) category = Math.max(MIN_CATEGORY_P, x.p);
  });
}
// Measured and NOT used (alone 2: never): on the held-out part (measured once, 2026-12-03) the
// model alone at this threshold took clear danger at once from 89.3% to 91.4% but full alerts
// on ordinary lines from 2.4% to 3.3%, over the gate: a statistical guess alone still only asks.
const thresholds: StackThresholds = { ask: r3(ask), alone: 2, promote, demote, category: r3(category) };
console.log(`  model alone, clear (not used) at ${alone}`);

// What the chosen policy does out of fold.
const verdicts = items.map((i, k) => stack(i.reading.signal, i.reading.touched, oof[k]!, thresholds, oof[k]!.clearClausesAny));
const count = (pred: (i: ModelItem, v: ReturnType<typeof stack>, s: ModelScores & { clearClausesAny: number }) => boolean) => items.filter((i, k) => pred(i, verdicts[k]!, oof[k]!)).length;
const crisis = items.filter((i) => i.labels.length > 0).length;
console.log(`training data: ${items.filter((i) => i.item).length} tuning lines + ${items.filter(plain).length} plain answers, ${FOLDS}-fold out-of-fold scores`);
console.log('thresholds:', JSON.stringify(thresholds));
console.log(`  model alone asks on ${count((i, v) => silent(i) && i.labels.length > 0 && !!v)} of ${count((i) => silent(i) && i.labels.length > 0)} crisis lines the rules are silent on`);
console.log(`  model alone, clear: ${count((i, v) => silent(i) && v?.level === 'clear')} lines (max plain-answer p(clear) ${maxOrdinaryClear.toFixed(3)})`);
console.log(`  promoted: ${count((i, v) => i.reading.signal?.level === 'ambiguous' && v?.level === 'clear')} (of which ordinary ${count((i, v) => i.labels.length === 0 && i.reading.signal?.level === 'ambiguous' && v?.level === 'clear')}); crisis lines with p(clear) >= promote: ${count((i, _v, s) => i.clear && s.clear >= promote)} of ${count((i) => i.clear)} clear ones`);
console.log(`  demote (not used) below ${demoteMeasured}: ordinary corpus lines whose p(any) is under it ${count((i, _v, s) => corpusOrdinary(i) && s.any < demoteMeasured)} of ${count(corpusOrdinary)}; clear lines ${count((i, _v, s) => i.clear && s.any < demoteMeasured && s.clearClausesAny < demoteMeasured)}`);
console.log(`  categories added: ${count((i, v) => !!i.reading.signal && !!v && v.categories.length > i.reading.signal.categories.length)} verdicts (${count((i, v) => !!v && i.labels.length > 0 && v.categories.some((c) => !i.labels.includes(c as CrisisCategory)))} of ${crisis} crisis verdicts with a category not labelled)`);

const final = train(items.map((i) => ({ tokens: i.reading.tokens, markers: i.reading.markers, labels: i.labels, clear: i.clear })), MODEL_LABELS);
const json = toJson(final, MODEL_LABELS, thresholds, `tuning part of test/fixtures/safety (${items.filter((i) => i.item).length} messages) and ${items.filter(plain).length} plain answers of test/fixtures/understanding/utterances.json; thresholds on ${FOLDS}-fold out-of-fold predictions in that data`);
const out = path.join(__dirname, '..', 'understanding', 'safety', 'crisisModel.json');
fs.writeFileSync(out, `${JSON.stringify(json)}\n`);
console.log(`wrote ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
