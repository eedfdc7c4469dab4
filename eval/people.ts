import type { Database } from '../db/createDatabase';
import { evaluateConversations, type ConversationResult, type EvalOptions, type SimulatedConversation } from './conversations';

export { loadPeople, peopleFiles, PEOPLE_SETS, type Corpus, type PeopleSet } from './peopleCorpus';

export interface PeopleReport {
  count: number;
  /** Every expected field right. */
  exact: number;
  /** Sent to a programme the labels accept. */
  routedOk: number;
  /** Both: what the issue's goal counts. */
  exactAndRouted: number;
  /** Per expected field: right / labelled. */
  fields: Record<string, { right: number; total: number }>;
  confirmations: number;
  /** Yes/no checks of the reading model's guesses: in all, right, and those read in the opening (right). */
  modelChecks: { all: number; right: number; early: number; earlyRight: number };
  /** Conversations where a fact of the opening was asked again, and how many questions. */
  reaskedConversations: number;
  reaskedQuestions: number;
  openingStored: number;
  duplicateButtons: number;
  /** Conversations tagged english_switch whose request is in English. */
  englishHonoured: { yes: number; of: number };
  /** Messages the young person sent until the request was stored (those that got there). */
  medianMessagesToSent: number | null;
  stuck: number;
  /** Conversations with a question the corpus wrote no reply for (answered "je sais pas"), and how many. */
  unscriptedConversations: number;
  unscriptedQuestions: number;
  results: ConversationResult[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Plays the conversations through the real bot stack on `db` (seeded directory) and counts. */
export async function evaluatePeople(items: readonly SimulatedConversation[], db: Database, today: Date, opts: EvalOptions = {}): Promise<PeopleReport> {
  const report = await evaluateConversations(items, db, today, opts);
  const fields: PeopleReport['fields'] = {};
  for (const [i, r] of report.results.entries()) {
    const wrong = new Set(r.differences.map((d) => d.field));
    for (const field of Object.keys(items[i]!.expected)) {
      const f = (fields[field] ??= { right: 0, total: 0 });
      f.total += 1;
      if (!wrong.has(field) && !wrong.has('(request)')) f.right += 1;
    }
  }
  const english = items.map((c, i) => ({ c, r: report.results[i]! })).filter(({ c }) => c.tags?.includes('english_switch'));
  return {
    count: report.count,
    exact: report.exact,
    routedOk: report.results.filter((r) => r.routedOk).length,
    exactAndRouted: report.results.filter((r) => r.exact && r.routedOk).length,
    fields,
    confirmations: report.results.reduce((n, r) => n + r.confirmations, 0),
    modelChecks: {
      all: report.results.reduce((n, r) => n + r.modelChecks.length, 0),
      right: report.results.reduce((n, r) => n + r.modelChecks.filter((c) => c.right).length, 0),
      early: report.results.reduce((n, r) => n + r.modelChecks.filter((c) => c.early).length, 0),
      earlyRight: report.results.reduce((n, r) => n + r.modelChecks.filter((c) => c.early && c.right).length, 0),
    },
    reaskedConversations: report.results.filter((r) => r.reasked.length > 0).length,
    reaskedQuestions: report.results.reduce((n, r) => n + r.reasked.length, 0),
    openingStored: report.results.filter((r) => r.openingStored.length > 0).length,
    duplicateButtons: report.results.reduce((n, r) => n + r.duplicateButtons, 0),
    englishHonoured: { yes: english.filter(({ r }) => r.locale === 'en').length, of: english.length },
    medianMessagesToSent: median(report.results.filter((r) => r.routedTo !== null).map((r) => r.turns)),
    stuck: report.results.filter((r) => r.stuck).length,
    unscriptedConversations: report.results.filter((r) => r.unscripted.length > 0).length,
    unscriptedQuestions: report.results.reduce((n, r) => n + r.unscripted.length, 0),
    results: report.results,
  };
}

export function formatPeopleReport(set: string, r: PeopleReport): string {
  const pct = (a: number, b: number) => `${a}/${b} (${b === 0 ? '-' : ((100 * a) / b).toFixed(0)} %)`;
  const lines = [
    `People corpus, ${set}: ${r.count} conversations`,
    `  exactly right and routed acceptably: ${pct(r.exactAndRouted, r.count)}`,
    `  every field right:                   ${pct(r.exact, r.count)}`,
    `  routed to an acceptable programme:   ${pct(r.routedOk, r.count)}`,
    `  per field: ${Object.entries(r.fields).map(([f, x]) => `${f} ${pct(x.right, x.total)}`).join(' · ')}`,
    `  median messages to a sent request: ${r.medianMessagesToSent}; stuck without a request: ${r.stuck}`,
    `  questions the corpus has no reply for (answered "je sais pas"): ${r.unscriptedQuestions} in ${r.unscriptedConversations} conversations`,
    `  confirmations asked: ${r.confirmations}, of which reading model checks ${r.modelChecks.all} (${r.modelChecks.right} right; from an opening ${r.modelChecks.early}, ${r.modelChecks.earlyRight} right); facts of the opening asked again: ${r.reaskedQuestions} in ${r.reaskedConversations} conversations`,
    `  openings stored as a field: ${r.openingStored}; proposals with two buttons of one name: ${r.duplicateButtons}; English honoured: ${r.englishHonoured.yes}/${r.englishHonoured.of}`,
  ];
  return lines.join('\n');
}
