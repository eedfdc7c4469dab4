import type { FlowEngine, TurnInput, TurnResult } from '../dialogs/engine/FlowEngine';
import { newState, type IntakeState } from '../dialogs/IntakeState';
import type { Msg } from '../dialogs/Msg';
import type { Lang } from '../intake/vocabulary';
import { detectLanguage } from '../understanding/detectLanguage';
import { commandText } from '../understanding/parseCommand';
import { detectCrisis, type CrisisCategory, type CrisisSignal } from '../understanding/safety/detectCrisis';
import { readSafetyAnswer } from '../understanding/safety/readSafetyAnswer';
import { pseudonym, type Logger } from './log';
import type { Renderer } from './renderMessages';

const CHECK_CHOICES = [
  { code: 'studies', label: { key: 'safety.check.studies' } },
  { code: 'notOk', label: { key: 'safety.check.notOk' } },
];

/**
 * The safety check around every message, before the form sees it. The same for every
 * channel: it reads text and returns locale keys, and each channel adapter goes through
 * IntakeBot, so web chat, Bot Framework and the messaging channels behave alike.
 *
 * - Clear danger: the form pauses and the help lines show at once (FlowEngine.onCrisis).
 * - Ambiguous ("je veux en finir", "ça me tue"): one gentle question. While a question of
 *   the form is pending, the message is still read as its answer (nothing the young person
 *   said is lost); the form's reply waits. A clear "it was about my studies / I'm fine"
 *   resumes the form where it was (the pending question asked again); anything else,
 *   including no real answer, shows the help lines.
 * Nothing of the message is kept: the state holds only the categories while the question
 * waits, and the logs only the level and categories.
 */
export class SafetyHook {
  constructor(
    private readonly dialog: FlowEngine,
    private readonly render: Renderer,
    private readonly log: Logger,
  ) {}

  async onMessage(state: IntakeState | null, input: TurnInput, lang: Lang): Promise<TurnResult> {
    const conv = pseudonym(input.conversationKey);
    const pending = state?.safetyCheck;
    if (state && pending) return this.onAnswer(state, pending.categories, input.text, conv);

    const signal = detectCrisis(input.text);
    if (!signal) return this.dialog.onMessage(state, input, lang);
    this.log('warn', 'crisis.detected', { conv, level: signal.level, categories: signal.categories.join(',') });
    // A first message decides its own language: the page's locale is only a guess.
    const opening = !state || state.phase === 'new';
    const ownLang = opening ? detectLanguage(input.text) ?? lang : lang;
    if (signal.level === 'clear') return this.dialog.onCrisis(state, signal, ownLang);
    return this.ask(state, signal, input, ownLang, opening);
  }

  private async ask(state: IntakeState | null, signal: CrisisSignal, input: TurnInput, lang: Lang, opening: boolean): Promise<TurnResult> {
    let next: IntakeState;
    if (state && state.phase === 'asking' && !state.confirming && !state.crisisPause) {
      // Read as the answer it may also be ("18 et j'en peux plus"): its reply is what waits.
      const read = await this.dialog.onMessage(state, input, lang);
      next = read.state ? structuredClone(read.state) : structuredClone(state);
    } else {
      next = state ? structuredClone(state) : newState(lang);
    }
    if (opening) next.lang = lang;
    next.safetyCheck = { categories: signal.categories };
    const question: Msg = { key: 'safety.check.ask', choices: CHECK_CHOICES.map((c) => ({ code: c.code, label: c.label })) };
    return { state: next, out: [question] };
  }

  private onAnswer(state: IntakeState, categories: CrisisCategory[], text: string, conv: string): TurnResult {
    const next = structuredClone(state);
    delete next.safetyCheck;
    const choice = this.choiceOf(next.lang, text);
    const read = readSafetyAnswer(text);
    const fine = choice === 'studies' || (choice === null && read.fine);
    this.log('info', 'crisis.checkAnswered', { conv, fine });
    if (fine) return { state: next, out: [{ key: 'safety.check.thanks' }, ...this.dialog.resume(next)] };
    const all = [...new Set<CrisisCategory>([...categories, ...(read.fine ? [] : read.categories)])];
    return this.dialog.onCrisis(next, { level: 'clear', categories: all }, next.lang);
  }

  /** The buttons, their numbers or their words typed back. */
  private choiceOf(lang: Lang, text: string): 'studies' | 'notOk' | null {
    const typed = commandText(text);
    if (typed === '1') return 'studies';
    if (typed === '2') return 'notOk';
    for (const c of CHECK_CHOICES) if (commandText(this.render(c.label, lang)) === typed) return c.code as 'studies' | 'notOk';
    return null;
  }
}
