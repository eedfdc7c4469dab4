/**
 * `npx tsx scripts/evalSafetyAtCommit.ts <commit> <first batch>`: fresh text for the rules,
 * inside the tuning part. The rules as they were at <commit> (understanding/safety taken from
 * git into a temporary folder; commits since the model exists, 7f9f2a2) read the tuning lines
 * of the batches written after it, alone and combined with the current model, each line
 * scored by the model trained without its fold (eval/safetyCv.ts). Cross-validation removes
 * the model's over-fit, this removes the rules' own: how the combination does on phrasings
 * the rules were not tuned on. Only the tuning part is read. Example (rules before batches
 * 4-6): `npx tsx scripts/evalSafetyAtCommit.ts e403fea 4`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluateSafety, loadSafetyCorpus, ratio, type PartReport, type Rate } from '../eval/safety';
import { foldModels, foldOf, modelItems } from '../eval/safetyCv';
import { MODEL, readForModel, type RulesReading } from '../understanding/safety/detectCrisis';
import { scoresOf, scoreTokens, stack, type StackThresholds } from '../understanding/safety/crisisModel';

const [commit, firstBatch] = [process.argv[2], Number(process.argv[3])];
if (!commit || !Number.isInteger(firstBatch)) throw new Error('usage: evalSafetyAtCommit.ts <commit> <first batch>');

const root = path.join(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safety-rules-'));
execFileSync('tar', ['-x', '-C', dir], { input: execFileSync('git', ['archive', commit, 'understanding/safety'], { cwd: root, maxBuffer: 64 << 20 }) });
const file = path.join(dir, 'understanding', 'safety', 'detectCrisis.ts');
if (!/function readRules\(/.test(fs.readFileSync(file, 'utf8'))) throw new Error(`${commit}: no readRules in detectCrisis.ts (commits since 7f9f2a2)`);
fs.appendFileSync(file, '\nexport const readRulesThen = readRules;\n');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const then = require(file) as { readRulesThen: (text: string) => Pick<RulesReading, 'signal' | 'touched'> };

const lines = loadSafetyCorpus().filter((i) => i.part === 'tuning' && i.batch >= firstBatch);
const models = foldModels(modelItems(), MODEL.thresholds);
const detector = (t: StackThresholds | null) => (text: string) => {
  const old = then.readRulesThen(text);
  const now = readForModel(text);
  if (!t || now.tokens.length === 0 || (!old.signal && old.touched)) return old.signal;
  const m = models[foldOf(text)]!;
  return stack(old.signal, old.touched, scoresOf(m, scoreTokens(m, now.tokens, now.markers)), t);
};
const pct = (r: Rate) => `${(ratio(r) * 100).toFixed(1).padStart(5)}% (${r.hits}/${r.total})`;
const f = (r: PartReport) => `${pct(r.recall)}  ${pct(r.clearRecall)}  ${pct(r.falseAlarms)}  ${pct(r.questions)}`;
const T = MODEL.thresholds;
console.log(`rules of ${commit} on the tuning lines of batches ${firstBatch}+ (${lines.length}); recall / clear at once / full alerts / questions`);
console.log(`rules alone:                        ${f(evaluateSafety(lines, detector(null)).tuning)}`);
console.log(`+ model asks when rules are silent: ${f(evaluateSafety(lines, detector({ ...T, alone: 2, promote: 2, demote: 0, category: 2 })).tuning)}`);
console.log(`+ stacking (crisisModel.json):      ${f(evaluateSafety(lines, detector(T)).tuning)}`);
fs.rmSync(dir, { recursive: true, force: true });
