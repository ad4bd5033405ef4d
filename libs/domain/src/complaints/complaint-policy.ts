/**
 * Time limits of complaints, as data (Luật Khiếu nại 2011): filing within 90 days of receiving or learning
 * of the decision (art. 9); the first level resolves within 30 days (art. 28), the second within 45
 * (art. 37); a second-level complaint within 30 days of the first-level decision, or of the first level's
 * due date when it was not resolved (art. 33). The law extends some of these for remote areas or
 * complicated cases; that extension is not modelled (an organizer's recorded policy could carry it).
 */
export interface ComplaintPolicy {
  filingDays: number;
  firstLevelDays: number;
  secondLevelDays: number;
  escalationDays: number;
}

export const DEFAULT_COMPLAINT_POLICY: ComplaintPolicy = {
  filingDays: 90,
  firstLevelDays: 30,
  secondLevelDays: 45,
  escalationDays: 30,
};
