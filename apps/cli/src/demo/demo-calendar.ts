/**
 * The dates of the demo. The seeds' own dates are acts of the data (business dates); every other date is
 * chosen (minh họa), plausibly: after what it follows, inside the organizer's window, before the review
 * the seed reports. The texts of the acts that carry one say "minh họa (demo)"; acts with no text
 * (admissions, opening and closing a period) cannot, so every demo date is listed here.
 */

/** The seeds' dates. */
export const SEED_DATES = {
  /** Seed 002: Cụm 1 signs its pledges in Hà Nội. */
  cum1Signing2017: '2017-02-23',
  /** Seed 003: Cụm 2's year-end review (tổng kết), the chair of 2022 elected. */
  cum2Review2021: '2021-11-19',
  /** Seed 004: Hà Tĩnh's Cụm 4 reviews and classifies Quý II/2021 (giao ban). */
  htReviewQ2_2021: '2021-07-27',
  /** Seed 000: Cụm 7's year-end review (tổng kết). */
  cum7Review2023: '2023-11-28',
  /** Seed 001: the five city police forces sign their pledges in Đà Nẵng. */
  cum1Signing2024: '2024-04-04',
} as const;

/** sha256 of each seed article: the conferences' "minutes" are the press reports (there are no minutes). */
export const SEED_SHA256 = {
  '000': '0568bd6013502d9da690ea25b539cd2bfbd84323533be86880e95819c079a6c9',
  '001': 'e9ebea843dabaae0f5a9e5b20759528c9ab21364db71be61018a9ba8b5233ac3',
  '002': '63aa614fe8e7c2f0720c00906e440a738ad01f36061ab0cf4bf81ae3a2bab474',
  '003': '9037b376749b92f424d913efda53c0ea5b5a4693a2e2da547e1839aae82f99a1',
  '004': '4f3082d2a506ddbe3676a1b5b1ae37fa6383602cd9b7392c25cb4cba37fbecb3',
} as const;

export const MINH_HOA = 'minh họa (demo)';

/**
 * The organizers' emulation windows (not in the seeds): the Ministry's year runs from 1/12 to 30/11 and its
 * year-end reviews are held from 15/11 (seeds 000 and 003 review in late November); Hà Tĩnh's is the
 * calendar year.
 */
export function ministryWindow(year: number) {
  return {
    opensOn: `${year - 1}-12-01`,
    closesOn: `${year}-11-30`,
    reviewsFrom: { Q4: `${year}-11-15`, Y: `${year}-11-15` },
    reason: `Thời gian tính thi đua năm ${year} của Bộ Công an – ${MINH_HOA}: nguồn tin không nêu`,
  };
}

export const HA_TINH_WINDOW_2021 = {
  opensOn: '2021-01-01',
  closesOn: '2021-12-31',
  reason: `Thời gian tính thi đua năm 2021 của Công an tỉnh Hà Tĩnh – ${MINH_HOA}: nguồn tin không nêu`,
};

/** Cụm 2, 2021: when each period's self scores, the cluster's verification and the review (close) are dated. */
export const CUM2_2021_DATES: Record<
  string,
  { opened: string; self: string; verified: string; closed: string }
> = {
  Q1: { opened: '2021-01-04', self: '2021-03-26', verified: '2021-04-02', closed: '2021-04-05' },
  Q2: { opened: '2021-04-01', self: '2021-06-25', verified: '2021-07-02', closed: '2021-07-06' },
  Q3: { opened: '2021-07-01', self: '2021-09-24', verified: '2021-10-01', closed: '2021-10-05' },
  Q4: { opened: '2021-10-01', self: '2021-11-10', verified: '2021-11-16', closed: SEED_DATES.cum2Review2021 },
  Y: { opened: '2021-01-04', self: '2021-11-10', verified: '2021-11-16', closed: SEED_DATES.cum2Review2021 },
};

/** Cụm 2 in 2022: the five units admitted and the elected chair taking up its seat as the year opens. */
export const CUM2_2022_OPENS = '2021-12-01';

/** Cụm 2, 2021, independent assessment (demo): kiểm tra chéo, a finding, a correction, the appraisal. */
export const CUM2_2021_ASSESSMENT_DATES = {
  finding: '2021-09-28',
  inspectionAssigned: '2021-11-12',
  clusterCorrection: '2021-11-17',
  appraisal: '2021-11-18',
} as const;

/** Cụm 7 in 2023 (seed 000 gives only the review, 28/11/2023). */
export const CUM7_2023_DATES = {
  admitted: '2022-12-01',
  /** The people of the awards enter the registry (issue 12). */
  peopleRegistered: '2022-12-01',
  /** The Ministry's deadline for registering individual titles of 2023, set on `planned`. */
  registrationDeadline: '2023-03-25',
  /** The registrations of the titles of 2023. */
  titlesRegistered: '2023-03-15',
  /** The plan, the criteria and scale, the pledge rules, and Y opened. */
  planned: '2023-01-10',
  pledged: '2023-02-20',
} as const;

/** Hà Tĩnh's Cụm 4 in 2021 (seed 004 gives only the review, 27/7/2021). */
export const HT_2021_DATES = {
  admitted: '2021-01-05',
  /** The people of the quarter's awards enter the registry (issue 12). */
  peopleRegistered: '2021-01-05',
  q2Opened: '2021-04-01',
  scored: '2021-07-20',
  complaintReceived: '2021-08-10',
  complaintResolved: '2021-08-30',
  disciplineOpened: '2021-05-03',
  disciplineDecided: '2021-05-20',
  disciplineRunsUntil: '2021-11-20',
} as const;

/**
 * The path of Cụm 7's 2023 proposals (demo: the seed reports only the awards): submitted, a public notice of
 * 10 working days (1–14/8/2023: Tuesday to Monday, the notice the state titles need), the council on 16/8,
 * forwarded on 18/8 — before the earliest of the decisions (12/9/2023).
 */
export const CUM7_PROPOSALS = {
  submitted: '2023-07-20',
  notice: { from: '2023-08-01', to: '2023-08-14' },
  council: '2023-08-16',
  forwarded: '2023-08-18',
} as const;
