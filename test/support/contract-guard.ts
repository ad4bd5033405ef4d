/**
 * Jest setup (setupFilesAfterEnv, every test file): after each test, the contract violations the apps of
 * the file saw (test/support/contract.ts) fail that test. Kept free of imports so unit tests pay nothing.
 */
export interface ViolationSource {
  take(): string[];
}

/** The monitors of the apps alive in this test file. */
export const liveMonitors = new Set<ViolationSource>();

export function violationsError(violations: string[]): Error {
  return new Error(
    `answers that break the published contract (libs/api-client/openapi.json):\n  ${violations.join('\n  ')}`,
  );
}

afterEach(() => {
  const violations = [...liveMonitors].flatMap((m) => m.take());
  if (violations.length > 0) throw violationsError(violations);
});
