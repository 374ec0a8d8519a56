// The service worker and the web app manifest (issue 17, "offline and installable when served"),
// in headless Chromium against a copy of the app in a temporary folder, served under a sub-path
// (/course/cnn/, as on a course site; the test can stop its server and publish a new version):
// - loaded once, the student page's worker is active with this version's cache filled (every
//   file of the precache list, bytes = the files'); with the server stopped, a reload still
//   predicts the sample digit (its subresources answered by the static routes, not the
//   worker's script), and the architectures page still renders its table;
// - the training lab's on-demand files (its wasm module and data) are cached after one visit;
// - a new version (two files changed, list rebuilt) installs into a second cache beside the
//   first while the open page keeps getting the old bytes (a file missing from the old cache
//   gives a 503, not the new bytes); the next reload switches to it, and the old cache is
//   deleted;
// - the manifest parses without errors and the page is installable (CDP);
// - zero console errors throughout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { buildSw, publishedFiles, precacheList } from '../../scripts/build_sw.mjs';
import { CHROMIUM_ARGS, ROOT } from './harness.mjs';

let served; // the server's root folder
let app; // the copy of the app in it, at SUB
const SUB = 'course/cnn/';
let profile;
let context;
let server;
let url;
let page;
const errors = [];

async function startServer(port) {
  let origin;
  ({ server, url: origin } = await serve({ root: served, port, quiet: true, allow: [`${SUB}**`] }));
  url = `${origin}${SUB}`;
}
async function stopServer() {
  await new Promise((ok) => { server.close(ok); server.closeAllConnections(); });
}

before(async () => {
  served = await mkdtemp(join(tmpdir(), 'convscope-sw-app-'));
  app = join(served, SUB);
  for (const rel of await publishedFiles(ROOT)) {
    await mkdir(dirname(join(app, rel)), { recursive: true });
    await copyFile(join(ROOT, rel), join(app, rel));
  }
  await startServer(0);
  profile = await mkdtemp(join(tmpdir(), 'convscope-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 },
  });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
});

after(async () => {
  await context?.close();
  if (server?.listening) await stopServer();
  await rm(profile, { recursive: true, force: true });
  await rm(served, { recursive: true, force: true });
});

/** The digit the student page predicts, once shown. */
async function prediction() {
  await page.waitForFunction(() => /^[0-9]$/.test(document.querySelector('[data-testid="prediction"]')?.textContent.trim() ?? ''), null, { timeout: 20_000 });
  return page.textContent('[data-testid="prediction"]').then((s) => s.trim());
}

/** {cache name: [paths]} of this origin's caches, paths relative to the app's root. */
function cacheContents() {
  return page.evaluate(async (base) => {
    const out = {};
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => r.url.replace(base, '')).sort();
    }
    return out;
  }, url);
}

/** Resolves once `check()` (evaluated in the page) is truthy; async checks are awaited. */
async function until(check, arg, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(check, arg))) {
    if (Date.now() > end) throw new Error(`timed out: ${check}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

const lazyFiles = (list) => list.lazy.flatMap((g) => Object.keys(g.files)).sort();

let firstDigit;
let v1;

test('loaded once, the worker controls the page with every file of this version cached, byte for byte', { timeout: 60_000 }, async () => {
  v1 = await precacheList(app);
  await page.goto(`${url}index.html#sample=1`);
  firstDigit = await prediction();
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope), url, 'the scope is the app\'s folder');
  const contents = await cacheContents();
  const name = `convscope ${url} ${v1.version}`;
  assert.deepEqual(Object.keys(contents), [name], 'one cache, named by scope and version');
  assert.deepEqual(contents[name], Object.keys(v1.files).sort(), 'exactly the precache list (no lazy file yet)');
  // The cached wasm is the file's bytes.
  const wasm = await readFile(join(app, 'pkg/convscope_bg.wasm'));
  const cached = await page.evaluate(async (key) => {
    const r = await (await caches.open(key.name)).match(key.url);
    return { length: (await r.arrayBuffer()).byteLength, type: r.headers.get('content-type') };
  }, { name, url: `${url}pkg/convscope_bg.wasm` });
  assert.deepEqual(cached, { length: wasm.length, type: 'application/wasm' });
});

