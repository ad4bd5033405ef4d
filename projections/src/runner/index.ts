export { ProjectionRunner } from './projection-runner.js';
export { ProjectionFollower } from './projection-follower.js';
export type {
  OutageInfo,
  ProjectionFollowerOptions,
  ProjectionReadView,
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
