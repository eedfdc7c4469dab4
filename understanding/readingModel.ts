/**
 * A statistical reading of the situation and the needs beside the rules (issue 22): one
 * logistic regression per situation kind and per need over hashed word and character
 * n-grams of the normalised words (linearModel.ts). Trained by scripts/trainReadingModel.ts
 * on the tuning data only; shipped as readingModel.json; consulted by `understand` only
 * where the rules read nothing for the slot, and its reading is always doubtful: the dialog
 * confirms it in one yes/no question (dialogs/readings.ts). Its thresholds were chosen by
 * cross-validation on the tuning data. `UNDERSTANDING_MODEL=off` switches it off.
 */
import { readSetting } from '../config';
import { NEEDS, SITUATIONS, type Need, type Situation } from '../intake/vocabulary';
import { linearToJson, loadLinearModel, scoreLinear, trainLinear, type LinearModelJson, type LoadedLinearModel } from './linearModel';
import { normalize, tokenize } from './text';
import { expandTexting } from './texting';
import shipped from './readingModel.json';

export const READING_BUCKETS = 1 << 12;
export const READING_LABELS = [...SITUATIONS.map((s) => `s:${s}`), ...NEEDS.map((n) => `n:${n}`)];

/** Where a message was read: the answer to the slot's own question, or an opening (nothing asked). */
export type ReadingContext = 'asked' | 'opening';

export interface ReadingThresholds {
  /** The top situation's probability at or above which it is offered, per context. */
  situation: Record<ReadingContext, number>;
  /** Each need's probability at or above which it is part of the reading, per context. */
  needs: Record<ReadingContext, number>;
}

export interface ReadingModelJson extends LinearModelJson {
  thresholds: ReadingThresholds;
  trainedOn: string;
}

export interface ReadingModel extends LoadedLinearModel { thresholds: ReadingThresholds }

export const readingTokens = (text: string): string[] => tokenize(normalize(text));

/**
 * The words the model reads: SMS spellings expanded as the rules read them ("jsui" -> "je
 * suis", texting.ts), so texting and plain French share their weights. (Markers for words in
 * a negation's or a "stopped …" phrase's reach were tried: no better out of fold.)
 */
export const readingFeatures = (text: string): { tokens: string[] } => ({ tokens: expandTexting(readingTokens(text)) });

export function loadReadingModel(json: ReadingModelJson): ReadingModel {
  if (json.labels.join() !== READING_LABELS.join()) throw new Error('reading model: labels differ from the vocabulary');
  return { ...loadLinearModel(json, 'reading model'), thresholds: json.thresholds };
}

export const TRAIN_OPTIONS = { epochs: 10, rate: 0.1, l2: 1e-4, seed: 11, buckets: READING_BUCKETS };

export interface ReadingExample { text: string; situation: Situation | null; needs: readonly Need[] }

/** Trains the model on labelled messages (deterministic). */
export function trainReadingModel(items: readonly ReadingExample[], thresholds: ReadingThresholds, trainedOn: string): ReadingModelJson {
  const target = (k: number, label: string) => {
    const it = items[k]!;
    return label.startsWith('s:') ? (it.situation === label.slice(2) ? 1 : 0) : it.needs.includes(label.slice(2) as Need) ? 1 : 0;
  };
  const trained = trainLinear(items.map((i) => readingFeatures(i.text)), READING_LABELS, target, TRAIN_OPTIONS);
  return { ...linearToJson(trained, READING_LABELS, TRAIN_OPTIONS.buckets), thresholds, trainedOn };
}

export interface ModelScores { situation: { kind: Situation; p: number }; needs: { need: Need; p: number }[] }

/** The model's probabilities: the likeliest situation, and every need. */
export function scoreReading(model: ReadingModel, text: string): ModelScores {
  const p = scoreLinear(model, readingFeatures(text).tokens);
  let best = 0;
  for (let i = 1; i < SITUATIONS.length; i++) if (p[i]! > p[best]!) best = i;
  return {
    situation: { kind: SITUATIONS[best]!, p: p[best]! },
    needs: NEEDS.map((need, i) => ({ need, p: p[SITUATIONS.length + i]! })),
  };
}

/** The situation the model reads, above its threshold for the context, or null. */
export function modelSituation(model: ReadingModel, text: string, context: ReadingContext): Situation | null {
  const s = scoreReading(model, text).situation;
  return s.p >= model.thresholds.situation[context] ? s.kind : null;
}

/** The needs the model reads, above their threshold for the context (in the vocabulary's order), or null. */
export function modelNeeds(model: ReadingModel, text: string, context: ReadingContext): Need[] | null {
  const needs = scoreReading(model, text).needs.filter((n) => n.p >= model.thresholds.needs[context]).map((n) => n.need);
  return needs.length > 0 ? needs : null;
}

let active: ReadingModel | null | undefined;

/** The model `understand` consults: the shipped one, unless switched off (`UNDERSTANDING_MODEL=off`) or replaced. */
export function readingModel(): ReadingModel | null {
  if (active === undefined) {
    active = readSetting('UNDERSTANDING_MODEL') === 'off'
      ? null
      : loadReadingModel(shipped as ReadingModelJson);
  }
  return active;
}

/**
 * Replaces the model `understand` consults (null: rules alone; undefined: the shipped one
 * again). For the evaluations only: cross-validation scores each item with the model of
 * the folds it was not trained on.
 */
export function useReadingModel(model: ReadingModel | null | undefined): void {
  active = model;
}
