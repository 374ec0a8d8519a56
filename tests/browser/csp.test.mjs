// Every page under the strict Content-Security-Policy (issue 17): served with the policy as a
// header (scripts/serve.mjs's default) and carrying it in a <meta>, each page does its job
// (student: a sample digit is predicted, a unit's arithmetic opens; playground: the output grid
// is drawn and stepped; architectures: the table and a block diagram; training lab: start →
// the epoch counter or images/s advances → pause) and so do the shared dialogs and the language
// switch, with zero `securitypolicyviolation` events (listened for from the first script on),
// zero console errors and no request to another origin. The pages are found by listing the
// repository's root, so a page added later is covered (with the shared checks) too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, ROOT } from './harness.mjs';

/** The policy, written out here rather than imported: the server and the pages must match it. */
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; worker-src 'self'; "
  + "connect-src 'self'; font-src 'self'; form-action 'none'";

const PAGES = (await readdir(ROOT)).filter((f) => f.endsWith('.html')).sort();

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Init script: records every CSP violation of the document (from its first script on). */
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
  });
}

/** Opens `path` with the violation recorder; returns the page and its document response. */
async function open(path) {
  const page = await browser.newPage();
  await page.addInitScript(recordViolations);
  page.responses = [];
  page.on('response', (r) => page.responses.push(r));
  const response = await page.goto(`${browser.url}${path}`);
  return { page, response };
}

/** The URL hash each known page opens with (the student page predicts a sample digit). */
const HASH = { 'index.html': '#sample=1' };

/** What each known page must do beyond loading (the page is open and recording). */
const WORK = {
  'index.html': async (page) => {
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.hidden === true, null, { timeout: 20_000 });
    await page.waitForFunction(() => /^[0-9]$/.test(document.querySelector('[data-testid="prediction"]').textContent.trim()), null, { timeout: 10_000 });
    // A stroke on the pad (the bars and maps repaint), then a unit's arithmetic by keyboard.
    const pad = page.getByTestId('draw-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.8, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('layer-C1').locator('canvas.map').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /C1 map/.test(document.querySelector('[data-testid="unit-math"] .um-title')?.textContent ?? ''), null, { timeout: 10_000 });
    await page.getByTestId('variant-modern').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="variant-modern"]').getAttribute('aria-pressed') === 'true');
  },
  'playground.html': async (page) => {
    await page.waitForSelector('[data-testid=loading]', { state: 'hidden', timeout: 20_000 });
    assert.deepEqual(await page.$$eval('[data-testid=output-grid] [data-testid=out-cell]', (tds) => tds.map((td) => td.textContent)), ['15', '16', '6', '15']);
    // Hover the output canvas until the readout names a cell (the hover highlights follow).
    const box = await page.locator('[data-testid=output-canvas]').boundingBox();
    for (let x = box.x + 4; x < box.x + box.width && !/=/.test(await page.textContent('[data-testid=readout]')); x += 12) {
      await page.mouse.move(x, box.y + box.height / 4);
    }
    assert.match(await page.textContent('[data-testid=readout]'), /=/, 'the hover readout');
    await page.click('[data-testid=step-forward]');
    for (const mode of ['pool', 'transposed', 'text', 'conv']) {
      const button = page.locator(`[data-testid=mode-${mode}]`);
      if (await button.count()) await button.click();
    }
  },
  'architectures.html': async (page) => {
    await page.waitForSelector('[data-testid=loading]', { state: 'hidden', timeout: 20_000 });
    await page.waitForSelector('[data-testid="row-input"]');
    assert.ok(await page.locator('[data-testid^="row-"]').count() > 5, 'table rows');
    await page.click('[data-testid="pick-googlenet"]');
    await page.click('[data-testid="toggle-inception_3a"]');
    await page.waitForSelector('[data-testid^="diagram-"] rect.box', { timeout: 10_000 });
    await page.locator('[data-testid=compare-svg] .cmp-row').first().waitFor();
  },
  'train.html': async (page) => {
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-testid=train-start]');
      return s && !s.disabled && Number(document.querySelector('main').dataset.valPoints) >= 1;
    }, null, { timeout: 60_000 });
    await page.click('[data-testid=train-start]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=train-epoch]').textContent) >= 1
      || Number(document.querySelector('[data-testid=train-images-per-second]').textContent.replace(/[^0-9.]/g, '')) > 0, null, { timeout: 60_000, polling: 250 });
    await page.click('[data-testid=train-pause]');
    await page.waitForFunction(() => document.querySelector('main').dataset.state === 'idle', null, { timeout: 20_000 });
    // The worker ran under the policy too: its script's response carries it (a dedicated
    // worker's policy comes from its script), and it trained, so its wasm compiled.
    const worker = page.responses.find((r) => new URL(r.url()).pathname.endsWith('/worker.js'));
    assert.ok(worker, 'the training worker was loaded');
    assert.equal(worker.headers()['content-security-policy'], POLICY, 'the worker script\'s policy');
    // The run list (colour swatches) paints when on screen.
    await page.locator('[data-testid=runs]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid=run-item] .swatch', { timeout: 10_000 });
  },
  'transfer.html': async (page) => {
    // The demo alphabet, feature extraction trained in the page's worker, a held-out image read.
    await page.waitForFunction(() => document.querySelector('[data-testid=transfer-demo]')?.disabled === false, null, { timeout: 60_000 });
    await page.click('[data-testid=transfer-demo]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=transfer-class]').length >= 2, null, { timeout: 20_000 });
    await page.click('[data-testid=transfer-train]');
    await page.waitForFunction(() => document.querySelector('main').dataset.done === '1', null, { timeout: 60_000 });
    await page.click('[data-testid=transfer-try-sample]');
    await page.waitForFunction(() => document.querySelector('[data-testid=transfer-top]').textContent !== '–', null, { timeout: 20_000 });
    const worker = page.responses.find((r) => new URL(r.url()).pathname.endsWith('/transfer/worker.js'));
    assert.equal(worker?.headers()['content-security-policy'], POLICY, 'the transfer worker script\'s policy');
  },
};

