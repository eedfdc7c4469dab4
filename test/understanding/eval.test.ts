import fs from 'node:fs';
import path from 'node:path';
import { evaluateConversations, type SimulatedConversation } from '../../eval/conversations';
import { TARGETS, failedTargets } from '../../eval/targets';
import { evaluateUtterances, type Utterance } from '../../eval/utterances';
import { CommuneIndex } from '../../understanding/places/CommuneIndex';
import { openTestDatabase } from '../helpers/testDatabase';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'understanding');
const TODAY = new Date('2026-11-21T12:00:00+01:00');
const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as T;

/**
 * The quality gate of issue 3: the same evaluation as `npm run eval:understanding`, on the
 * hand-labelled corpus. A change that makes understanding worse fails CI here.
 */
describe('understanding quality on the labelled corpus', () => {
  test(`every slot's F1 on single messages is at least ${TARGETS.slotF1}`, () => {
    const report = evaluateUtterances(read<Utterance[]>('utterances.json'), CommuneIndex.load(), TODAY);
    const below = report.slots.filter((s) => s.support > 0 && s.f1 < TARGETS.slotF1).map((s) => `${s.key} F1 ${s.f1.toFixed(3)}`);
    expect(below).toEqual([]);
  });

  test(`at least ${TARGETS.conversationExact * 100}% of simulated conversations store exactly the expected request`, async () => {
    const db = await openTestDatabase('pglite');
    try {
      const report = await evaluateConversations(read<SimulatedConversation[]>('conversations.json'), db, TODAY);
      const wrong = report.results.filter((r) => !r.exact).map((r) => `${r.id}: ${r.stuck ?? r.differences.map((d) => d.field).join(', ')}`);
      expect(failedTargets({ conversationExact: report.exact / report.count })).toEqual([]);
      // Printed on failure only: which conversations and fields.
      if (wrong.length > report.count * (1 - TARGETS.conversationExact)) throw new Error(wrong.join('\n'));
    } finally {
      await db.close();
    }
  }, 240_000);
});
