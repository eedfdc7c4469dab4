import crypto from 'node:crypto';
import type { MentoringRequest } from '../../intake/MentoringRequest';
import type { VolunteerOffer } from '../../intake/VolunteerOffer';
import type { Lang } from '../../intake/vocabulary';
import type { Proposal, ProposalOption } from '../../intake/submitRequest';
import type { Reason } from '../../routing/types';
import { parseCommand, commandText, type Command } from '../../understanding/parseCommand';
import { parseYesNo } from '../../understanding/parseYesNo';
import { readAge } from '../../understanding/parseAge';
import type { CommuneIndex } from '../../understanding/places/CommuneIndex';
import { helpLinesFor } from '../../understanding/safety/helpLines';
import type { CrisisSignal } from '../../understanding/safety/detectCrisis';
import { newState, type Confirmation, type IntakeState, type SlotName } from '../IntakeState';
import { answerCheck, checkAsk, forgetUnsure, placeChoiceAsk, setAsideDoubtful, unsureFor, type MessageReader } from '../readings';
import { forgetWhatNoLongerApplies, isAnswered, nextMissing } from '../progress';
import { msg, type ChoiceOption, type Msg, type Translate } from '../Msg';
import { plainYesNo, type AskContext, type Question } from '../questions';
import { alternativeLine, confirmationAsk, consentAsk, editPickAsk, proposalAsk, recallMsg } from '../prompts';
import { reasonMsg, summaryLines } from '../summary';
import { createFlows } from '../flows';
import { flowMsgs, type Flow, type FlowId } from './Flow';
import { questionOf } from './registry';

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
const MAX_RETRIES = 3;
/** The miss after which a required question takes the young person's own words (Question.lastResort). */
const LAST_RESORT_AFTER = 2;

/**
 * The conversation engine: welcome and consent, questions, summary with corrections,
 * commands, confirmations, proposal and submission, for any flow described as data
 * (dialogs/engine/Flow: the mentee intake in dialogs/flows/mentee, the volunteer's in
 * dialogs/flows/volunteer). Pure of any channel: it reads text and says locale keys;
 * bots/ renders them.
 */
/** A young person's situation that is also a volunteer's occupation (the others are a young person's only). */
const SITUATION_TO_OCCUPATION: Record<string, 'student' | 'employed' | 'job_seeker' | undefined> = { etudiant: 'student', en_emploi: 'employed', recherche_emploi: 'job_seeker' };

export class FlowEngine {
  private readonly flows: Record<FlowId, Flow>;

  constructor(private readonly deps: IntakeDeps) {
    this.flows = createFlows(deps);
  }

  /** The flow a conversation is in. */
  private flowOf(state: { flow?: FlowId }): Flow {
    return this.flows[state.flow ?? 'mentee'];
  }

  private readerOf(state: IntakeState): MessageReader {
    return this.flowOf(state).reader;
  }

  /** What a turn says, in the words of the flow the conversation ends the turn in. */
  private said(result: TurnResult, flowAtStart: { flow?: FlowId }): TurnResult {
    const flow = this.flowOf(result.state ?? flowAtStart);
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
    const named = this.flowOf(state).step(step);
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
    const out = this.welcomeStep(state);
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
    return this.said({ state, out: this.reaskStep(state) }, state).out;
  }

  private async route(state: IntakeState, input: TurnInput, out: Msg[], silentFor: number): Promise<TurnResult | void> {
    const text = input.text.trim();
    if (state.crisisPause) {
      state.crisisPause = false;
      if (text === '' || this.isContinue(state, text)) {
        out.push(...this.reaskStep(state));
        return;
      }
    }
    if (state.confirming) return this.confirmationStep(state, text, parseCommand(text), input, out);
    if (state.phase === 'new') {
      // The page's locale is a guess; the first words a young person types are better evidence.
      const cmd = parseCommand(text);
      // "Effacer mes données" must reach requests sent earlier, even when the form state is gone.
      if (cmd?.kind === 'deleteData') return this.askConfirmation(state, 'delete', out);
      // "Je voudrais devenir mentor": the volunteer's conversation from the welcome on.
      const wanted = this.claimedFlow(state, text);
      if (wanted) this.enterFlow(state, wanted);
      const u = this.readerOf(state).read(state, text, null);
      const detected = cmd?.kind === 'switchLang' ? cmd.lang : u.lang;
      if (detected) state.lang = detected;
      if (cmd?.kind === 'switchLang' || u.langRequested) state.langChosen = true;
      // An opening that tells the whole story is kept for after the consent, not asked again.
      this.readerOf(state).hold(state, u);
      if (u.faq) out.push(this.readerOf(state).faqMsg(state, u));
      out.push(...this.welcomeStep(state, Object.keys(u.slots).length > 0));
      return;
    }
    if (text === '') {
      out.push(msg(input.attachments > 0 ? 'input.attachment' : 'input.empty'), ...this.reaskStep(state));
      return;
    }
    if (text.length > MAX_MESSAGE_LENGTH) {
      out.push(msg('input.tooLong', { max: MAX_MESSAGE_LENGTH }), ...this.reaskStep(state));
      return;
    }
    if (silentFor > this.deps.resumeAfterMs && (state.phase === 'asking' || state.phase === 'summary' || state.phase === 'editPick' || state.phase === 'proposal')) {
      out.push(recallMsg(state));
    }
    const cmd = this.commandIn(state, text);
    if (cmd) return this.commandStep(state, cmd, out);
    const wanted = state.phase === 'submitted' ? null : this.claimedFlow(state, text);
    if (wanted) return this.switchStep(state, wanted, text, out);
    switch (state.phase) {
      case 'consent': return this.consentStep(state, text, out);
      case 'asking': return this.answerStep(state, text, out);
      case 'summary': return this.summaryReplyStep(state, text, input, out);
      case 'editPick': return this.editPickStep(state, text, out);
      case 'proposal': return this.proposalReplyStep(state, text, input, out);
      case 'submitted': out.push(msg('intake.submitted.already', { association: state.associationName ?? '' })); return;
    }
  }

