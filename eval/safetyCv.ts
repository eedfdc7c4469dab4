/**
 * The safety model's training data and its k-fold cross-validation, shared by
 * scripts/trainSafetyModel.ts (thresholds chosen on out-of-fold predictions) and
 * `npm run eval:safety` ("tuning, cross-validated": the combined verdict, rules + a model
 * trained without the fold, scored on the fold). Only the TUNING part of the safety corpus
 * and the understanding corpus's tuning answers (utterances.json) are read here.
 *
 * Folds are fixed by a hash of the text, like the tuning / held-out split: adding lines
 * never moves the others. The rules were tuned on the whole tuning part, so this estimate
 * removes the model's over-fit, not the rules' own: fresh batches (printed per batch) are the
 * nearest thing to new text inside the tuning part.
 */
import { fnv1a, loadSafetyCorpus, plainAnswers, type SafetyItem } from './safety';
import { clearClausesAny, CRISIS_CATEGORIES, detectCrisisWith, readForModel, type CrisisSignal, type RulesReading } from '../understanding/safety/detectCrisis';
import { loadModel, scoresOf, scoreTokens, toJson, train, type LoadedModel, type ModelScores, type StackThresholds } from '../understanding/safety/crisisModel';

export const FOLDS = 5;
export const MODEL_LABELS = ['any', 'clear', ...CRISIS_CATEGORIES];

export const foldOf = (text: string): number => fnv1a(`fold|${text}`) % FOLDS;

export interface ModelItem {
  text: string;
  /** The corpus line, or null for a plain form answer. */
  item: SafetyItem | null;
  labels: string[];
  clear: boolean;
  fold: number;
  reading: RulesReading;
}

/** The tuning part of the safety corpus, then the plain answers (as ordinary messages). */
export function modelItems(): ModelItem[] {
  const tuning = loadSafetyCorpus().filter((i) => i.part === 'tuning');
  const corpus = tuning.map((item): ModelItem => ({
    text: item.text, item, labels: item.level === 'none' ? [] : item.labels, clear: item.level === 'clear', fold: foldOf(item.text), reading: readForModel(item.text),
  }));
  // Plain form answers ("j'ai 17 ans", "Lyon", "jsp"), the bulk of real traffic: without them
  // the model learns that an age or a short answer comes with a crisis.
  const plain = plainAnswers('utterances').map((text): ModelItem => ({ text, item: null, labels: [], clear: false, fold: foldOf(text), reading: readForModel(text) }));
  return [...corpus, ...plain];
}

const PLACEHOLDER: StackThresholds = { ask: 1, alone: 2, promote: 2, demote: 0, category: 1 };

export function trainModel(items: ModelItem[], thresholds: StackThresholds = PLACEHOLDER): LoadedModel {
  const data = items.map((i) => ({ tokens: i.reading.tokens, markers: i.reading.markers, labels: i.labels, clear: i.clear }));
  return loadModel(toJson(train(data, MODEL_LABELS), MODEL_LABELS, thresholds, 'cv'));
}

/** One model per fold, trained without it. */
export function foldModels(items: ModelItem[], thresholds: StackThresholds = PLACEHOLDER): LoadedModel[] {
  return Array.from({ length: FOLDS }, (_, f) => trainModel(items.filter((i) => i.fold !== f), thresholds));
}

/** Out-of-fold scores of every item, and p(any) of its clear clauses (see clearClausesAny). */
export function outOfFold(items: ModelItem[], models: LoadedModel[]): (ModelScores & { clearClausesAny: number })[] {
  return items.map((i) => {
    const m = models[i.fold]!;
    return { ...scoresOf(m, scoreTokens(m, i.reading.tokens, i.reading.markers)), clearClausesAny: clearClausesAny(m, i.reading) };
  });
}

/** A detector that answers each text with the model trained without its fold. */
export function crossValidatedDetector(models: LoadedModel[]): (text: string) => CrisisSignal | null {
  const detectors = models.map((m) => detectCrisisWith(m));
  return (text) => detectors[foldOf(text)]!(text);
}
