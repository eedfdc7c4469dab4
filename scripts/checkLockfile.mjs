#!/usr/bin/env node
// Rejects a package-lock.json that npm ci would choke on, before anything is installed.
// Plain JavaScript on purpose: .ci/run calls it before `npm ci`, when tsx is not there yet.
//
// Why: in 2026-12 the lock held entries such as
//   "node_modules/unrs-resolver/node_modules/@unrs/resolver-binding-win32-x64-msvc": {"dev":true,"optional":true}
// (no version). Once the registry served those packages, `npm ci` and `npm install` both
// stopped with "Invalid Version:" and no fresh clone could install.
//
// Every installed entry must name its version and say where its bytes come from: an
// `integrity` hash (registry tarballs; this machine's npm omits `resolved` for registry
// packages, omit-lockfile-registry-resolved), a `resolved` URL (git, file, other hosts),
// a `link`, or `inBundle` (shipped inside its parent's tarball).
import fs from 'node:fs';

/**
 * Returns one line per defect of the lock's text; an empty list when it is sound. With the
 * project's package.json, also what `npm ci` would call out of sync ("Missing: x from lock file").
 */
export function lockfileProblems(text, manifest) {
  let lock;
  try {
    lock = JSON.parse(text);
  } catch (err) {
    return [`not JSON: ${err.message}`];
  }
  if (!lock || typeof lock !== 'object') return ['not a lock file object'];
  const problems = [];
  if (lock.lockfileVersion !== 2 && lock.lockfileVersion !== 3) {
    problems.push(`lockfileVersion ${JSON.stringify(lock.lockfileVersion)}: expected 2 or 3 (npm 7 or later)`);
  }
  const packages = lock.packages;
  if (!packages || typeof packages !== 'object') return [...problems, 'no "packages" section'];
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '') continue; // the project itself
    if (!entry || typeof entry !== 'object') {
      problems.push(`${path}: not an object`);
      continue;
    }
    if (entry.link) {
      if (typeof entry.resolved !== 'string') problems.push(`${path}: a link without "resolved"`);
      continue;
    }
    if (typeof entry.version !== 'string' || entry.version === '') {
      problems.push(`${path}: no "version" (${JSON.stringify(entry)})`);
      continue;
    }
    if (entry.inBundle) continue;
    if (typeof entry.integrity !== 'string' && typeof entry.resolved !== 'string') {
      problems.push(`${path}@${entry.version}: neither "integrity" nor "resolved"`);
    }
  }
  if (manifest) {
    const root = packages[''] ?? {};
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if ((root[field] ?? {})[name] !== range) {
          problems.push(`package.json ${field}.${name} "${range}" is not in the lock's root (${JSON.stringify((root[field] ?? {})[name] ?? null)})`);
        }
        if (!packages[`node_modules/${name}`]) problems.push(`package.json ${field}.${name}: no node_modules/${name} entry`);
      }
    }
  }
  return problems;
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${fs.realpathSync(process.argv[1])}`).href;
if (invokedDirectly) {
  const file = process.argv[2] ?? 'package-lock.json';
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`checkLockfile: cannot read ${file}: ${err.message}`);
    process.exit(2);
  }
  const manifestFile = process.argv[3] ?? (process.argv[2] ? null : 'package.json');
  let manifest;
  try {
    manifest = manifestFile ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : undefined;
  } catch (err) {
    console.error(`checkLockfile: cannot read ${manifestFile}: ${err.message}`);
    process.exit(2);
  }
  const problems = lockfileProblems(text, manifest);
  if (problems.length > 0) {
    console.error(`checkLockfile: ${file} has ${problems.length} broken entr${problems.length === 1 ? 'y' : 'ies'}; npm ci would fail:`);
    for (const p of problems.slice(0, 50)) console.error(`  - ${p}`);
    if (problems.length > 50) console.error(`  … and ${problems.length - 50} more`);
    console.error('Repair: delete those entries, run `npm install --package-lock-only --ignore-scripts`, then `npm ci` (docs/dependencies.md).');
    process.exit(1);
  }
  console.log(`checkLockfile: ${file} is sound (${Object.keys(JSON.parse(text).packages).length - 1} entries).`);
}
