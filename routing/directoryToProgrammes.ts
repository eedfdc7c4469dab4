import type { DirectoryFile } from './directorySchema';
import type { DirectoryProgramme } from './types';

/**
 * Flattens the directory into what routing reads. A programme of an inactive association
 * is inactive too: deactivating an association must stop all its programmes at once.
 */
export function toDirectoryProgrammes(file: DirectoryFile): DirectoryProgramme[] {
  return file.associations.flatMap((a) =>
    a.programmes.map(
      (p): DirectoryProgramme => ({
        id: p.id,
        associationId: a.id,
        associationName: a.name,
        name: p.name,
        descriptionFr: p.descriptionFr,
        descriptionEn: p.descriptionEn,
        minAge: p.minAge,
        maxAge: p.maxAge,
        situations: [...p.situations],
        schoolYears: [...p.schoolYears],
        diplomaLevels: [...p.diplomaLevels],
        needs: [...p.needs],
        requiredPublics: [...p.requiredPublics],
        preferredPublics: [...p.preferredPublics],
        girlsOnly: p.girlsOnly,
        national: p.national,
        regions: [...p.regions],
        departements: [...p.departements],
        communes: [...p.communes],
        inPerson: p.inPerson,
        remote: p.remote,
        capacityPerMonth: p.capacityPerMonth,
        responseDays: a.responseDays,
        isCoordinator: a.isCoordinator,
        active: a.active && p.active,
      }),
    ),
  );
}
