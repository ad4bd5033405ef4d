import type { CommandResult } from '../../../write-model/command-result.js';

/** What POST …/conferences answers: the command result and the id of the conference. */
export type ConferenceHeld = CommandResult & { conferenceId: string };

/** What POST …/plans answers: the command result and the id of the plan. */
export type PlanIssued = CommandResult & { planId: string };

/** What POST …/title-reviews answers: the command result and the review's id. */
export type TitleReviewHeld = CommandResult & { reviewId: string };
