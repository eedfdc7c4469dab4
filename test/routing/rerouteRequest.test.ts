import { DEFAULT_COORDINATOR } from '../../routing/defaultCoordinator';
import { rerouteRequest, type PreviousDecision } from '../../routing/rerouteRequest';
import { routeRequest } from '../../routing/routeRequest';
import type { DirectoryProgramme, RouteDecision } from '../../routing/types';
import { COORDINATOR, programme, request } from './helpers';

const NOW = new Date('2026-11-21T10:00:00Z');

/** Two associations with two programmes each, all fitting the default request; "a" ranks first, then the quicker call-back. */
const A1 = programme({ id: 'a1', associationId: 'a', needs: ['orientation'], responseDays: 3 });
const A2 = programme({ id: 'a2', associationId: 'a', needs: ['orientation'], responseDays: 4 });
const B1 = programme({ id: 'b1', associationId: 'b', responseDays: 4 });
const B2 = programme({ id: 'b2', associationId: 'b', responseDays: 5 });
const DIRECTORY = [A1, A2, B1, B2, COORDINATOR];

const declined = (p: DirectoryProgramme): PreviousDecision => ({ programmeId: p.id, associationId: p.associationId, outcome: 'declined' });
const expired = (p: DirectoryProgramme): PreviousDecision => ({ programmeId: p.id, associationId: p.associationId, outcome: 'expired' });

function ids(d: RouteDecision): string[] {
  return d.kind === 'routed' ? [d.chosen, ...d.alternatives].map((o) => o.programme.id) : [`no_match:${d.fallback.programme.id}`];
}
function reasonsOf(d: RouteDecision, id: string): string[] | undefined {
  return d.excluded.find((e) => e.programmeId === id)?.reasons.map((r) => r.code);
}

describe('rerouteRequest', () => {
  const cases: [string, PreviousDecision[], string[]][] = [
    ['no history: same as routeRequest', [], ['a1', 'a2', 'b1']],
    ['a1 declined: all of association a is left out', [declined(A1)], ['b1', 'b2']],
    ['a2 expired: all of association a is left out', [expired(A2)], ['b1', 'b2']],
    ['both associations tried: the coordinator', [declined(A1), expired(B2)], ['no_match:coord']],
    ['an unknown association in the history changes nothing', [declined(programme({ id: 'gone', associationId: 'gone' }))], ['a1', 'a2', 'b1']],
  ];
  it.each(cases)('%s', (_name, history, expected) => {
    expect(ids(rerouteRequest(request(), history, DIRECTORY, {}, NOW))).toEqual(expected);
  });

  it('leaves out an association the coordinator reassigned the request away from', () => {
    const reassigned: PreviousDecision = { programmeId: A1.id, associationId: A1.associationId, outcome: 'reassigned' };
    const d = rerouteRequest(request(), [reassigned, declined(B1)], DIRECTORY, {}, NOW);
    expect(ids(d)).toEqual(['no_match:coord']);
    expect(reasonsOf(d, 'a2')).toEqual(['previously_reassigned']);
    expect(d.kind === 'no_match' && d.fallback.reasons).toEqual([{ code: 'no_programme_left' }]);
  });

  it('equals routeRequest when there is no history', () => {
    const load = { a1: 3, b2: 1 };
    expect(rerouteRequest(request(), [], DIRECTORY, load, NOW)).toEqual(routeRequest(request(), DIRECTORY, load, NOW));
  });

  it('says why each tried programme is left out, with its other reasons', () => {
    const d = rerouteRequest(request({ age: 30 }), [declined(A1), expired(A1)], [{ ...A2, maxAge: 25 }, B1, B2, COORDINATOR], {}, NOW);
    expect(reasonsOf(d, 'a2')).toEqual(['previously_declined', 'previously_expired', 'age_above_max']);
    expect(reasonsOf(d, 'b1')).toBeUndefined();
  });

  it('also leaves out a tried programme that a directory edit moved to another association', () => {
    const moved = { ...A1, associationId: 'c' };
    const d = rerouteRequest(request(), [declined(A1)], [moved, B1], {}, NOW);
    expect(ids(d)).toEqual(['b1']);
    expect(reasonsOf(d, 'a1')).toEqual(['previously_declined']);
  });

  it("tells the coordinator the fitting associations were tried ('no_programme_left'), or that none fits", () => {
    const left = rerouteRequest(request(), [declined(A1), expired(B1)], DIRECTORY, {}, NOW);
    expect(left.kind === 'no_match' && left.fallback).toEqual({ programme: COORDINATOR, score: 0, reasons: [{ code: 'no_programme_left' }] });
    // b fits nobody with this need: what is left out for a reason of its own is not "already tried".
    const none = rerouteRequest(request({ needs: ['job'] }), [declined(A1)], [A1, { ...B1, needs: ['school_support'] as DirectoryProgramme['needs'] }, COORDINATOR], {}, NOW);
    expect(none.kind === 'no_match' && none.fallback.reasons).toEqual([{ code: 'no_programme_fits' }]);
  });

  it('keeps the coordinator as the last resort even if it was tried before', () => {
    const d = rerouteRequest(request(), [declined(A1), declined(B1), expired(COORDINATOR)], DIRECTORY, {}, NOW);
    expect(d.kind === 'no_match' && d.fallback.programme.id).toBe('coord');
  });

  it('balances load among what is left, and skips programmes at capacity', () => {
    const progs = [A1, { ...B1, capacityPerMonth: 10 }, { ...B2, needs: ['orientation'] as DirectoryProgramme['needs'], capacityPerMonth: 10 }, COORDINATOR];
    expect(ids(rerouteRequest(request(), [declined(A1)], progs, { b2: 2 }, NOW))).toEqual(['b2', 'b1']);
    expect(ids(rerouteRequest(request(), [declined(A1)], progs, { b2: 10 }, NOW))).toEqual(['b1']);
  });

  it('does not depend on the order of the history', () => {
    const history = [expired(B1), declined(A1), declined(B2)];
    const d = rerouteRequest(request(), history, DIRECTORY, {}, NOW);
    expect(rerouteRequest(request(), [...history].reverse(), DIRECTORY, {}, NOW)).toEqual(d);
    expect(reasonsOf(d, 'b1')).toEqual(['previously_declined', 'previously_expired']);
  });

  it('never throws: a malformed history or directory gives the coordinator', () => {
    const junk = [null, { outcome: 'maybe' }, { associationId: 'a', outcome: 'declined' }] as unknown as PreviousDecision[];
    expect(ids(rerouteRequest(request(), junk, DIRECTORY, {}, NOW))).toEqual(['b1', 'b2']);
    const d = rerouteRequest(request(), null as unknown as PreviousDecision[], DIRECTORY, {}, NOW);
    expect(d.kind === 'no_match' && d.fallback).toEqual({ programme: DEFAULT_COORDINATOR, score: 0, reasons: [{ code: 'routing_error' }] });
  });
});
