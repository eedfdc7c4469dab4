import fc from 'fast-check';
import { DIRECTORY_CSV_COLUMNS, directoryToCsv, parseCsvRecords, parseDirectoryCsv, validateDirectoryCsv } from '../../routing/directoryCsv';
import { validateDirectory, type DirectoryFile } from '../../routing/directorySchema';
import { seedJson } from './helpers';

const anyCommune = { communeExists: () => true };

function seedFile(): DirectoryFile {
  const r = validateDirectory(seedJson(), anyCommune);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

function roundTrip(file: DirectoryFile): DirectoryFile {
  const r = validateDirectoryCsv(directoryToCsv(file), anyCommune);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

/** The CSV of the seed as header + rows of cells, to break one cell at a time. */
function seedTable(): { header: string[]; rows: string[][] } {
  const parsed = parseCsvRecords(directoryToCsv(seedFile()));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const [header, ...rows] = parsed.records.map((r) => r.cells);
  return { header: header!, rows };
}
const toText = (header: string[], rows: string[][]) =>
  [header, ...rows].map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
function errorsOf(text: string): string[] {
  const r = validateDirectoryCsv(text, anyCommune);
  return r.ok ? [] : r.errors;
}
/** The row (0-based, header excluded) of a programme; its CSV line is row + 2. */
const rowOf = (t: { header: string[]; rows: string[][] }, programmeId: string) =>
  t.rows.findIndex((r) => r[t.header.indexOf('programmeId')] === programmeId);

describe('directory CSV round trips', () => {
  it('writes one row per programme after a header row', () => {
    const file = seedFile();
    const lines = directoryToCsv(file).split('\r\n');
    expect(lines[0]).toBe(DIRECTORY_CSV_COLUMNS.map((c) => c.name).join(','));
    expect(lines.filter((l) => l !== '')).toHaveLength(1 + file.associations.flatMap((a) => a.programmes).length);
  });

  it('gives back the seed exactly', () => {
    const file = seedFile();
    expect(roundTrip(file)).toEqual(file);
  });

  it('keeps commas, quotes, line breaks, ";" and "\\" inside cells and list items', () => {
    const file = seedFile();
    const a = file.associations[1]!;
    a.name = 'A, "quoted"\r\nname';
    a.sources = ['one; two', 'back\\slash;', 'x,y "z"\nnext line'];
    a.programmes[0]!.descriptionFr = 'Ligne 1\nLigne 2, "citée"; fin';
    expect(roundTrip(file)).toEqual(file);
  });

  it('neutralises formulas on export and strips the guard on import', () => {
    const file = seedFile();
    const a = file.associations[1]!;
    a.name = '=HYPERLINK("http://evil.example","clic")';
    a.contactPhone = '+33123456789';
    a.sources = ['@SUM(A1:A2)', 'plain'];
    a.programmes[0]!.descriptionFr = "-2+3";
    a.programmes[0]!.descriptionEn = "'already quoted";
    const csv = directoryToCsv(file);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"")"`);
    expect(csv).toContain(",'+33123456789,");
    expect(csv).toContain(",'@SUM(A1:A2);plain,");
    expect(csv).toContain(",'-2+3,");
    expect(csv).toContain(",''already quoted,");
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
    expect(roundTrip(file)).toEqual(file);
  });

  it('round-trips arbitrary text in every free-text cell (property)', () => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
    // List items are trimmed on import (spaces typed after ";"), so they never start or end with one.
    const item = text.filter((s) => s.trim() === s && s !== '');
    const seed = seedFile();
    fc.assert(
      fc.property(text, text, text, fc.array(item, { minLength: 1, maxLength: 4 }), fc.array(item, { maxLength: 3 }), (name, fr, en, sources, notes) => {
        const file = structuredClone(seed);
        const a = file.associations[2]!;
        Object.assign(a, { name, sources, notes });
        Object.assign(a.programmes[0]!, { name: en, descriptionFr: fr, descriptionEn: en, notes });
        const parsed = parseDirectoryCsv(directoryToCsv(file));
        if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
        const back = parsed.json.associations[2] as Record<string, unknown> & { programmes: Record<string, unknown>[] };
        expect([back.name, back.sources, back.notes]).toEqual([name, sources, notes]);
        expect([back.programmes[0]!.descriptionFr, back.programmes[0]!.descriptionEn, back.programmes[0]!.notes]).toEqual([fr, en, notes]);
      }),
      { numRuns: 200 },
    );
  });

  it('reads what spreadsheets write: BOM, TRUE/FALSE, spaces after ";", LF line ends, blank rows', () => {
    const t = seedTable();
    const col = (n: string) => t.header.indexOf(n);
    const r = rowOf(t, 'afev-mentorat');
    t.rows[r]![col('girlsOnly')] = 'FALSE';
    t.rows[r]![col('national')] = 'TRUE';
    t.rows[r]![col('needs')] = 'school_support; orientation';
    const text = `\uFEFF${toText(t.header, t.rows)}\n,,,\n\n`;
    const result = validateDirectoryCsv(text, anyCommune);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const p = result.value.associations.flatMap((a) => a.programmes).find((x) => x.id === 'afev-mentorat')!;
    expect(p).toMatchObject({ girlsOnly: false, national: true, needs: ['school_support', 'orientation'] });
  });

  it('accepts a CSV without the optional columns and applies the defaults', () => {
    const t = seedTable();
    const keep = t.header.map((n, k) => (['contactPhone', 'notifyBy', 'webhookUrl', 'responseDays', 'schoolYears', 'diplomaLevels', 'associationNotes', 'programmeNotes'].includes(n) ? -1 : k)).filter((k) => k >= 0);
    const text = toText(keep.map((k) => t.header[k]!), t.rows.map((r) => keep.map((k) => r[k]!)));
    const result = validateDirectoryCsv(text, anyCommune);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.value.associations[0]).toMatchObject({ contactPhone: null, notifyBy: 'email', webhookUrl: null, responseDays: 5, notes: [] });
    expect(result.value.associations[0]!.programmes[0]).toMatchObject({ schoolYears: [], diplomaLevels: [], notes: [] });
  });

  it('groups rows by association even when they are not next to each other', () => {
    const file = seedFile();
    const t = seedTable();
    const moved = t.rows.splice(rowOf(t, 'job-dans-la-ville'), 1)[0]!;
    t.rows.push(moved);
    const result = validateDirectoryCsv(toText(t.header, t.rows), anyCommune);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.value.associations.map((a) => a.id)).toEqual(file.associations.map((a) => a.id));
    expect(result.value.associations.find((a) => a.id === 'sport-dans-la-ville')!.programmes.map((p) => p.id)).toEqual(['sport-dans-la-ville-sport', 'job-dans-la-ville']);
  });
});

