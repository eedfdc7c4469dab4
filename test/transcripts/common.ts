import { helpLinesFor } from '../../understanding/safety/helpLines';
import type { CrisisCategory } from '../../understanding/safety/detectCrisis';

export const WELCOME = ['intake.welcome.hello', 'intake.welcome.what', 'intake.welcome.privacy', 'intake.consent.ask'];
/** The welcome after an opening that told part of the story: acknowledged before consent is asked (issue 22). */
export const WELCOME_NOTED = ['intake.welcome.hello', 'intake.welcome.noted', 'intake.welcome.what', 'intake.welcome.privacy', 'intake.consent.ask'];
export const SUMMARY = ['intake.summary.intro', 'intake.summary.ask'];
/** Sent right away: only one association fits, so the reasons come with the confirmation. */
export const SENT = ['intake.submitted.routed', 'intake.submitted.why', 'intake.submitted.next'];
/** The proposal: who, why, the alternatives, and the choice. */
export const PROPOSAL = ['intake.proposal.intro', 'intake.proposal.why', 'intake.proposal.alternatives', 'intake.proposal.ask'];
/** Sent after the proposal (the reasons were just shown). */
export const SENT_AFTER_CHOICE = ['intake.submitted.routed', 'intake.submitted.next'];
export const SENT_FALLBACK = ['intake.submitted.fallback', 'intake.submitted.why', 'intake.submitted.next'];
export const retry = (slot: string) => [`intake.${slot}.retry`, `intake.${slot}.ask`];

/** What the bot says to a crisis message: help lines for those categories, then the offer to continue. */
export const crisis = (...categories: CrisisCategory[]) => ['safety.intro', ...helpLinesFor(categories).map((l) => l.textKey), 'safety.offerContinue'];
