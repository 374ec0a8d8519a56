// The student view (index.html) in headless Chromium: drawing with synthetic pointer events
// drives a live prediction, every layer is drawn, receptive fields and one unit's arithmetic
// open on hover / click / keyboard, the variant switch changes the maps, touch drawing works
// on a phone-sized screen, and the page makes no console errors and no off-origin requests.
// CONVSCOPE_ROOT serves another folder instead of the repository (e.g. a built copy).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openStudent, openWithBlockedStorage, studentReady } from './harness.mjs';

const ROOT = process.env.CONVSCOPE_ROOT || undefined;
const PREDICTION = '[data-testid="prediction"]';
let browser;
before(async () => { browser = await launch({ root: ROOT }); });
after(async () => { await browser?.close(); });

/** Opens the student view (optionally with a URL hash) once the network has answered. */
const open = (hash = '') => openStudent(browser, hash);

/** The bounding box of `locator` after scrolling it into view (mouse events need it on screen). */
async function boxOf(locator) {
  await locator.scrollIntoViewIfNeeded();
  return locator.boundingBox();
}

/** Drags the mouse through `points` ([x, y] in 0..1 of the draw pad), `steps` moves per segment. */
async function drawPath(page, points, steps = 6) {
  const box = await boxOf(page.getByTestId('draw-pad'));
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps });
  await page.mouse.up();
}

/** A circle of radius r around (cx, cy), in pad coordinates. */
const circle = (cx, cy, r, n = 24) => Array.from({ length: n + 1 }, (_, i) => [cx + r * Math.sin((2 * Math.PI * i) / n), cy - r * Math.cos((2 * Math.PI * i) / n)]);

/** Waits until the prediction's text is `want` (a string) or satisfies `want` (a function source). */
async function predictionIs(page, pred) {
  // The predicate runs here in Node: the page's Content-Security-Policy forbids `new Function`.
  const holds = new Function('t', `return ${pred}`);
  const deadline = Date.now() + 5000;
  for (;;) {
    const text = (await page.locator(PREDICTION).textContent()).trim();
    if (holds(text)) return text;
    if (Date.now() > deadline) throw new Error(`the prediction "${text}" never satisfied ${pred} within 5 s`);
    await page.waitForTimeout(40);
  }
}

function clean(page) {
  assert.deepEqual(page.errors, [], 'console errors');
  assert.deepEqual(page.offOrigin, [], 'requests to other origins');
}

test('drawing a vertical stroke predicts 1; clearing and drawing a circle changes the prediction', async () => {
  const page = await open();
  // Nothing drawn yet: no prediction.
  assert.match((await page.locator(PREDICTION).textContent()).trim(), /^(|–)$/);
  // A "1": one vertical stroke down the middle of the pad.
  await drawPath(page, [[0.5, 0.15], [0.5, 0.85]], 20);
  assert.equal(await predictionIs(page, "t === '1'"), '1');
  // The playground's copy of the drawing: 784 preprocessed pixels with some ink.
  await page.waitForFunction(() => localStorage.getItem('convscope.drawing'));
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('convscope.drawing')));
  assert.equal(stored.length, 784);
  assert.ok(Math.max(...stored) > 0.5);
  // Clear: the prediction empties.
  await page.getByTestId('clear').click();
  await predictionIs(page, "t === '' || t === '–'");
  // A circle: a different digit.
  await drawPath(page, circle(0.5, 0.5, 0.3), 3);
  const second = await predictionIs(page, "/^[0-9]$/.test(t)");
  assert.notEqual(second, '1');
  clean(page);
});

test('the prediction updates during a stroke, not only on pointer up', async () => {
  const page = await open();
  const box = await boxOf(page.getByTestId('draw-pad'));
  // Press and move without releasing.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.85, { steps: 15 });
  const during = await predictionIs(page, "/^[0-9]$/.test(t)");
  assert.match(during, /^[0-9]$/);
  await page.mouse.up();
  clean(page);
});

test('every layer is drawn: feature-map canvases are not blank', async () => {
  const page = await open('#sample=0');
  await predictionIs(page, "/^[0-9]$/.test(t)");
  // Bring the layers on screen (cards off screen are drawn when they scroll in).
  await page.getByTestId('layer-C1').scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  // Count distinct colours on each layer's canvas.
  const colours = await page.evaluate(() => Object.fromEntries(['input', 'C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'output'].map((name) => {
    const c = document.querySelector(`[data-testid="layer-${name}"] canvas.map`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) if (d[i + 3]) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return [name, seen.size];
  })));
  for (const [name, n] of Object.entries(colours)) assert.ok(n > 3, `${name} has only ${n} colours`);
  // Labels name the operation and the shape.
  assert.match(await page.getByTestId('layer-C3').locator('figcaption').textContent(), /C3\s+conv 5×5 \+ tanh\s+16@10×10/);
  clean(page);
});

