import { readFileSync } from 'fs';
import { join } from 'path';
import type { Place } from '../../intake/MentoringRequest';
import type { DirectoryProgramme, RoutableRequest } from '../../routing/types';

interface CommuneRow { code: string; nom: string; type: string; departement: string; region: string; codesPostaux?: string[] }

let communes: CommuneRow[] | null = null;
export function communeRows(): CommuneRow[] {
  communes ??= JSON.parse(
    readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8'),
  ) as CommuneRow[];
  return communes;
}

/** A Place as the intake builds it, from the real INSEE data (so a wrong code fails loudly). */
export function placeOf(name: string, departement?: string): Place {
  const row = communeRows().find(
    (c) => c.type === 'commune-actuelle' && c.nom === name && (departement === undefined || c.departement === departement),
  );
  if (row === undefined) throw new Error(`no commune ${name}`);
  return { commune: row.code, name: row.nom, postalCode: row.codesPostaux?.[0] ?? null, departement: row.departement, region: row.region };
}

export const PARIS: Place = { commune: '75056', name: 'Paris', postalCode: '75001', departement: '75', region: '11' };

export function request(over: Partial<RoutableRequest> = {}): RoutableRequest {
  return {
    age: 17,
    situation: { kind: 'lycee_general', schoolYear: null, diplomaLevel: null, detail: null },
    needs: ['orientation'],
    place: PARIS,
    priorityPublics: [],
    meeting: 'either',
    ...over,
  };
}

export function situation(kind: NonNullable<RoutableRequest['situation']>['kind']): RoutableRequest['situation'] {
  return { kind, schoolYear: null, diplomaLevel: null, detail: null };
}

/** A programme whose every criterion is unknown (so nothing excludes) unless overridden. */
export function programme(over: Partial<DirectoryProgramme> = {}): DirectoryProgramme {
  return {
    id: 'p',
    associationId: over.id ?? 'p',
    associationName: 'Association',
    name: 'Programme',
    descriptionFr: 'fr',
    descriptionEn: 'en',
    minAge: null,
    maxAge: null,
    situations: [],
    schoolYears: [],
    diplomaLevels: [],
    needs: [],
    requiredPublics: [],
    preferredPublics: [],
    girlsOnly: false,
    national: true,
    regions: [],
    departements: [],
    communes: [],
    inPerson: true,
    remote: false,
    capacityPerMonth: null,
    responseDays: 5,
    isCoordinator: false,
    active: true,
    ...over,
  };
}

export const COORDINATOR = programme({ id: 'coord', isCoordinator: true, remote: true, minAge: 13, maxAge: 30 });

export const SEED_PATH = join(__dirname, '../../prisma/seed/directory.json');
export function seedJson(): unknown {
  return JSON.parse(readFileSync(SEED_PATH, 'utf8')) as unknown;
}