  /** The command a message is, unless it answers the question asked ("anglais" to "which languages do you speak?"). */
  private commandIn(state: IntakeState, text: string): Command | null {
    const cmd = parseCommand(text);
    if (cmd?.kind !== 'switchLang' || state.phase !== 'asking' || !state.current) return cmd;
    return questionOf(state, state.current).namesLanguages ? null : cmd;
  }

  /** The other flow a message asks for ("je voudrais devenir mentor", "en fait je cherche un mentor"), if any. */
  private claimedFlow(state: IntakeState, text: string): FlowId | null {
    const current = this.flowOf(state);
    const opening = state.phase === 'new' || state.phase === 'consent';
    const other = Object.values(this.flows).find((f) => f !== current && f.claims(text, opening));
    return other?.id ?? null;
  }

  /**
   * Moves the conversation to another flow. What both flows ask (first name, age where the
   * other flow takes it, place, meeting, contact) carries over; the rest is forgotten.
   */
  private enterFlow(state: IntakeState, to: FlowId): void {
    const from = this.flowOf(state);
    if (to === 'mentee') delete state.flow;
    else state.flow = to;
    const target = this.flowOf(state);
    const asks = (slot: SlotName) => target.questions.some((q) => q.slot === slot);
    // "I'm a software developer" read as a young person's situation is what a volunteer does: not asked again.
    const occupation = to === 'volunteer' && !state.draft.occupation ? SITUATION_TO_OCCUPATION[state.draft.situation?.kind ?? ''] : undefined;
    for (const q of from.questions) {
      if (asks(q.slot)) continue;
      q.clear(state.draft);
      delete (state.draft as Record<string, unknown>)[q.slot];
      delete state.answered[q.slot];
    }
    const { min, max } = target.reader.rules.ages;
    if (state.draft.age !== undefined && (state.draft.age < min || state.draft.age > max)) {
      delete state.draft.age;
      delete state.answered.age;
    }
    if (occupation && asks('occupation')) {
      state.draft.occupation = { kind: occupation, detail: null };
      state.answered.occupation = true;
    }
    state.history = state.history.filter(asks);
    state.current = null;
    state.retries = 0;
    state.editing = false;
    delete state.proposal;
    forgetWhatNoLongerApplies(state);
  }

  /** Someone on the wrong side: the other flow, keeping what fits it, then on where it stands. */
  private switchStep(state: IntakeState, to: FlowId, text: string, out: Msg[]): TurnResult | void {
    this.enterFlow(state, to);
    out.push(msg(`flow.switched.${to}`));
    const reader = this.readerOf(state);
    const u = reader.read(state, text, null);
    if (state.phase === 'consent') {
      reader.hold(state, u);
      out.push(...this.welcomeStep(state));
      return;
    }
    const applied = reader.applyReadings(state, u.slots, { force: false, except: null });
    out.push(...reader.understoodMsgs(state, applied));
    if (applied.outOfRange) return this.askConfirmation(state, applied.outOfRange, out, u.slots.age);
    out.push(...this.askNextStep(state));
  }

  /** Says what Binôme is, what it asks and why, who receives it, and asks for consent. */
  private welcomeStep(state: IntakeState, told = false): Msg[] {
    state.phase = 'consent';
    state.retries = 0;
    // An opening that told their story is acknowledged: it will be used once they agree.
    const noted = told ? [msg('intake.welcome.noted')] : [];
    return [msg('intake.welcome.hello'), ...noted, msg('intake.welcome.what'), msg('intake.welcome.privacy'), consentAsk()];
  }

