import type { PrismaClient } from '@prisma/client';
import type { DirectorySource } from '../intake/submitRequest';
import { toDirectoryProgrammes } from '../routing/directoryToProgrammes';
import { compareIds } from '../routing/routeRequest';
import type { DirectoryProgramme, ProgrammeLoad } from '../routing/types';
import { toFileAssociation } from './directoryRows';

/**
 * The directory of associations and programmes, read from the database for routing.
 *
 * Routing reads it twice per intake (proposal, then submission), and loading and mapping
 * every association with its programmes is the heaviest query of a turn. It is kept in
 * memory and reused while the tables' fingerprint is the same: one cheap query of row
 * ids and their xmin (PostgreSQL's row version, new on every insert or update), so a
 * change made by any process (`npm run directory -- import`, staff editing the rows) is
 * seen on the very next read, as before.
 */
export class PrismaDirectory implements DirectorySource {
  private cached: { fingerprint: string; programmes: DirectoryProgramme[] } | null = null;

  constructor(private readonly prisma: PrismaClient) {}

  async listProgrammes(): Promise<DirectoryProgramme[]> {
    const fingerprint = await this.fingerprint();
    if (this.cached?.fingerprint !== fingerprint) {
      const rows = await this.prisma.association.findMany({ include: { programmes: true } });
      // Routing is fastest on a list already in id order (it then skips its own sort).
      const programmes = toDirectoryProgrammes({ version: 1, associations: rows.map(toFileAssociation) }).sort((a, b) => compareIds(a.id, b.id));
      // Read after the fingerprint: a change in between makes the next read reload, never a stale cache.
      this.cached = { fingerprint, programmes };
    }
    // Routing does not modify the list; a copy keeps a caller that would from changing the cache.
    return [...this.cached.programmes];
  }

  private async fingerprint(): Promise<string> {
    const [row] = await this.prisma.$queryRaw<{ a: string | null; p: string | null }[]>`
      SELECT (SELECT md5(string_agg("id" || ':' || xmin::text, ',' ORDER BY "id")) FROM "association") AS a,
             (SELECT md5(string_agg("id" || ':' || xmin::text, ',' ORDER BY "id")) FROM "programme") AS p`;
    return `${row?.a ?? ''}/${row?.p ?? ''}`;
  }

  async loadSince(since: Date): Promise<ProgrammeLoad> {
    const groups = await this.prisma.mentoringRequest.groupBy({
      by: ['programmeId'],
      // Capacities count young people; volunteers offered to a programme take no place.
      where: { createdAt: { gte: since }, programmeId: { not: null }, kind: 'mentee' },
      _count: { _all: true },
    });
    const load: ProgrammeLoad = {};
    for (const g of groups) if (g.programmeId) load[g.programmeId] = g._count._all;
    return load;
  }
}
