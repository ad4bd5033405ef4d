/** The demo built from the seeds: loaded through the API's HTTP commands by the CLI and by test/demo.e2e.spec.ts. */
export { DEMO_ADMIN, DEMO_INSPECTOR, DEMO_VIEWER, officerOf, organizerOf } from './demo-actors.js';
export { CUM7_AWARD_COUNTS, cum7AwardDecisions, cum7AwardItems } from './demo-awards.js';
export {
  createHttpClient,
  DemoRequestError,
  type DemoActor,
  type DemoClient,
  type DemoRequest,
  type DemoResponse,
} from './demo-client.js';
export {
  DEMO_DATA_DIR,
  demoCommand,
  demoConfig,
  inspectLog,
  type DemoCommandOptions,
} from './demo-command.js';
export { DEMO_KEY_PREFIX, headPosition, type DemoSectionReport } from './demo-session.js';
export { ALL_UNITS, BLOCS, CLUSTERS, CUM2, CUM7_SUB_UNITS, CUM7_UNITS, HT_SUB_UNITS } from './demo-units.js';
export { CUM2_ASSESSMENT, CUM2_BALLOTS } from './demo-cum2.js';
export { haTinhQ2Decisions } from './demo-ha-tinh.js';
export { MINH_HOA, SEED_DATES, SEED_SHA256 } from './demo-calendar.js';
export {
  CUM1_2017_GOVERNMENT_FLAG_UNIT,
  CUM7_FIELDS,
  loadDemo,
  waitForReadModels,
  type DemoLoadReport,
  type DemoMarks,
  type LoadDemoOptions,
} from './load-demo.js';
