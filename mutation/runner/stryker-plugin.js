// StrykerJS test runner "thidua-unit" (mutation/stryker.config.mjs): runs the unit specs of the domain and
// the integrity code in the runner process itself. The specs are loaded once (transpiled by
// ts-loader.js); each mutant is switched on at run time (StrykerJS instruments every mutant into the
// code) and only the tests that reached it during the dry run are run again. Jest, through
// @stryker-mutator/jest-runner, restarts its module registry for every mutant: ≈ 3 s each here.
import { readdirSync } from 'node:fs';
import { register } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commonTokens, declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';
import { INSTRUMENTER_CONSTANTS } from '@stryker-mutator/api/core';
import {
  DryRunStatus,
  determineHitLimitReached,
  TestStatus,
  toMutantRunResult,
} from '@stryker-mutator/api/test-runner';
import { Collector, runTests } from './suite.js';

register('./ts-loader.js', import.meta.url);

/** The spec files, relative to the sandbox (the runner's working directory). */
export const SPEC_ROOTS = ['libs/domain/src', 'libs/event-store/src/integrity'];
const isSpec = (name) => name.endsWith('.unit.spec.ts');

function specFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return specFiles(path);
    return isSpec(d.name) ? [path] : [];
  });
}

class ThiduaUnitRunner {
  static inject = [commonTokens.logger];
  constructor(log) {
    this.log = log;
    this.collector = undefined;
    this.generation = 0;
    this.spent = undefined;
  }

  capabilities() {
    // A static mutant is loaded in a fresh generation of the modules (ts-loader.js), not a new process.
    return { reloadEnvironment: true };
  }

  get ns() {
    return (globalThis[INSTRUMENTER_CONSTANTS.NAMESPACE] ??= {});
  }

  /**
   * Loads every spec file (and so every module they import) as generation `g`; code run while loading
   * counts as static coverage. Generation 0 is loaded once, with no mutant active.
   */
  async load(g) {
    const collector = new Collector();
    collector.install();
    for (const file of SPEC_ROOTS.flatMap((r) => specFiles(resolve(r))).sort()) {
      collector.beginFile(file);
      await import(`${pathToFileURL(file).href}?g=${g}`);
    }
    if (this.spent) collector.tests.sort((a, b) => (this.spent.get(a.id) ?? 0) - (this.spent.get(b.id) ?? 0));
    return collector;
  }

  async clean() {
    return (this.collector ??= await this.load(0));
  }

  async dryRun({ coverageAnalysis, disableBail }) {
    const ns = this.ns;
    ns.mutantCoverage = { static: {}, perTest: {} };
    const collector = await this.clean();
    const perTest = coverageAnalysis === 'perTest';
    const results = await runTests(collector.tests, {
      bail: !disableBail,
      onTest: (t) => {
        ns.currentTestId = perTest ? t.id : undefined;
      },
    });
    ns.currentTestId = undefined;
    // Fastest first in every mutant run: most mutants are killed by the first test that fails.
    this.spent = new Map(results.map((r) => [r.test.id, r.timeSpentMs]));
    collector.tests.sort((a, b) => this.spent.get(a.id) - this.spent.get(b.id));
    return {
      status: DryRunStatus.Complete,
      tests: results.map(toTestResult),
      mutantCoverage: coverageAnalysis === 'off' ? undefined : ns.mutantCoverage,
    };
  }

  async mutantRun({ activeMutant, testFilter, hitLimit, disableBail, mutantActivation }) {
    const ns = this.ns;
    ns.currentTestId = undefined;
    ns.hitLimit = hitLimit;
    ns.hitCount = hitLimit === undefined ? undefined : 0;
    try {
      let collector;
      if (mutantActivation === 'static') {
        // Active while its module loads: a new generation of every module, with the mutant on.
        ns.activeMutant = activeMutant.id;
        collector = await this.load(++this.generation);
      } else {
        // Generation 0 never loaded a static mutant, so it is the clean environment to reload into.
        collector = await this.clean();
        ns.activeMutant = activeMutant.id;
      }
      const wanted = testFilter && new Set(testFilter);
      const tests = wanted ? collector.tests.filter((t) => wanted.has(t.id)) : collector.tests;
      const results = await runTests(tests, { bail: !disableBail });
      const timeout = determineHitLimitReached(ns.hitCount, ns.hitLimit);
      if (timeout) return toMutantRunResult(timeout);
      return toMutantRunResult(
        { status: DryRunStatus.Complete, tests: results.map(toTestResult) },
        disableBail,
      );
    } catch (error) {
      // A mutant that breaks loading the modules (or a hook outside any test) is killed by all.
      const timeout = determineHitLimitReached(ns.hitCount, ns.hitLimit);
      if (timeout) return toMutantRunResult(timeout);
      return { status: 'error', errorMessage: String(error?.stack ?? error) };
    } finally {
      ns.activeMutant = undefined;
      ns.hitLimit = undefined;
      ns.hitCount = undefined;
    }
  }
}

function toTestResult({ test, failure, timeSpentMs }) {
  const base = {
    id: test.id,
    name: test.name,
    timeSpentMs,
    fileName: relative(process.cwd(), test.fileName),
  };
  return failure === undefined
    ? { ...base, status: TestStatus.Success }
    : { ...base, status: TestStatus.Failed, failureMessage: failure };
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'thidua-unit', ThiduaUnitRunner)];
