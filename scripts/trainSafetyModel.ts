/**
 * `npx tsx scripts/trainSafetyModel.ts`: trains the safety check's statistical second
 * opinion (understanding/safety/crisisModel.ts) on the TUNING part of the safety corpus
 * only, chooses its thresholds by 5-fold cross-validation inside that part, and writes
 * understanding/safety/crisisModel.json. The held-out part is never read here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fnv1a, loadSafetyCorpus } from '../eval/safety';
import { CRISIS_CATEGORIES, crisisWords } from '../understanding/safety/detectCrisis';
import { loadModel, scoreTokens, toJson, train, type TrainingItem } from '../understanding/safety/crisisModel';

const LABELS = ['any', ...CRISIS_CATEGORIES];
const FOLDS = 5;
/** Out-of-fold ordinary messages the model alone may alarm, at most (the rules come first and add none). */
const MAX_OOF_ALARMS = 0.01;
const MAX_OOF_QUESTIONS = 0.03;

const tuning = loadSafetyCorpus().filter((i) => i.part === 'tuning');
// Plain form answers ("j'ai 17 ans", "Lyon", "jsp"), the bulk of real traffic: without them
// the model learns that an age or a short answer comes with a crisis (the corpus's mid-way
// crisis lines carry ages). Taken from the understanding corpus's tuning file only; its
// held-out file measures the question rate on plain answers in eval:safety.
const plain = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'test', 'fixtures', 'understanding', 'utterances.json'), 'utf8')) as { text: string }[])
  .map((u) => ({ text: u.text, level: 'none' as const, labels: [] as string[] }));
const items: (TrainingItem & { crisis: boolean; fold: number })[] = [...tuning, ...plain].map((i) => ({
  tokens: crisisWords(i.text),
  labels: i.level === 'none' ? [] : i.labels,
  crisis: i.level !== 'none',
  fold: fnv1a(`fold|${i.text}`) % FOLDS,
}));

// Out-of-fold probability of "any crisis" for every tuning message.
const oof = new Array<number>(items.length).fill(0);
for (let f = 0; f < FOLDS; f++) {
  const model = loadModel(toJson(train(items.filter((i) => i.fold !== f), LABELS), LABELS, { clear: 1, ask: 1, category: 0.5 }, 'cv'));
  items.forEach((it, k) => { if (it.fold === f) oof[k] = scoreTokens(model, it.tokens)[0]!; });
}
const ordinaryScores = items.map((it, k) => (it.crisis ? null : oof[k]!)).filter((x): x is number => x !== null).sort((a, b) => b - a);
const crisisScores = items.map((it, k) => (it.crisis ? oof[k]! : null)).filter((x): x is number => x !== null);
// The lowest threshold that keeps out-of-fold false alarms / questions under their caps.
const above = (rate: number) => ordinaryScores[Math.floor(ordinaryScores.length * rate)]! + 1e-6;
const clear = Math.max(0.5, above(MAX_OOF_ALARMS));
const ask = Math.max(0.3, Math.min(clear, above(MAX_OOF_ALARMS + MAX_OOF_QUESTIONS)));
console.log('ordinary out-of-fold p(any), top:', ordinaryScores.slice(0, 12).map((x) => x.toFixed(3)).join(' '));
const recallAt = (t: number) => crisisScores.filter((p) => p >= t).length / crisisScores.length;
console.log(`tuning part: ${tuning.length} messages + ${plain.length} plain answers, ${FOLDS}-fold out-of-fold scores`);
console.log(`thresholds: clear ${clear.toFixed(3)} (model-alone recall ${(recallAt(clear) * 100).toFixed(1)}%), ask ${ask.toFixed(3)} (recall ${(recallAt(ask) * 100).toFixed(1)}%)`);

const final = train(items, LABELS);
const json = toJson(final, LABELS, { clear: Math.round(clear * 1000) / 1000, ask: Math.round(ask * 1000) / 1000, category: 0.5 }, `tuning part of test/fixtures/safety (${tuning.length} messages) and ${plain.length} plain answers of test/fixtures/understanding/utterances.json; thresholds by ${FOLDS}-fold cross-validation in that part`);
const out = path.join(__dirname, '..', 'understanding', 'safety', 'crisisModel.json');
fs.writeFileSync(out, `${JSON.stringify(json)}\n`);
console.log(`wrote ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
