// Shared set-up for the browser tests: a static server on 127.0.0.1 and headless Debian
// Chromium driven by playwright-core, with a fresh profile per browser, console errors and
// off-origin requests recorded for the zero-errors / no-network assertions.
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** Chromium flags for this machine (no network but the registries; see README). */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Served besides the app's own files (scripts/serve.mjs DEPLOYMENT): the tests' pages and the
 * wasm modules built for comparison (CONVSCOPE_ALT_PKG, scripts/bench.mjs --pkg). */
const ALT = process.env.CONVSCOPE_ALT_PKG?.replace(/^\.\/|\/$/g, '');
export const TEST_FILES = ['tests/browser/*', 'tests/node/repro.mjs', 'target/pkg-*/*.js', 'target/pkg-*/*.wasm', 'target/pkg-*/snippets/**',
  ...(ALT ? [`${ALT}/*.js`, `${ALT}/*.wasm`, `${ALT}/snippets/**`] : [])];

/**
 * Starts the server and a browser. Returns {url, server, context, newPage, close} (a test may
 * stop `server` to go offline); `newPage()` gives a
 * page whose `errors` array collects console errors and page errors, and whose `offOrigin`
 * array collects every request to another origin.
 * @param {{root?: string, serviceWorkers?: 'allow' | 'block', allow?: string[], viewport?: {width: number, height: number}, hasTouch?: boolean, isMobile?: boolean, extraArgs?: string[]}} options
 */
export async function launch(options = {}) {
  const { server, url } = await serve({ root: options.root ?? ROOT, port: 0, quiet: true, allow: [...TEST_FILES, ...(options.allow ?? [])] });
  const profile = await mkdtemp(join(tmpdir(), 'convscope-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
    viewport: options.viewport ?? { width: 1400, height: 900 },
    hasTouch: options.hasTouch ?? false,
    isMobile: options.isMobile ?? false,
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  const origin = new URL(url).origin;
  async function newPage() {
    const page = await context.newPage();
    page.errors = [];
    page.offOrigin = [];
    page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
    page.on('pageerror', (e) => page.errors.push(String(e)));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) page.offOrigin.push(u);
    });
    return page;
  }
  async function close() {
    await context.close();
    if (server.listening) await new Promise((ok) => server.close(ok));
    await rm(profile, { recursive: true, force: true });
  }
  return { url, server, context, newPage, close };
}

/** tests/data/lenet-oracle.json: sample digits with native LeNet-5's probabilities (written by tests/lenet.rs). */
export async function readOracle() {
  return JSON.parse(await readFile(`${ROOT}/tests/data/lenet-oracle.json`, 'utf8'));
}

/** The wasm packages under test: pkg/ and, when set, the other backend's build. */
export const PKGS = ['pkg', process.env.CONVSCOPE_ALT_PKG].filter(Boolean);

/** A blank page of `browser` with `pkg`'s module initialised as `window.cs`. */
export async function openCore(browser, pkg) {
  const page = await browser.newPage();
  await page.goto(`${browser.url}tests/browser/blank.html`);
  await page.evaluate(async (path) => { const m = await import(path); await m.default(); window.cs = m; }, `/${pkg}/convscope.js`);
  return page;
}

/** Makes reading `window.localStorage` throw, as where site data is blocked (private mode, a
 * sandboxed iframe); an init script for `page.addInitScript`. */
export function blockStorage() {
  Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
}

/** A page of `browser` at `path` (e.g. 'index.html') where reading `localStorage` throws. */
export async function openWithBlockedStorage(browser, path) {
  const page = await browser.newPage();
  await page.addInitScript(blockStorage);
  await page.goto(`${browser.url}${path}`);
  return page;
}

/**
 * Records every long task of the page (PerformanceObserver 'longtask') in window.__longTasks;
 * an init script for `page.addInitScript`, so tasks from the page's start on are seen.
 */
export function observeLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * The long tasks over `ms` (default 50: too long for a frame) that `page` (observed with
 * observeLongTasks) started between `from` and `to` (its performance.now() values).
 */
export async function longTasksBetween(page, from, to, ms = 50) {
  return (await page.evaluate(() => window.__longTasks)).filter((t) => t.start >= from && t.start <= to && t.duration > ms);
}

/** Resolves once the student page (index.html) in `page` has started: the network has answered and its status line is hidden. */
export function studentReady(page, timeout = 20_000) {
  return page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.hidden === true, null, { timeout });
}

/** A new page of `browser` on the student page, `index.html` + `rest` (a query and/or hash: '?lang=ko#sample=3'), once it has started. */
export async function openStudent(browser, rest = '') {
  const page = await browser.newPage();
  await page.goto(`${browser.url}index.html${rest}`);
  await studentReady(page);
  return page;
}
