import data from './helpLines.json';
import { CRISIS_CATEGORIES, type CrisisCategory } from './detectCrisis';

/** A help line to show; the text comes from locales/<lang>/safety.json through textKey. */
export interface HelpLine {
  id: string;
  /** As people dial it, e.g. "3114" or "0 800 235 236" (or the site listing regional numbers). */
  number: string;
  /** e.g. "safety.line.3114". */
  textKey: string;
}

export interface HelpLineOptions {
  /**
   * The age the young person gave, if any. Unknown counts as "may be a minor" and "may be
   * an adult" at once: at the moment of a crisis the age is often not asked yet, most users
   * are 13-25, and showing 119 to an adult costs one extra line while hiding it from a
   * child in danger costs much more.
   */
  age?: number;
  /** Older callers: whether the person may be under 18 (ignored when age is given). */
  mayBeMinor?: boolean;
}

interface HelpLineRule extends HelpLine {
  always: boolean;
  categories: readonly CrisisCategory[];
  categoriesIfMayBeMinor: readonly CrisisCategory[];
  categoriesIfMayBeAdult: readonly CrisisCategory[];
  maxAge: number | null;
}

interface HelpLineJson {
  id: string;
  number: string;
  textKey: string;
  show?: string;
  categories?: string[];
  categoriesIfMayBeMinor?: string[];
  categoriesIfMayBeAdult?: string[];
  maxAge?: number;
  source?: { url?: string; checked?: string; says?: string };
}

function categoriesOf(values: readonly string[] | undefined, id: string): CrisisCategory[] {
  return (values ?? []).map((c) => {
    if (!(CRISIS_CATEGORIES as readonly string[]).includes(c)) throw new Error(`help lines: unknown category "${c}" for ${id}`);
    return c as CrisisCategory;
  });
}

/** Validates the data once at load, so a bad edit fails the tests rather than a conversation in crisis. */
export function compileHelpLines(json: { lines: HelpLineJson[] }): HelpLineRule[] {
  const seen = new Set<string>();
  return json.lines.map((line) => {
    if (seen.has(line.id)) throw new Error(`help lines: duplicate id ${line.id}`);
    seen.add(line.id);
    if (line.show !== undefined && line.show !== 'always') throw new Error(`help lines: unknown show "${line.show}" for ${line.id}`);
    if (!line.textKey.startsWith('safety.')) throw new Error(`help lines: textKey of ${line.id} must be in safety.json`);
    // Every number shown to someone in danger must say where it was checked.
    if (!line.source?.url || !/^https?:\/\//.test(line.source.url) || !line.source.checked || !line.source.says) {
      throw new Error(`help lines: ${line.id} needs a source (url, checked, says)`);
    }
    return {
      id: line.id,
      number: line.number,
      textKey: line.textKey,
      always: line.show === 'always',
      categories: categoriesOf(line.categories, line.id),
      categoriesIfMayBeMinor: categoriesOf(line.categoriesIfMayBeMinor, line.id),
      categoriesIfMayBeAdult: categoriesOf(line.categoriesIfMayBeAdult, line.id),
      maxAge: typeof line.maxAge === 'number' ? line.maxAge : null,
    };
  });
}

const RULES = compileHelpLines(data as { lines: HelpLineJson[] });

/**
 * The lines to show for a crisis, in display order (the order of helpLines.json): the
 * emergency numbers first, the lines matching the categories and the age, a listening line
 * last. Each line appears once, however many categories call for it.
 */
export function helpLinesFor(categories: readonly CrisisCategory[], options: HelpLineOptions = {}): HelpLine[] {
  const age = typeof options.age === 'number' && Number.isFinite(options.age) ? options.age : undefined;
  const mayBeMinor = age !== undefined ? age < 18 : options.mayBeMinor ?? true;
  const mayBeAdult = age !== undefined ? age >= 18 : options.mayBeMinor !== true;
  const wanted = new Set(Array.isArray(categories) ? categories : []);
  const applies = (c: CrisisCategory): boolean => wanted.has(c);
  return RULES.filter(
    (r) =>
      (r.maxAge === null || age === undefined || age <= r.maxAge) &&
      (r.always || r.categories.some(applies) || (mayBeMinor && r.categoriesIfMayBeMinor.some(applies)) || (mayBeAdult && r.categoriesIfMayBeAdult.some(applies))),
  ).map(({ id, number, textKey }) => ({ id, number, textKey }));
}
