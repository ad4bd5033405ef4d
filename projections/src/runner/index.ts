export { ProjectionRunner } from './projection-runner.js';
export type {
  ProjectionRunnerOptions,
  ProjectionStatusReport,
  RunnerLogger,
  StallInfo,
} from './runner-types.js';
export {
  InvalidChangeError,
  ProjectionStalledError,
  RunnerStateError,
  UnknownProjectionError,
} from './runner-errors.js';
