/** The reference date of the understanding corpora (their README): ages from birth dates are computed on it. */
export const REFERENCE_DAY = new Date('2026-11-21T12:00:00+01:00');
