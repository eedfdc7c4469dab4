import type { MentoringRequest } from './MentoringRequest';
import type { VolunteerOffer } from './VolunteerOffer';
import { addWorkingDays } from '../notifications/workingDays';
import { routeRequest } from '../routing/routeRequest';
import type { DirectoryProgramme, ProgrammeLoad, Reason, RouteDecision, RouteOption } from '../routing/types';

/** The directory as routing needs it; db/ implements it. */
export interface DirectorySource {
  listProgrammes(): Promise<DirectoryProgramme[]>;
  /** Requests routed to each programme since `since` (the capacity period). */
  loadSince(since: Date): Promise<ProgrammeLoad>;
}

/** Whether routing's first choice was kept, or the young person picked an alternative. */
/** Who chose the association a request went to (stored with its routing; each has a staff.chosenBy.* text). */
export const CHOSEN_BY = ['routing', 'young_person', 'reroute', 'coordinator'] as const;
/** Who chooses at submission; a reroute or the coordinator's reassignment chooses later. */
export type ChosenBy = 'routing' | 'young_person';

export interface NewRoutedRequest {
  /** The request's id, chosen by the caller: the idempotency key of a submission. */
  requestId: string;
  /** A young person's request, or a volunteer's offer (stored with its kind). */
  request: MentoringRequest | VolunteerOffer;
  decision: RouteDecision;
  chosenBy?: ChosenBy;
  conversationKey: string;
  conversationRef: unknown;
  /** When the association must have answered before the request goes elsewhere (null: the coordinator, no deadline). */
  deadlineAt?: Date | null;
}

/** Stores a request, its routing and its notification in one transaction; db/ implements it. */
export interface StoredRouting {
  requestId: string;
  decision: RouteDecision;
}

export interface RequestStore {
  /** Stores the request and its notification; a request with this id already stored is left as it is. */
  saveRouted(input: NewRoutedRequest): Promise<{ requestId: string; alreadyStored: boolean }>;
  /** The routing of a stored request, or null. */
  findRouting(requestId: string): Promise<StoredRouting | null>;
  /** Erases a conversation's requests (and their notifications); returns how many. */
  eraseConversation(conversationKey: string): Promise<number>;
}

/** One association the young person can be sent to, as the conversation shows it. */
export interface ProposalOption {
  programmeId: string;
  associationName: string;
  /** The programme's own name: tells two programmes of one association apart ("Sport dans la Ville" runs two). */
  programmeName: string;
  descriptionFr: string;
  descriptionEn: string;
  responseDays: number;
  reasons: Reason[];
}

export interface Proposal {
  chosen: ProposalOption;
  alternatives: ProposalOption[];
  /** Nothing fits: the national coordinator takes it (no alternatives then). */
  fallback: boolean;
}

const optionOf = (o: RouteOption): ProposalOption => ({
  programmeId: o.programme.id,
  associationName: o.programme.associationName,
  programmeName: o.programme.name,
  descriptionFr: o.programme.descriptionFr,
  descriptionEn: o.programme.descriptionEn,
  responseDays: o.programme.responseDays,
  reasons: o.reasons,
});

/** How a kind of record is routed: the mentee's routeRequest, or the volunteer fit table (routing/volunteerFit). */
export type Router<R> = (record: R, programmes: DirectoryProgramme[], load: ProgrammeLoad, now: Date) => RouteDecision;
const routeMentee: Router<MentoringRequest> = routeRequest;

async function decide<R>(request: R, directory: DirectorySource, now: Date, route: Router<R>): Promise<RouteDecision> {
  const [programmes, load] = await Promise.all([directory.listProgrammes(), directory.loadSince(periodStart(now))]);
  return route(request, programmes, load, now);
}

/** What routing would choose, and the alternatives, without storing anything. */
export async function proposeRoute<R = MentoringRequest>(request: R, deps: { directory: DirectorySource; now: () => Date; route?: Router<R> }): Promise<Proposal> {
  const decision = await decide(request, deps.directory, deps.now(), deps.route ?? (routeMentee as unknown as Router<R>));
  if (decision.kind === 'no_match') return { chosen: optionOf(decision.fallback), alternatives: [], fallback: true };
  return { chosen: optionOf(decision.chosen), alternatives: decision.alternatives.map(optionOf), fallback: false };
}

export interface SubmitResult {
  requestId: string;
  decision: RouteDecision;
  associationName: string;
  responseDays: number;
  fallback: boolean;
  reasons: Reason[];
  /** The young person picked an alternative and it was still available. */
  preferenceHonoured: boolean;
}

/** First day of the month, UTC: capacities are "new young people per month". */
export const periodStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/**
 * Routes a validated request (again: the directory or its load may have changed since the
 * proposal) and stores it with its notification. A programme the young person preferred
 * is used when routing still finds it eligible (chosen or among the alternatives).
 */
export async function submitRequest<R extends MentoringRequest | VolunteerOffer = MentoringRequest>(
  request: R,
  meta: { submissionId: string; conversationKey: string; conversationRef: unknown; preferredProgrammeId?: string },
  deps: { directory: DirectorySource; requests: RequestStore; now: () => Date; onStored?: () => void; route?: Router<R> },
): Promise<SubmitResult> {
  // Submitted already (the turn was redone, or the young person confirmed again after an
  // error): answer with what was stored, send nothing twice.
  const stored = await deps.requests.findRouting(meta.submissionId);
  if (stored) return resultOf(stored.requestId, stored.decision, true);

  let decision = await decide(request, deps.directory, deps.now(), deps.route ?? (routeMentee as unknown as Router<R>));
  let preferenceHonoured = !meta.preferredProgrammeId;
  let chosenBy: ChosenBy = 'routing';
  if (decision.kind === 'routed' && meta.preferredProgrammeId) {
    const all = [decision.chosen, ...decision.alternatives];
    const preferred = all.find((o) => o.programme.id === meta.preferredProgrammeId);
    if (preferred) {
      chosenBy = preferred === decision.chosen ? 'routing' : 'young_person';
      preferenceHonoured = true;
      decision = { ...decision, chosen: preferred, alternatives: all.filter((o) => o !== preferred) };
    }
  }
  const chosen = decision.kind === 'routed' ? decision.chosen.programme : null;
  const saved = await deps.requests.saveRouted({
    requestId: meta.submissionId, request, decision, chosenBy, conversationKey: meta.conversationKey, conversationRef: meta.conversationRef,
    deadlineAt: chosen && !chosen.isCoordinator ? addWorkingDays(deps.now(), chosen.responseDays) : null,
  });
  deps.onStored?.();
  if (saved.alreadyStored) {
    const again = await deps.requests.findRouting(meta.submissionId);
    if (again) return resultOf(again.requestId, again.decision, true);
  }
  return resultOf(saved.requestId, decision, preferenceHonoured);
}

function resultOf(requestId: string, decision: RouteDecision, preferenceHonoured: boolean): SubmitResult {
  const option = decision.kind === 'routed' ? decision.chosen : decision.fallback;
  return {
    requestId,
    decision,
    associationName: option.programme.associationName,
    responseDays: option.programme.responseDays,
    fallback: decision.kind === 'no_match',
    reasons: option.reasons,
    preferenceHonoured,
  };
}
