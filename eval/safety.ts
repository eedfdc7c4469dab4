/**
 * Scores the safety check on the labelled corpus (test/fixtures/safety/, format and split
 * rule in its README). Plain TypeScript: used by `npm run eval:safety` and by the CI gate
 * (test/understanding/safety/gate.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadPeople } from './peopleCorpus';
import type { CrisisCategory, CrisisSignal } from '../understanding/safety/detectCrisis';

export type Part = 'tuning' | 'heldout';
export type Level = 'clear' | 'ambiguous' | 'none';

export interface SafetyItem {
  file: string;
  line: number;
  lang: 'fr' | 'en';
  level: Level;
  /** Crisis categories (crisis lines) or trap kinds (ordinary lines). */
  labels: string[];
  position: string;
  tags: string[];
  text: string;
  part: Part;
  /** The batch it was written in: the latest `# --- batch N` marker above it (1 before any). */
  batch: number;
}

export const CORPUS_DIR = path.join(__dirname, '..', 'test', 'fixtures', 'safety');
const FILES = ['crisis-fr.txt', 'crisis-en.txt', 'ordinary-fr.txt', 'ordinary-en.txt'];
const SPLIT_SEED = 'binome-safety-v1|';

/** FNV-1a, 32 bits, over UTF-8 bytes: the split rule written in the corpus README. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function splitOf(lang: string, text: string): Part {
  return fnv1a(`${SPLIT_SEED}${lang}|${text}`) % 10 < 3 ? 'heldout' : 'tuning';
}

export function loadSafetyCorpus(dir = CORPUS_DIR): SafetyItem[] {
  const items: SafetyItem[] = [];
  for (const file of FILES) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    let batch = 1;
    lines.forEach((raw, i) => {
      const marker = /^# --- batch (\d+)\b/.exec(raw);
      if (marker) batch = Number(marker[1]);
      if (raw.trim() === '' || raw.startsWith('#')) return;
      const fields = raw.split('|');
      if (fields.length !== 6) throw new Error(`${file}:${i + 1}: expected 6 fields, got ${fields.length}`);
      const [lang, level, labels, position, tags, text] = fields as [string, string, string, string, string, string];
      if (lang !== 'fr' && lang !== 'en') throw new Error(`${file}:${i + 1}: bad lang ${lang}`);
      if (level !== 'clear' && level !== 'ambiguous' && level !== 'none') throw new Error(`${file}:${i + 1}: bad level ${level}`);
      if (!/^(open|mid:\w+)$/.test(position)) throw new Error(`${file}:${i + 1}: bad position ${position}`);
      items.push({
        file, line: i + 1, lang, level,
        labels: labels.split(',').filter(Boolean),
        position, tags: tags.split(',').filter(Boolean), text,
        part: splitOf(lang, text),
        batch,
      });
    });
  }
  return items;
}

export interface Rate { hits: number; total: number }
const rate = (): Rate => ({ hits: 0, total: 0 });
const add = (r: Rate, hit: boolean) => { r.total++; if (hit) r.hits++; };
export const ratio = (r: Rate): number => (r.total === 0 ? 1 : r.hits / r.total);

export interface PartReport {
  part: Part;
  /** Crisis lines flagged (either level) with every labelled category in the verdict. */
  recall: Rate;
  /** Crisis lines flagged at all, whatever the categories. */
  flagged: Rate;
  /** Clear crisis lines answered at the clear level with the right categories: lines at once. */
  clearRecall: Rate;
  /** Ordinary lines given a full alert (clear level): false alarms. */
  falseAlarms: Rate;
  /** Ordinary lines given the gentle question (ambiguous level). */
  questions: Rate;
  byCategory: Map<string, { recall: Rate; clearRecall: Rate }>;
  byTrap: Map<string, { falseAlarms: Rate; questions: Rate }>;
  misses: { item: SafetyItem; got: CrisisSignal | null; why: string }[];
}

