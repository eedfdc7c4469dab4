/**
 * Every reason code routing can emit, with the params each one carries. The locale test
 * checks that locales/<lang>/routing.json has `reason.<code>` for each, and that a text
 * only interpolates params that the code really carries (a missing param would print
 * "{{max}}" to a young person).
 */
export const REASON_PARAMS = {
  // Why a programme fits (shown to the young person).
  need_match: ['need'],
  age_ok: ['min', 'max'],
  age_min_ok: ['min'],
  age_max_ok: ['max'],
  age_unknown: [],
  place_commune: ['name'],
  place_departement: [],
  place_region: [],
  national: [],
  remote: [],
  preferred_public: ['public'],
  meeting_match: ['mode'],
  school_year_ok: [],
  diploma_level_ok: [],
  situation_ok: ['situation'],
  // Why this programme rather than another one of equal fit.
  tie_capacity: [],
  tie_distance: [],
  tie_response: [],
  // Why a programme was left out (kept for staff and audit; plain enough to show).
  inactive: [],
  coordinator: [],
  age_below_min: ['min'],
  age_above_max: ['max'],
  situation_not_served: [],
  // No list of years or levels as a param: the bot shows params as words only for codes it
  // knows (need, public...), and "premiere, terminale, cap_1" is not a sentence.
  school_year_not_served: [],
  diploma_level_not_served: [],
  girls_only_unknown: [],
  required_public_unknown: ['public'],
  required_public_missing: ['public'],
  // The fit table (prisma/seed/fit.json): a programme for a public the young person said is not theirs.
  fit_public_missing: ['public'],
  outside_area: [],
  place_not_given: [],
  no_need_match: [],
  at_capacity: [],
  // Rerouting: the association already had this request and declined it or let it expire,
  // or the coordinator reassigned it to another association.
  previously_declined: [],
  previously_expired: [],
  previously_reassigned: [],
  // Why the coordinator receives the request.
  no_programme_fits: [],
  no_programme_left: [],
  routing_error: [],
  // A volunteer's offer (routing/volunteerFit): why a programme recruits them, what the association checks, why not.
  volunteer_recruits: ['occupation'],
  volunteer_help: ['help'],
  volunteer_public: ['vpublic'],
  volunteer_near: ['place'],
  volunteer_remote: [],
  volunteer_condition_women: [],
  volunteer_condition_same_trade_two_years: [],
  volunteer_condition_same_departement: [],
  volunteer_condition_over_50: [],
  volunteer_no_fit: [],
  volunteer_full: [],
  volunteer_not_recruited: ['occupation'],
  volunteer_too_young: ['age'],
  volunteer_other_help: [],
  volunteer_out_of_area: [],
} as const satisfies Record<string, readonly string[]>;

export type ReasonCode = keyof typeof REASON_PARAMS;
export const REASON_CODES = Object.keys(REASON_PARAMS) as ReasonCode[];
