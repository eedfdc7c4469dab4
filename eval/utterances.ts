import type { Lang } from '../intake/vocabulary';
import type { Command } from '../understanding/parseCommand';
import type { CommuneIndex } from '../understanding/places/CommuneIndex';
import { useReadingModel, type ReadingModel } from '../understanding/readingModel';
import { understand, type Asked, type Understanding } from '../understanding/understand';

/** One labelled message of test/fixtures/understanding/utterances.json (see its README). */
export interface Utterance {
  id: string;
  lang: Lang;
  style: 'standard' | 'texting';
  asked: Asked | null;
  context?: { situation?: string };
  text: string;
  expect: Record<string, unknown>;
  note?: string;
}

/** What the evaluation compares: the corpus's labels, read off an Understanding. */
export type Labels = Record<string, unknown>;

/** The keys scored; `field` goes with `command`. */
export const SCORED = [
  'firstName', 'age', 'situation', 'schoolYear', 'diplomaLevel', 'needs', 'place', 'priority', 'meeting', 'availability',
  'email', 'phone', 'contactPreference', 'confirm', 'lang', 'correction', 'faq', 'command', 'clarify', 'skip', 'noise',
] as const;
export type ScoredKey = (typeof SCORED)[number];

const COMMAND_CODES: Record<Command['kind'], string> = {
  help: 'help', back: 'back', restart: 'restart', stop: 'stop', deleteData: 'delete_data', edit: 'edit', switchLang: 'switch_lang',
};

/** The corpus shape of what `understand` read. */
export function labelsOf(u: Understanding, asked: Asked | null): Labels {
  const s = u.slots;
  const l: Labels = {};
  if (s.firstName !== undefined) l.firstName = s.firstName;
  if (s.age !== undefined) l.age = s.age;
  if (s.situation) {
    const sit: Record<string, unknown> = { kind: s.situation.kind };
    if (s.situation.schoolYear) sit.schoolYear = s.situation.schoolYear;
    if (s.situation.diplomaLevel) sit.diplomaLevel = s.situation.diplomaLevel;
    l.situation = sit;
  }
  if (s.level) {
    if (s.level.schoolYear) l.schoolYear = s.level.schoolYear;
    if (s.level.diplomaLevel) l.diplomaLevel = s.level.diplomaLevel;
  }
  if (s.needs) l.needs = s.needs;
  if (s.place) {
    const p = s.place;
    if (p.kind === 'commune') l.place = { commune: p.place.commune };
    else if (p.kind === 'ambiguous') l.place = { ambiguous: p.candidates.map((c) => c.commune) };
    else if (p.kind === 'postalCode') l.place = { postalCode: p.code, communes: p.candidates.map((c) => c.commune) };
    else if (p.kind === 'departement') l.place = { departement: p.code };
    else l.place = { unknown: true };
  }
  if (s.priority !== undefined) l.priority = s.priority;
  if (s.meeting) l.meeting = s.meeting;
  if (s.availability !== undefined) l.availability = true;
  if (s.email) l.email = s.email;
  if (s.phone) l.phone = s.phone;
  if (s.contactPreference) l.contactPreference = s.contactPreference;
  if (s.confirm !== undefined && asked === 'confirm') l.confirm = s.confirm;
  if (u.lang) l.lang = u.lang;
  if (u.correction) l.correction = true;
  if (u.faq) l.faq = u.faq;
  // A switch request is labelled by its language only (corpus README: `lang`).
  if (u.command && u.command.kind !== 'switchLang') {
    l.command = COMMAND_CODES[u.command.kind];
    if (u.command.kind === 'edit' && u.command.field) l.field = u.command.field;
  }
  if (u.command?.kind === 'switchLang') l.lang = u.command.lang;
  if (u.clarify) l.clarify = true;
  if (u.skip) l.skip = true;
  if (u.noise) l.noise = true;
  return l;
}

const sameSet = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) && new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/** Whether a predicted value matches the label; places and sets have their own rules (README). */
export function matches(key: ScoredKey, expected: unknown, predicted: unknown, exp: Labels, pred: Labels): boolean {
  if (predicted === undefined) return false;
  switch (key) {
    case 'situation': {
      const e = expected as Record<string, unknown>;
      const p = predicted as Record<string, unknown>;
      return e.kind === p.kind && (e.schoolYear ?? null) === (p.schoolYear ?? null) && (e.diplomaLevel ?? null) === (p.diplomaLevel ?? null);
    }
    case 'needs':
      return sameSet(expected, predicted);
    case 'priority':
      return expected === null ? predicted === null : sameSet(expected, predicted);
    case 'place':
      return placeMatches(expected as Record<string, unknown>, predicted as Record<string, unknown>);
    case 'command':
      return expected === predicted && (expected !== 'edit' || (exp.field ?? null) === (pred.field ?? null));
    default:
      return expected === predicted;
  }
}