describe('directory CSV errors', () => {
  it('refuses an empty file and a header without rows', () => {
    expect(errorsOf('')).toEqual(['the file is empty']);
    expect(errorsOf('\uFEFF \r\n')).toEqual(['the file is empty']);
    expect(errorsOf(DIRECTORY_CSV_COLUMNS.map((c) => c.name).join(','))).toEqual(['the file has a header but no programme rows']);
  });

  it('names the line of malformed quoting', () => {
    expect(errorsOf('a,b\n1,"never closed\n2,3\n')).toEqual(['CSV line 2: a quoted cell is never closed (missing ")']);
    expect(errorsOf('a,b\n1,x"y\n')).toEqual(['CSV line 2: a quote inside an unquoted cell (quote the whole cell and write the quote as "")']);
    expect(errorsOf('a,b\n"multi\nline"x,2\n')).toEqual(['CSV line 3: unexpected text after a closing quote (a quote inside a cell is written "")']);
  });

  it('names unknown, missing and repeated columns', () => {
    const t = seedTable();
    const header = [...t.header];
    header[header.indexOf('needs')] = 'besoins';
    expect(errorsOf(toText(header, t.rows))).toEqual(['CSV line 1: unknown column "besoins" (column 22)', 'CSV line 1: missing column "needs"']);
    header[header.indexOf('besoins')] = 'remote';
    expect(errorsOf(toText(header, t.rows))).toContain('CSV line 1: column "remote" appears twice');
  });

  it('names a row with the wrong number of cells, counting lines inside quoted cells', () => {
    const t = seedTable();
    t.rows[0]![t.header.indexOf('descriptionFr')] = 'deux\nlignes';
    t.rows[1]!.pop();
    expect(errorsOf(toText(t.header, t.rows))).toEqual([`CSV line 4: ${t.header.length - 1} cells, but the header has ${t.header.length} columns`]);
  });

  it('refuses association columns that differ between the rows of one association', () => {
    const t = seedTable();
    const r = rowOf(t, 'job-dans-la-ville');
    t.rows[r]![t.header.indexOf('associationName')] = 'Autre nom';
    expect(errorsOf(toText(t.header, t.rows))).toEqual([
      `CSV line ${r + 2}: column "associationName" of association "sport-dans-la-ville" differs from line ${r + 1}; an association's columns must be the same on all its rows`,
    ]);
  });

  it('puts the CSV line, the row and the field on validation errors', () => {
    const file = seedFile();
    const t = seedTable();
    const col = (n: string) => t.header.indexOf(n);
    const i = (id: string) => file.associations.findIndex((a) => a.id === id);
    const arpejeh = rowOf(t, 'arpejeh-mentorat');
    t.rows[arpejeh]![col('minAge')] = '25';
    t.rows[arpejeh]![col('maxAge')] = '15';
    const afev = rowOf(t, 'afev-mentorat');
    t.rows[afev]![col('minAge')] = 'five';
    t.rows[afev]![col('departements')] = '69;20';
    t.rows[afev]![col('needs')] = 'school_support;tutoring';
    const sport = [rowOf(t, 'sport-dans-la-ville-sport'), rowOf(t, 'job-dans-la-ville')];
    for (const r of sport) t.rows[r]![col('contactEmail')] = 'not-an-email';
    expect(errorsOf(toText(t.header, t.rows))).toEqual([
      expect.stringMatching(new RegExp(`^CSV line ${afev + 2}: associations\\[${i('afev')}\\] \\(afev\\)\\.programmes\\[0\\] \\(afev-mentorat\\)\\.minAge: `)),
      expect.stringMatching(new RegExp(`^CSV line ${afev + 2}: associations\\[${i('afev')}\\] \\(afev\\)\\.programmes\\[0\\] \\(afev-mentorat\\)\\.needs\\[1\\]: `)),
      `CSV line ${afev + 2}: associations[${i('afev')}] (afev).programmes[0] (afev-mentorat).departements[1]: unknown département code`,
      `CSV line ${arpejeh + 2}: associations[${i('arpejeh')}] (arpejeh).programmes[0] (arpejeh-mentorat).maxAge: minAge (25) is greater than maxAge (15)`,
      expect.stringMatching(new RegExp(`^CSV lines ${sport[0]! + 2}, ${sport[1]! + 2}: associations\\[${i('sport-dans-la-ville')}\\] \\(sport-dans-la-ville\\)\\.contactEmail: `)),
    ]);
  });

  it('names both rows of a duplicate programme id, and file-level errors without a line', () => {
    const t = seedTable();
    const col = (n: string) => t.header.indexOf(n);
    const r = rowOf(t, 'job-dans-la-ville');
    t.rows[r]![col('programmeId')] = 'sport-dans-la-ville-sport';
    t.rows[0]![col('isCoordinator')] = 'false';
    const errors = errorsOf(toText(t.header, t.rows));
    expect(errors).toContainEqual(expect.stringMatching(new RegExp(`^CSV line ${r + 2}: .*\\.programmes\\[1\\] \\(sport-dans-la-ville-sport\\)\\.id: duplicate programme id`)));
    expect(errors).toContainEqual('associations: exactly one active coordinator is required (found 0)');
  });

  it('refuses a second coordinator and unknown communes (real INSEE data)', () => {
    const t = seedTable();
    const col = (n: string) => t.header.indexOf(n);
    const r = rowOf(t, 'afev-mentorat');
    t.rows[r]![col('isCoordinator')] = 'true';
    t.rows[r]![col('communes')] = '69123;75001';
    const result = validateDirectoryCsv(toText(t.header, t.rows));
    expect(result.ok).toBe(false);
    // A second coordinator is a schema error: the commune check only runs on a file that passed it.
    expect(result.ok ? [] : result.errors).toEqual(['associations: exactly one active coordinator is required (found 2)']);
    t.rows[r]![col('isCoordinator')] = 'false';
    const again = validateDirectoryCsv(toText(t.header, t.rows));
    expect(again.ok ? [] : again.errors).toEqual([
      expect.stringMatching(new RegExp(`^CSV line ${r + 2}: .*\\(afev-mentorat\\)\\.communes\\[1\\]: unknown INSEE commune code "75001"$`)),
    ]);
  });
});
