import { validateDirectory, type DirectoryFile, type DirectoryIssue, type ValidateDirectoryOptions } from './directorySchema';

/**
 * The directory as a spreadsheet: staff edit criteria in a table more easily than in
 * JSON. One row per programme, the association's columns repeated on each of its rows.
 * Pure: text in, text out; reading files is loadDirectoryFile's job.
 *
 * Cells: lists are separated by ';' (a ';' or '\' inside an item is escaped with '\'),
 * booleans are true/false, an empty cell is null or an empty list (or the default for
 * the columns the JSON file may omit). A cell starting with = + - @ (or ', tab, CR) is
 * written with a leading ' so that a spreadsheet shows it as text instead of running it
 * as a formula; reading strips that ' again.
 */

type Kind = 'text' | 'int' | 'bool' | 'list';
type Level = 'association' | 'programme';

interface Column {
  name: string;
  level: Level;
  /** The DirectoryFile field. */
  key: string;
  kind: Kind;
  /** The JSON file may omit the field (schema default): the column may be missing, and an empty cell means the default. */
  optional?: true;
}

const col = (name: string, level: Level, key: string, kind: Kind, optional?: true): Column =>
  optional ? { name, level, key, kind, optional } : { name, level, key, kind };

/** Header names, in the order they are written. Programme and association both have id, name, active, notes. */
export const DIRECTORY_CSV_COLUMNS: readonly Column[] = [
  col('associationId', 'association', 'id', 'text'),
  col('associationName', 'association', 'name', 'text'),
  col('website', 'association', 'website', 'text'),
  col('contactEmail', 'association', 'contactEmail', 'text'),
  col('contactPhone', 'association', 'contactPhone', 'text', true),
  col('notifyBy', 'association', 'notifyBy', 'text', true),
  col('webhookUrl', 'association', 'webhookUrl', 'text', true),
  col('responseDays', 'association', 'responseDays', 'int', true),
  col('isCoordinator', 'association', 'isCoordinator', 'bool'),
  col('associationActive', 'association', 'active', 'bool'),
  col('sources', 'association', 'sources', 'list'),
  col('associationNotes', 'association', 'notes', 'list', true),
  col('programmeId', 'programme', 'id', 'text'),
  col('programmeName', 'programme', 'name', 'text'),
  col('descriptionFr', 'programme', 'descriptionFr', 'text'),
  col('descriptionEn', 'programme', 'descriptionEn', 'text'),
  col('minAge', 'programme', 'minAge', 'int'),
  col('maxAge', 'programme', 'maxAge', 'int'),
  col('situations', 'programme', 'situations', 'list'),
  col('schoolYears', 'programme', 'schoolYears', 'list', true),
  col('diplomaLevels', 'programme', 'diplomaLevels', 'list', true),
  col('needs', 'programme', 'needs', 'list'),
  col('requiredPublics', 'programme', 'requiredPublics', 'list'),
  col('preferredPublics', 'programme', 'preferredPublics', 'list'),
  col('girlsOnly', 'programme', 'girlsOnly', 'bool'),
  col('national', 'programme', 'national', 'bool'),
  col('regions', 'programme', 'regions', 'list'),
  col('departements', 'programme', 'departements', 'list'),
  col('communes', 'programme', 'communes', 'list'),
  col('inPerson', 'programme', 'inPerson', 'bool'),
  col('remote', 'programme', 'remote', 'bool'),
  col('capacityPerMonth', 'programme', 'capacityPerMonth', 'int'),
  col('programmeActive', 'programme', 'active', 'bool'),
  col('programmeNotes', 'programme', 'notes', 'list', true),
];

// ---------------------------------------------------------------- writing

const FORMULA_START = /^[=+\-@'\t\r]/;

/** Escapes one list item so that ';' inside free text (sources, notes) survives the split. */
const escapeItem = (item: string): string => item.replace(/\\/g, '\\\\').replace(/;/g, '\\;');

function cellText(value: unknown, kind: Kind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'list') return (value as unknown[]).map((v) => escapeItem(String(v))).join(';');
  return String(value);
}