test('with the server stopped, a reload of the student page still predicts, and the architectures page renders', { timeout: 60_000 }, async () => {
  await stopServer();
  await page.reload();
  assert.equal(await prediction(), firstDigit);
  // Chromium's static routes answer the precached files from the cache without the worker's
  // script (Resource Timing's workerMatchedSourceType 'cache'); the navigation goes to it.
  const sources = await page.evaluate(() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .map((e) => [e.name.replace(/[?#].*/, ''), e.workerMatchedSourceType]));
  assert.deepEqual(sources[0], [`${url}index.html`, 'fetch-event'], 'the navigation');
  const listed = sources.slice(1).filter(([u]) => Object.hasOwn(v1.files, u.replace(url, '')));
  assert.ok(listed.length > 20, `${listed.length} precached files requested`);
  assert.deepEqual(listed.filter(([, source]) => source !== 'cache'), [], 'every precached subresource from the cache by a route');
  await page.goto(`${url}architectures.html`);
  await page.waitForSelector('[data-testid="row-input"]', { timeout: 20_000 });
  assert.ok(await page.locator('[data-testid^="row-"]').count() > 5, 'table rows');
  // A file outside the list is not answered by the worker: it fails like any offline request
  // (the one console error of this file, checked and removed).
  const seen = errors.length;
  const outside = await page.evaluate(() => fetch('Cargo.toml').then((r) => r.status, () => 'network error'));
  assert.equal(outside, 'network error');
  await until(() => true);
  assert.deepEqual(errors.splice(seen), [`Failed to load resource: net::ERR_CONNECTION_REFUSED ${url}Cargo.toml`]);
});

test('the training lab\'s on-demand files (module and data) are cached after one visit', { timeout: 90_000 }, async () => {
  await startServer(Number(new URL(url).port));
  assert.ok(url.endsWith(`:${new URL(url).port}/${SUB}`), 'the same origin again');
  await page.goto(`${url}train.html`);
  const name = `convscope ${url} ${v1.version}`;
  const want = lazyFiles(v1);
  assert.ok(want.includes('pkg-train/convscope_bg.wasm') && want.includes('www/assets/mnist-train.bin.gz'), want.join());
  await until(async ({ name, want, base }) => {
    const keys = (await (await caches.open(name)).keys()).map((r) => r.url.replace(base, ''));
    return want.every((p) => keys.includes(p));
  }, { name, want, base: url }, 60_000);
  const contents = await cacheContents();
  assert.deepEqual(contents[name], [...Object.keys(v1.files), ...want].sort());
});

test('a new version installs beside the old one, the open page keeps the old bytes, the next reload switches and the old cache is deleted', { timeout: 90_000 }, async () => {
  await page.goto(`${url}index.html#sample=1`);
  await prediction();
  const changed = 'www/shared/format.js';
  const before = await readFile(join(app, changed), 'utf8');
  await appendFile(join(app, changed), '// version 2\n');
  const glue = 'pkg-train/convscope.js'; // a lazy file
  await appendFile(join(app, glue), '// version 2\n');
  const { list: v2 } = await buildSw({ root: app });
  assert.notEqual(v2.version, v1.version);
  const old = `convscope ${url} ${v1.version}`;
  const next = `convscope ${url} ${v2.version}`;

  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await until(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null, null, 60_000);
  let contents = await cacheContents();
  assert.deepEqual(Object.keys(contents).sort(), [old, next].sort(), 'both versions\' caches while the new one waits');
  assert.deepEqual(contents[next], [...Object.keys(v2.files), ...lazyFiles(v2)].sort(), 'the new cache is complete (with the lazy group the old one had)');
  // The open page is still served the old version, though the server has the new one.
  assert.equal(await page.evaluate((p) => fetch(p).then((r) => r.text()), changed), before);
  // A file missing from the old cache is not taken from the server's new version: 503.
  const seen = errors.length;
  const missing = await page.evaluate(async ({ name, path }) => {
    await (await caches.open(name)).delete(path);
    return (await fetch(path)).status;
  }, { name: old, path: `${url}${glue}` });
  assert.equal(missing, 503);
  await until(() => true);
  assert.deepEqual(errors.splice(seen).sort(), [`503 ${url}${glue}`,
    `Failed to load resource: the server responded with a status of 503 (Service Unavailable) ${url}${glue}`].sort());

  await page.reload();
  assert.equal(await prediction(), firstDigit);
  await until(async () => (await caches.keys()).length === 1, null, 10_000);
  contents = await cacheContents();
  assert.deepEqual(Object.keys(contents), [next], 'only the new version\'s cache is left');
  for (const p of [changed, glue]) assert.match(await page.evaluate((p) => fetch(p).then((r) => r.text()), p), /\/\/ version 2\n$/, p);
});

test('the manifest parses without errors, is served as application/manifest+json (sw.js with no-cache), and Chromium finds the page installable', { timeout: 30_000 }, async () => {
  await page.goto(`${url}index.html#sample=1`);
  await prediction();
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(manifest.url, `${url}manifest.webmanifest`);
  assert.deepEqual(manifest.errors, []);
  assert.equal(manifest.manifest.startUrl, url, 'start_url: the app\'s folder under the sub-path');
  assert.equal(manifest.manifest.scope, url);
  // What the server sends for them (what a static host must too; README).
  const head = async (p) => (await fetch(`${url}${p}`, { method: 'HEAD' })).headers;
  assert.equal((await head('manifest.webmanifest')).get('content-type'), 'application/manifest+json');
  for (const p of ['sw.js', 'sw-manifest.js']) {
    const h = await head(p);
    assert.equal(h.get('cache-control'), 'no-cache', p);
    assert.match(h.get('content-type'), /^text\/javascript/, p);
  }
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
});

test('no console errors on any page of this file', () => {
  assert.deepEqual(errors, []);
});
