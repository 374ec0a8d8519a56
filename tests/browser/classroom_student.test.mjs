// Issue 13 on the student page (index.html) in headless Chromium: at laptop sizes the pad, the
// prediction and every layer are on screen together with each layer's plain explanation; the
// presenter keys step through the sample digits with focus on a button and `?` opens the keys
// dialog; the page moves by at most 0.1 (cumulative layout shift) while it loads; axe-core
// finds no serious or critical violation (also with the unit arithmetic open); the skip link
// reaches the layers; a unit opened from the keyboard is on screen and announced.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { injectAxe } from './a11y.mjs';

const ROOT = process.env.CONVSCOPE_ROOT || undefined;
const LAYERS = ['input', 'C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'output'];

const browsers = new Map();
after(async () => { for (const b of browsers.values()) await b.close(); });

/** One browser per screen size (phones: touch and mobile viewport). */
async function browserFor(width, height) {
  const key = `${width}×${height}`;
  if (!browsers.has(key)) {
    const phone = width < 600;
    browsers.set(key, await launch({ root: ROOT, viewport: { width, height }, hasTouch: phone, isMobile: phone }));
  }
  return browsers.get(key);
}

/**
 * Opens the student view at `hash` with a layout-shift observer installed before the page's
 * scripts, once the network has answered and the page has settled for `settle` ms.
 */
async function open(width, height, hash = '#sample=0', settle = 800, query = '') {
  const b = await browserFor(width, height);
  const page = await b.newPage();
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${b.url}index.html${query}${hash}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.hidden === true, null, { timeout: 15000 });
  await page.waitForTimeout(settle);
  return page;
}

/** Rectangles of the elements with these test ids, in viewport coordinates. */
const rects = (page, ids) => page.evaluate((list) => Object.fromEntries(list.map((id) => {
  const r = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
  return [id, { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }];
})), ids);

