import type { MentoringRequest } from '../intake/MentoringRequest';
import type { DiplomaLevel, Need, PriorityPublic, SchoolYear, Situation } from '../intake/vocabulary';

/** One programme of the directory as routing sees it (plain data, no database types). */
export interface DirectoryProgramme {
  id: string;
  associationId: string;
  associationName: string;
  name: string;
  descriptionFr: string;
  descriptionEn: string;
  /** null = unknown: never excludes by itself. */
  minAge: number | null;
  maxAge: number | null;
  /** Empty = unknown / any situation. */
  situations: Situation[];
  /** School years served (collège/lycée); empty = unknown or any. */
  schoolYears: SchoolYear[];
  /** Diploma levels served (higher education, work); empty = unknown or any. */
  diplomaLevels: DiplomaLevel[];
  /** Empty = unknown. 'other' is never listed here. */
  needs: Exclude<Need, 'other'>[];
  requiredPublics: PriorityPublic[];
  preferredPublics: PriorityPublic[];
  girlsOnly: boolean;
  national: boolean;
  /** INSEE region codes ("84"), département codes ("69", "2A", "974"), commune INSEE codes. */
  regions: string[];
  departements: string[];
  communes: string[];
  inPerson: boolean;
  remote: boolean;
  capacityPerMonth: number | null;
  /** Working days the association takes to call back. */
  responseDays: number;
  isCoordinator: boolean;
  active: boolean;
}

/** A reason in plain words, rendered from locales/<lang>/routing.json `reason.<code>`. */
export interface Reason {
  code: string;
  params?: Record<string, string | number>;
}

export interface RouteOption {
  programme: DirectoryProgramme;
  score: number;
  /** Needs in common plus publics the programme is for that were declared: ranked before the score. */
  fit?: number;
  reasons: Reason[];
}

export type RouteDecision =
  | { kind: 'routed'; chosen: RouteOption; alternatives: RouteOption[]; excluded: { programmeId: string; reasons: Reason[] }[] }
  | { kind: 'no_match'; fallback: RouteOption; excluded: { programmeId: string; reasons: Reason[] }[] };

/** Requests already sent to each programme this period (capacity). */
export type ProgrammeLoad = Record<string, number>;

export type RoutableRequest = Pick<
  MentoringRequest,
  'age' | 'situation' | 'needs' | 'place' | 'priorityPublics' | 'meeting'
>;