  /** Consent given: start the questions; refused: keep nothing. */
  private consentStep(state: IntakeState, text: string, out: Msg[]): TurnResult | void {
    const reader = this.readerOf(state);
    const choice = this.choiceOf(state, text, consentAsk().choices!);
    const yn = parseYesNo(text, state.lang);
    if (choice === 'more') { out.push(msg('intake.consent.details', { days: this.deps.retentionDays }), consentAsk()); return; }
    if (choice === 'no' || (yn.ok && !yn.value)) {
      // Nothing is kept, including what the opening told.
      out.push(msg('intake.consent.declined'));
      return { state: null, out };
    }
    const u = reader.read(state, text, null);
    reader.followLanguage(state, u, out);
    reader.hold(state, u);
    if (choice === 'yes' || (yn.ok && yn.value)) {
      state.consentAt = this.deps.now().toISOString();
      state.phase = 'asking';
      out.push(msg('intake.consent.thanks'));
      const pending = state.pending;
      delete state.pending;
      if (pending) {
        const applied = reader.applyReadings(state, pending, { force: false, except: null });
        out.push(...reader.understoodMsgs(state, applied, true));
        if (applied.outOfRange) return this.askConfirmation(state, applied.outOfRange, out, pending.age);
      }
      out.push(...this.askNextStep(state));
      return;
    }
    if (u.faq) { out.push(reader.faqMsg(state, u), consentAsk()); return; }
    // A story sent before answering (a long message typed while the welcome came): noted, not "not understood".
    if (Object.keys(u.slots).length > 0) { out.push(msg('intake.welcome.noted'), consentAsk()); return; }
    out.push(msg('intake.consent.retry'), consentAsk());
  }

  /** Understands the answer to the current question, then asks the next missing one. */
  private answerStep(state: IntakeState, text: string, out: Msg[]): TurnResult | void {
    const reader = this.readerOf(state);
    const slot = state.current;
    if (!slot) { out.push(...this.askNextStep(state)); return; }
    const q = questionOf(state, slot);
    // The reply to "Tu habites bien à Plaisir ?": yes stores it, no asks the question, anything else is the answer.
    if (state.checking === slot) {
      const checked = answerCheck(state, plainYesNo(text, state.lang), reader.rules.applySlot);
      if (checked === 'yes') { out.push(...this.afterAnswer(state)); return; }
      if (checked === 'no') { out.push(this.questionMsg(state, q)); return; }
    }
    const policy = reader.rules.policy(state);
    const u = reader.read(state, text, policy.asked);
    if (q.skippable && u.skip) {
      // Part of the answer told earlier (a priority public read in passing) is kept; "skip" adds nothing.
      const partly = (state.draft as Record<string, unknown>)[slot] !== undefined && !state.answered[slot];
      const told = partly ? reader.ownAnswer(state, q, u, text, (st, qq) => this.questionMsg(st, qq)) : null;
      this.record(state, q, told?.kind === 'ok' ? told.apply : (d) => { q.clear(d); (d as Record<string, unknown>)[slot] = null; });
      out.push(...this.afterAnswer(state));
      return;
    }
    reader.followLanguage(state, u, out);
    // "Can we continue in English?" and nothing else: the question again, in that language, no retry counted.
    if (u.langRequested && reader.slotsRead(u.slots).length === 0 && !u.faq) {
      out.push(this.questionMsg(state, q));
      return;
    }
    // The text the answer is read from: without what a correction says is wrong ("pas Lyon").
    // A question about the service ("gratuit ?" is no first name) or a correction of another answer
    // ("non pas Lyon, Villeurbanne" is no "non" to this question): only what the reading found counts.
    // ("en fait c'est lea@example.fr" at the contact question corrects this very answer: read as usual.)
    const correctsOther = u.correction && !reader.slotsRead(u.slots).includes(slot) && !slot.startsWith('guardian');
    const answer = reader.ownAnswer(state, q, u, text, (st, qq) => this.questionMsg(st, qq))
      ?? (u.faq || correctsOther ? { kind: 'retry' as const } : q.understand(u.source ?? text, this.ctx(state)));
    // Other answers given on the way; in free-text answers only when said to be corrections.
    const applied = !policy.extrasOnlyIfCorrection || u.correction
      ? reader.applyReadings(state, setAsideDoubtful(state, u), { force: !!u.correction, except: slot, adds: u.adds })
      : { noted: [], corrected: [] };
    out.push(...reader.understoodMsgs(state, applied));
    if (applied.outOfRange) return this.askConfirmation(state, applied.outOfRange, out, u.slots.age);
    if (u.faq) {
      out.push(reader.faqMsg(state, u));
      if (answer.kind === 'ok') { this.record(state, q, answer.apply); out.push(...this.afterAnswer(state)); return; }
      out.push(...this.reaskStep(state));
      return;
    }
    const movedOn = applied.noted.length > 0 || applied.corrected.length > 0;
    switch (answer.kind) {
      case 'ok':
        this.record(state, q, answer.apply);
        if (answer.ack) out.push(answer.ack);
        out.push(...this.afterAnswer(state));
        return;
      case 'clarify':
        state.pendingPlaces = answer.pendingPlaces;
        out.push(answer.ask);
        return;
      case 'outOfRange':
        return this.askConfirmation(state, answer.which, out, this.ageIn(state, u.source ?? text));
      case 'end':
        // Cannot go on: nothing the young person said is kept.
        out.push(...answer.msgs);
        return { state: null, out };
      case 'retry':
        // Something else was answered instead: no reproach, the question (or the next) comes again.
        if (movedOn) { out.push(...this.afterAnswer(state)); return; }
        // The rules missed and the reading model has a guess (dialogs/readings.ts): one yes/no
        // check, on the first miss only; after a "no" the question is asked as usual.
        if (unsureFor(state, slot) && state.retries === 0) { state.retries = 1; out.push(this.questionMsg(state, q)); return; }
        forgetUnsure(state, slot);
        if (u.clarify === slot || (u.clarify && !u.correction)) { out.push(msg('intake.clarify'), this.questionMsg(state, q)); state.retries += 1; return; }
        // A required question missed a second time: the young person's words, when they can stand as the answer.
        if (state.retries + 1 >= LAST_RESORT_AFTER && !u.noise && !u.faq && q.lastResort) {
          const kept = q.lastResort(text);
          if (kept?.kind === 'ok') {
            this.record(state, q, kept.apply);
            if (kept.ack) out.push(kept.ack);
            out.push(...this.afterAnswer(state));
            return;
          }
        }
        // Nonsense, an insult, a keyboard mash: the same calm re-ask with its hint, never a reproach.
        out.push(...this.retryStep(state, q, answer.hint));
    }
  }

