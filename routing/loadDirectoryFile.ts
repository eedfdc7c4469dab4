import fs from 'node:fs';
import path from 'node:path';
import { validateDirectoryCsv } from './directoryCsv';
import { validateDirectory, type DirectoryFile, type ValidateDirectoryOptions } from './directorySchema';

/** The whole directory is a few hundred kilobytes; anything this big is the wrong file. */
export const MAX_DIRECTORY_FILE_BYTES = 10 * 1024 * 1024;

export type DirectoryFormat = 'json' | 'csv';

export function directoryFormatOf(file: string): DirectoryFormat | null {
  const ext = path.extname(file).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : null;
}

export type LoadedDirectory =
  | { ok: true; value: DirectoryFile; format: DirectoryFormat }
  | { ok: false; errors: string[] };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Reads at most MAX_DIRECTORY_FILE_BYTES. The size is checked on the open descriptor
 * before anything is read, and the read stops at the limit anyway, so a huge file (or
 * one that grows meanwhile) is never loaded into memory.
 */
function readBounded(file: string): { ok: true; bytes: Buffer } | { ok: false; errors: string[] } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, errors: [code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be opened (${code ?? String(err)})`] };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, errors: [`${file}: not a regular file`] };
    if (stat.size > MAX_DIRECTORY_FILE_BYTES) {
      return { ok: false, errors: [`${file}: the file is ${megabytes(stat.size)}; a directory file is at most ${megabytes(MAX_DIRECTORY_FILE_BYTES)}`] };
    }
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_DIRECTORY_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    if (length > MAX_DIRECTORY_FILE_BYTES) {
      return { ok: false, errors: [`${file}: the file is over ${megabytes(MAX_DIRECTORY_FILE_BYTES)}`] };
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } finally {
    fs.closeSync(fd);
  }
}

/** "at position 120" in a JSON.parse message, as the line and column an editor shows. */
function jsonErrorMessage(err: unknown, text: string): string {
  // V8 quotes a snippet of the text in some messages: keep the error on one line.
  const message = (err instanceof Error ? err.message : String(err)).replace(/\r?\n/g, '\\n');
  const m = /position (\d+)/.exec(message);
  if (m === null) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

/** Reads, parses (JSON or CSV by extension) and validates a directory file; errors name row and field. */
export function loadDirectoryFile(file: string, options: ValidateDirectoryOptions = {}): LoadedDirectory {
  const format = directoryFormatOf(file);
  if (format === null) return { ok: false, errors: [`${file}: the name must end in .json or .csv`] };
  const read = readBounded(file);
  if (!read.ok) return read;
  let text: string;
  try {
    // Spreadsheets on Windows may save in Windows-1252: better refused than imported as mojibake.
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    return { ok: false, errors: [`${file}: not UTF-8 text (save it again as UTF-8)`] };
  }
  text = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (text.trim() === '') return { ok: false, errors: [`${file}: the file is empty`] };
  if (format === 'csv') {
    const result = validateDirectoryCsv(text, options);
    return result.ok ? { ...result, format } : result;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`${file}: not valid JSON: ${jsonErrorMessage(err, text)}`] };
  }
  const result = validateDirectory(json, options);
  return result.ok ? { ok: true, value: result.value, format } : { ok: false, errors: result.errors };
}
