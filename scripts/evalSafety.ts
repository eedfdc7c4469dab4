/**
 * `npm run eval:safety`: recall and false alarms of the safety check on the labelled
 * corpus (test/fixtures/safety/). The tuning part in detail (per category and language,
 * `--misses` lists its misses); the held-out part as four aggregates only, never per
 * category nor line by line: it must not be tuned on, even by reading which categories
 * it misses.
 */
import { evaluateSafety, loadSafetyCorpus, plainAnswers, plainRates, ratio, type PartReport, type Rate } from '../eval/safety';
import { SAFETY_TARGETS } from '../eval/safetyTargets';
import { detectCrisis, detectCrisisRules } from '../understanding/safety/detectCrisis';

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

const items = loadSafetyCorpus();
const reports = evaluateSafety(items, detectCrisis);
console.log(`safety corpus: ${items.length} messages (${items.filter((i) => i.level !== 'none').length} crisis, ${items.filter((i) => i.level === 'none').length} ordinary); tuning ${items.filter((i) => i.part === 'tuning').length}, held-out ${items.filter((i) => i.part === 'heldout').length}`);
print(reports.tuning, true);
print(reports.heldout, false);
// The statistical second opinion measured against the rules alone, on the same messages.
const rulesOnly = evaluateSafety(items, detectCrisisRules);
console.log('\n== rules alone vs rules + model (recall / clear at once / full alerts / questions)');
for (const part of ['tuning', 'heldout'] as const) {
  const f = (r: PartReport) => `${pct(r.recall)}  ${pct(r.clearRecall)}  ${pct(r.falseAlarms)}  ${pct(r.questions)}`;
  console.log(`${part.padEnd(8)} rules alone:    ${f(rulesOnly[part])}`);
  console.log(`${part.padEnd(8)} rules + model:  ${f(reports[part])}`);
}
console.log('\n== plain form answers of the understanding corpus (full alerts / questions)');
for (const file of ['utterances', 'heldout'] as const) {
  const texts = plainAnswers(file);
  for (const [label, detect] of [['rules alone', detectCrisisRules], ['rules + model', detectCrisis]] as const) {
    const r = plainRates(texts, detect);
    console.log(`${file.padEnd(11)} ${label.padEnd(14)} ${pct(r.alarms)}  ${pct(r.questions)}${file === 'utterances' ? '   (trains the model as negatives)' : ''}`);
  }
}
console.log('\ntargets (eval/safetyTargets.ts):', JSON.stringify(SAFETY_TARGETS));
if (process.argv.includes('--misses')) {
  console.log('\n== tuning misses');
  for (const m of reports.tuning.misses) {
    console.log(`${m.why.padEnd(24)} ${m.item.file}:${m.item.line} [${m.item.level} ${m.item.labels.join(',')}] got ${m.got ? `${m.got.level} ${m.got.categories.join(',')}` : 'null'} :: ${m.item.text}`);
  }
}
