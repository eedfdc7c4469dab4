import type { MentoringRequest } from './MentoringRequest';
import { routeRequest } from '../routing/routeRequest';
import type { DirectoryProgramme, ProgrammeLoad, Reason, RouteDecision } from '../routing/types';

/** The directory as routing needs it; db/ implements it. */
export interface DirectorySource {
  listProgrammes(): Promise<DirectoryProgramme[]>;
  /** Requests routed to each programme since `since` (the capacity period). */
  loadSince(since: Date): Promise<ProgrammeLoad>;
}

export interface NewRoutedRequest {
  request: MentoringRequest;
  decision: RouteDecision;
  conversationKey: string;
  conversationRef: unknown;
}

/** Stores a request, its routing and its notification in one transaction; db/ implements it. */
export interface RequestStore {
  saveRouted(input: NewRoutedRequest): Promise<{ requestId: string }>;
  /** Erases a conversation's requests (and their notifications); returns how many. */
  eraseConversation(conversationKey: string): Promise<number>;
}

export interface SubmitResult {
  requestId: string;
  decision: RouteDecision;
  associationName: string;
  responseDays: number;
  fallback: boolean;
  reasons: Reason[];
}

/** First day of the month, UTC: capacities are "new young people per month". */
export const periodStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/** Routes a validated request and stores it with its notification for the chosen association. */
export async function submitRequest(
  request: MentoringRequest,
  meta: { conversationKey: string; conversationRef: unknown },
  deps: { directory: DirectorySource; requests: RequestStore; now: () => Date },
): Promise<SubmitResult> {
  const now = deps.now();
  const [programmes, load] = await Promise.all([deps.directory.listProgrammes(), deps.directory.loadSince(periodStart(now))]);
  const decision = routeRequest(request, programmes, load, now);
  const option = decision.kind === 'routed' ? decision.chosen : decision.fallback;
  const { requestId } = await deps.requests.saveRouted({ request, decision, ...meta });
  return {
    requestId,
    decision,
    associationName: option.programme.associationName,
    responseDays: option.programme.responseDays,
    fallback: decision.kind === 'no_match',
    reasons: option.reasons,
  };
}
