/**
 * Ids and values of the demo (`npm run demo`) used as the OpenAPI examples, so "Try it out" on /docs
 * answers real data. test/demo.e2e.spec.ts loads the demo and checks every one of them against it.
 */
export const DEMO = {
  organizerId: 'bo-cong-an',
  clusterId: 'bca-cum-2',
  year: 2021,
  period: 'Q2',
  unitId: 'cuc-ktnv',
  /** The position just before Cục Quản lý xuất nhập cảnh corrected its Quý II score. */
  asOf: 'POSITION',
  whatIf: { entryId: 'ENTRY', points: 0 },
  totals: { year: 2023, cluster: 'bca-cum-7' },
  streamId: 'emulation-bca-cum-2-2021',
} as const;
