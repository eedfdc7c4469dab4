import type { Flow, FlowId } from '../engine/Flow';
import type { IntakeDeps } from '../engine/FlowEngine';
import { menteeFlow } from './mentee';
import { volunteerFlow } from './volunteer';

/** Every flow the bot runs, by id. */
export function createFlows(deps: IntakeDeps): Record<FlowId, Flow> {
  return { mentee: menteeFlow(deps) as Flow, volunteer: volunteerFlow(deps) as Flow };
}