  /** Re-asks with a hint; after three misses, offers buttons or moves on. */
  private retryStep(state: IntakeState, q: Question, hint?: Msg): Msg[] {
    state.retries += 1;
    if (state.retries >= MAX_RETRIES && q.skippable) {
      this.record(state, q, (d) => { q.clear(d); (d as Record<string, unknown>)[q.slot] = null; });
      return [msg('intake.retry.movingOn'), ...this.afterAnswer(state)];
    }
    const retry = hint ?? msg(`intake.${q.slot}.retry`);
    if (state.retries >= MAX_RETRIES) return [retry, { ...this.questionMsg(state, q), key: 'intake.retry.lastTry', params: { question: this.questionMsg(state, q) } }];
    return [retry, this.questionMsg(state, q)];
  }

  private record(state: IntakeState, q: Question, apply: (d: IntakeState['draft']) => void): void {
    apply(state.draft);
    forgetUnsure(state, q.slot);
    for (const slot of q.resets ?? []) delete state.answered[slot];
    state.answered[q.slot] = true;
    state.history = [...state.history.filter((s) => s !== q.slot), q.slot];
    state.retries = 0;
    if (q.slot === 'place') { delete state.pendingPlaces; delete state.placeIn; }
    forgetWhatNoLongerApplies(state);
  }


  private afterAnswer(state: IntakeState): Msg[] {
    if (state.editing && nextMissing(state) === null) return this.summaryStep(state);
    return this.askNextStep(state);
  }



  /** Asks the first question still missing, or shows the summary. */
  private askNextStep(state: IntakeState): Msg[] {
    // What an earlier message said for a question that now applies (a diploma told before the situation).
    const reader = this.readerOf(state);
    const held = reader.understoodMsgs(state, reader.applyHeld(state));
    const q = nextMissing(state);
    if (!q) return [...held, ...this.summaryStep(state)];
    state.phase = 'asking';
    state.current = q.slot;
    state.retries = 0;
    // Namesakes read earlier ("à Saint-Denis" in the opening) wait for the place question, even
    // when other questions come first; they go once the place is answered (record, applyReadings).
    if (isAnswered(state, 'place')) delete state.pendingPlaces;
    return [...held, this.questionMsg(state, q)];
  }

  /** Asks one question now (its answer was refused or doubted), the others after it. */
  private askSlotStep(state: IntakeState, slot: SlotName): Msg[] {
    const q = questionOf(state, slot);
    if (!q.applies(state.draft)) return this.reaskStep(state);
    state.phase = 'asking';
    state.current = slot;
    state.retries = 0;
    return [this.questionMsg(state, q)];
  }

  private questionMsg(state: IntakeState, q: Question): Msg {
    // A doubtful reading of this answer is confirmed rather than asked for again (readings.ts).
    if (!state.editing && unsureFor(state, q.slot)) { state.checking = q.slot; return checkAsk(state, q.slot); }
    if (q.slot === 'place' && state.pendingPlaces?.length) return placeChoiceAsk(state.pendingPlaces);
    if (q.slot === 'place' && state.placeIn) {
      const name = this.deps.places.territories.departementName(state.placeIn) ?? state.placeIn;
      return { key: 'intake.place.askIn', params: { departement: name }, choices: [{ code: 'skip', label: msg('common.skip') }] };
    }
    const ctx = this.ctx(state);
    const choices = [...(q.choices?.(ctx) ?? [])];
    if (q.skippable) choices.push({ code: 'skip', label: msg('common.skip') });
    return { ...q.ask(ctx), choices };
  }

