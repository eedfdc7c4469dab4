import type { MentoringRequest } from '../../intake/MentoringRequest';
import type { VolunteerOffer } from '../../intake/VolunteerOffer';
import type { Lang } from '../../intake/vocabulary';
import type { Proposal } from '../../intake/submitRequest';
import type { Reason } from '../../routing/types';
import { parseCommand } from '../../understanding/parseCommand';
import type { CommuneIndex } from '../../understanding/places/CommuneIndex';
import { helpLinesFor } from '../../understanding/safety/helpLines';
import type { CrisisSignal } from '../../understanding/safety/detectCrisis';
import { newState, type IntakeState } from '../IntakeState';
import { msg, type Msg, type Translate } from '../Msg';
import { recallMsg } from '../prompts';
import { createFlows } from '../flows';
import { flowMsgs, type FlowId } from './Flow';
import { flowOf, readerOf, type EngineContext } from './context';
import { consentStep, welcomeStep } from './consent';
import { answerStep } from './answering';
import { editPickStep, summaryReplyStep } from './summary';
import { proposalReplyStep } from './submission';
import { askConfirmation, commandIn, commandStep, confirmationStep, isContinue, reaskStep } from './commands';
import { claimedFlow, enterFlow, switchStep } from './switching';

export interface SubmitMeta { submissionId: string; conversationKey: string; conversationRef: unknown; preferredProgrammeId?: string }
export interface SubmitOutcome {
  requestId: string;
  associationName: string;
  responseDays: number;
  fallback: boolean;
  reasons: Reason[];
  preferenceHonoured: boolean;
}

export interface IntakeDeps {
  places: CommuneIndex;
  t: Translate;
  now: () => Date;
  /** What routing would choose and the alternatives, nothing stored. */
  propose(request: MentoringRequest): Promise<Proposal>;
  submit(request: MentoringRequest, meta: SubmitMeta): Promise<SubmitOutcome>;
  /** The same for a volunteer's offer (dialogs/flows/volunteer). */
  volunteers: {
    propose(offer: VolunteerOffer): Promise<Proposal>;
    submit(offer: VolunteerOffer, meta: SubmitMeta): Promise<SubmitOutcome>;
  };
  /** Erases every request and notification of a conversation; returns how many requests. */
  erase(conversationKey: string): Promise<number>;
  /** A message after this long a silence starts with a reminder of what was said. */
  resumeAfterMs: number;
  /** Unfinished conversations are erased after this many days (said in the consent details). */
  retentionDays: number;
  /**
   * Counts, without personal data, that a conversation reached a step (its question's
   * key, the summary...), once per step and conversation: the dashboard's funnel.
   */
  reached?(step: string, channel: string): void;
}

export interface TurnInput {
  text: string;
  attachments: number;
  channel: string;
  conversationKey: string;
  conversationRef: unknown;
}

/** state null: delete the stored conversation state (nothing is kept). */
export interface TurnResult { state: IntakeState | null; out: Msg[] }

export const MAX_MESSAGE_LENGTH = 2000;

/**
 * The conversation engine: welcome and consent, questions, summary with corrections,
 * commands, confirmations, proposal and submission, for any flow described as data
 * (dialogs/engine/Flow: the mentee intake in dialogs/flows/mentee, the volunteer's in
 * dialogs/flows/volunteer). Pure of any channel: it reads text and says locale keys;
 * bots/ renders them. This class keeps the turn loop (onMessage, route); the steps are
 * plain functions of an EngineContext in this folder: consent (welcome), answering
 * (questions), summary (and corrections), submission (proposal), commands (and
 * confirmations), switching (between flows).
 */
export class FlowEngine {
  private readonly cx: EngineContext;

  constructor(private readonly deps: IntakeDeps) {
    this.cx = { deps, flows: createFlows(deps) };
  }

  /** What a turn says, in the words of the flow the conversation ends the turn in. */
  private said(result: TurnResult, flowAtStart: { flow?: FlowId }): TurnResult {
    const flow = flowOf(this.cx, result.state ?? flowAtStart);
    const lang = result.state?.lang ?? 'fr';
    return { state: result.state, out: flowMsgs(flow, (key) => this.deps.t(lang, key) !== key, mergeNoted(result.out)) };
  }

  /** Handles one message of the young person. */
  async onMessage(stored: IntakeState | null, input: TurnInput, defaultLang: Lang): Promise<TurnResult> {
    const state = stored ? structuredClone(stored) : newState(defaultLang);
    const out: Msg[] = [];
    const now = this.deps.now();
    const silentFor = state.lastActivityAt ? now.getTime() - Date.parse(state.lastActivityAt) : 0;
    state.lastActivityAt = now.toISOString();
    state.turns = (state.turns ?? 0) + 1;
    const flowAtStart = { flow: state.flow };

    const result = await this.route(state, input, out, silentFor);
    const done = result ?? { state, out };
    if (done.state) this.countStep(done.state, input.channel);
    return this.said(done, flowAtStart);
  }

  /**
   * The funnel: the step this conversation is at, counted the first time it gets there, in
   * the flow it is in (a conversation that changes side is counted in the other flow's
   * funnel from there on, under that flow's step names).
   */
  private countStep(state: IntakeState, channel: string): void {
    if (!this.deps.reached) return;
    const step = state.phase === 'asking' ? state.current : state.phase === 'new' || state.phase === 'editPick' ? null : state.phase;
    if (!step) return;
    const named = flowOf(this.cx, state).step(step);
    const seen = (state.reached ??= []);
    if (seen.includes(named)) return;
    seen.push(named);
    this.deps.reached(named, channel);
  }

