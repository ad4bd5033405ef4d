/** Fixtures for tests of other packages (never imported by production code). */
export {
  CLUSTER,
  ORGANIZER_UNIT,
  UNITS,
  YEAR,
  admin,
  chair,
  context,
  officerOf,
  organizer,
  scheme,
} from './fixtures.js';
export * from './people.js';
export { prng } from './prng.js';
export { realisticYear } from './realistic-year.js';
