import { draftToRequest, type DraftField } from '../../intake/draftToRequest';
import type { MentoringRequest } from '../../intake/MentoringRequest';
import type { EditableField } from '../../understanding/parseCommand';
import type { Flow } from '../engine/Flow';
import type { IntakeDeps } from '../engine/FlowEngine';
import type { SlotName } from '../IntakeState';
import { QUESTIONS } from '../questions';
import { MENTEE_READING, MessageReader } from '../readings';
import { readSide } from '../../understanding/volunteer/parseVolunteer';

/** The questions to ask again when a part of the request is missing or invalid. */
const DRAFT_FIELD_SLOTS: Record<DraftField, SlotName[]> = {
  consent: [], age: ['age'], needs: ['needs'], contact: ['contact', 'contactPreference'],
  guardian: ['guardianName', 'guardianContact', 'guardianConsent'], other: [],
};
const EDIT_FIELD_SLOT: Record<EditableField, SlotName> = {
  firstName: 'firstName', age: 'age', situation: 'situation', level: 'level', needs: 'needs', place: 'place',
  priority: 'priority', meeting: 'meeting', availability: 'availability', contact: 'contact',
  contactPreference: 'contactPreference', guardian: 'guardianName',
};

/**
 * The young person asking for a mentor: the questions of dialogs/questions.ts, read by the
 * rules of dialogs/readings.ts, validated as a MentoringRequest (intake/), routed by
 * routing/ and handed over by notifications/ (both behind `deps`).
 */
export function menteeFlow(deps: IntakeDeps): Flow<MentoringRequest> {
  return {
    id: 'mentee',
    textPrefix: null,
    questions: QUESTIONS,
    reader: new MessageReader(deps, MENTEE_READING),
    claims: (text, opening) => readSide(text, opening) === 'mentee',
    editSlot: (field) => EDIT_FIELD_SLOT[field],
    build(state, meta) {
      const built = draftToRequest(state.draft, { ...meta, consentAt: state.consentAt });
      return built.ok ? built : { ok: false, missing: built.missing.flatMap((f) => DRAFT_FIELD_SLOTS[f]) };
    },
    propose: (request) => deps.propose(request),
    submit: (request, meta) => deps.submit(request, meta),
    step: (step) => step,
  };
}