function placeMatches(e: Record<string, unknown>, p: Record<string, unknown>): boolean {
  if (typeof e.commune === 'string') {
    const accepted = [e.commune, ...((e.alsoAccept as string[] | undefined) ?? [])];
    return typeof p.commune === 'string' && accepted.includes(p.commune);
  }
  // A bot offering more namesakes than the label lists is fine; missing one is not.
  if (Array.isArray(e.ambiguous)) return Array.isArray(p.ambiguous) && e.ambiguous.every((c) => (p.ambiguous as string[]).includes(c));
  if (typeof e.postalCode === 'string') {
    return p.postalCode === e.postalCode && sameSet(e.communes, p.communes);
  }
  if (typeof e.departement === 'string') return p.departement === e.departement;
  if (e.unknown === true) return p.unknown === true;
  return false;
}

export interface SlotScore { key: ScoredKey; support: number; tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
export interface Miss { id: string; key: ScoredKey; text: string; asked: Asked | null; expected: unknown; predicted: unknown }
export interface UtteranceReport { count: number; slots: SlotScore[]; misses: Miss[]; exact: number }

/**
 * Scores `understand` on labelled messages: per slot, a right value is a true positive, a
 * wrong one both a false positive and a false negative, a value where none is labelled a
 * false positive. `lang` is scored only where labelled (most messages state no language test).
 */
export function evaluateUtterances(items: readonly Utterance[], places: CommuneIndex, today: Date, opts: { modelFor?: (id: string) => ReadingModel | null } = {}): UtteranceReport {
  try {
    return scoreUtterances(items, places, today, opts);
  } finally {
    if (opts.modelFor) useReadingModel(undefined);
  }
}

function scoreUtterances(items: readonly Utterance[], places: CommuneIndex, today: Date, opts: { modelFor?: (id: string) => ReadingModel | null }): UtteranceReport {
  const counts = new Map<ScoredKey, { tp: number; fp: number; fn: number; support: number }>();
  for (const k of SCORED) counts.set(k, { tp: 0, fp: 0, fn: 0, support: 0 });
  const misses: Miss[] = [];
  let exact = 0;
  for (const item of items) {
    if (opts.modelFor) useReadingModel(opts.modelFor(item.id));
    const situation = (item.context?.situation ?? null) as never;
    const u = understand(item.text, { asked: item.asked, situation, lang: item.lang, today, places });
    const pred = labelsOf(u, item.asked);
    if (!('lang' in item.expect)) delete pred.lang;
    let allRight = true;
    for (const key of SCORED) {
      const c = counts.get(key)!;
      const e = item.expect[key];
      const p = pred[key];
      if (e === undefined && p === undefined) continue;
      if (e !== undefined) c.support += 1;
      if (e !== undefined && matches(key, e, p, item.expect, pred)) { c.tp += 1; continue; }
      allRight = false;
      if (e !== undefined) c.fn += 1;
      if (p !== undefined) c.fp += 1;
      misses.push({ id: item.id, key, text: item.text, asked: item.asked, expected: e, predicted: p });
    }
    if (allRight) exact += 1;
  }
  const slots = SCORED.map((key) => {
    const { tp, fp, fn, support } = counts.get(key)!;
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { key, support, tp, fp, fn, precision, recall, f1 };
  });
  return { count: items.length, slots, misses, exact };
}

export interface SituationNeedsBreakdown {
  situations: number; kindRight: number; situationRight: number; situationExtra: number;
  needsLabelled: number; needsExact: number; needsWhereNone: number; needSupport: number; needMissed: number; needExtra: number;
}

/**
 * Situation and needs in detail, from a report's misses: the situation's kind right (year and
 * level aside), the needs set exact, and each need missed or read extra (counted per need code).
 */
export function situationNeedsBreakdown(items: readonly Utterance[], report: UtteranceReport): SituationNeedsBreakdown {
  const miss = new Map(report.misses.map((m) => [`${m.id}|${m.key}`, m]));
  const b: SituationNeedsBreakdown = { situations: 0, kindRight: 0, situationRight: 0, situationExtra: 0, needsLabelled: 0, needsExact: 0, needsWhereNone: 0, needSupport: 0, needMissed: 0, needExtra: 0 };
  for (const it of items) {
    const sit = it.expect.situation as { kind: string } | undefined;
    const m = miss.get(`${it.id}|situation`);
    if (sit) {
      b.situations += 1;
      if (!m) { b.situationRight += 1; b.kindRight += 1; } else if ((m.predicted as { kind?: string } | undefined)?.kind === sit.kind) b.kindRight += 1;
    } else if (m) b.situationExtra += 1;
    const e = (it.expect.needs as string[] | undefined) ?? [];
    const nm = miss.get(`${it.id}|needs`);
    const p = nm ? ((nm.predicted as string[] | undefined) ?? []) : e;
    if (it.expect.needs !== undefined) { b.needsLabelled += 1; if (!nm) b.needsExact += 1; } else if (nm) b.needsWhereNone += 1;
    b.needSupport += e.length;
    b.needMissed += e.filter((x) => !p.includes(x)).length;
    b.needExtra += p.filter((x) => !e.includes(x)).length;
  }
  return b;
}