function assertInViewport(r, width, height, what) {
  assert.ok(r.width > 0 && r.height > 0, `${what} has no size`);
  assert.ok(r.left >= 0 && r.top >= 0 && r.right <= width && r.bottom <= height,
    `${what} at (${r.left}, ${r.top})–(${r.right}, ${r.bottom}) is not inside ${width}×${height}`);
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axeSerious(page) {
  await injectAxe(page);
  return page.evaluate(async () => {
    const r = await window.axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

function clean(page) {
  assert.deepEqual(page.errors, [], 'console errors');
  assert.deepEqual(page.offOrigin, [], 'requests to other origins');
}

for (const [[width, height], lang] of [[1366, 768], [1280, 800]].flatMap((size) => [[size, 'en'], [size, 'ko']])) {
  test(`at ${width}×${height} in ${lang === 'ko' ? 'Korean' : 'English'} the pad, the prediction, every layer map and its plain explanation are on screen together without scrolling`, async () => {
    const page = await open(width, height, '#sample=0', 800, `?lang=${lang}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.equal(await page.evaluate(() => scrollY), 0);
    const ids = ['draw-pad', 'prediction', 'probabilities', ...LAYERS.map((n) => `layer-${n}`)];
    const r = await rects(page, ids);
    for (const id of ids) assertInViewport(r[id], width, height, id);
    // Each layer's one-line explanation is shown (not display: none) and on screen.
    const roles = await page.evaluate(() => [...document.querySelectorAll('[data-testid^="layer-"] .layer-role')].map((p) => {
      const b = p.getBoundingClientRect();
      return { text: p.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width, height: b.height };
    }));
    assert.equal(roles.length, LAYERS.length);
    for (const role of roles) {
      assert.ok(role.text.length > 10, `explanation "${role.text}"`);
      assertInViewport(role, width, height, `explanation "${role.text}"`);
    }
    // The unit arithmetic is not between the pad and the layers: closed until asked for.
    assert.equal(await page.getByTestId('unit-math').isVisible(), false);
    // Maps are drawn large enough to read: C1's 28×28 maps at least 1.5 CSS px per value.
    const c1 = await page.evaluate(() => document.querySelector('[data-testid="layer-C1"] canvas.map').getBoundingClientRect().width);
    assert.ok(c1 >= 3 * 28 * 1.5, `C1 canvas only ${c1} px wide for 3 maps of 28`);
    clean(page);
    await page.close();
  });
}

test('presenter keys with focus on a button: → and PageDown show the next sample digit, ← the previous, a number key that digit, ? the keys dialog', async () => {
  const page = await open(1366, 768);
  const info = () => page.getByTestId('sample-info').textContent();
  assert.match(await info(), /\(sample 0\)/);
  // A mouse click leaves focus on a button (as after clicking a player or sample button).
  await page.getByTestId('sample-3').click();
  const afterClick = await info();
  assert.match(afterClick, /labelled 3/);
  const index = (text) => Number(/\(sample (\d+)\)/.exec(text)[1]);
  const start = index(afterClick);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'sample-3');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((i) => new RegExp(`\\(sample ${i}\\)`).test(document.querySelector('[data-testid="sample-info"]').textContent), start + 1);
  await page.keyboard.press('PageDown');
  await page.waitForFunction((i) => new RegExp(`\\(sample ${i}\\)`).test(document.querySelector('[data-testid="sample-info"]').textContent), start + 2);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((i) => new RegExp(`\\(sample ${i}\\)`).test(document.querySelector('[data-testid="sample-info"]').textContent), start + 1);
  // PageDown did not scroll the page.
  assert.equal(await page.evaluate(() => scrollY), 0);
  // The prediction follows the sample: the label it shows.
  await page.keyboard.press('5');
  await page.waitForFunction(() => /labelled 5/.test(document.querySelector('[data-testid="sample-info"]').textContent));
  await page.waitForFunction(() => document.querySelector('[data-testid="prediction"]').textContent.trim() === '5');
  // `?` opens a modal dialog listing the keys; Escape closes it and focus returns.
  await page.getByTestId('undo').focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor({ state: 'visible' });
  assert.match(await dialog.textContent(), /Page Down/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'undo');
  clean(page);
  await page.close();
});

for (const [width, height, lang] of [[1400, 900], [390, 844], [1366, 768], [1280, 800], [1366, 768, 'ko'], [390, 844, 'ko']]) {
  test(`at ${width}×${height}${lang === 'ko' ? ' in Korean' : ''} loading moves the page by a cumulative layout shift of at most 0.1`, async () => {
    const page = await open(width, height, '#sample=0', 1500, lang ? `?lang=${lang}` : '');
    const cls = await page.evaluate(() => window.__cls);
    assert.ok(cls <= 0.1, `CLS ${cls.toFixed(3)}`);
    clean(page);
    await page.close();
  });
}

for (const [width, height] of [[1400, 900], [390, 844]]) {
  test(`at ${width}×${height} axe-core finds no serious or critical violation, with the unit arithmetic closed and open`, async () => {
    const page = await open(width, height);
    assert.deepEqual(await axeSerious(page), []);
    // Open a C3 unit from the keyboard: its coloured cells are checked too.
    await page.getByTestId('layer-C3').locator('canvas.map').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="unit-math"] .um-grid td').length === 75);
    assert.deepEqual(await axeSerious(page), []);
    clean(page);
    await page.close();
  });
}

for (const [width, height] of [[1366, 768], [390, 844]]) {
  test(`at ${width}×${height} a unit opened with Enter from the keyboard is on screen and announced`, async () => {
    const page = await open(width, height);
    const map = page.getByTestId('layer-C3').locator('canvas.map');
    await map.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('unit-math');
    await page.waitForFunction(() => /C3 map 0, row 5, col 6/.test(document.querySelector('[data-testid="unit-math"] .um-title').textContent));
    // The panel's title and the unit's sum are inside the viewport.
    const r = await page.evaluate(() => ['.um-title', '[data-testid="unit-z"]'].map((s) => {
      const b = document.querySelector(`[data-testid="unit-math"] ${s}`).getBoundingClientRect();
      return { left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width, height: b.height };
    }));
    assertInViewport(r[0], width, height, 'the unit\'s title');
    const z = r[1];
    assert.ok(z.top < height && z.bottom > 0 || await page.evaluate(() => {
      const p = document.querySelector('[data-testid="unit-math"]');
      return p.scrollHeight > p.clientHeight; // below, in the panel's own scroll
    }), 'the sum is reachable');
    // Announced through a live region, and focus stays on the layer for the arrow keys.
    assert.match(await page.getByTestId('unit-announce').textContent(), /C3 map 0, row 5, col 6/);
    assert.equal(await page.getByTestId('unit-announce').getAttribute('aria-live'), 'polite');
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid]').dataset.testid), 'layer-C3');
    // The focused unit's layer is still on screen beside (or, on phones, above) the panel.
    const layer = await map.boundingBox();
    const sheet = await panel.boundingBox();
    const uncovered = sheet.x > layer.x ? Math.min(height, layer.y + layer.height) - layer.y : Math.min(sheet.y, layer.y + layer.height) - layer.y;
    assert.ok(layer.y >= 0 && uncovered >= 100, `the layer's top at ${layer.y}, ${uncovered} px of it uncovered`);
    // Escape closes the panel.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    clean(page);
    await page.close();
  });
}

test('the skip link is the first Tab stop and leads to the layers; the pad says what it is and names the keyboard alternative', async () => {
  const page = await open(1366, 768);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ text: document.activeElement.textContent, href: document.activeElement.getAttribute('href') }));
  assert.deepEqual(first, { text: 'Skip to the layers', href: '#layers' });
  await page.keyboard.press('Enter');
  // The next Tab lands on the first layer's map: one press instead of ~20.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid]')?.dataset.testid), 'layer-input');
  const pad = page.getByTestId('draw-pad');
  assert.equal(await pad.getAttribute('role'), 'img');
  assert.equal(await pad.getAttribute('aria-roledescription'), 'drawing pad');
  assert.match(await pad.getAttribute('aria-label'), /draw a digit.*sample digit/i);
  clean(page);
  await page.close();
});