  /** Shows everything understood, numbered, and asks to confirm or change. */
  private summaryStep(state: IntakeState): Msg[] {
    state.phase = 'summary';
    state.current = null;
    state.editing = false;
    state.submissionId ??= crypto.randomUUID();
    const lines = summaryLines(state);
    return [
      msg('intake.summary.intro', { lines: lines.map((l, i) => msg('intake.summary.line', { n: i + 1, label: msg(`intake.field.${l.slot}`), value: l.value })) }),
      { key: 'intake.summary.ask', numberedChoices: false, choices: [{ code: 'confirm', label: msg('intake.summary.confirm') }, { code: 'edit', label: msg('intake.summary.edit') }] },
    ];
  }

  private async summaryReplyStep(state: IntakeState, text: string, input: TurnInput, out: Msg[]): Promise<TurnResult | void> {
    const reader = this.readerOf(state);
    const lines = summaryLines(state);
    const typed = commandText(text);
    if (/^\d{1,2}$/.test(typed)) {
      const line = lines[Number(typed) - 1];
      if (line) { out.push(...this.editStep(state, line.slot)); return; }
    }
    // "non l'âge c'est 18", "c pas Roubaix c Tourcoing": the summary changes, then shows again.
    const u = reader.read(state, text, 'confirm');
    const changes = reader.applyReadings(state, u.slots, { force: true, except: null, adds: u.adds });
    if (changes.noted.length + changes.corrected.length > 0 || changes.outOfRange || !isAnswered(state, 'place')) {
      out.push(...reader.understoodMsgs(state, changes));
      if (changes.outOfRange) return this.askConfirmation(state, changes.outOfRange, out, u.slots.age);
      if (nextMissing(state)) { state.editing = true; out.push(...this.askNextStep(state)); return; }
      out.push(...this.summaryStep(state));
      return;
    }
    if (u.faq) { out.push(reader.faqMsg(state, u), ...this.summaryStep(state)); return; }
    const choice = this.choiceOf(state, text, [{ code: 'confirm', label: msg('intake.summary.confirm') }, { code: 'edit', label: msg('intake.summary.edit') }]);
    // Sending needs a plain yes: "oui mais change ma ville" is not one.
    const yn = plainYesNo(text, state.lang);
    if (choice === 'confirm' || yn === true) return this.proposalStep(state, input, out);
    if (choice === 'edit' || yn === false) { out.push(editPickAsk(state)); state.phase = 'editPick'; return; }
    out.push(msg('intake.summary.retry'), ...this.summaryStep(state));
  }

  private editPickStep(state: IntakeState, text: string, out: Msg[]): void {
    const ask = editPickAsk(state);
    const slot = this.choiceOf(state, text, ask.choices!) as SlotName | null;
    if (slot) { out.push(...this.editStep(state, slot)); return; }
    out.push(msg('intake.summary.whichFieldRetry'), ask);
  }

  /** Re-asks one answer; once answered, back to the summary (or on, if the form is not done). */
  private editStep(state: IntakeState, slot: SlotName): Msg[] {
    const q = questionOf(state, slot);
    if (!q.applies(state.draft)) return [msg('intake.edit.notApplicable'), ...this.reaskStep(state)];
    state.editing = state.phase === 'summary' || state.phase === 'editPick' || state.phase === 'proposal' || state.editing;
    state.phase = 'asking';
    state.current = slot;
    state.retries = 0;
    delete state.pendingPlaces;
    delete state.proposal;
    return [this.questionMsg(state, q)];
  }

  /** Shows the association routing proposes, why, and the alternatives to choose from. */
  private async proposalStep(state: IntakeState, input: TurnInput, out: Msg[]): Promise<TurnResult | void> {
    const built = this.buildRequest(state, input.channel, out);
    if (!built) return;
    const proposal = await this.flowOf(state).propose(built);
    // Nothing to choose between (one fit, or the coordinator): send right away.
    if (proposal.fallback || proposal.alternatives.length === 0) return this.submitStep(state, input, out, undefined, true);
    state.phase = 'proposal';
    // Two programmes of one association are told apart by their own name: never two buttons that read the same.
    const all = [proposal.chosen, ...proposal.alternatives];
    const shared = (o: ProposalOption) => all.filter((x) => x.associationName === o.associationName).length > 1;
    const named = all.map((o) => (shared(o) && o.programmeName.trim() !== '' ? { ...o, associationName: `${o.associationName} – ${o.programmeName}` } : o));
    const [chosen, ...alternatives] = named as [ProposalOption, ...ProposalOption[]];
    state.proposal = { options: named.map((o) => ({ programmeId: o.programmeId, associationName: o.associationName })) };
    out.push(
      msg('intake.proposal.intro', { association: chosen.associationName, days: chosen.responseDays }),
      msg('intake.proposal.why', { reasons: chosen.reasons.map(reasonMsg) }),
      msg('intake.proposal.alternatives', { lines: alternatives.map((a) => alternativeLine(state, a)) }),
      proposalAsk(state),
    );
  }

