// Issue 12 item 8 on the playground (playground.html) in headless Chromium: with blocked site
// data (reading `localStorage` throws), a corrupt saved drawing or a malformed URL hash, the
// page shows a clear message and works on, with zero console errors. The student and
// architectures pages have their own such tests in student.test.mjs / architectures.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Reading `window.localStorage` throws, as where site data is blocked or in a sandboxed iframe. */
function blockStorage() {
  Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
}

/** Opens the playground at `hash` (after `init`, run before the page's scripts) once it has computed. */
async function open(hash, init) {
  const page = await browser.newPage();
  if (init) await page.addInitScript(init);
  await page.goto(`${browser.url}playground.html${hash}`);
  await page.waitForSelector('[data-testid=loading]', { state: 'hidden' });
  return page;
}

const text = async (page, id) => (await page.textContent(`[data-testid=${id}]`)).trim();
const outCells = (page) => page.$$eval('[data-testid=output-grid] [data-testid=out-cell]', (tds) => tds.map((td) => td.textContent));

function clean(page) {
  assert.deepEqual(page.errors, [], 'no console errors');
  assert.deepEqual(page.offOrigin, [], 'no off-origin requests');
}

test('playground.html#input=drawing with blocked storage says the drawing cannot be read and computes on a blank 28×28', async () => {
  const page = await open('#input=drawing', blockStorage);
  assert.match(await text(page, 'input-message'), /cannot be read.*storage/);
  // A blank 28×28 drawing through the default 3×3 kernel: ⌊(28 − 2 − 1)/1⌋ + 1 = 26 per side.
  assert.equal(await text(page, 'output-size'), '26 × 26');
  // The page works on: the lecture's example gives its worked numbers.
  await page.selectOption('[data-testid=input-kind]', 'lecture4');
  assert.deepEqual(await outCells(page), ['15', '16', '6', '15']);
  clean(page);
  await page.close();
});

test('a corrupt saved drawing gives a message, not a failure, and a good one is then picked up', async () => {
  const page = await open('', () => localStorage.setItem('convscope.drawing', '[1, 2, "three"'));
  await page.selectOption('[data-testid=input-kind]', 'drawing');
  assert.match(await text(page, 'input-message'), /could not be read/);
  await page.evaluate(() => {
    localStorage.setItem('convscope.drawing', JSON.stringify(Array.from({ length: 784 }, (_, i) => (i % 28 === 14 ? 1 : 0))));
    window.dispatchEvent(new StorageEvent('storage', { key: 'convscope.drawing' }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid=input-message]').textContent === '');
  assert.equal(await text(page, 'output-size'), '26 × 26');
  clean(page);
  await page.close();
});

test('a malformed URL hash (#%, #%E0%A4%A) does not throw: the playground says so, opens its defaults and works', async () => {
  for (const hash of ['#%', '#%E0%A4%A', '#stride=2&%']) {
    const page = await open(hash);
    assert.match(await text(page, 'url-notice'), /malformed part of the link/, hash);
    assert.deepEqual(await outCells(page), hash.includes('stride=2') ? ['15'] : ['15', '16', '6', '15'], hash);
    clean(page);
    await page.close();
  }
});