test('hovering a C3 unit boxes its 14×14 receptive field on the padded input', async () => {
  const page = await open('#sample=3');
  const map = page.getByTestId('layer-C3').locator('canvas.map');
  const box = await boxOf(map);
  // Hover near the top-left of the first C3 map.
  await page.mouse.move(box.x + 3, box.y + 3);
  const rf = page.getByTestId('rf-box');
  await rf.waitFor({ state: 'visible' });
  assert.equal(await rf.getAttribute('data-size'), '14×14');
  assert.match(await page.getByTestId('rf-info').textContent(), /14×14/);
  // The box covers 14 of the 32 padded input cells.
  const input = await boxOf(page.getByTestId('layer-input').locator('canvas.map'));
  const b = await rf.boundingBox();
  assert.ok(Math.abs(b.width - (14 / 32) * input.width) < 2, `box ${b.width} px vs input ${input.width} px`);
  // Hovering an input pixel lists the units that see it.
  await page.mouse.move(input.x + input.width / 2, input.y + input.height / 2);
  await page.waitForFunction(() => /is seen by/.test(document.querySelector('[data-testid="rf-info"]').textContent));
  clean(page);
});

test('clicking a unit opens its arithmetic with numbers that agree with the forward pass', async () => {
  const page = await open('#sample=0');
  const panel = page.getByTestId('unit-math');
  // A C3 unit in the middle of map 2.
  const box = await boxOf(page.getByTestId('layer-C3').locator('canvas.map'));
  const side = (box.width - 3 * 6) / 4; // 4 maps per row, 6 px gaps (views/layout.js)
  await page.mouse.click(box.x + 2 * (side + 6) + side / 2, box.y + side / 2);
  await page.waitForFunction(() => /C3 map 2/.test(document.querySelector('[data-testid="unit-math"] .um-title').textContent));
  // Window, kernel and products: 3 tables of 25 numbers; z; the check against the forward pass.
  const cells = await panel.locator('.um-grid td').allTextContents();
  assert.equal(cells.length, 75);
  for (const c of cells) assert.match(c, /^−?\d+\.\d\d$/);
  assert.match(await panel.getByTestId('unit-z').textContent(), /^−?\d+\.\d{4}$/);
  assert.match(await panel.textContent(), /✓ agrees/);
  assert.match(await panel.textContent(), /tanh\(/);
  // A pooling unit shows its 2×2 window, a dense unit its largest contributions.
  const s2 = await boxOf(page.getByTestId('layer-S2').locator('canvas.map'));
  await page.mouse.click(s2.x + s2.width * 0.2, s2.y + 10);
  await page.waitForFunction(() => document.querySelector('[data-testid="unit-math"]').dataset.kind === 'pool');
  assert.equal(await panel.locator('.um-grid td').count(), 4);
  const f6 = await boxOf(page.getByTestId('layer-F6').locator('canvas.map'));
  await page.mouse.click(f6.x + 3, f6.y + 3);
  await page.waitForFunction(() => document.querySelector('[data-testid="unit-math"]').dataset.kind === 'dense');
  assert.ok(await panel.locator('.um-terms tbody tr').count() >= 5);
  assert.match(await panel.textContent(), /✓ agrees/);
  clean(page);
});

test('C1 arithmetic uses the normalised, padded input window', async () => {
  const page = await open('#sample=0');
  // Keyboard: focus the C1 layer, move to the top-left corner, open the unit.
  await page.getByTestId('layer-C1').locator('canvas.map').focus();
  for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('unit-math');
  await page.waitForFunction(() => /C1 map 0, row 0, col 0/.test(document.querySelector('[data-testid="unit-math"] .um-title').textContent));
  // The corner window is all padding: (0 − 0.1307) / 0.3081 = −0.42.
  const window = (await panel.locator('.um-grid').first().locator('td').allTextContents()).slice(0, 5);
  assert.deepEqual(window, Array(5).fill('−0.42'));
  assert.match(await panel.textContent(), /✓ agrees/);
  clean(page);
});

test('the variant switch changes the maps and the labels', async () => {
  const page = await open('#sample=0');
  const snap = () => page.evaluate(() => document.querySelector('[data-testid="layer-C1"] canvas.map').toDataURL());
  await page.getByTestId('layer-C1').scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const classic = await snap();
  await page.getByTestId('variant-modern').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="variant-modern"]').getAttribute('aria-pressed') === 'true');
  assert.match(await page.getByTestId('layer-C1').locator('figcaption').textContent(), /relu/);
  assert.match(await page.getByTestId('layer-S2').locator('figcaption').textContent(), /max pool/);
  assert.notEqual(await snap(), classic);
  assert.match(await page.getByTestId('compare').textContent(), /classic network says \d/);
  clean(page);
});

