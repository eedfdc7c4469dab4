/**
 * `npm run eval:safety`: recall and false alarms of the safety check on the labelled
 * corpus (test/fixtures/safety/). The tuning part in detail (per category and language,
 * `--misses` lists its misses); the held-out part as four aggregates only, never per
 * category nor line by line: it must not be tuned on, even by reading which categories
 * it misses. Beside them, the tuning part cross-validated (eval/safetyCv.ts) and by batch.
 * `--no-heldout` leaves the held-out part out entirely (for working on the check).
 */
import { conversationTexts, evaluateSafety, loadSafetyCorpus, plainAnswers, plainRates, ratio, type PartReport, type Rate } from '../eval/safety';
import { SAFETY_TARGETS } from '../eval/safetyTargets';
import { detectCrisis, detectCrisisRules, MODEL } from '../understanding/safety/detectCrisis';
import { crossValidatedDetector, foldModels, FOLDS, modelItems } from '../eval/safetyCv';

const pct = (r: Rate) => `${(ratio(r) * 100).toFixed(1).padStart(5)}% (${r.hits}/${r.total})`;

function print(report: PartReport, details: boolean): void {
  console.log(`\n== ${report.part} part`);
  console.log(`crisis recall (flagged, right categories): ${pct(report.recall)}   flagged at all: ${pct(report.flagged)}`);
  console.log(`clear danger, lines at once:              ${pct(report.clearRecall)}`);
  console.log(`ordinary, full alert (false alarm):       ${pct(report.falseAlarms)}`);
  console.log(`ordinary, gentle question:                ${pct(report.questions)}`);
  if (!details) return;
  console.log('\ncategory            lang  recall               clear at once');
  for (const [key, v] of [...report.byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const [cat, lang] = key.split(' ');
    console.log(`${cat!.padEnd(20)}${lang!.padEnd(6)}${pct(v.recall).padEnd(21)}${v.clearRecall.total ? pct(v.clearRecall) : '-'}`);
  }
  console.log('\nordinary kind       lang  full alerts          questions');
  for (const [key, v] of [...report.byTrap].sort(([a], [b]) => a.localeCompare(b))) {
    const [kind, lang] = key.split(' ');
    console.log(`${kind!.padEnd(20)}${lang!.padEnd(6)}${pct(v.falseAlarms).padEnd(21)}${pct(v.questions)}`);
  }
}

const heldout = !process.argv.includes('--no-heldout');
const items = loadSafetyCorpus();
const tuningItems = items.filter((i) => i.part === 'tuning');
const reports = evaluateSafety(heldout ? items : tuningItems, detectCrisis);
console.log(`safety corpus: ${items.length} messages (${items.filter((i) => i.level !== 'none').length} crisis, ${items.filter((i) => i.level === 'none').length} ordinary); tuning ${tuningItems.length}, held-out ${items.length - tuningItems.length}${heldout ? '' : ' (not scored: --no-heldout)'}`);
print(reports.tuning, true);
if (heldout) print(reports.heldout, false);

// Cross-validated inside the tuning part: the combined verdict (rules + a model trained
// without the fold, on the other folds and the plain answers) scored on the fold. The rules
// were tuned on all of it: this removes the model's over-fit, not theirs.
const modelData = modelItems();
const cvModels = foldModels(modelData, MODEL.thresholds);
const cvDetect = crossValidatedDetector(cvModels);
const cv = evaluateSafety(tuningItems, cvDetect).tuning;
const rulesOnly = evaluateSafety(heldout ? items : tuningItems, detectCrisisRules);

const f = (r: PartReport) => `${pct(r.recall)}  ${pct(r.clearRecall)}  ${pct(r.falseAlarms)}  ${pct(r.questions)}`;
console.log('\n== summary: recall / clear at once / full alerts / questions');
console.log(`tuning                   rules alone:    ${f(rulesOnly.tuning)}`);
console.log(`tuning                   rules + model:  ${f(reports.tuning)}`);
console.log(`tuning, cross-validated  rules + model:  ${f(cv)}   (${FOLDS} folds, model trained without the fold)`);
if (heldout) {
  console.log(`held-out                 rules alone:    ${f(rulesOnly.heldout)}`);
  console.log(`held-out                 rules + model:  ${f(reports.heldout)}`);
}

// Per batch, tuning lines only: batches written after the rules were last tuned are the
// nearest thing to fresh text inside the tuning part.
console.log('\n== tuning part by batch (recall / clear at once / full alerts / questions)');
for (const batch of [...new Set(tuningItems.map((i) => i.batch))].sort((a, b) => a - b)) {
  const lines = tuningItems.filter((i) => i.batch === batch);
  console.log(`batch ${String(batch).padEnd(3)} ${String(lines.length).padStart(4)} lines   rules + model:   ${f(evaluateSafety(lines, detectCrisis).tuning)}`);
  console.log(`                     cross-validated: ${f(evaluateSafety(lines, cvDetect).tuning)}`);
}

console.log('\n== plain form answers of the understanding corpus (full alerts / questions)');
{
  const r = plainRates(plainAnswers('utterances'), cvDetect);
  console.log(`${'utterances'.padEnd(11)} ${'cross-valid.'.padEnd(14)} ${pct(r.alarms)}  ${pct(r.questions)}   (each answer scored by the model trained without its fold)`);
}
for (const file of heldout ? (['utterances', 'heldout'] as const) : (['utterances'] as const)) {
  const texts = plainAnswers(file);
  for (const [label, detect] of [['rules alone', detectCrisisRules], ['rules + model', detectCrisis]] as const) {
    const r = plainRates(texts, detect);
    console.log(`${file.padEnd(11)} ${label.padEnd(14)} ${pct(r.alarms)}  ${pct(r.questions)}${file === 'utterances' ? '   (trains the model as negatives)' : ''}`);
  }
}
// Everything people wrote in the full simulated conversations (young people and volunteers).
for (const half of heldout ? (['tuning', 'heldout'] as const) : (['tuning'] as const)) {
  const texts = conversationTexts(half);
  for (const [label, detect] of [['rules alone', detectCrisisRules], ['rules + model', detectCrisis]] as const) {
    const r = plainRates(texts, detect);
    console.log(`${`conv. ${half}`.padEnd(15)} ${label.padEnd(14)} ${pct(r.alarms)}  ${pct(r.questions)}`);
  }
}
console.log('\ntargets (eval/safetyTargets.ts):', JSON.stringify(SAFETY_TARGETS));
if (process.argv.includes('--misses')) {
  console.log('\n== tuning misses');
  for (const m of reports.tuning.misses) {
    console.log(`${m.why.padEnd(24)} ${m.item.file}:${m.item.line} [${m.item.level} ${m.item.labels.join(',')}] got ${m.got ? `${m.got.level} ${m.got.categories.join(',')}` : 'null'} :: ${m.item.text}`);
  }
  console.log('\n== tuning misses, cross-validated');
  for (const m of cv.misses) {
    console.log(`${m.why.padEnd(24)} ${m.item.file}:${m.item.line} [${m.item.level} ${m.item.labels.join(',')}] got ${m.got ? `${m.got.level} ${m.got.categories.join(',')}` : 'null'} :: ${m.item.text}`);
  }
}
