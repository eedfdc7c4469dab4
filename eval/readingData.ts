/**
 * The labelled messages the reading model (understanding/readingModel.ts) is trained on:
 * the tuning data only — utterances.json, openings.json (first messages), conversations.json
 * and the people corpus's `tuning*.json` files (openings and the replies to each question). No held-out file is
 * ever read here (heldout.json, people/heldout*.json): they measure, they never train.
 * Also the cross-validation the evaluations use to score the model on what it was trained on.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Lang, Need, Situation } from '../intake/vocabulary';
import { loadReadingModel, readingModel, trainReadingModel, type ReadingExample, type ReadingModel } from '../understanding/readingModel';
import type { SimulatedConversation } from './conversations';
import { loadPeople } from './people';
import { fnv1a } from './safety';
import type { Utterance } from './utterances';

const CORPUS = path.join(__dirname, '..', 'test', 'fixtures', 'understanding');
export const READING_FOLDS = 5;

export interface ReadingItem extends ReadingExample {
  /** The utterance or conversation it comes from: a conversation's messages share a fold. */
  group: string;
  /** The question it answers (null: an opening, or the reply to the consent question). */
  asked: string | null;
  lang: Lang;
}

/** A group's fold, the same in the trainer and in both evaluations. */
export const foldOf = (group: string): number => fnv1a(`reading-fold|${group}`) % READING_FOLDS;

function conversationItems(convs: readonly SimulatedConversation[]): ReadingItem[] {
  const out: ReadingItem[] = [];
  for (const c of convs) {
    const sit = (c.expected.situation as { kind: Situation } | null | undefined)?.kind ?? null;
    const needs = (c.expected.needs as Need[] | null | undefined) ?? [];
    out.push({ group: c.id, asked: null, lang: c.lang, text: c.opening,
      situation: c.openingStates.includes('situation') ? sit : null, needs: c.openingStates.includes('needs') ? needs : [] });
    for (const [key, value] of Object.entries(c.answers)) {
      for (const text of Array.isArray(value) ? value : [value]) {
        if (typeof text !== 'string' || text.trim() === '') continue;
        out.push({ group: c.id, asked: key === 'consent' ? null : key, lang: c.lang, text,
          situation: key === 'situation' ? sit : null, needs: key === 'needs' ? needs : [] });
      }
    }
  }
  return out;
}

/** Every labelled message of the tuning data. */
export function readingItems(): ReadingItem[] {
  const utterances = ['utterances.json', 'openings.json']
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(CORPUS, f), 'utf8')) as Utterance[]);
  const convs = JSON.parse(fs.readFileSync(path.join(CORPUS, 'conversations.json'), 'utf8')) as SimulatedConversation[];
  return [
    ...utterances.map((u) => ({
      group: u.id, asked: u.asked, lang: u.lang, text: u.text,
      situation: ((u.expect.situation as { kind: Situation } | undefined)?.kind ?? null),
      needs: (u.expect.needs as Need[] | undefined) ?? [],
    })),
    ...conversationItems(convs),
    ...conversationItems(loadPeople('tuning')),
  ];
}

/**
 * One model per fold, each trained on the other folds' messages (with the shipped model's
 * thresholds, which were chosen the same way): `modelFor(group)` scores a message, an
 * utterance or a conversation with the model that never saw it.
 */
export function crossValidatedModels(items: readonly ReadingItem[] = readingItems()): { modelFor: (group: string) => ReadingModel } {
  const shipped = readingModel() ?? loadReadingModel(require('../understanding/readingModel.json'));
  const models = Array.from({ length: READING_FOLDS }, (_, f) =>
    loadReadingModel(trainReadingModel(items.filter((i) => foldOf(i.group) !== f), shipped.thresholds, `fold ${f}`)));
  return { modelFor: (group) => models[foldOf(group)]! };
}