  /** The young person keeps the proposal, picks an alternative, or goes back to edit. */
  private async proposalReplyStep(state: IntakeState, text: string, input: TurnInput, out: Msg[]): Promise<TurnResult | void> {
    const options = state.proposal?.options ?? [];
    let code = this.choiceOf(state, text, proposalAsk(state).choices!);
    if (!code) {
      // An association named in a sentence ("plutôt Article 1") counts too.
      const typed = ` ${commandText(text)} `;
      // Names are matched without their parenthesised part: "Article 1 (DEMA1N.org)" -> "article 1".
      const named = options.filter((o) => typed.includes(` ${commandText(o.associationName.replace(/\([^)]*\)/g, ' '))} `));
      code = named.length === 1 ? named[0]!.programmeId : null;
    }
    const yn = plainYesNo(text, state.lang);
    if (!code && yn === true) code = options[0]?.programmeId ?? null;
    if (code === 'edit' || (yn === false && !code)) { state.phase = 'editPick'; delete state.proposal; out.push(editPickAsk(state)); return; }
    if (code) return this.submitStep(state, input, out, code, false);
    out.push(msg('intake.proposal.retry'), proposalAsk(state));
  }

  private buildRequest(state: IntakeState, channel: string, out: Msg[]): unknown {
    const built = this.flowOf(state).build(state, { lang: state.lang, channel, now: this.deps.now() });
    if (built.ok) return built.value;
    // A question the form should have asked is missing: ask it rather than fail.
    for (const slot of built.missing) delete state.answered[slot];
    out.push(msg('intake.submit.incomplete'), ...this.askNextStep(state));
    return null;
  }

  /** Validates, stores, routes and queues the request; tells who will call back (and why, unless just shown). */
  private async submitStep(state: IntakeState, input: TurnInput, out: Msg[], preferredProgrammeId: string | undefined, explain: boolean): Promise<TurnResult | void> {
    const built = this.buildRequest(state, input.channel, out);
    if (!built) return;
    const outcome = await this.flowOf(state).submit(built, {
      submissionId: state.submissionId ?? crypto.randomUUID(),
      conversationKey: input.conversationKey,
      conversationRef: input.conversationRef,
      preferredProgrammeId,
    });
    state.phase = 'submitted';
    state.requestId = outcome.requestId;
    state.associationName = outcome.associationName;
    // The request row now holds the answers; the conversation keeps only what it needs to answer follow-ups.
    state.draft = {};
    state.answered = {};
    state.history = [];
    delete state.proposal;
    delete state.submissionId;
    if (!outcome.preferenceHonoured) out.push(msg('intake.proposal.noLongerAvailable'));
    out.push(msg(outcome.fallback ? 'intake.submitted.fallback' : 'intake.submitted.routed', { association: outcome.associationName, days: outcome.responseDays }));
    if (explain || !outcome.preferenceHonoured) out.push(msg('intake.submitted.why', { reasons: outcome.reasons.map(reasonMsg) }));
    out.push(msg('intake.submitted.next'));
  }

  private commandStep(state: IntakeState, cmd: Command, out: Msg[]): TurnResult | void {
    switch (cmd.kind) {
      case 'help':
        out.push(msg('intake.help'), ...this.reaskStep(state));
        return;
      case 'switchLang':
        state.lang = cmd.lang;
        state.langChosen = true;
        out.push(msg('intake.language.switched'), ...this.reaskStep(state));
        return;
      case 'back':
        out.push(...this.backStep(state));
        return;
      case 'edit':
        if (state.phase === 'submitted' || state.phase === 'consent') { out.push(msg('intake.edit.notNow'), ...this.reaskStep(state)); return; }
        if (cmd.field === null) { state.phase = 'editPick'; out.push(editPickAsk(state)); return; }
      {
        const slot = this.flowOf(state).editSlot(cmd.field);
        if (!slot || !questionOf(state, slot).applies(state.draft)) { out.push(msg('intake.edit.notApplicable'), ...this.reaskStep(state)); return; }
        if (!isAnswered(state, slot)) { out.push(msg('intake.edit.notAnswered'), ...this.reaskStep(state)); return; }
        out.push(...this.editStep(state, slot));
        return;
      }
      case 'restart':
        if (Object.keys(state.answered).length === 0 && state.phase !== 'submitted') { out.push(...this.restartStep(state)); return; }
        return this.askConfirmation(state, 'restart', out);
      case 'stop':
        return this.askConfirmation(state, 'stop', out);
      case 'deleteData':
        return this.askConfirmation(state, 'delete', out);
    }
  }