test('undo removes the last stroke', async () => {
  const page = await open();
  await drawPath(page, [[0.5, 0.15], [0.5, 0.85]], 10);
  await predictionIs(page, "/^[0-9]$/.test(t)");
  await drawPath(page, [[0.2, 0.3], [0.8, 0.3]], 10);
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await predictionIs(page, "t === '' || t === '–'");
  clean(page);
});

test('a sample digit from the URL hash is classified as its label', async () => {
  const page = await open('#sample=1');
  // Sample 1 is MNIST test image #1, a 2.
  assert.match(await page.getByTestId('sample-info').textContent(), /labelled 2/);
  assert.equal(await predictionIs(page, "/^[0-9]$/.test(t)"), '2');
  clean(page);
});

test('the URL sample\'s prediction is written before the rest of the page is built', async () => {
  const page = await open('#sample=1');
  // Performance marks (www/pages/student/state/marks.js): convscope:first-prediction when the
  // digit is written; convscope:views when main.js starts loading the pad, the layers and the rest.
  const { first, views } = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    return { first: at('convscope:first-prediction'), views: at('convscope:views') };
  });
  assert.ok(first > 0 && views > 0, `first ${first}, views ${views}`);
  assert.ok(first < views, `prediction at ${first} ms, views started at ${views} ms`);
  clean(page);
});

test('an out-of-range sample in the URL is reported by name and the pad still works', async () => {
  const page = await open('#sample=999');
  // The inline error names the parameter and the range.
  await page.waitForFunction(() => /`index`.*0 to \d+.*999/.test(document.querySelector('[data-testid="error"]').textContent));
  assert.equal((await page.getByTestId('prediction').textContent()).trim(), '–');
  // Drawing still predicts.
  await drawPath(page, [[0.5, 0.15], [0.5, 0.85]], 10);
  assert.equal(await predictionIs(page, "t === '1'"), '1');
  clean(page);
});

test('touch drawing works on a phone-sized screen', async () => {
  const phone = await launch({ root: ROOT, hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  try {
    const page = await phone.newPage();
    await page.goto(`${phone.url}index.html`);
    await studentReady(page);
    // Record the pointer types the pad receives.
    await page.evaluate(() => {
      window.__types = new Set();
      document.querySelector('[data-testid="draw-pad"]').addEventListener('pointermove', (e) => window.__types.add(e.pointerType));
    });
    const box = await boxOf(page.getByTestId('draw-pad'));
    const cdp = await phone.context.newCDPSession(page);
    const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', {
      type, touchPoints: type === 'touchEnd' ? [] : [{ x: box.x + x * box.width, y: box.y + y * box.height, id: 1 }],
    });
    // A finger stroke down the middle.
    await touch('touchStart', 0.5, 0.15);
    for (let i = 1; i <= 20; i++) await touch('touchMove', 0.5, 0.15 + (0.7 * i) / 20);
    await touch('touchEnd');
    assert.equal(await predictionIs(page, "/^[0-9]$/.test(t)"), '1');
    assert.deepEqual(await page.evaluate(() => [...window.__types]), ['touch']);
    // The page did not scroll sideways on the phone.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390));
    clean(page);
  } finally {
    await phone.close();
  }
});

test('a malformed URL hash (#%) shows a notice, the rest of the hash still counts and the pad works', async () => {
  for (const hash of ['#%', '#sample=1&%E0%A4%A']) {
    const page = await open(hash);
    assert.match(await page.getByTestId('notices').textContent(), /could not be read/);
    if (hash.includes('sample=1')) assert.equal(await predictionIs(page, "/^[0-9]$/.test(t)"), '2');
    await page.getByTestId('clear').click();
    await drawPath(page, [[0.5, 0.15], [0.5, 0.85]], 10);
    assert.equal(await predictionIs(page, "t === '1'"), '1');
    clean(page);
    await page.close();
  }
});

test('blocked storage (reading localStorage throws) or a corrupt saved drawing: the page says so and drawing works', async () => {
  // Site data blocked (private mode, a sandboxed iframe): even reading `localStorage` throws.
  const blocked = await openWithBlockedStorage(browser, 'index.html');
  await studentReady(blocked);
  await drawPath(blocked, [[0.5, 0.15], [0.5, 0.85]], 10);
  assert.equal(await predictionIs(blocked, "t === '1'"), '1');
  await blocked.waitForFunction(() => /cannot be handed to the playground/.test(document.querySelector('[data-testid="notices"]')?.textContent));
  clean(blocked);
  await blocked.close();

  // Corrupt data under the drawing's key is replaced by the next drawing (784 numbers).
  const page = await open();
  await page.evaluate(() => localStorage.setItem('convscope.drawing', '{not json'));
  await drawPath(page, [[0.5, 0.15], [0.5, 0.85]], 10);
  assert.equal(await predictionIs(page, "t === '1'"), '1');
  await page.waitForFunction(() => { try { return JSON.parse(localStorage.getItem('convscope.drawing')).length === 784; } catch { return false; } });
  clean(page);
  await page.close();
});

