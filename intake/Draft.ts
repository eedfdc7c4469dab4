import type { Place, SituationInfo } from './MentoringRequest';
import type { ContactChannel, MeetingMode, Need, PriorityPublic } from './vocabulary';

/** The answers so far. undefined = not answered yet, null = skipped or declined. */
export interface Draft {
  firstName?: string | null;
  age?: number;
  situation?: SituationInfo | null;
  needs?: Need[];
  needsOther?: string | null;
  place?: Place | null;
  priority?: PriorityPublic[] | null;
  meeting?: MeetingMode | null;
  availability?: string | null;
  email?: string | null;
  phone?: string | null;
  contactPreference?: ContactChannel;
  guardianName?: string;
  guardianEmail?: string | null;
  guardianPhone?: string | null;
  guardianConsent?: true;
}

