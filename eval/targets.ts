/** Issue 3's quality targets, shared by `npm run eval:understanding` and the CI gate. */
export const TARGETS = {
  /** Every slot's F1 on the labelled single messages. */
  slotF1: 0.95,
  /** Share of simulated conversations whose stored request is exactly the expected one. */
  conversationExact: 0.9,
} as const;

/** The targets a measurement misses, as readable lines (empty: all met). */
export function failedTargets(m: { slotF1?: Record<string, number>; conversationExact?: number }): string[] {
  const out: string[] = [];
  for (const [slot, f1] of Object.entries(m.slotF1 ?? {})) if (f1 < TARGETS.slotF1) out.push(`${slot}: F1 ${f1.toFixed(3)} < ${TARGETS.slotF1}`);
  if (m.conversationExact !== undefined && m.conversationExact < TARGETS.conversationExact) {
    out.push(`conversations exactly right: ${(m.conversationExact * 100).toFixed(1)}% < ${TARGETS.conversationExact * 100}%`);
  }
  return out;
}

/**
 * The people corpus (issue 22), gated at the level measured when it landed: a change that
 * makes the bot worse on people we have not met fails CI. Raise these when it gets better;
 * never tune on the held-out half to meet them.
 */
export const PEOPLE_TARGETS = {
  /** Conversations stored exactly right and sent to an acceptable programme. */
  // Session 7: the first held-out half (measured 0.68, median 9, too often to stay honest) was
  // retired into the tuning half (100 conversations: 0.79, median 8). The fresh held-out half
  // (heldout-a/b, 100 conversations written blind) measured 0.39, median 10, on main before any
  // change of that session, and 0.42 (rules alone 0.41) after them: the level is lower than the
  // old 0.68 because the text is new, not because of an edit. Tuning at the session's end: 0.90
  // with the reading model cross-validated (0.87 rules alone), median 8.
  // Session 8: 100 more tuning conversations written blind (tuning-s8-a/b) joined the tuning
  // half (200); before any change they scored 0.49 (0.46 before a question the corpus had no
  // reply for was answered "je sais pas"), like the held-out half. At the session's end, the
  // held-out half measured once: 0.53 (rules alone 0.52), median 10, 4 stuck; tuning 0.895
  // cross-validated (0.87 rules alone), median 9 (the new files' median is 10, the older 8):
  // the tuning level is set for the larger, harder half, not lowered by an edit.
  exactAndRouted: { heldout: 0.53, tuning: 0.89 },
  /** Median user messages to a sent request (issue 22's goal: 8). */
  medianMessages: { heldout: 10, tuning: 9 },
  /** A free-text field holding the opening: a privacy defect, never allowed. */
  openingStored: 0,
  /** A proposal showing two buttons with the same name. */
  duplicateButtons: 0,
} as const;

/**
 * The volunteers' corpus (issue 20, test/fixtures/understanding/volunteers), gated at the
 * level measured when the volunteer flow landed (held-out 10/22, tuning 5/6). Raise these
 * when it gets better; never tune on the held-out half to meet them.
 */
export const VOLUNTEER_TARGETS = {
  // Session 7: the first held-out half (10/22) retired into tuning (28: 12/28 once the
  // coordinator counts only where nothing fits); the fresh held-out file (20, written blind)
  // measured 1/20 on main before any change of that session. After the volunteer readers and
  // ranking were reworked on the tuning half: see the measured levels below.
  // Session 8: 30 tuning conversations written blind (tuning-s8.json) scored 11/30 before any
  // change, 27/30 after; the held-out file measured once at the end: 7/20 (2 stuck, median 13.5);
  // tuning 52/58.
  exactAndRouted: { heldout: 0.35, tuning: 0.89 },
  openingStored: 0,
  duplicateButtons: 0,
} as const;
