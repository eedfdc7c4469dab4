import type { PrismaClient } from '@prisma/client';
import type { DirectorySource } from '../intake/submitRequest';
import type { DirectoryProgramme, ProgrammeLoad } from '../routing/types';

/** The directory of associations and programmes, read from the database for routing. */
export class PrismaDirectory implements DirectorySource {
  constructor(private readonly prisma: PrismaClient) {}

  async listProgrammes(): Promise<DirectoryProgramme[]> {
    const rows = await this.prisma.programme.findMany({ include: { association: true }, orderBy: { id: 'asc' } });
    return rows.map((p) => ({
      id: p.id,
      associationId: p.associationId,
      associationName: p.association.name,
      name: p.name,
      descriptionFr: p.descriptionFr,
      descriptionEn: p.descriptionEn,
      minAge: p.minAge,
      maxAge: p.maxAge,
      situations: p.situations as DirectoryProgramme['situations'],
      schoolYears: p.schoolYears as DirectoryProgramme['schoolYears'],
      diplomaLevels: p.diplomaLevels as DirectoryProgramme['diplomaLevels'],
      needs: p.needs as DirectoryProgramme['needs'],
      requiredPublics: p.requiredPublics as DirectoryProgramme['requiredPublics'],
      preferredPublics: p.preferredPublics as DirectoryProgramme['preferredPublics'],
      girlsOnly: p.girlsOnly,
      national: p.national,
      regions: p.regions,
      departements: p.departements,
      communes: p.communes,
      inPerson: p.inPerson,
      remote: p.remote,
      capacityPerMonth: p.capacityPerMonth,
      responseDays: p.association.responseDays,
      isCoordinator: p.association.isCoordinator,
      active: p.active && p.association.active,
    }));
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
