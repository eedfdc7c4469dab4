import type { OccupationReading, TimeReading } from '../understanding/volunteer/parseVolunteer';
import type { Help, MentorLanguage, VolunteerPublic } from './volunteerVocabulary';

/**
 * A volunteer's answers so far, beside the ones every flow shares (first name, age,
 * place, meeting, contact: intake/Draft). undefined = not answered, null = skipped.
 */
export interface VolunteerDraft {
  occupation?: { kind: OccupationReading['kind']; detail: string | null } | null;
  company?: string | null;
  time?: TimeReading | null;
  helps?: Help[];
  publics?: VolunteerPublic[] | null;
  languages?: MentorLanguage[] | null;
}
