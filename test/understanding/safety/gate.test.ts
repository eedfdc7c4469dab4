import { conversationTexts, evaluateSafety, loadSafetyCorpus, plainAnswers, plainRates, ratio, splitOf, type PartReport } from '../../../eval/safety';
import { SAFETY_TARGETS } from '../../../eval/safetyTargets';
import { detectCrisis, MODEL } from '../../../understanding/safety/detectCrisis';
import { crossValidatedDetector, foldModels, modelItems } from '../../../eval/safetyCv';

/**
 * The CI gate of issue 19: the same evaluation as `npm run eval:safety`, held at the levels
 * measured when they were set (eval/safetyTargets.ts). A lexicon or rule edit that lowers
 * recall, or raises false alarms, fails here with the lines it broke (tuning part) or the
 * figures (held-out part, whose lines are not printed: it must not be tuned on).
 */
const items = loadSafetyCorpus();
const reports = evaluateSafety(items, detectCrisis);
const show = (r: PartReport) => r.misses.map((m) => `${m.why}: ${m.item.file}:${m.item.line} ${m.item.text}`).join('\n');

describe('safety corpus', () => {
  it('has at least 400 crisis and 400 ordinary messages, in both languages, openings and mid-way answers', () => {
    const crisis = items.filter((i) => i.level !== 'none');
    const ordinary = items.filter((i) => i.level === 'none');
    expect(crisis.length).toBeGreaterThanOrEqual(400);
    expect(ordinary.length).toBeGreaterThanOrEqual(400);
    for (const set of [crisis, ordinary]) {
      for (const lang of ['fr', 'en']) expect(set.filter((i) => i.lang === lang).length).toBeGreaterThan(100);
      expect(set.filter((i) => i.position.startsWith('mid:')).length).toBeGreaterThan(40);
    }
  });

  it('splits by the seeded rule of its README, about 30% held out', () => {
    expect(splitOf('fr', 'je veux mourir')).toBe(splitOf('fr', 'je veux mourir'));
    const held = items.filter((i) => i.part === 'heldout').length / items.length;
    expect(held).toBeGreaterThan(0.25);
    expect(held).toBeLessThan(0.35);
  });
});

describe.each(['tuning', 'heldout'] as const)('safety check on the %s part', (part) => {
  const r = reports[part];
  const detail = part === 'tuning' ? show(r) : '(held-out lines are not printed)';

  it(`catches at least ${SAFETY_TARGETS.recall[part] * 100}% of crisis messages with the right categories`, () => {
    if (ratio(r.recall) < SAFETY_TARGETS.recall[part]) throw new Error(`recall ${(ratio(r.recall) * 100).toFixed(1)}%\n${detail}`);
  });
  it(`shows the lines at once for at least ${SAFETY_TARGETS.clearRecall[part] * 100}% of clear dangers`, () => {
    if (ratio(r.clearRecall) < SAFETY_TARGETS.clearRecall[part]) throw new Error(`clear recall ${(ratio(r.clearRecall) * 100).toFixed(1)}%\n${detail}`);
  });
  it(`alarms at most ${SAFETY_TARGETS.falseAlarms[part] * 100}% of ordinary messages`, () => {
    if (ratio(r.falseAlarms) > SAFETY_TARGETS.falseAlarms[part]) throw new Error(`false alarms ${(ratio(r.falseAlarms) * 100).toFixed(1)}%\n${detail}`);
  });
  it(`asks the gentle question on at most ${SAFETY_TARGETS.questions[part] * 100}% of ordinary messages`, () => {
    expect(ratio(r.questions)).toBeLessThanOrEqual(SAFETY_TARGETS.questions[part]);
  });
});

describe('safety check on plain form answers (understanding corpus, held-out file)', () => {
  const r = plainRates(plainAnswers('heldout'), detectCrisis);
  it('never alarms and rarely asks', () => {
    expect(ratio(r.alarms)).toBeLessThanOrEqual(SAFETY_TARGETS.plain.alarms);
    expect(ratio(r.questions)).toBeLessThanOrEqual(SAFETY_TARGETS.plain.questions);
  });
});

describe.each(['tuning', 'heldout'] as const)('safety check on what people wrote in the full conversations of the understanding corpus (%s half)', (half) => {
  // Young people's and volunteers' openings and answers: ordinary by construction.
  const r = plainRates(conversationTexts(half), detectCrisis);
  it('never alarms and rarely asks', () => {
    expect(ratio(r.alarms)).toBeLessThanOrEqual(SAFETY_TARGETS.plain.alarms);
    expect(ratio(r.questions)).toBeLessThanOrEqual(SAFETY_TARGETS.plain.questions);
  });
});

describe('safety check on the tuning part, cross-validated (a model trained without each fold, eval/safetyCv.ts)', () => {
  // The model's own over-fit removed: a retrained model whose out-of-fold verdicts got worse fails here.
  const cv = evaluateSafety(items.filter((i) => i.part === 'tuning'), crossValidatedDetector(foldModels(modelItems(), MODEL.thresholds))).tuning;
  const t = SAFETY_TARGETS.crossValidated;
  it(`recall >= ${t.recall * 100}%, clear at once >= ${t.clearRecall * 100}%, full alerts <= ${t.falseAlarms * 100}%, questions <= ${t.questions * 100}%`, () => {
    const got = `recall ${(ratio(cv.recall) * 100).toFixed(1)}%, clear ${(ratio(cv.clearRecall) * 100).toFixed(1)}%, alerts ${(ratio(cv.falseAlarms) * 100).toFixed(1)}%, questions ${(ratio(cv.questions) * 100).toFixed(1)}%\n${show(cv)}`;
    if (ratio(cv.recall) < t.recall || ratio(cv.clearRecall) < t.clearRecall || ratio(cv.falseAlarms) > t.falseAlarms || ratio(cv.questions) > t.questions) throw new Error(got);
  });
});