/** One CSV cell: formula-neutralised, then quoted when it holds a separator, a quote or a line break. */
function csvCell(text: string): string {
  // A leading ' is escaped too, so that reading can always strip exactly one.
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The directory as CSV (RFC 4180, CRLF line ends, header row first). */
export function directoryToCsv(file: DirectoryFile): string {
  const lines = [DIRECTORY_CSV_COLUMNS.map((c) => c.name).join(',')];
  for (const a of file.associations) {
    for (const p of a.programmes) {
      const source = { association: a as Record<string, unknown>, programme: p as Record<string, unknown> };
      lines.push(DIRECTORY_CSV_COLUMNS.map((c) => csvCell(cellText(source[c.level][c.key], c.kind))).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------- reading

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted cell may span lines). */
  line: number;
  cells: string[];
}

/** Splits CSV text into records; a malformed quote is an error naming its line. */
export function parseCsvRecords(text: string): { ok: true; records: CsvRecord[] } | { ok: false; errors: string[] } {
  const records: CsvRecord[] = [];
  const newlineAt = (k: number): number => (text[k] === '\r' && text[k + 1] === '\n' ? 2 : text[k] === '\n' || text[k] === '\r' ? 1 : 0);
  const endsCell = (k: number): boolean => k >= text.length || text[k] === ',' || newlineAt(k) > 0;
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const record: CsvRecord = { line, cells: [] };
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        // A quoted cell runs to the next lone quote; "" is a quote, line breaks are kept.
        const startLine = line;
        i++;
        for (;;) {
          if (i >= text.length) return { ok: false, errors: [`CSV line ${startLine}: a quoted cell is never closed (missing ")`] };
          if (text[i] === '"') {
            if (text[i + 1] !== '"') break;
            cell += '"';
            i += 2;
            continue;
          }
          const nl = newlineAt(i);
          if (nl > 0) line++;
          cell += text.slice(i, i + Math.max(nl, 1));
          i += Math.max(nl, 1);
        }
        i++; // the closing quote
        if (!endsCell(i)) {
          return { ok: false, errors: [`CSV line ${line}: unexpected text after a closing quote (a quote inside a cell is written "")`] };
        }
      } else {
        while (!endsCell(i)) {
          if (text[i] === '"') {
            return { ok: false, errors: [`CSV line ${line}: a quote inside an unquoted cell (quote the whole cell and write the quote as "")`] };
          }
          cell += text[i];
          i++;
        }
      }
      record.cells.push(cell);
      if (text[i] !== ',') break;
      i++; // a ',' at the very end still opens one last, empty cell
    }
    records.push(record);
    const nl = newlineAt(i);
    if (nl > 0) {
      i += nl;
      line++;
    }
  }
  return { ok: true, records };
}

/** Removes the ' that writing put in front of a formula-like cell. */
const unneutralise = (cell: string): string => (cell.startsWith("'") ? cell.slice(1) : cell);

function splitList(cell: string): string[] {
  const items: string[] = [];
  let item = '';
  for (let k = 0; k < cell.length; k++) {
    const c = cell[k]!;
    if (c === '\\' && k + 1 < cell.length) {
      item += cell[++k];
    } else if (c === ';') {
      items.push(item);
      item = '';
    } else {
      item += c;
    }
  }
  items.push(item);
  // Spaces after ';' are what people type in a spreadsheet; they are never part of a code.
  return items.map((s) => s.trim());
}

/**
 * A cell as the JSON value it stands for. What does not read as the column's type is
 * passed on as text, so that validateDirectory reports it with the row and field named.
 */
function cellValue(raw: string, c: Column): unknown {
  const cell = unneutralise(raw);
  if (cell === '') return c.kind === 'list' ? [] : c.optional ? undefined : null;
  switch (c.kind) {
    case 'list':
      return splitList(cell);
    case 'int':
      return /^\s*-?\d+\s*$/.test(cell) ? Number(cell) : cell;
    case 'bool':
      // Spreadsheets write TRUE/FALSE.
      if (/^\s*true\s*$/i.test(cell)) return true;
      if (/^\s*false\s*$/i.test(cell)) return false;
      return cell;
    default:
      return cell;
  }
}

/** Where the rows of a parsed CSV came from, to put line numbers on validation errors. */
export interface CsvLineMap {
  /** CSV lines of each association's rows, by association index. */
  association: number[][];
  /** CSV line of each programme, by association index then programme index. */
  programme: number[][];
}

export type DirectoryCsvParse =
  | { ok: true; json: { version: 1; associations: Record<string, unknown>[] }; lines: CsvLineMap }
  | { ok: false; errors: string[] };

/**
 * CSV text -> the DirectoryFile JSON it stands for (not yet validated). Rows are grouped
 * by associationId in order of first appearance; the association's columns must agree
 * on all its rows, otherwise which one is meant would be a guess.
 */
