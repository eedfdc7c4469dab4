import type { FlowEngine, TurnInput, TurnResult } from '../dialogs/engine/FlowEngine';
import { newState, type IntakeState } from '../dialogs/IntakeState';
import type { Msg } from '../dialogs/Msg';
import type { Lang } from '../intake/vocabulary';
import { detectLanguage } from '../understanding/detectLanguage';
import { commandText, parseCommand, type Command } from '../understanding/parseCommand';
import { checkKindOf, type CheckKind } from '../understanding/safety/checkKind';
import { detectCrisis, detectCrisisRules, type CrisisCategory, type CrisisSignal } from '../understanding/safety/detectCrisis';
import { readSafetyAnswer } from '../understanding/safety/readSafetyAnswer';
import { pseudonym, type Logger } from './log';
import type { Renderer } from './renderMessages';

type CheckChoice = 'fine' | 'notOk';

/** The gentle question for a kind of hint, with its two buttons (the first: "it was a figure of speech"). */
export function checkQuestion(kind: CheckKind): Msg {
  return {
    key: `safety.check.ask.${kind}`,
    choices: [
      { code: 'fine', label: { key: `safety.check.fine.${kind}` } },
      { code: 'notOk', label: { key: `safety.check.notOk.${kind}` } },
    ],
  };
}

/**
 * Cries for help that the command lexicon also reads as "show the bot's help": while the
 * gentle question waits they answer it ("not OK"), they never open the form's help.
 */
const DISTRESS = new Set(
  ['au secours', 'a l aide', 'sos', 'sos aide', 'aide moi', 'aidez moi', 'help me', 'i need help', 'j ai besoin d aide', 'besoin d aide', 'help me please', 'aide moi stp', 'aidez moi svp'].map(commandText),
);

/**
 * The safety check around every message, before the form sees it. The same for every
 * channel: it reads text and returns locale keys, and each channel adapter goes through
 * IntakeBot, so web chat, Bot Framework and the messaging channels behave alike.
 *
 * - Clear danger: the form pauses and the help lines show at once (FlowEngine.onCrisis).
 * - Ambiguous ("je veux en finir", "ça me tue", "c'est tendu à la maison"): one gentle
 *   question that fits the hint (understanding/safety/checkKind.ts: studies, home, being
 *   hurt, a place to sleep, harassment, something taken). While a question of the form is
 *   pending, the message is still read as its answer (nothing the young person said is
 *   lost); the form's reply waits. A clear "it was a figure of speech / I'm fine" resumes
 *   the form where it was (the pending question asked again); anything else, including no
 *   real answer, shows the help lines.
 * - A command typed while the question waits is a command: help and language answer and
 *   ask the question again; back, restart, stop, erase, edit set the question aside and go
 *   to the form. A new danger or a cry for help ("au secours") is an answer, never a command.
 * Nothing of the message is kept: the state holds only the categories while the question
 * waits, and the logs only the level, the categories and the command's kind.
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
    if (state && pending) return this.onAnswer(state, pending.categories, input, conv);

    const signal = detectCrisis(input.text);
    if (!signal || modelAloneOnYesNo(state, signal, input.text)) return this.dialog.onMessage(state, input, lang);
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
    return { state: next, out: [checkQuestion(checkKindOf(signal.categories))] };
  }

  private async onAnswer(state: IntakeState, categories: CrisisCategory[], input: TurnInput, conv: string): Promise<TurnResult> {
    const text = input.text;
    const kind = checkKindOf(categories);
    const choice = this.choiceOf(state.lang, kind, text);
    const read = readSafetyAnswer(text);
    // A danger said in the answer (categories found) is an answer, whatever command words it has.
    const danger = !read.fine && read.categories.length > 0;
    if (choice === null && !danger && !DISTRESS.has(commandText(text))) {
      const cmd = parseCommand(text);
      if (cmd) return this.onCommand(state, kind, cmd, input, conv);
    }
    const next = structuredClone(state);
    delete next.safetyCheck;
    const fine = choice === 'fine' || (choice === null && read.fine);
    this.log('info', 'crisis.checkAnswered', { conv, fine });
    if (fine) return { state: next, out: [{ key: 'safety.check.thanks' }, ...this.dialog.resume(next)] };
    const all = [...new Set<CrisisCategory>([...categories, ...(read.fine ? [] : read.categories)])];
    return this.dialog.onCrisis(next, { level: 'clear', categories: all }, next.lang);
  }

  /**
   * Help and a language change answer and ask the gentle question again (in the new
   * language); any other command means "do this instead": the question is set aside and
   * the form carries the command out where it was.
   */
  private async onCommand(state: IntakeState, kind: CheckKind, cmd: Command, input: TurnInput, conv: string): Promise<TurnResult> {
    this.log('info', 'crisis.checkCommand', { conv, command: cmd.kind });
    if (cmd.kind === 'help') return { state, out: [{ key: 'intake.help' }, checkQuestion(kind)] };
    if (cmd.kind === 'switchLang') {
      const next = structuredClone(state);
      next.lang = cmd.lang;
      next.langChosen = true;
      return { state: next, out: [{ key: 'intake.language.switched' }, checkQuestion(kind)] };
    }
    const next = structuredClone(state);
    delete next.safetyCheck;
    const result = await this.dialog.onMessage(next, input, next.lang);
    // Leaving or erasing while the question waits: no lines were shown, so one line says
    // where help is (3114, Fil Santé Jeunes) before the command is carried out.
    if (cmd.kind === 'stop' || cmd.kind === 'deleteData') return { ...result, out: [{ key: 'safety.check.reminder' }, ...result.out] };
    return result;
  }

  /** The buttons, their numbers or their words typed back. */
  private choiceOf(lang: Lang, kind: CheckKind, text: string): CheckChoice | null {
    const typed = commandText(text);
    if (typed === '1') return 'fine';
    if (typed === '2') return 'notOk';
    for (const c of checkQuestion(kind).choices!) if (commandText(this.render(c.label, lang)) === typed) return c.code as CheckChoice;
    return null;
  }
}

/** A reply that starts by answering yes or no ("oui je lui demanderai demain", "no, not yet"). */
const YES_NO_START = /^\s*(?:oui|ouais|ouaip|wi|yes|yeah|yep|non|nan|no|nope|ok|okay|d'accord|dac)\b/iu;

/**
 * The statistical model alone (no lexicon pattern read anything) is the weakest evidence the
 * check has. On a reply that starts with yes or no to a yes/no question of the form (consent,
 * a parent's consent, the summary, a check of a reading), it does not stop the form with the
 * gentle question: "oui je vais lui demander ce soir" is about asking a parent. A danger the
 * rules read ("oui et je veux mourir") is answered as always.
 */
export function modelAloneOnYesNo(state: IntakeState | null, signal: CrisisSignal, text: string): boolean {
  if (!state || signal.level !== 'ambiguous' || !YES_NO_START.test(text)) return false;
  const closed = state.phase === 'consent' || state.phase === 'summary' || state.phase === 'proposal' || state.confirming !== undefined
    || state.checking !== undefined || (state.phase === 'asking' && state.current === 'guardianConsent');
  return closed && detectCrisisRules(text) === null;
}
