import { NEEDS } from '../intake/vocabulary';
import type { DirectoryProgramme } from './types';

/**
 * The national coordinator as a constant, used only when the programme list given to
 * routeRequest has no active coordinator. The caller is meant to pass the directory
 * (whose validation requires exactly one); this keeps routing total, so a young person
 * whose request arrives during a bad directory edit still reaches a human.
 * Mirrors the "collectif-mentorat" entry of prisma/seed/directory.json.
 */
export const DEFAULT_COORDINATOR: DirectoryProgramme = Object.freeze({
  id: 'collectif-mentorat',
  associationId: 'collectif-mentorat',
  associationName: 'Collectif Mentorat',
  name: 'Orientation vers une association du Collectif',
  descriptionFr: "Le Collectif Mentorat étudie la demande et la confie à l'association la plus adaptée.",
  descriptionEn: 'The Collectif Mentorat reviews the request and passes it to the most suitable association.',
  minAge: 13,
  maxAge: 30,
  situations: [],
  schoolYears: [],
  diplomaLevels: [],
  needs: NEEDS.filter((n): n is Exclude<(typeof NEEDS)[number], 'other'> => n !== 'other'),
  requiredPublics: [],
  preferredPublics: [],
  girlsOnly: false,
  national: true,
  regions: [],
  departements: [],
  communes: [],
  inPerson: false,
  remote: true,
  capacityPerMonth: null,
  responseDays: 5,
  isCoordinator: true,
  active: true,
}) as DirectoryProgramme;
