/**
 * `npx tsx scripts/trainReadingModel.ts`: trains the reading model of situations and needs
 * (understanding/readingModel.ts) on the tuning data only (eval/readingData.ts: never a
 * held-out file), chooses its thresholds by 5-fold cross-validation there, and writes
 * understanding/readingModel.json. Deterministic: the same data give the same file.
 *
 * A threshold is chosen per context (the answer to the slot's question: one for both slots,
 * their misses are few; an opening: one per slot) on the messages where the rules read nothing for the slot, the only ones the
 * model is consulted on: the lowest one at which the out-of-fold readings it would offer are
 * right often enough (a wrong one costs a "no" and the question again). Then prints the
 * out-of-fold precision and recall on every opening, whatever the rules read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NEEDS, type Need } from '../intake/vocabulary';
import { CommuneIndex } from '../understanding/places/CommuneIndex';
import { loadReadingModel, scoreReading, trainReadingModel, useReadingModel, type ModelScores, type ReadingContext, type ReadingThresholds } from '../understanding/readingModel';
import { understand, type Asked } from '../understanding/understand';
import { foldOf, READING_FOLDS, readingItems, type ReadingItem } from '../eval/readingData';
import { REFERENCE_DAY } from '../eval/referenceDay';

/** Out-of-fold readings offered that must be right, at least: a check after a missed answer, a check instead of the question after an opening. */
const MIN_PRECISION: Record<ReadingContext, number> = { asked: 0.75, opening: 0.85 };
/** A threshold is chosen only where at least this many out-of-fold readings would be offered. */
const MIN_OFFERED = 5;
const GRID = [...Array.from({ length: 14 }, (_, i) => Math.round((0.3 + i * 0.05) * 100) / 100), 0.97, 0.99];

const items = readingItems();
const places = CommuneIndex.load();
useReadingModel(null);
const rules = items.map((it) => {
  const u = understand(it.text, { asked: it.asked as Asked | null, lang: it.lang, today: REFERENCE_DAY, places });
  return { situation: !!(u.slots.situation || u.slots.level) || u.clarify === 'situation', needs: !!u.slots.needs || u.clarify === 'needs', question: !!u.faq };
});

const placeholder: ReadingThresholds = { situation: { asked: 1, opening: 1 }, needs: { asked: 1, opening: 1 } };
const oof: ModelScores[] = new Array(items.length);
for (let f = 0; f < READING_FOLDS; f++) {
  const model = loadReadingModel(trainReadingModel(items.filter((i) => foldOf(i.group) !== f), placeholder, 'cv'));
  items.forEach((it, k) => { if (foldOf(it.group) === f) oof[k] = scoreReading(model, it.text); });
}

const contextOf = (it: ReadingItem, slot: 'situation' | 'needs'): ReadingContext | null => (it.asked === null ? 'opening' : it.asked === slot ? 'asked' : null);
const sameSet = (a: readonly Need[], b: readonly Need[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Whether the model's out-of-fold reading of item k at threshold t is offered, and right. */
function offer(slot: 'situation' | 'needs', k: number, t: number): { offered: boolean; right: boolean } {
  const it = items[k]!;
  const s = oof[k]!;
  if (slot === 'situation') return { offered: s.situation.p >= t, right: s.situation.kind === it.situation };
  const needs = s.needs.filter((n) => n.p >= t).map((n) => n.need);
  return { offered: needs.length > 0, right: sameSet(needs, it.needs) };
}

/**
 * One threshold per context for the given slots: after a question, both slots together (the
 * answers the rules miss are too few to choose per slot); in an opening, each slot apart.
 */
function choose(context: ReadingContext, slots: readonly ('situation' | 'needs')[]): number {
  const pools = slots.map((slot) => {
    const pool = items.map((it, k) => ({ it, k })).filter(({ it, k }) => contextOf(it, slot) === context && !rules[k]![slot] && !rules[k]!.question);
    const labelled = pool.filter(({ it }) => (slot === 'situation' ? it.situation !== null : it.needs.length > 0)).length;
    console.log(`${context}, ${slot}: ${pool.length} messages the rules read nothing in, ${labelled} of them labelled`);
    return { slot, pool };
  });
  let chosen = 1;
  for (const t of GRID) {
    let offered = 0;
    let right = 0;
    const per: string[] = [];
    for (const { slot, pool } of pools) {
      let o = 0;
      let r = 0;
      for (const { k } of pool) {
        const x = offer(slot, k, t);
        if (!x.offered) continue;
        o += 1;
        if (x.right) r += 1;
      }
      per.push(`${slot} ${r}/${o}`);
      offered += o;
      right += r;
    }
    const precision = offered === 0 ? 1 : right / offered;
    console.log(`  t=${t.toFixed(2)}: offered ${offered}, right ${right} (${(100 * precision).toFixed(0)} %): ${per.join(', ')}`);
    if (chosen === 1 && offered >= MIN_OFFERED && precision >= MIN_PRECISION[context]) chosen = t;
  }
  console.log(`  chosen: ${chosen === 1 ? 'none (the model is not consulted there)' : chosen}`);
  return chosen;
}

const asked = choose('asked', ['situation', 'needs']);
const thresholds: ReadingThresholds = {
  situation: { asked, opening: choose('opening', ['situation']) },
  needs: { asked, opening: choose('opening', ['needs']) },
};
openingReport();
/**
 * Out-of-fold precision and recall on every opening (nothing asked), whatever the rules read:
 * the situation's kind and each need, at 0.5 and at the thresholds chosen.
 */
function openingReport(): void {
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(0)} %`);
  const ks = items.map((_, k) => k).filter((k) => items[k]!.asked === null);
  for (const [name, ts, tn] of [['0.5', 0.5, 0.5], ['chosen', thresholds.situation.opening, thresholds.needs.opening]] as const) {
    let o = 0; let r = 0; let l = 0;
    for (const k of ks) {
      const it = items[k]!; const s = oof[k]!.situation;
      if (it.situation) l += 1;
      if (s.p >= ts) { o += 1; if (s.kind === it.situation) r += 1; }
    }
    const per = NEEDS.map((need) => {
      let no = 0; let nr = 0; let nl = 0;
      for (const k of ks) {
        const y = items[k]!.needs.includes(need);
        if (y) nl += 1;
        if (oof[k]!.needs.find((n) => n.need === need)!.p >= tn) { no += 1; if (y) nr += 1; }
      }
      return `${need} ${pct(nr, no)}/${pct(nr, nl)}`;
    });
    console.log(`openings (${ks.length}), out of fold, thresholds ${name}: situation precision ${pct(r, o)} recall ${pct(r, l)}; needs precision/recall: ${per.join(', ')}`);
  }
}

const json = trainReadingModel(items, thresholds,
  `utterances.json, conversations.json and people/tuning*.json (${items.length} messages); thresholds by ${READING_FOLDS}-fold cross-validation there`);
const out = path.join(__dirname, '..', 'understanding', 'readingModel.json');
fs.writeFileSync(out, `${JSON.stringify(json)}\n`);
console.log(`wrote ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
