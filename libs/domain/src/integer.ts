/**
 * A whole number: `number` to TypeScript, `integer` in the JSON Schemas generated from the types the
 * API answers (npm run openapi), so clients are told positions, revisions and counts are integers.
 * @asType integer
 */
export type Integer = number;
