/**
 * `npm run eval:conversations`: plays the people corpus (test/fixtures/understanding/people,
 * full conversations written from public testimonies) through the real bot stack and scores
 * every stored request: fields, routing against the labelled acceptable programmes,
 * confirmations asked, messages to a sent request, openings stored as a field.
 * The volunteers' corpus (test/fixtures/understanding/volunteers) is played the same way and
 * printed after it (`--people` or `--volunteers` for one only).
 * `-- --set heldout|tuning` one half only; `--failures` lists what went wrong;
 * `--conversation <id>` prints one transcript. Details are printed for the tuning half only:
 * the held-out half is measured, never looked at (its README).
 */
import { createDatabase } from '../db/createDatabase';
import { seedDirectoryIfEmpty } from '../db/seedDirectory';
import fs from 'node:fs';
import path from 'node:path';
import { evaluatePeople, formatPeopleReport, loadPeople, PEOPLE_SETS, peopleFiles } from '../eval/people';
import { REFERENCE_DAY } from '../eval/referenceDay';
import { crossValidatedModels } from '../eval/readingData';

let folds: ReturnType<typeof crossValidatedModels> | undefined;
const cv = () => (folds ??= crossValidatedModels());

/** Exactly right and routed, per batch of the tuning half (the prefix of the ids: s8a-, s8b-…). */
function byBatch(results: readonly { id: string; exact: boolean; routedOk?: boolean }[]): string {
  const batches = new Map<string, { ok: number; n: number }>();
  for (const r of results) {
    const b = r.id.split('-')[0]!;
    const x = batches.get(b) ?? { ok: 0, n: 0 };
    x.n += 1;
    if (r.exact && r.routedOk) x.ok += 1;
    batches.set(b, x);
  }
  return `  per batch: ${[...batches].map(([b, x]) => `${b} ${x.ok}/${x.n}`).join(' · ')}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const si = args.indexOf('--set');
  const sets = si >= 0 ? [args[si + 1] as (typeof PEOPLE_SETS)[number]] : [...PEOPLE_SETS];
  const ci = args.indexOf('--conversation');
  const show = ci >= 0 ? args[ci + 1] : undefined;
  // Young people first, then volunteers (dialogs/flows/volunteer), each half apart.
  const corpora = args.includes('--volunteers') ? (['volunteers'] as const) : args.includes('--people') ? (['people'] as const) : (['people', 'volunteers'] as const);
  for (const corpus of corpora) for (const set of sets) {
    if (peopleFiles(set, corpus).length === 0) {
      console.log(`People corpus, ${corpus === 'people' ? set : `volunteers ${set}`}: no file yet`);
      continue;
    }
    const db = await createDatabase('pglite://memory');
    try {
      await seedDirectoryIfEmpty(db.prisma);
      // The young people's flow reads with the reading model (understanding/readingModel.ts): on the
      // tuning half it is trained on, each conversation is read by the model of the folds that never
      // saw it; the same conversations with the rules alone are printed after (`--no-compare` skips them).
      const modelFor = corpus === 'people' && set === 'tuning' ? cv().modelFor : undefined;
      const report = await evaluatePeople(loadPeople(set, corpus), db, REFERENCE_DAY, { modelFor });
      const label = corpus === 'people' ? `${set}, rules + reading model${modelFor ? ' (5-fold cross-validated)' : ''}` : `volunteers ${set}`;
      console.log(formatPeopleReport(label, report));
      if (set === 'tuning') console.log(byBatch(report.results));
      if (corpus === 'people' && !args.includes('--no-compare')) {
        // A fresh database: routing breaks ties by remaining capacity, which the first pass used.
        const fresh = await createDatabase('pglite://memory');
        try {
          await seedDirectoryIfEmpty(fresh.prisma);
          const rules = await evaluatePeople(loadPeople(set, corpus), fresh, REFERENCE_DAY, { modelFor: () => null });
          console.log(formatPeopleReport(`${set}, rules alone`, rules));
          if (set === 'tuning') console.log(byBatch(rules.results));
        } finally {
          await fresh.close();
        }
      }
      // Tuning half: one line per file (a new file's first figures are the honest estimate on new text).
      if (set === 'tuning' && peopleFiles(set, corpus).length > 1) {
        for (const file of peopleFiles(set, corpus)) {
          const items = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'test', 'fixtures', 'understanding', corpus, file), 'utf8')) as { id: string }[];
          const ids = new Set(items.map((c) => c.id));
          const rs = report.results.filter((r) => ids.has(r.id));
          const sent = rs.filter((r) => r.routedTo !== null).map((r) => r.turns).sort((a, b) => a - b);
          const mid = Math.floor(sent.length / 2);
          const med = sent.length === 0 ? null : sent.length % 2 ? sent[mid] : (sent[mid - 1]! + sent[mid]!) / 2;
          console.log(`  ${file}: exactly right and routed ${rs.filter((r) => r.exact && r.routedOk !== false).length}/${rs.length}, every field right ${rs.filter((r) => r.exact).length}, routed acceptably ${rs.filter((r) => r.routedOk).length}, stuck ${rs.filter((r) => r.stuck).length}, median messages ${med}`);
        }
      }
      // Held-out: aggregate numbers only.
      for (const r of set === 'tuning' ? report.results : []) {
        const failed = !r.exact || r.routedOk === false || r.openingStored.length > 0;
        if (args.includes('--failures') && failed) {
          const why = [r.stuck, ...r.differences.map((d) => `${d.field}: expected ${JSON.stringify(d.expected)} stored ${JSON.stringify(d.stored)}`),
            r.routedOk === false ? `routed to ${r.routedTo}` : null, r.openingStored.length ? `opening stored in ${r.openingStored.join(', ')}` : null,
            r.reasked.length ? `re-asked ${r.reasked.join(', ')}` : null,
            r.unscripted.length ? `no corpus reply for ${r.unscripted.join(', ')} (answered "je sais pas")` : null].filter(Boolean);
          console.log(`  ${r.id}: ${why.join('; ')}`);
        }
        if (r.id === show) console.log(r.transcript.map((l) => `    ${l.replace(/\n/g, '\n      ')}`).join('\n'));
      }
    } finally {
      await db.close();
    }
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
