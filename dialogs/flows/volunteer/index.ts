import { draftToOffer, type VolunteerOffer } from '../../../intake/VolunteerOffer';
import { readSide } from '../../../understanding/volunteer/parseVolunteer';
import type { Flow } from '../../engine/Flow';
import type { IntakeDeps } from '../../engine/FlowEngine';
import type { SlotName } from '../../IntakeState';
import { MessageReader } from '../../readings';
import { VOLUNTEER_QUESTIONS } from './questions';
import { VOLUNTEER_READING } from './reading';

/**
 * Someone who wants to become a mentor: their questions (./questions), read by
 * ./reading, validated as a VolunteerOffer (intake/VolunteerOffer), routed by the
 * volunteer fit table (routing/volunteerFit) and handed over like a mentee request.
 */
export function volunteerFlow(deps: IntakeDeps): Flow<VolunteerOffer> {
  return {
    id: 'volunteer',
    textPrefix: 'volunteer',
    questions: VOLUNTEER_QUESTIONS,
    reader: new MessageReader(deps, VOLUNTEER_READING),
    claims: (text, opening) => readSide(text, opening) === 'volunteer',
    editSlot: (field) => (field === 'firstName' || field === 'age' || field === 'place' || field === 'meeting' || field === 'contact' || field === 'contactPreference' ? field : null),
    build(state, meta) {
      const built = draftToOffer(state.draft, { ...meta, consentAt: state.consentAt });
      return built.ok ? built : { ok: false, missing: built.missing as SlotName[] };
    },
    propose: (offer) => deps.volunteers.propose(offer),
    submit: (offer, meta) => deps.volunteers.submit(offer, meta),
    step: (step) => `volunteer.${step}`,
  };
}
