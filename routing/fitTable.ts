import table from '../prisma/seed/fit.json';
import { PRIORITY_PUBLICS, SITUATIONS, type PriorityPublic, type Situation } from '../intake/vocabulary';
import type { DirectoryProgramme, Reason, RoutableRequest } from './types';

/**
 * The fit table (prisma/seed/fit.json, next to the directory): which programmes fit which
 * young people where the directory's columns are too coarse. A programme's preferred public
 * only adds points, so a priority-neighbourhood programme outranked a better fit for a young
 * person who had said they live in none, and a rural one was offered to city youths. Rows
 * here make that an exclusion, with the same rule as everywhere in routing: what is unknown
 * never excludes (priority situations skipped = null).
 */
export interface Fit {
  /** The programme is for young people of one of these priority situations. */
  publics?: PriorityPublic[];
  /** The only situations it serves. */
  situations?: Situation[];
}

function validated(raw: unknown): Record<string, Fit> {
  const out: Record<string, Fit> = {};
  const rows = (raw as { programmes?: Record<string, { publics?: unknown; situations?: unknown }> }).programmes ?? {};
  for (const [id, row] of Object.entries(rows)) {
    const publics = Array.isArray(row.publics) ? row.publics.filter((p): p is PriorityPublic => (PRIORITY_PUBLICS as readonly unknown[]).includes(p)) : undefined;
    const situations = Array.isArray(row.situations) ? row.situations.filter((s): s is Situation => (SITUATIONS as readonly unknown[]).includes(s)) : undefined;
    if ((Array.isArray(row.publics) && publics?.length !== row.publics.length) || (Array.isArray(row.situations) && situations?.length !== row.situations.length)) {
      throw new Error(`fit table: unknown code in the row of ${id}`);
    }
    out[id] = { ...(publics ? { publics } : {}), ...(situations ? { situations } : {}) };
  }
  return out;
}

export const FIT_TABLE: Readonly<Record<string, Fit>> = validated(table);

/** Why the fit table leaves `p` out for this request (empty: it fits or the table says nothing). */
export function fitExclusions(request: RoutableRequest, p: DirectoryProgramme, fit: Readonly<Record<string, Fit>> = FIT_TABLE): Reason[] {
  const row = Object.prototype.hasOwnProperty.call(fit, p.id) ? fit[p.id] : undefined;
  if (!row) return [];
  const out: Reason[] = [];
  if (row.publics && row.publics.length > 0 && request.priorityPublics !== null && !row.publics.some((x) => request.priorityPublics!.includes(x))) {
    out.push({ code: 'fit_public_missing', params: { public: row.publics[0]! } });
  }
  const kind = request.situation?.kind ?? null;
  if (row.situations && kind !== null && kind !== 'autre' && !row.situations.includes(kind)) out.push({ code: 'situation_not_served' });
  return out;
}

/** The publics a programme is for (fit table) that the young person declared: a fit, ranked before any bonus. */
export function fitPublicsDeclared(request: RoutableRequest, p: DirectoryProgramme, fit: Readonly<Record<string, Fit>> = FIT_TABLE): string[] {
  const row = Object.prototype.hasOwnProperty.call(fit, p.id) ? fit[p.id] : undefined;
  if (!row?.publics || request.priorityPublics === null) return [];
  return row.publics.filter((x) => request.priorityPublics!.includes(x));
}
