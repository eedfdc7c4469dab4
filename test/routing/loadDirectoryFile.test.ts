import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { directoryToCsv } from '../../routing/directoryCsv';
import { validateDirectory } from '../../routing/directorySchema';
import { loadDirectoryFile, MAX_DIRECTORY_FILE_BYTES } from '../../routing/loadDirectoryFile';
import { seedJson } from './helpers';

const anyCommune = { communeExists: () => true };
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-load-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('loadDirectoryFile', () => {
  it('reads JSON and CSV by extension', () => {
    const json = write('seed.json', JSON.stringify(seedJson()));
    const fromJson = loadDirectoryFile(json, anyCommune);
    if (!fromJson.ok) throw new Error(fromJson.errors.join('\n'));
    const csv = write('seed.CSV', directoryToCsv(fromJson.value));
    const fromCsv = loadDirectoryFile(csv, anyCommune);
    expect(fromCsv).toEqual({ ok: true, format: 'csv', value: fromJson.value });
  });

  it('refuses a file over 10 MB from its size, without reading it', () => {
    const file = path.join(dir, 'huge.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 100 * 1024 * 1024); // sparse: 100 MB long, nothing on disk
    const readSync = jest.spyOn(fs, 'readSync');
    const readFileSync = jest.spyOn(fs, 'readFileSync');
    expect(loadDirectoryFile(file)).toEqual({ ok: false, errors: [`${file}: the file is 100.0 MB; a directory file is at most 10.0 MB`] });
    expect(readSync).not.toHaveBeenCalled();
    expect(readFileSync).not.toHaveBeenCalled();
  });

  it('accepts a file of exactly the limit as far as size goes', () => {
    const file = path.join(dir, 'limit.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_DIRECTORY_FILE_BYTES); // zero bytes: read, then refused as JSON
    const r = loadDirectoryFile(file);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  it.each([
    ['empty.json', '', 'the file is empty'],
    ['blank.csv', '\n  \n', 'the file is empty'],
    ['bom.json', '\uFEFF', 'the file is empty'],
  ])('refuses an empty file (%s)', (name, content, message) => {
    const file = write(name, content);
    expect(loadDirectoryFile(file)).toEqual({ ok: false, errors: [`${file}: ${message}`] });
  });

  it('names the line and column of malformed JSON when the parser gives a position', () => {
    const file = write('broken.json', '{\n  "version": 1,\n  "associations": []\n  "x": 1\n}\n');
    const r = loadDirectoryFile(file);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: .*\\(line 4, column 3\\)$`))]);
  });

  it('keeps a JSON error on one line', () => {
    const file = write('token.json', '{\n  "associations": [}\n');
    const r = loadDirectoryFile(file);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/^[^\n]*not valid JSON: Unexpected token[^\n]*$/)]);
  });

  it('refuses other extensions, missing files and text that is not UTF-8', () => {
    const txt = write('dir.txt', '{}');
    expect(loadDirectoryFile(txt)).toEqual({ ok: false, errors: [`${txt}: the name must end in .json or .csv`] });
    const missing = path.join(dir, 'missing.json');
    expect(loadDirectoryFile(missing)).toEqual({ ok: false, errors: [`${missing}: no such file`] });
    const latin1 = write('latin1.csv', Buffer.from('associationName\nAssociation Ã©t\xe9\n', 'latin1'));
    expect(loadDirectoryFile(latin1)).toEqual({ ok: false, errors: [`${latin1}: not UTF-8 text (save it again as UTF-8)`] });
  });

  it('returns the validation errors of a JSON file unchanged', () => {
    const json = seedJson() as { associations: { programmes: Record<string, unknown>[] }[] };
    Object.assign(json.associations[1]!.programmes[0]!, { minAge: 20, maxAge: 10 });
    const file = write('inverted.json', JSON.stringify(json));
    const expected = validateDirectory(json, anyCommune);
    expect(loadDirectoryFile(file, anyCommune)).toEqual({ ok: false, errors: expected.ok ? [] : expected.errors });
  });
});
