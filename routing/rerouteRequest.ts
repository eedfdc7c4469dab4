import { isVolunteerOffer } from '../intake/VolunteerOffer';
import { decide, orCoordinatorOnError, reason } from './routeRequest';
import { routeVolunteer } from './volunteerFit';
import type { DirectoryProgramme, ProgrammeLoad, Reason, RouteDecision, RoutableRequest } from './types';

/** What became of an earlier handoff of the same request. */
export interface PreviousDecision {
  programmeId: string;
  associationId: string;
  /**
   * 'declined': the association said no; 'expired': it did not answer in time;
   * 'reassigned': the coordinator took the request from it and gave it to another.
   */
  outcome: 'declined' | 'expired' | 'reassigned';
}

/**
 * Routes a request again after the associations it was sent to declined it or let it
 * expire, or the coordinator reassigned it away from them. Every programme of such an association is left out, not only the programme
 * that was tried: an association that cannot take a young person now will not take them
 * through its other programme either, and the young person has already waited once.
 * A programme whose id was tried is left out too, in case a directory edit moved it to
 * another association since.
 *
 * The other rules, the ranking and the load balancing are routeRequest's. When nothing
 * is left the coordinator receives the request, saying 'no_programme_left' when some
 * programme would have fitted but was already tried (the young person is told that the
 * associations could not take it, not that none fits). The coordinator is the fallback
 * even if it was itself tried before: it is the only one who can still find someone.
 *
 * Pure, deterministic and total, like routeRequest.
 */
export function rerouteRequest(
  request: RoutableRequest,
  previousDecisions: readonly PreviousDecision[],
  programmes: DirectoryProgramme[],
  load: ProgrammeLoad,
  now: Date,
): RouteDecision {
  void now;
  return orCoordinatorOnError(() => {
    const byAssociation = new Map<string, Set<PreviousDecision['outcome']>>();
    const byProgramme = new Map<string, Set<PreviousDecision['outcome']>>();
    for (const d of previousDecisions) {
      // A malformed entry is skipped rather than failing the whole reroute.
      if (d === null || typeof d !== 'object' || (d.outcome !== 'declined' && d.outcome !== 'expired' && d.outcome !== 'reassigned')) continue;
      if (typeof d.associationId === 'string') add(byAssociation, d.associationId, d.outcome);
      if (typeof d.programmeId === 'string') add(byProgramme, d.programmeId, d.outcome);
    }
    const tried = (p: DirectoryProgramme): Reason[] => {
      const outcomes = new Set([...(byAssociation.get(p.associationId) ?? []), ...(byProgramme.get(p.id) ?? [])]);
      const out: Reason[] = [];
      // Fixed order, whatever the order of the history, so that decisions stay deterministic.
      if (outcomes.has('declined')) out.push(reason('previously_declined'));
      if (outcomes.has('expired')) out.push(reason('previously_expired'));
      if (outcomes.has('reassigned')) out.push(reason('previously_reassigned'));
      return out;
    };
    // Left out for having been tried and for nothing else: it would have fitted.
    const onlyTried = (reasons: Reason[]): boolean => reasons.every((r) => r.code === 'previously_declined' || r.code === 'previously_expired' || r.code === 'previously_reassigned');
    // A volunteer's offer: the volunteer fit table, without the associations already tried.
    if (isVolunteerOffer(request)) return routeVolunteer(request, programmes.filter((p) => tried(p).length === 0));
    return decide(request, programmes, load, tried, (excluded) =>
      reason(excluded.some((e) => onlyTried(e.reasons)) ? 'no_programme_left' : 'no_programme_fits'),
    );
  });
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}