  private askConfirmation(state: IntakeState, what: Confirmation, out: Msg[], age?: number): void {
    // An adult in a young person's conversation is most often someone who came to help ("je viens
    // pour le mentorat", then "35"): asked first whether they want to become a mentor, their
    // answers so far kept; the over-30 check comes only if they say no.
    if (what === 'tooOld' && (state.flow ?? 'mentee') === 'mentee' && 'volunteer' in this.flows) {
      what = 'side';
      if (age !== undefined) state.sideAge = age;
    }
    state.confirming = what;
    out.push(confirmationAsk(state));
  }

  /** The age a message tells, as the age question reads it ("35", "j'ai 42 ans"). */
  private ageIn(state: IntakeState, text: string): number | undefined {
    return readAge(text, state.lang, this.deps.now(), { bareNumber: true }) ?? undefined;
  }

  /** The reply to "tu veux plutôt devenir mentor ?": the volunteer's conversation, or the over-30 check. */
  private sideStep(state: IntakeState, text: string, cmd: Command | null, out: Msg[]): TurnResult | void {
    const choice = this.choiceOf(state, text, confirmationAsk(state).choices!);
    const yn = plainYesNo(text, state.lang);
    // "être mentor, pas avoir un mentor": the side said first is the answer, the rest sets the other aside.
    const sideOf = (t: string) => (this.flows.volunteer?.claims(t, true) ? 'volunteer' : this.flows.mentee?.claims(t, true) ? 'mentee' : null);
    const side = sideOf(text.split(/[,;.!?]|\s(?:pas|not|plutôt que|rather than)\s/iu)[0] ?? '') ?? sideOf(text);
    const volunteer = choice === 'volunteer' || side === 'volunteer' || (yn === true && side === null);
    const mentee = choice === 'no' || side === 'mentee' || (yn === false && side === null);
    if (!volunteer && !mentee) {
      if (cmd?.kind === 'help' || cmd?.kind === 'switchLang') return this.commandStep(state, cmd, out);
      if (cmd) { delete state.confirming; delete state.sideAge; out.push(msg('intake.confirm.kept')); return this.commandStep(state, cmd, out); }
      // Another age typed instead ("pardon, 17"): the answer to the age question.
      if (this.ageIn(state, text) !== undefined) { delete state.confirming; delete state.sideAge; return this.answerStep(state, text, out); }
      out.push(msg('intake.confirm.retry'), confirmationAsk(state));
      return;
    }
    const age = state.sideAge;
    delete state.sideAge;
    if (mentee) {
      // Looking for a mentor at over 30 (or a slip of the thumb): the usual check.
      state.confirming = 'tooOld';
      out.push(confirmationAsk(state));
      return;
    }
    delete state.confirming;
    this.enterFlow(state, 'volunteer');
    // The age they told is theirs in the volunteer's conversation too: never asked again.
    const { min, max } = this.readerOf(state).rules.ages;
    if (age !== undefined && age >= min && age <= max) {
      state.draft.age = age;
      state.answered.age = true;
      if (!state.history.includes('age')) state.history.push('age');
    }
    state.phase = 'asking';
    out.push(msg('flow.switched.volunteer'), ...this.askNextStep(state));
  }