function emptyPart(part: Part): PartReport {
  return { part, recall: rate(), flagged: rate(), clearRecall: rate(), falseAlarms: rate(), questions: rate(), byCategory: new Map(), byTrap: new Map(), misses: [] };
}

export type Detector = (text: string) => CrisisSignal | null;

/** One report per part; keys of byCategory / byTrap are "<label> <lang>" and "<label> all". */
export function evaluateSafety(items: SafetyItem[], detect: Detector): Record<Part, PartReport> {
  const reports: Record<Part, PartReport> = { tuning: emptyPart('tuning'), heldout: emptyPart('heldout') };
  for (const item of items) {
    const r = reports[item.part];
    const got = detect(item.text);
    if (item.level === 'none') {
      const alarm = got?.level === 'clear';
      const question = got?.level === 'ambiguous';
      add(r.falseAlarms, alarm);
      add(r.questions, question);
      for (const label of item.labels) {
        for (const key of [`${label} ${item.lang}`, `${label} all`]) {
          const t = r.byTrap.get(key) ?? { falseAlarms: rate(), questions: rate() };
          add(t.falseAlarms, alarm);
          add(t.questions, question);
          r.byTrap.set(key, t);
        }
      }
      if (alarm) r.misses.push({ item, got, why: 'false alarm' });
      continue;
    }
    const covers = !!got && item.labels.every((c) => got.categories.includes(c as CrisisCategory));
    const clearHit = item.level === 'clear' ? covers && got!.level === 'clear' : covers;
    add(r.flagged, !!got);
    add(r.recall, covers);
    if (item.level === 'clear') add(r.clearRecall, clearHit);
    for (const label of item.labels) {
      for (const key of [`${label} ${item.lang}`, `${label} all`]) {
        const c = r.byCategory.get(key) ?? { recall: rate(), clearRecall: rate() };
        add(c.recall, covers);
        if (item.level === 'clear') add(c.clearRecall, clearHit);
        r.byCategory.set(key, c);
      }
    }
    if (!covers) r.misses.push({ item, got, why: got ? 'wrong categories' : 'missed' });
    else if (!clearHit) r.misses.push({ item, got, why: 'clear danger only asked' });
  }
  return reports;
}

/**
 * Plain form answers ("j'ai 17 ans", "Lyon", "jsp"), the bulk of real traffic, from the
 * understanding corpus: how often the check alarms or asks on them. utterances.json also
 * trains the statistical model (as negatives); heldout.json is never trained on.
 */
export function plainAnswers(file: 'utterances' | 'heldout'): string[] {
  const p = path.join(__dirname, '..', 'test', 'fixtures', 'understanding', `${file}.json`);
  return (JSON.parse(fs.readFileSync(p, 'utf8')) as { text: string }[]).map((u) => u.text);
}

/**
 * What people wrote in the full simulated conversations of the understanding corpus (young
 * people and volunteers: openings, answers, questions asked mid-way), each text once. Ordinary
 * messages by construction: a retired volunteer's "je suis à la retraite" must not ask the
 * gentle question. Measured only (eval:safety); the model is not trained on them.
 */
export function conversationTexts(half: 'tuning' | 'heldout'): string[] {
  const texts = new Set<string>();
  for (const corpus of ['people', 'volunteers'] as const) {
    for (const c of loadPeople(half, corpus)) {
      texts.add(c.opening);
      for (const a of Object.values(c.answers)) for (const t of Array.isArray(a) ? a : [a]) texts.add(t);
      for (const x of [...(c.interjections ?? []), ...(c.corrections ?? [])]) texts.add(x.text);
    }
  }
  return [...texts].filter((t) => t.trim().length > 0);
}

export function plainRates(texts: string[], detect: Detector): { alarms: Rate; questions: Rate } {
  const alarms = rate();
  const questions = rate();
  for (const t of texts) {
    const got = detect(t);
    add(alarms, got?.level === 'clear');
    add(questions, got?.level === 'ambiguous');
  }
  return { alarms, questions };
}
