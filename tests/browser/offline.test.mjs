// The offline edition (issue 17, "double-click works"): the committed dist/convscope-offline.zip
// unzipped to a temporary folder, each page opened with a file:// URL in headless Chromium (no
// server), where module scripts and fetch() are refused. Each page does its job (student: a
// sample digit button → its prediction; playground: the output grid; architectures: the table;
// training lab: the worker loads the data and trains one batch, a run starts from the shipped
// weights), with zero console errors, zero
// Content-Security-Policy violations and no request other than file:, data: and blob:. Pages
// are found in the zip, so a page added later gets the shared checks. scripts/test.sh also
// checks that the zip is what scripts/build_offline.mjs writes from the committed sources.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ROOT } from './harness.mjs';
import { unzip } from '../../scripts/offline/zip.mjs';

const FOLDER = 'convscope-offline';
const files = unzip(await readFile(join(ROOT, 'dist/convscope-offline.zip')));
const PAGES = Object.keys(files).filter((p) => p.endsWith('.html')).map((p) => p.slice(FOLDER.length + 1)).sort();

let dir;
let browser;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convscope-offline-'));
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Init script: records every CSP violation of the document (from its first script on). */
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample}`);
  });
}

/** Opens the offline page `path` (+ query/hash) from disk, recording errors and requests. */
async function open(path, suffix = '') {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.errors = [];
  page.requests = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('request', (r) => page.requests.push(r.url()));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') page.errors.push(`worker: ${m.text()}`); }));
  await page.addInitScript(recordViolations);
  await page.goto(`${pathToFileURL(join(dir, FOLDER, path)).href}${suffix}`);
  return page;
}

/** What each known page must do (the page is open). */
const WORK = {
  'index.html': {
    async run(page) {
      await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.hidden === true, null, { timeout: 20_000 });
      await page.click('[data-testid=sample-7]');
      await page.waitForFunction(() => /labelled 7/.test(document.querySelector('[data-testid=sample-info]').textContent), null, { timeout: 10_000 });
      await page.waitForFunction(() => /^[0-9]$/.test(document.querySelector('[data-testid=prediction]').textContent.trim()), null, { timeout: 10_000 });
      assert.equal((await page.textContent('[data-testid=prediction]')).trim(), '7', 'the first MNIST test 7 is read as a 7');
      // The language switch works: the Korean catalogs (a template-literal dynamic import in
      // the served edition) are in the bundle.
      await page.click('[data-testid=lang-ko]');
      await page.waitForFunction(() => document.documentElement.lang === 'ko');
      assert.match(await page.textContent('[data-testid=offline-edition]'), /[가-힣]/, 'the footer in Korean');
      // The header's link opens the offline playground next to it, in Korean.
      await page.click('header.site nav a[href^="playground.html"]');
      await page.waitForSelector('[data-testid=offline-edition]', { timeout: 20_000 });
      assert.match(page.url(), /\/convscope-offline\/playground\.html\?lang=ko(#|$)/);
      await page.waitForSelector('[data-testid=loading]', { state: 'hidden', timeout: 20_000 });
    },
  },
  'playground.html': {
    async run(page) {
      await page.waitForSelector('[data-testid=loading]', { state: 'hidden', timeout: 20_000 });
      // The default example: a 5×5 input convolved with a 3×3 kernel, stride 2 (worked by hand
      // in tests/browser/playground.test.mjs).
      assert.deepEqual(await page.$$eval('[data-testid=output-grid] [data-testid=out-cell]', (tds) => tds.map((td) => td.textContent)), ['15', '16', '6', '15']);
    },
  },
  'architectures.html': {
    async run(page) {
      await page.waitForSelector('[data-testid="row-input"]', { timeout: 20_000 });
      assert.ok(await page.locator('[data-testid^="row-"]').count() > 5, 'table rows');
    },
  },
  'train.html': {
    suffix: '#bs=8',
    async run(page) {
      await page.waitForFunction(() => {
        const s = document.querySelector('[data-testid=train-start]');
        return s && !s.disabled && Number(document.querySelector('main').dataset.valPoints) >= 1;
      }, null, { timeout: 60_000 });
      await page.click('[data-testid=train-step]');
      // One batch of the URL's batch size went through the worker's trainer.
      await page.waitForFunction(() => document.querySelector('main').dataset.imagesSeen === '8', null, { timeout: 20_000 });
      // The page's own download (the student view's trained weights) comes from the file too: a
      // run from them validates like a trained network (> 90 %; random weights give ~10 %).
      if (await page.locator('[data-testid=train-init-shipped]').count()) {
        await page.click('[data-testid=train-init-shipped]');
        await page.waitForFunction(() => document.querySelector('main').dataset.valPoints === '1'
          && Number(document.querySelector('[data-testid=val-accuracy]').textContent) > 90, null, { timeout: 30_000 });
      }
    },
  },
};

test('the zip holds one HTML file per root page of the repository, and a README', async () => {
  const root = (await readdir(ROOT)).filter((f) => f.endsWith('.html')).sort();
  assert.deepEqual(PAGES, root);
  assert.ok(files[`${FOLDER}/README.txt`], 'README.txt');
  for (const name of Object.keys(WORK)) assert.ok(PAGES.includes(name), name);
});

for (const path of PAGES) {
  test(`${path} opened from file:// works, with zero console errors, zero CSP violations and no request but file:, data: and blob:`, { timeout: 90_000 }, async () => {
    const work = WORK[path];
    const page = await open(path, work?.suffix);
    try {
      const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.match(policy, /default-src 'none'/);
      assert.doesNotMatch(policy, /'self'|'unsafe-inline'|'unsafe-eval'|\*/, 'no source beyond the page\'s own hashed scripts and styles');
      assert.equal(await page.locator('script[src], script[type=module], link[rel=stylesheet], link[rel=modulepreload]').count(), 0, 'nothing loaded from another file');
      await page.waitForSelector('[data-testid=offline-edition]', { timeout: 20_000 });
      // Every link to a file leads to a page of the folder.
      const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href).filter((h) => h.startsWith('file:')));
      assert.ok(links.length >= PAGES.length, 'the header links every page');
      for (const href of links) assert.ok(PAGES.includes(decodeURIComponent(new URL(href).pathname).split('/').pop()), href);
      await work?.run(page);
      // The header's dialogs work under the offline policy too.
      for (const [open, dialog] of [['glossary-open', 'glossary'], ['share-open', 'share-dialog']]) {
        if (!await page.locator(`[data-testid=${open}]`).count()) continue;
        await page.click(`[data-testid=${open}]`);
        await page.waitForSelector(`[data-testid=${dialog}][open]`);
        await page.keyboard.press('Escape');
      }
      assert.deepEqual(page.errors, []);
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(page.requests.filter((u) => !/^(file|data|blob):/.test(u)), []);
    } finally {
      await page.context().close();
    }
  });
}

test('an embed opened from file:// (index.html?embed=1) shows its view: the page is visible, the header hidden, no console error or CSP violation', async () => {
  const page = await open('index.html', '?embed=1&view=pad#sample=3');
  try {
    await page.waitForFunction(() => document.documentElement.dataset.embedReady === '1', null, { timeout: 20_000 });
    await page.waitForFunction(() => getComputedStyle(document.documentElement).visibility === 'visible', null, { timeout: 5_000 });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('header.site')).display), 'none', 'embed.css applies');
    assert.ok(await page.getByTestId('draw-pad').isVisible(), 'the pad is shown');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  } finally {
    await page.context().close();
  }
});