  /** Yes/no after "stop", "effacer mes données", "recommencer", or an age outside 13–30. */
  private async confirmationStep(state: IntakeState, text: string, cmd: Command | null, input: TurnInput, out: Msg[]): Promise<TurnResult | void> {
    const what = state.confirming!;
    if (what === 'side') return this.sideStep(state, text, cmd, out);
    const yn = plainYesNo(text, state.lang);
    const choice = this.choiceOf(state, text, confirmationAsk(state).choices!);
    const yes = choice === 'yes' || yn === true;
    const no = choice === 'no' || yn === false;
    if (!yes && !no) {
      // Help and language keep the question open; any other command means "no, do this instead".
      if (cmd?.kind === 'help' || cmd?.kind === 'switchLang') return this.commandStep(state, cmd, out);
      if (cmd) { delete state.confirming; out.push(msg('intake.confirm.kept')); return this.commandStep(state, cmd, out); }
      if (what === 'tooYoung' || what === 'tooOld') {
        // Another age typed instead of yes/no: take it as the answer.
        delete state.confirming;
        return this.answerStep(state, text, out);
      }
      out.push(msg('intake.confirm.retry'), confirmationAsk(state));
      return;
    }
    delete state.confirming;
    if (what === 'tooYoung' || what === 'tooOld') {
      // "No, I'm not under 13": the age question comes now, whatever question the age was read beside.
      if (no) { out.push(msg('intake.age.retry'), ...this.askSlotStep(state, 'age')); return; }
      // Outside the programme: nothing the young person said is kept.
      const elsewhere = msg(what === 'tooYoung' ? 'intake.age.otherServices' : 'intake.age.otherServicesAdult');
      // An adult who came to the wrong door (often someone who wants to help, read as asking for
      // help) gets one button: its words open the volunteer conversation, from nothing kept.
      const toVolunteers = what === 'tooOld' && (state.flow ?? 'mentee') === 'mentee' && 'volunteer' in this.flows;
      out.push(msg(`intake.age.${what}`), toVolunteers ? { ...elsewhere, choices: [{ code: 'becomeVolunteer', label: msg('intake.age.becomeVolunteer') }] } : elsewhere);
      return { state: null, out };
    }
    if (no) { out.push(msg('intake.confirm.kept'), ...this.reaskStep(state)); return; }
    if (what === 'restart') { out.push(...this.restartStep(state)); return; }
    if (what === 'stop') {
      // Stopping keeps nothing of an unfinished form; a sent request stays until deleted.
      if (state.phase === 'submitted') { out.push(msg('intake.stop.doneSubmitted')); return { state, out }; }
      out.push(msg(state.requestId ? 'intake.stop.doneKeptRequest' : 'intake.stop.done'));
      return { state: null, out };
    }
    const erased = await this.deps.erase(input.conversationKey);
    out.push(msg(erased > 0 ? 'intake.delete.doneWithRequest' : 'intake.delete.done'));
    return { state: null, out };
  }

  /** Starts the questions again from the first one (consent stays given). */
  private restartStep(state: IntakeState): Msg[] {
    const { lang, consentAt, lastActivityAt, requestId, associationName } = state;
    // A request already sent stays; remembering it keeps "stop" and "recommencer" honest about it.
    for (const key of Object.keys(state)) delete (state as unknown as Record<string, unknown>)[key];
    Object.assign(state, newState(lang), { consentAt, lastActivityAt, requestId, associationName });
    if (!consentAt) return this.welcomeStep(state);
    state.phase = 'asking';
    return [msg('intake.restart.done'), ...this.askNextStep(state)];
  }

  /** Goes back to the previous question. */
  private backStep(state: IntakeState): Msg[] {
    if (state.phase === 'consent' || state.phase === 'submitted') return [msg('intake.back.nothing'), ...this.reaskStep(state)];
    const history = state.current ? state.history.filter((s) => s !== state.current) : state.history;
    const previous = history[history.length - 1];
    if (!previous) return [msg('intake.back.nothing'), ...this.reaskStep(state)];
    state.history = history.slice(0, -1);
    delete state.answered[previous];
    state.editing = false;
    state.phase = 'asking';
    state.current = previous;
    state.retries = 0;
    delete state.pendingPlaces;
    delete state.proposal;
    return [this.questionMsg(state, questionOf(state, previous))];
  }

  /** Asks again whatever is pending: the question, the summary, the consent. */
  private reaskStep(state: IntakeState): Msg[] {
    if (state.confirming) return [confirmationAsk(state)];
    switch (state.phase) {
      case 'new':
        return this.welcomeStep(state);
      case 'consent':
        return [consentAsk()];
      case 'asking': {
        if (state.current === 'place' && state.pendingPlaces?.length) {
          return [placeChoiceAsk(state.pendingPlaces)];
        }
        const q = state.current ? questionOf(state, state.current) : null;
        return q ? [this.questionMsg(state, q)] : this.askNextStep(state);
      }
      case 'summary':
        return this.summaryStep(state);
      case 'editPick':
        return [editPickAsk(state)];
      case 'proposal':
        return [proposalAsk(state)];
      case 'submitted':
        return [msg('intake.submitted.already', { association: state.associationName ?? '' })];
    }
  }

  /** After the help lines: the button, its number, "continuer", or a plain yes. */
  private isContinue(state: IntakeState, text: string): boolean {
    if (this.choiceOf(state, text, [{ code: 'continue', label: msg('safety.continue') }]) === 'continue') return true;
    const typed = commandText(text);
    return ['continuer', 'continue', 'reprendre', 'on continue', 'go on', 'carry on'].includes(typed) || plainYesNo(text, state.lang) === true;
  }

  private choiceOf(state: IntakeState, text: string, options: ChoiceOption[]): string | null {
    const typed = commandText(text);
    for (const o of options) {
      if (commandText(this.deps.t(state.lang, o.label.key, o.label.params as Record<string, unknown>)) === typed) return o.code;
    }
    if (/^\d{1,2}$/.test(typed)) return options[Number(typed) - 1]?.code ?? null;
    return null;
  }

  private ctx(state: IntakeState): AskContext {
    return { lang: state.lang, state, today: this.deps.now(), places: this.deps.places, t: this.deps.t };
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
