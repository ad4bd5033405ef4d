// The suite's page functions (page.evaluate) run in the browser: they use its globals.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * The browser suite's browser: Debian's Chromium (never a browser download: playwright-core has none),
 * headless, on a fresh profile, with everything that would reach the network turned off.
 */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The interface language too (locale below sets only what pages read): a date field reads dd/mm/yyyy.
  '--lang=vi-VN',
];

/** Where the suite writes a screenshot of each page (gitignored; CI keeps it, see README). */
export const SCREENSHOTS = join(process.cwd(), 'test/console/screenshots');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors (CSP refusals included), uncaught page errors and failed requests, in order. */
  problems: string[];
  /** A folder of its own for downloaded files (removed on close). */
  downloads: string;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** `screenshots`: the folder this suite writes (its PNGs removed first): each suite its own. */
export async function openBrowser(screenshots = SCREENSHOTS): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'thidua-chromium-'));
  const downloads = mkdtempSync(join(tmpdir(), 'thidua-downloads-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText;
    // Not failures: a live-update stream closed by leaving its page, and a read the console cancelled
    // itself because its page went away (useLoad aborts it: e.g. a ranking page's placement notes, left
    // before explain answered). A read the server failed answers with an error status, or another error.
    const cancelled = r.resourceType() === 'fetch' && error === 'net::ERR_ABORTED';
    if (!r.url().endsWith('/changes') && !cancelled) problems.push(`request failed: ${r.url()} ${error}`);
  });
  // Its own screenshots only: another suite keeps its folder (a subfolder of this one) untouched.
  mkdirSync(screenshots, { recursive: true });
  for (const f of readdirSync(screenshots)) if (f.endsWith('.png')) rmSync(join(screenshots, f));
  return {
    context,
    page,
    problems,
    downloads,
    screenshot: async (name) => {
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/**
 * `npm run build:console` (Vite), once per jest run. The suites that drive the console run in parallel
 * workers: two builds at once would empty the output the other suite serves (and Vite 8 refuses the
 * second: "Found another Vite build process"). The first worker builds under a lock directory; the
 * others wait for it and keep its build, recognised by the jest process they share (process.ppid).
 */
export async function buildConsole(): Promise<void> {
  const cache = join(process.cwd(), 'node_modules/.cache');
  const lock = join(cache, 'thidua-console-build.lock');
  const stamp = join(cache, 'thidua-console-build.run');
  mkdirSync(cache, { recursive: true });
  await acquire(lock);
  try {
    const run = String(process.ppid);
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === run) return;
    const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
    await promisify(execFile)(process.execPath, [vite, 'build', 'apps/console', '--logLevel', 'warn']);
    writeFileSync(stamp, run);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** mkdir is atomic: whoever creates the directory holds the lock. One left by a killed run expires. */
async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const made = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (made !== undefined && Date.now() - made > 300_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM);

/**
 * The captions of the page's tables whose text reaches past the screen's right edge (a table wider than the
 * screen scrolls in its frame; its caption must still be read whole). Screen-reader-only captions aside.
 */
export function cutCaptions(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main caption:not(.sr-only)')]
      .filter((caption) => {
        const text = document.createRange();
        text.selectNodeContents(caption);
        const box = text.getBoundingClientRect();
        return box.width > 0 && (box.right > window.innerWidth + 0.5 || box.left < -0.5);
      })
      .map((caption) => caption.textContent?.slice(0, 60) ?? ''),
  );
}