  /** Says hello when a conversation opens (conversationUpdate), before any message. */
  onConversationStart(stored: IntakeState | null, lang: Lang, channel = 'unknown'): TurnResult {
    if (stored && stored.phase !== 'new') return { state: stored, out: [] };
    const state = newState(lang);
    state.lastActivityAt = this.deps.now().toISOString();
    const out = welcomeStep(state);
    this.countStep(state, channel);
    return this.said({ state, out }, state);
  }

  /** A crisis message: help lines first, the form waits. */
  onCrisis(stored: IntakeState | null, signal: CrisisSignal, defaultLang: Lang): TurnResult {
    const state = stored ? structuredClone(stored) : newState(defaultLang);
    state.crisisPause = true;
    // A pending "are you sure?" must not be answered by whatever comes after the help lines.
    delete state.confirming;
    state.lastActivityAt = this.deps.now().toISOString();
    const lines = helpLinesFor(signal.categories, { age: state.draft.age }).map((l) => msg(l.textKey));
    const canContinue = state.phase === 'asking' || state.phase === 'summary' || state.phase === 'editPick' || state.phase === 'consent' || state.phase === 'new';
    const offer: Msg = canContinue
      ? { key: 'safety.offerContinue', choices: [{ code: 'continue', label: msg('safety.continue') }] }
      : msg('safety.notEmergency');
    return this.said({ state, out: [msg('safety.intro'), ...lines, offer] }, state);
  }

  /** The form where it was: what is pending asked again (after the safety question). */
  resume(state: IntakeState): Msg[] {
    return this.said({ state, out: reaskStep(this.cx, state) }, state).out;
  }

  private async route(state: IntakeState, input: TurnInput, out: Msg[], silentFor: number): Promise<TurnResult | void> {
    const text = input.text.trim();
    if (state.crisisPause) {
      state.crisisPause = false;
      if (text === '' || isContinue(this.cx, state, text)) {
        out.push(...reaskStep(this.cx, state));
        return;
      }
    }
    if (state.confirming) return confirmationStep(this.cx, state, text, parseCommand(text), input, out);
    if (state.phase === 'new') {
      // The page's locale is a guess; the first words a young person types are better evidence.
      const cmd = parseCommand(text);
      // "Effacer mes données" must reach requests sent earlier, even when the form state is gone.
      if (cmd?.kind === 'deleteData') return askConfirmation(this.cx, state, 'delete', out);
      // "Je voudrais devenir mentor": the volunteer's conversation from the welcome on.
      const wanted = claimedFlow(this.cx, state, text);
      if (wanted) enterFlow(this.cx, state, wanted);
      const u = readerOf(this.cx, state).read(state, text, null);
      const detected = cmd?.kind === 'switchLang' ? cmd.lang : u.lang;
      if (detected) state.lang = detected;
      if (cmd?.kind === 'switchLang' || u.langRequested) state.langChosen = true;
      // An opening that tells the whole story is kept for after the consent, not asked again.
      readerOf(this.cx, state).hold(state, u);
      if (u.faq) out.push(readerOf(this.cx, state).faqMsg(state, u));
      out.push(...welcomeStep(state, Object.keys(u.slots).length > 0));
      return;
    }
    if (text === '') {
      out.push(msg(input.attachments > 0 ? 'input.attachment' : 'input.empty'), ...reaskStep(this.cx, state));
      return;
    }
    if (text.length > MAX_MESSAGE_LENGTH) {
      out.push(msg('input.tooLong', { max: MAX_MESSAGE_LENGTH }), ...reaskStep(this.cx, state));
      return;
    }
    if (silentFor > this.deps.resumeAfterMs && (state.phase === 'asking' || state.phase === 'summary' || state.phase === 'editPick' || state.phase === 'proposal')) {
      out.push(recallMsg(state));
    }
    const cmd = commandIn(state, text);
    if (cmd) return commandStep(this.cx, state, cmd, out);
    const wanted = state.phase === 'submitted' ? null : claimedFlow(this.cx, state, text);
    if (wanted) return switchStep(this.cx, state, wanted, text, out);
    switch (state.phase) {
      case 'consent': return consentStep(this.cx, state, text, out);
      case 'asking': return answerStep(this.cx, state, text, out);
      case 'summary': return summaryReplyStep(this.cx, state, text, input, out);
      case 'editPick': return editPickStep(this.cx, state, text, out);
      case 'proposal': return proposalReplyStep(this.cx, state, text, input, out);
      case 'submitted': out.push(msg('intake.submitted.already', { association: state.associationName ?? '' })); return;
    }
  }
}

/** Two "C'est noté" in a row (answers read on the way, then one held for this question) are said as one. */
function mergeNoted(out: Msg[]): Msg[] {
  const merged: Msg[] = [];
  for (const m of out) {
    const last = merged[merged.length - 1];
    if (last && m.key === 'intake.understood.noted' && last.key === m.key && Array.isArray(last.params?.items) && Array.isArray(m.params?.items)) {
      merged[merged.length - 1] = { ...last, params: { ...last.params, items: [...last.params.items, ...m.params.items] } };
    } else merged.push(m);
  }
  return merged;
}