/** The header's dialogs and the language switch, on any page that has them. */
async function sharedChrome(page) {
  await page.waitForLoadState('networkidle');
  if (await page.locator('[data-testid=glossary-open]').count()) {
    await page.click('[data-testid=glossary-open]');
    await page.waitForSelector('[data-testid=glossary][open]');
    await page.keyboard.press('Escape');
  }
  if (await page.locator('[data-testid=share-open]').count()) {
    await page.click('[data-testid=share-open]');
    await page.waitForSelector('[data-testid=share-dialog][open]');
    await page.click('[data-testid=share-copy]');
    await page.keyboard.press('Escape');
  }
  if (await page.locator('[data-testid=lang-ko]').count()) {
    await page.click('[data-testid=lang-ko]');
    await page.waitForFunction(() => document.documentElement.lang === 'ko');
    await page.click('[data-testid=lang-en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  }
}

test('the repository root holds the four known pages (the list below covers every *.html there)', () => {
  for (const p of Object.keys(WORK)) assert.ok(PAGES.includes(p), p);
});

for (const path of PAGES) {
  test(`${path}: served with the policy header and meta, it works with zero CSP violations, zero console errors and no off-origin requests`, { timeout: 180_000 }, async () => {
    const source = await readFile(join(ROOT, path), 'utf8');
    assert.doesNotMatch(source, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script>');
    assert.doesNotMatch(source, /\sstyle=/, 'no style attribute');
    assert.doesNotMatch(source, /<style[\s>]/, 'no <style> element');
    assert.doesNotMatch(source, /\son[a-z]+=/, 'no inline event handler');
    const { page, response } = await open(`${path}${HASH[path] ?? ''}`);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-security-policy'], POLICY, 'the header');
    const metas = await page.$$eval('meta[http-equiv="Content-Security-Policy" i]', (ms) => ms.map((m) => m.content));
    assert.deepEqual(metas, [POLICY], 'the meta');
    assert.ok(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy" i]') === document.head.querySelector('meta:nth-of-type(2)')),
      'the meta comes right after <meta charset>, before any script or stylesheet');
    await WORK[path]?.(page);
    await sharedChrome(page);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violations');
    assert.deepEqual(page.errors, [], 'no console errors');
    assert.deepEqual(page.offOrigin, [], 'no off-origin requests');
    await page.close();
  });
}

test('the recorder catches a violation: an inline style attribute set from a script is reported', async () => {
  const { page } = await open('index.html');
  await page.waitForLoadState('domcontentloaded');
  await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
  await page.waitForFunction(() => window.__violations.length > 0);
  assert.match((await page.evaluate(() => window.__violations))[0], /^style-src-attr blocked inline/);
  await page.close();
});
