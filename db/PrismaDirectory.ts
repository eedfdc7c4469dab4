import type { PrismaClient } from '@prisma/client';
import type { DirectorySource } from '../intake/submitRequest';
import { toDirectoryProgrammes } from '../routing/directoryToProgrammes';
import { compareIds } from '../routing/routeRequest';
import type { DirectoryProgramme, ProgrammeLoad } from '../routing/types';
import { toFileAssociation } from './directoryRows';

/** The directory of associations and programmes, read from the database for routing. */
export class PrismaDirectory implements DirectorySource {
  constructor(private readonly prisma: PrismaClient) {}

  async listProgrammes(): Promise<DirectoryProgramme[]> {
    const rows = await this.prisma.association.findMany({ include: { programmes: true } });
    // Routing is fastest on a list already in id order (it then skips its own sort).
    return toDirectoryProgrammes({ version: 1, associations: rows.map(toFileAssociation) }).sort((a, b) => compareIds(a.id, b.id));
  }

  async loadSince(since: Date): Promise<ProgrammeLoad> {
    const groups = await this.prisma.mentoringRequest.groupBy({
      by: ['programmeId'],
      where: { createdAt: { gte: since }, programmeId: { not: null } },
      _count: { _all: true },
    });
    const load: ProgrammeLoad = {};
    for (const g of groups) if (g.programmeId) load[g.programmeId] = g._count._all;
    return load;
  }
}
