// The service worker in a browser without static routes (InstallEvent.addRoutes, Chromium's
// ServiceWorker Static Routing API): headless Chromium with the method removed from the worker's
// global before sw.js runs, against a copy of the app served at the root. Loaded once, the
// worker answers every precached file itself (its fetch handler; Resource Timing's
// workerMatchedSourceType is empty: no route), and with the server stopped a reload still predicts
// the sample digit, with zero console errors. (tests/browser/sw.test.mjs covers the routed case.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSw, publishedFiles } from '../../scripts/build_sw.mjs';
import { ROOT, launch } from './harness.mjs';

let app;
let browser;
let url;
let page;
let list;

before(async () => {
  app = await mkdtemp(join(tmpdir(), 'convscope-sw-fallback-'));
  for (const rel of await publishedFiles(ROOT)) {
    await mkdir(dirname(join(app, rel)), { recursive: true });
    await copyFile(join(ROOT, rel), join(app, rel));
  }
  const sw = await readFile(join(app, 'sw.js'), 'utf8');
  await writeFile(join(app, 'sw.js'), `delete self.InstallEvent?.prototype.addRoutes;\n${sw}`);
  ({ list } = await buildSw({ root: app }));
  browser = await launch({ root: app });
  ({ url } = browser);
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await rm(app, { recursive: true, force: true });
});

async function prediction() {
  await page.waitForFunction(() => /^[0-9]$/.test(document.querySelector('[data-testid="prediction"]')?.textContent.trim() ?? ''), null, { timeout: 20_000 });
  return page.textContent('[data-testid="prediction"]').then((s) => s.trim());
}

test('without static routes, the fetch handler answers every precached file, and the page works offline after one visit', { timeout: 90_000 }, async () => {
  await page.goto(`${url}index.html#sample=1`);
  const digit = await prediction();
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
  await new Promise((ok) => { browser.server.close(ok); browser.server.closeAllConnections(); });
  await page.reload();
  assert.equal(await prediction(), digit);
  const sources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => [e.name, e.workerMatchedSourceType]));
  const listed = sources.filter(([u]) => Object.hasOwn(list.files, u.replace(url, '')));
  assert.ok(listed.length > 20, `${listed.length} precached files requested`);
  // No route matched (workerMatchedSourceType is '' where the worker has no routes): with the
  // server stopped, the fetch handler answered them.
  assert.deepEqual(listed.filter(([, source]) => source !== ''), [], 'no precached file from a static route');
  assert.deepEqual(page.errors, []);
});