export function parseDirectoryCsv(text: string): DirectoryCsvParse {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // Excel's UTF-8 byte order mark
  if (body.trim() === '') return { ok: false, errors: ['the file is empty'] };
  const parsed = parseCsvRecords(body);
  if (!parsed.ok) return parsed;
  const isBlank = (r: CsvRecord) => r.cells.every((c) => c.trim() === '');
  const [header, ...rows] = parsed.records.filter((r) => !isBlank(r));
  if (header === undefined) return { ok: false, errors: ['the file is empty'] };

  const errors: string[] = [];
  const names = header.cells.map((c) => c.trim());
  const byName = new Map(DIRECTORY_CSV_COLUMNS.map((c) => [c.name, c]));
  const seen = new Set<string>();
  names.forEach((n, k) => {
    if (!byName.has(n)) errors.push(`CSV line ${header.line}: unknown column "${n}" (column ${k + 1})`);
    else if (seen.has(n)) errors.push(`CSV line ${header.line}: column "${n}" appears twice`);
    seen.add(n);
  });
  for (const c of DIRECTORY_CSV_COLUMNS) {
    if (!c.optional && !seen.has(c.name)) errors.push(`CSV line ${header.line}: missing column "${c.name}"`);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [`the file has a header but no programme rows`] };

  const present = names.map((n) => byName.get(n)!);
  const associations: Record<string, unknown>[] = [];
  const lines: CsvLineMap = { association: [], programme: [] };
  const groups = new Map<string, { index: number; firstLine: number; cells: Map<string, string> }>();

  for (const row of rows) {
    if (row.cells.length !== names.length) {
      errors.push(`CSV line ${row.line}: ${row.cells.length} cells, but the header has ${names.length} columns`);
      continue;
    }
    const association: Record<string, unknown> = {};
    const programme: Record<string, unknown> = {};
    const associationCells = new Map<string, string>();
    present.forEach((c, k) => {
      const raw = row.cells[k]!;
      const value = cellValue(raw, c);
      if (c.level === 'association') {
        associationCells.set(c.name, raw);
        if (value !== undefined) association[c.key] = value;
      } else if (value !== undefined) {
        programme[c.key] = value;
      }
    });
    const id = unneutralise(associationCells.get('associationId') ?? '');
    const group = groups.get(id);
    if (group === undefined) {
      const index = associations.length;
      groups.set(id, { index, firstLine: row.line, cells: associationCells });
      associations.push({ ...association, programmes: [programme] });
      lines.association.push([row.line]);
      lines.programme.push([row.line]);
      continue;
    }
    for (const [name, raw] of associationCells) {
      if (raw !== group.cells.get(name)) {
        errors.push(
          `CSV line ${row.line}: column "${name}" of association "${id}" differs from line ${group.firstLine}; ` +
            `an association's columns must be the same on all its rows`,
        );
      }
    }
    (associations[group.index]!.programmes as unknown[]).push(programme);
    lines.association[group.index]!.push(row.line);
    lines.programme[group.index]!.push(row.line);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, json: { version: 1, associations }, lines };
}

/** The CSV lines a validation issue is about: a programme's row, all rows of an association, or none. */
export function csvLinesOf(issue: DirectoryIssue, lines: CsvLineMap): number[] {
  const [top, i, sub, j] = issue.path;
  if (top !== 'associations' || typeof i !== 'number') return [];
  if (sub === 'programmes' && typeof j === 'number') {
    const line = lines.programme[i]?.[j];
    return line === undefined ? [] : [line];
  }
  return lines.association[i] ?? [];
}

/** Parses and validates a CSV directory; every error names its CSV line(s), the row and the field. */
export function validateDirectoryCsv(
  text: string,
  options: ValidateDirectoryOptions = {},
): { ok: true; value: DirectoryFile } | { ok: false; errors: string[] } {
  const parsed = parseDirectoryCsv(text);
  if (!parsed.ok) return parsed;
  const result = validateDirectory(parsed.json, options);
  if (result.ok) return result;
  return {
    ok: false,
    errors: result.issues.map((issue, k) => {
      const at = csvLinesOf(issue, parsed.lines);
      const where = at.length === 0 ? '' : `CSV line${at.length > 1 ? 's' : ''} ${at.join(', ')}: `;
      return `${where}${result.errors[k]}`;
    }),
  };
}
