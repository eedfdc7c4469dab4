import { commandText } from '../../understanding/parseCommand';
import { readAge } from '../../understanding/parseAge';
import type { IntakeState } from '../IntakeState';
import type { MessageReader } from '../readings';
import type { ChoiceOption } from '../Msg';
import type { AskContext } from '../questions';
import type { Flow, FlowId } from './Flow';
import type { IntakeDeps } from './FlowEngine';

/** The engine's shared context and the small helpers every step uses (dialogs/engine/FlowEngine). */

/** What every step of the engine works with: its dependencies and the flows it runs. */
export interface EngineContext {
  readonly deps: IntakeDeps;
  readonly flows: Record<FlowId, Flow>;
}

/** The flow a conversation is in. */
export function flowOf(cx: EngineContext, state: { flow?: FlowId }): Flow {
  return cx.flows[state.flow ?? 'mentee'];
}

export function readerOf(cx: EngineContext, state: IntakeState): MessageReader {
  return flowOf(cx, state).reader;
}

export function choiceOf(cx: EngineContext, state: IntakeState, text: string, options: ChoiceOption[]): string | null {
  const typed = commandText(text);
  for (const o of options) {
    if (commandText(cx.deps.t(state.lang, o.label.key, o.label.params as Record<string, unknown>)) === typed) return o.code;
  }
  if (/^\d{1,2}$/.test(typed)) return options[Number(typed) - 1]?.code ?? null;
  return null;
}

export function askContext(cx: EngineContext, state: IntakeState): AskContext {
  return { lang: state.lang, state, today: cx.deps.now(), places: cx.deps.places, t: cx.deps.t };
}

/** The age a message tells, as the age question reads it ("35", "j'ai 42 ans"). */
export function ageIn(cx: EngineContext, state: IntakeState, text: string): number | undefined {
  return readAge(text, state.lang, cx.deps.now(), { bareNumber: true }) ?? undefined;
}
