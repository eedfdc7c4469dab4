import crypto from 'node:crypto';
import { commandText } from '../../understanding/parseCommand';
import type { ProposalOption } from '../../intake/submitRequest';
import type { IntakeState } from '../IntakeState';
import { msg, type Msg } from '../Msg';
import { plainYesNo } from '../questions';
import { alternativeLine, editPickAsk, proposalAsk } from '../prompts';
import { reasonMsg } from '../summary';
import type { TurnInput, TurnResult } from './FlowEngine';
import { choiceOf, flowOf, type EngineContext } from './context';
import { askNextStep } from './answering';

/** The proposal of an association and the submission of the request or offer. */

/** Shows the association routing proposes, why, and the alternatives to choose from. */
export async function proposalStep(cx: EngineContext, state: IntakeState, input: TurnInput, out: Msg[]): Promise<TurnResult | void> {
  const built = buildRequest(cx, state, input.channel, out);
  if (!built) return;
  const proposal = await flowOf(cx, state).propose(built);
  // Nothing to choose between (one fit, or the coordinator): send right away.
  if (proposal.fallback || proposal.alternatives.length === 0) return submitStep(cx, state, input, out, undefined, true);
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
export async function proposalReplyStep(cx: EngineContext, state: IntakeState, text: string, input: TurnInput, out: Msg[]): Promise<TurnResult | void> {
  const options = state.proposal?.options ?? [];
  let code = choiceOf(cx, state, text, proposalAsk(state).choices!);
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
  if (code) return submitStep(cx, state, input, out, code, false);
  out.push(msg('intake.proposal.retry'), proposalAsk(state));
}

function buildRequest(cx: EngineContext, state: IntakeState, channel: string, out: Msg[]): unknown {
  const built = flowOf(cx, state).build(state, { lang: state.lang, channel, now: cx.deps.now() });
  if (built.ok) return built.value;
  // A question the form should have asked is missing: ask it rather than fail.
  for (const slot of built.missing) delete state.answered[slot];
  out.push(msg('intake.submit.incomplete'), ...askNextStep(cx, state));
  return null;
}

/** Validates, stores, routes and queues the request; tells who will call back (and why, unless just shown). */
async function submitStep(cx: EngineContext, state: IntakeState, input: TurnInput, out: Msg[], preferredProgrammeId: string | undefined, explain: boolean): Promise<TurnResult | void> {
  const built = buildRequest(cx, state, input.channel, out);
  if (!built) return;
  const outcome = await flowOf(cx, state).submit(built, {
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
