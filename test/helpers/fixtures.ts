import type { MentoringRequest } from '../../intake/MentoringRequest';

/** A complete, valid v1 request (a 17-year-old in Lyon), for database tests. */
export const REQUEST: MentoringRequest = {
  schemaVersion: 1,
  locale: 'fr',
  channel: 'test',
  submittedAt: '2026-11-21T10:00:00.000Z',
  firstName: 'Inès',
  age: 17,
  situation: { kind: 'lycee_general', schoolYear: 'terminale', diplomaLevel: null, detail: null },
  needs: ['orientation'],
  needsOther: null,
  place: { commune: '69123', name: 'Lyon', postalCode: '69001', departement: '69', region: '84' },
  priorityPublics: null,
  meeting: 'either',
  availability: null,
  contact: { email: 'ines@example.fr', phone: null, preferred: 'email' },
  guardian: null,
  consent: { given: true, at: '2026-11-21T09:58:00.000Z' },
};
