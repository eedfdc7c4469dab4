import fs from 'node:fs';
import path from 'node:path';
import type { SimulatedConversation } from './conversations';

/**
 * The two halves of the people corpus; the held-out one is never used to tune (its README).
 * A half is every `<half>*.json` file of the corpus folder, so a held-out file that has been
 * measured too often is retired by renaming it `tuning-…json` and a fresh one written beside.
 */
export const PEOPLE_SETS = ['heldout', 'tuning'] as const;
export type PeopleSet = (typeof PEOPLE_SETS)[number];

const DIR = path.join(__dirname, '..', 'test', 'fixtures', 'understanding');

/** The young people's corpus (`people`), or the volunteers' (`volunteers`, same format and halves). */
export type Corpus = 'people' | 'volunteers';

export function loadPeople(set: PeopleSet, corpus: Corpus = 'people'): SimulatedConversation[] {
  return peopleFiles(set, corpus).flatMap((f) => JSON.parse(fs.readFileSync(path.join(DIR, corpus, f), 'utf8')) as SimulatedConversation[]);
}

/** The files of one half, in name order (`heldout.json`, `heldout-b.json`, `tuning-retired-heldout.json`…). */
export function peopleFiles(set: PeopleSet, corpus: Corpus = 'people'): string[] {
  return fs.readdirSync(path.join(DIR, corpus)).filter((f) => f.startsWith(set) && f.endsWith('.json')).sort();
}
