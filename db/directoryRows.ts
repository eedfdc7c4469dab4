import type { Association, Prisma, Programme } from '@prisma/client';
import type { DirectoryAssociation, DirectoryProgrammeEntry } from '../routing/directorySchema';

/** Between database rows and directory-file entries, both ways: one mapping for import, export and routing. */

/** The association columns a directory file sets (the programmes are written separately). */
export function associationRow(a: DirectoryAssociation) {
  return {
    id: a.id,
    name: a.name,
    website: a.website,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone,
    notifyBy: a.notifyBy,
    webhookUrl: a.webhookUrl,
    responseDays: a.responseDays,
    isCoordinator: a.isCoordinator,
    active: a.active,
    sources: a.sources,
    notes: a.notes,
  } satisfies Prisma.AssociationUncheckedCreateInput;
}

/** The programme columns a directory file sets. */
export function programmeRow(p: DirectoryProgrammeEntry, associationId: string) {
  return {
    id: p.id,
    associationId,
    name: p.name,
    descriptionFr: p.descriptionFr,
    descriptionEn: p.descriptionEn,
    minAge: p.minAge,
    maxAge: p.maxAge,
    situations: p.situations,
    schoolYears: p.schoolYears,
    diplomaLevels: p.diplomaLevels,
    needs: p.needs,
    requiredPublics: p.requiredPublics,
    preferredPublics: p.preferredPublics,
    girlsOnly: p.girlsOnly,
    national: p.national,
    regions: p.regions,
    departements: p.departements,
    communes: p.communes,
    inPerson: p.inPerson,
    remote: p.remote,
    capacityPerMonth: p.capacityPerMonth,
    active: p.active,
    notes: p.notes,
  } satisfies Prisma.ProgrammeUncheckedCreateInput;
}

export type AssociationWithProgrammes = Association & { programmes: Programme[] };

/** A database row as it appears in a directory file. */
export function toFileAssociation(a: AssociationWithProgrammes): DirectoryAssociation {
  return {
    id: a.id,
    name: a.name,
    website: a.website,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone,
    notifyBy: a.notifyBy as DirectoryAssociation['notifyBy'],
    webhookUrl: a.webhookUrl,
    responseDays: a.responseDays,
    isCoordinator: a.isCoordinator,
    active: a.active,
    sources: a.sources,
    notes: a.notes,
    programmes: a.programmes.map(toFileProgramme),
  };
}

export function toFileProgramme(p: Programme): DirectoryProgrammeEntry {
  type P = DirectoryProgrammeEntry;
  return {
    id: p.id,
    name: p.name,
    descriptionFr: p.descriptionFr,
    descriptionEn: p.descriptionEn,
    minAge: p.minAge,
    maxAge: p.maxAge,
    situations: p.situations as P['situations'],
    schoolYears: p.schoolYears as P['schoolYears'],
    diplomaLevels: p.diplomaLevels as P['diplomaLevels'],
    needs: p.needs as P['needs'],
    requiredPublics: p.requiredPublics as P['requiredPublics'],
    preferredPublics: p.preferredPublics as P['preferredPublics'],
    girlsOnly: p.girlsOnly,
    national: p.national,
    regions: p.regions,
    departements: p.departements,
    communes: p.communes,
    inPerson: p.inPerson,
    remote: p.remote,
    capacityPerMonth: p.capacityPerMonth,
    active: p.active,
    notes: p.notes,
  };
}
