// A minimal Jest-compatible test collector for the unit specs (describe, it/test, it.each, the four
// hooks, Jest's own `expect`): the mutation runner loads the specs once and runs any selection of their
// tests many times, where Jest would reload every module for every mutant.
import { expect } from 'expect';

/** @typedef {{ id: string, name: string, fileName: string, fn: Function, suite: Suite }} Test */
class Suite {
  constructor(name, parent) {
    this.name = name;
    this.parent = parent;
    this.beforeEach = [];
    this.afterEach = [];
    this.beforeAll = [];
    this.afterAll = [];
  }
  path() {
    return this.parent ? [...this.parent.path(), this] : [];
  }
}

/** A spec file's own top-level scope: its hooks run for its tests only, and it adds nothing to their names. */
class FileSuite extends Suite {}

export class Collector {
  constructor() {
    /** @type {Test[]} */
    this.tests = [];
    this.root = new Suite('', undefined);
    this.current = this.root;
    this.fileName = '';
  }

  /** Starts collecting a spec file: what it declares at its top level belongs to it alone, as in Jest. */
  beginFile(fileName) {
    this.fileName = fileName;
    this.current = new FileSuite('', this.root);
  }

  /** Installs describe/it/test/hooks/expect as globals, as Jest does. */
  install(g = globalThis) {
    const it = (name, fn) => this.add(name, fn);
    it.each = (table) => (name, fn) =>
      table.forEach((row) => {
        const args = Array.isArray(row) ? row : [row];
        this.add(format(name, args), () => fn(...args));
      });
    it.only =
      it.skip =
      it.todo =
        () => {
          throw new Error('it.only/skip/todo: not supported by the mutation runner');
        };
    const describe = (name, fn) => {
      const suite = new Suite(name, this.current);
      this.current = suite;
      try {
        fn();
      } finally {
        this.current = suite.parent;
      }
    };
    Object.assign(g, {
      describe,
      it,
      test: it,
      expect,
      beforeEach: (fn) => this.current.beforeEach.push(fn),
      afterEach: (fn) => this.current.afterEach.push(fn),
      beforeAll: (fn) => this.current.beforeAll.push(fn),
      afterAll: (fn) => this.current.afterAll.push(fn),
    });
  }

  add(name, fn) {
    const suites = this.current.path();
    const named = suites.filter((s) => !(s instanceof FileSuite));
    const fullName = [...named.map((s) => s.name), name].join(' ');
    let id = fullName;
    for (let n = 2; this.tests.some((t) => t.id === id); n++) id = `${fullName} (${n})`;
    this.tests.push({ id, name: fullName, fileName: this.fileName, fn, suite: this.current });
  }
}

/** Jest's printf-style test names for it.each with arrays (%s %d %i %p %j %%). */
function format(name, args) {
  let i = 0;
  return name.replace(/%[sdipj%]/g, (m) => {
    if (m === '%%') return '%';
    const v = args[i++];
    if (m === '%p' || m === '%j') return JSON.stringify(v);
    if (m === '%d' || m === '%i') return String(Math.trunc(Number(v)));
    return String(v);
  });
}

/**
 * Runs the tests in order, with their suites' hooks (beforeAll/afterAll once around the tests of a
 * suite that run). `onTest(test)` is called before each test's hooks; returns the results.
 */
export async function runTests(tests, { bail, onTest = () => {} }) {
  const results = [];
  const started = new Set();
  const pendingAfterAll = [];
  for (const test of tests) {
    const suites = test.suite.path();
    for (const s of suites)
      if (!started.has(s)) {
        started.add(s);
        for (const h of s.beforeAll) await h();
        pendingAfterAll.unshift(s);
      }
    onTest(test);
    const start = performance.now();
    let failure;
    try {
      expect.setState({ currentTestName: test.name, testPath: test.fileName });
      for (const s of suites) for (const h of s.beforeEach) await h();
      try {
        await test.fn();
      } finally {
        for (const s of [...suites].reverse()) for (const h of s.afterEach) await h();
      }
    } catch (error) {
      failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    const timeSpentMs = Math.round(performance.now() - start);
    results.push({ test, failure, timeSpentMs });
    if (failure !== undefined && bail) break;
  }
  for (const s of pendingAfterAll) for (const h of s.afterAll) await h();
  return results;
}
