// The instructor view (playground.html) in headless Chromium: the lecture's worked example,
// output sizes from the formula via controls and via the URL, inline explanations of settings
// that give no output, URL round trip and history, PNG export, keyboard shortcuts, hover
// linking, pooling shift, transposed convolution and the text demo. Every test also checks
// zero console errors and zero off-origin requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** PyTorch's output size along one axis: ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 (by hand, for the checks). */
const expectedSize = (n, k, s, p, d = 1) => Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;

/** Opens the playground at `hash` and waits until the core has computed. */
async function open(hash = '') {
  const page = await browser.newPage();
  await page.goto(`${browser.url}playground.html${hash}`);
  await page.waitForSelector('[data-testid=loading]', { state: 'hidden' });
  return page;
}

const outCells = (page) => page.$$eval('[data-testid=output-grid] [data-testid=out-cell]', (tds) => tds.map((td) => td.textContent));
const text = (page, id) => page.textContent(`[data-testid=${id}]`);
const hashOf = (page) => new URL(page.url()).hash;

function clean(page) {
  assert.deepEqual(page.errors, [], 'no console errors');
  assert.deepEqual(page.offOrigin, [], 'no off-origin requests');
}

test("the lecture's 4x4 example shows 15 16 / 6 15", async () => {
  const page = await open();
  // Default settings are the worked example: 4×4 input, the 3×3 lecture filter, stride 1.
  assert.deepEqual(await outCells(page), ['15', '16', '6', '15']);
  assert.equal((await text(page, 'output-size')).trim(), '2 × 2');
  assert.match(await text(page, 'formula'), /⌊\(4 \+ 2·0 − 1·\(3−1\) − 1\)\/1⌋ \+ 1 = 2/);
  // The products of the first step add up to conv2d's first output.
  assert.match(await text(page, 'equation'), /1×2 \+ 2×0 \+ 3×1 \+ 0×0 \+ 1×1 \+ 2×2 \+ 3×1 \+ 0×0 \+ 1×2 = 15$/);
  assert.equal((await text(page, 'error')).trim(), '');
  clean(page);
  await page.close();
});

test('stride and padding set with the controls give the output size of the formula', async () => {
  const page = await open();
  // Switch to the 8×8 lecture grid (its kernel stays 3×3).
  await page.selectOption('[data-testid=input-kind]', 'lecture8');
  assert.equal((await text(page, 'output-size')).trim(), `${expectedSize(8, 3, 1, 0)} × ${expectedSize(8, 3, 1, 0)}`);
  // Stride 2, padding 1: ⌊(8 + 2 − 2 − 1)/2⌋ + 1 = 4.
  await page.fill('[data-testid=stride]', '2');
  await page.fill('[data-testid=padding]', '1');
  const n = expectedSize(8, 3, 2, 1);
  assert.equal(n, 4);
  assert.equal((await text(page, 'output-size')).trim(), `${n} × ${n}`);
  assert.equal((await outCells(page)).length, n * n);
  assert.match(await text(page, 'formula'), /⌊\(8 \+ 2·1 − 1·\(3−1\) − 1\)\/2⌋ \+ 1 = 4/);
  // Stride 3, dilation 2: ⌊(8 + 2 − 4 − 1)/3⌋ + 1 = 2.
  await page.fill('[data-testid=stride]', '3');
  await page.fill('[data-testid=dilation]', '2');
  const m = expectedSize(8, 3, 3, 1, 2);
  assert.equal((await text(page, 'output-size')).trim(), `${m} × ${m}`);
  // The URL follows the controls.
  assert.match(hashOf(page), /stride=3&padding=1&dilation=2/);
  clean(page);
  await page.close();
});

test('stride and padding given in the URL give the output size of the formula', async () => {
  for (const [s, p, d] of [[2, 1, 1], [3, 0, 1], [1, 2, 3], [2, 0, 2]]) {
    // Load the 8×8 example with these settings straight from a link.
    const page = await open(`#mode=conv&input=lecture8&kernel=lecture8&stride=${s}&padding=${p}&dilation=${d}&filter=0&step=0&speed=1`);
    const n = expectedSize(8, 3, s, p, d);
    assert.equal((await text(page, 'output-size')).trim(), `${n} × ${n}`, `stride ${s} padding ${p} dilation ${d}`);
    assert.equal(await page.inputValue('[data-testid=stride]'), String(s));
    assert.equal(await page.inputValue('[data-testid=padding]'), String(p));
    assert.equal((await outCells(page)).length, n * n);
    clean(page);
    await page.close();
  }
  // Different settings per axis: rows stride 1, columns stride 2.
  const page = await open('#mode=conv&input=lecture8&kernel=lecture8&stride=1,2&padding=0&dilation=1&filter=0&step=0&speed=1');
  assert.equal((await text(page, 'output-size')).trim(), `${expectedSize(8, 3, 1, 0)} × ${expectedSize(8, 3, 2, 0)}`);
  clean(page);
  await page.close();
});

test('a setting with no output is explained inline and the page keeps working', async () => {
  const page = await open();
  // Dilation 2 spreads the 3×3 kernel over 5 cells: more than the 4×4 input.
  await page.fill('[data-testid=dilation]', '2');
  const err = await text(page, 'error');
  assert.match(err, /does not fit in the padded input/);
  assert.match(err, /span 2·\(3−1\) \+ 1 = 5/);
  assert.ok(await page.isVisible('[data-testid=error]'));
  assert.equal((await text(page, 'output-size')).trim(), 'no output');
  assert.deepEqual(await outCells(page), []);
  // A typed value outside the allowed range is explained too (not silently dropped).
  await page.fill('[data-testid=stride]', '0');
  assert.match(await text(page, 'error'), /Stride must be a whole number from 1 to 8/);
  await page.fill('[data-testid=stride]', '1');
  // Back to a valid setting: the core computes again.
  await page.fill('[data-testid=dilation]', '1');
  assert.equal((await text(page, 'error')).trim(), '');
  assert.deepEqual(await outCells(page), ['15', '16', '6', '15']);
  clean(page);
  await page.close();
});

test('a shared URL round-trips: load URL, settings, URL', async () => {
  const hash = '#mode=conv&input=random&size=10&seed=42&edits=0.1.2:7;0.3.3:-2.5&kernel=sobel-x;3x3:1,0,-1,2,0.5,-2,1,0,-1&stride=2&padding=1,2&dilation=1&filter=1&step=3&speed=2.5';
  const page = await open(hash);
  // Nothing was adjusted, the URL is unchanged and the controls show its settings.
  assert.equal(await page.isVisible('[data-testid=url-notice]'), false);
  assert.equal(hashOf(page), hash);
  assert.equal(await page.inputValue('[data-testid=input-kind]'), 'random');
  assert.equal(await page.inputValue('[data-testid=input-size]'), '10');
  assert.equal(await page.inputValue('[data-testid=input-seed]'), '42');
  assert.equal(await page.inputValue('[data-testid=stride]'), '2');
  assert.equal(await page.inputValue('[data-testid=padding-w]'), '2');
  assert.equal(await page.inputValue('[data-testid=kernel-text]'), '1 0 -1\n2 0.5 -2\n1 0 -1');
  assert.equal((await text(page, 'output-size')).trim(), `${expectedSize(10, 3, 2, 1)} × ${expectedSize(10, 3, 2, 2)}`);
  // A second page opened from the same link shows the same numbers.
  const cells = await outCells(page);
  const again = await open(hashOf(page));
  assert.deepEqual(await outCells(again), cells);
  assert.equal(hashOf(again), hash);
  clean(page);
  clean(again);
  await page.close();
  await again.close();
});

test('the back button restores the previous setting', async () => {
  const page = await open();
  // Two separate changes make two history entries.
  await page.fill('[data-testid=stride]', '2');
  await page.selectOption('[data-testid=input-kind]', 'lecture8');
  assert.equal((await text(page, 'output-size')).trim(), `${expectedSize(8, 3, 2, 0)} × ${expectedSize(8, 3, 2, 0)}`);
  // Back: the 4×4 input returns, with stride 2 (the formula gives 1 × 1).
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-testid=input-kind]').value === 'lecture4');
  assert.equal(await page.inputValue('[data-testid=stride]'), '2');
  assert.equal((await text(page, 'output-size')).trim(), `${expectedSize(4, 3, 2, 0)} × ${expectedSize(4, 3, 2, 0)}`);
  // Back again: stride 1 and the worked example's numbers.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-testid=stride]').value === '1');
  assert.deepEqual(await outCells(page), ['15', '16', '6', '15']);
  // Forward re-applies stride 2.
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('[data-testid=stride]').value === '2');
  clean(page);
  await page.close();
});

test('unknown or out-of-range URL values are clamped with a visible notice, never injected', async () => {
  const page = await open('#mode=conv&input=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&stride=99&padding=-3&kernel=nope&bogus=%3Cb%3Ehi%3C%2Fb%3E');
  const notice = await text(page, 'url-notice');
  assert.ok(await page.isVisible('[data-testid=url-notice]'));
  assert.match(notice, /Unknown input "<img src=x onerror=alert\(1\)>"/);
  assert.match(notice, /stride=99 is not a whole number in 1–8; using 8/);
  assert.match(notice, /padding=-3 .* using 0/);
  assert.match(notice, /unknown setting "bogus"/);
  // The markup stayed text: no element was created from it.
  assert.equal(await page.$$eval('img, #notices b', (els) => els.length), 0);
  // The clamped values are in use and written back to the URL.
  assert.equal(await page.inputValue('[data-testid=stride]'), '8');
  assert.match(hashOf(page), /input=lecture4&kernel=lecture4&stride=8&padding=0/);
  clean(page);
  await page.close();
});

test('Export PNG downloads a PNG image of a panel', async () => {
  const page = await open();
  for (const id of ['export-png-output', 'export-png-input']) {
    // Click the export button and catch the download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${id}]`)]);
    assert.match(download.suggestedFilename(), /\.png$/);
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.length > 1000);
  }
  clean(page);
  await page.close();
});

test('keyboard: arrows step, space plays, but not while typing', async () => {
  const page = await open('#mode=conv&input=lecture8&kernel=lecture8&stride=1&padding=0&dilation=1&filter=0&step=0&speed=1');
  const count = expectedSize(8, 3, 1, 0) ** 2;
  assert.match(await text(page, 'step-label'), new RegExp(`^1 / ${count}`));
  // → steps forward twice, ← steps back once.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  assert.match(await text(page, 'step-label'), new RegExp(`^2 / ${count}`));
  assert.match(hashOf(page), /step=1/);
  // Arrows inside a text box edit the text instead.
  await page.focus('[data-testid=kernel-text]');
  await page.keyboard.press('ArrowRight');
  assert.match(await text(page, 'step-label'), new RegExp(`^2 / ${count}`));
  // Space toggles play; the step advances on its own, then pauses on space again.
  await page.evaluate(() => { const s = document.querySelector('[data-testid=speed]'); s.value = '20'; s.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => /^([4-9]|\d\d) \//.test(document.querySelector('[data-testid=step-label]').textContent));
  await page.keyboard.press('Space');
  assert.match(await text(page, 'play'), /Play/);
  clean(page);
  await page.close();
});

test('hover links output, input and kernel cells', async () => {
  const page = await open();
  /** Moves the mouse over a grid of points on `testid` until the readout matches `re`. */
  async function hoverUntil(testid, re) {
    const box = await page.locator(`[data-testid=${testid}]`).boundingBox();
    for (let y = box.y + 4; y < box.y + box.height; y += 12) {
      for (let x = box.x + 4; x < box.x + box.width; x += 12) {
        await page.mouse.move(x, y);
        const m = re.exec(await text(page, 'readout'));
        if (m) return m;
      }
    }
    return null;
  }
  // Hover the second output cell (row 0, col 1): the readout and the products follow.
  assert.ok(await hoverUntil('output-canvas', /Map 1 row 0, col 1 = 16/), 'hovering the output shows its value');
  assert.match(await text(page, 'equation'), /row 0, col 1: 2×2 \+ 3×0 \+ 0×1 \+ 1×0 \+ 2×1 \+ 3×2 \+ 0×1 \+ 1×0 \+ 2×2 = 16/);
  // Hovering an input cell says how many outputs read it (the centre cells are read by all 4).
  const m = await hoverUntil('input-canvas', /row 1, col 1 = 1 · read by (\d+)/);
  assert.equal(Number(m?.[1]), 4);
  // Corner cells are read by one output only.
  assert.ok(await hoverUntil('input-canvas', /row 0, col 0 = 1 · read by 1 output cell per map/));
  clean(page);
  await page.close();
});

test('pooling: max and average side by side, and the one-pixel shift', async () => {
  const page = await open('#mode=pool&input=lecture8&window=2&pstride=2&ppadding=0&shift=0&dir=x');
  assert.equal((await text(page, 'pool-output-size')).trim(), '4 × 4');
  assert.ok(await page.isVisible('[data-testid=max-canvas]'));
  assert.ok(await page.isVisible('[data-testid=avg-canvas]'));
  // Shift by one pixel: the page reports how many pooled values survived.
  await page.click('[data-testid=shift]');
  assert.match(await text(page, 'pool-survival'), /max pooling kept \d+ of 16 values, average pooling kept \d+ of 16/);
  assert.match(hashOf(page), /shift=1/);
  // A window too big for the input is explained: the 4×4 example with a 5×5 window.
  await page.selectOption('[data-testid=input-kind]', 'lecture4');
  await page.fill('[data-testid=pool-window]', '5');
  assert.match(await text(page, 'error'), /5-wide window/);
  assert.equal((await text(page, 'pool-output-size')).trim(), 'no output');
  await page.fill('[data-testid=pool-window]', '2');
  assert.equal((await text(page, 'error')).trim(), '');
  clean(page);
  await page.close();
});

test('transposed convolution scatters the kernel and text conv finds the strongest 3-gram', async () => {
  const page = await open('#mode=transposed&dim=2&tin=2x2:1,2,3,4&tk=3x3:1,1,1,1,1,1,1,1,1&tstride=2&tpadding=0&toutpad=0&step=0&speed=1');
  // (2 − 1)·2 − 0 + (3 − 1) + 0 + 1 = 5 per axis.
  assert.equal((await text(page, 't-output-size')).trim(), '5 × 5');
  await page.click('[data-testid=step-forward]');
  assert.match(await text(page, 'step-label'), /^1 \/ 4 inputs added/);
  // Output padding must stay below the stride: explained, then fixed.
  await page.fill('[data-testid=t-outpad]', '2');
  assert.match(await text(page, 'error'), /outputPadding/);
  await page.fill('[data-testid=t-outpad]', '1');
  assert.equal((await text(page, 't-output-size')).trim(), '6 × 6');
  // 1-D: three values, stride 2 → (3 − 1)·2 + 3 = 7.
  await page.selectOption('[data-testid=t-dim]', '1');
  await page.fill('[data-testid=t-outpad]', '0');
  assert.equal((await text(page, 't-output-size')).trim(), '7');
  // Text: the negated-praise detector fires most on "not good at".
  await page.click('[data-testid=mode-text]');
  assert.match(await text(page, 'text-best'), /“not good at”/);
  clean(page);
  await page.close();
});

test("the student's drawing is read from localStorage, with a message when absent", async () => {
  const page = await open();
  // No drawing saved yet: a helpful message instead of a failure.
  await page.evaluate(() => localStorage.removeItem('convscope.drawing'));
  await page.selectOption('[data-testid=input-kind]', 'drawing');
  assert.match(await text(page, 'input-message'), /No drawing yet/);
  // The student page saves a drawing (784 numbers): the playground picks it up by itself.
  await page.evaluate(() => {
    const px = Array.from({ length: 784 }, (_, i) => (i % 28 === 14 ? 1 : 0));
    localStorage.setItem('convscope.drawing', JSON.stringify(px));
    window.dispatchEvent(new StorageEvent('storage', { key: 'convscope.drawing' }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid=input-message]').textContent === '');
  const n = expectedSize(28, 3, 1, 0);
  assert.equal((await text(page, 'output-size')).trim(), `${n} × ${n}`);
  clean(page);
  await page.close();
});

test('an uploaded image is decoded locally and scaled down', async () => {
  const page = await open();
  // Make a 40×20 PNG in the page (nothing leaves the machine) and upload it.
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 40;
    c.height = 20;
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 40, 20);
    ctx.fillStyle = '#c00';
    ctx.fillRect(10, 0, 10, 20);
    return c.toDataURL('image/png').split(',')[1];
  });
  await page.selectOption('[data-testid=input-kind]', 'upload');
  assert.match(await text(page, 'input-message'), /Choose an image file/);
  await page.setInputFiles('[data-testid=upload]', { name: 'bar.png', mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') });
  // Size 64 keeps 40×20 as it is: the 3×3 kernel gives 18 × 38.
  await page.waitForFunction(() => document.querySelector('[data-testid=output-size]').textContent.trim() === '18 × 38');
  // A smaller size scales the longer side to 16 px: 8 × 16 → 6 × 14.
  await page.fill('[data-testid=input-size]', '16');
  await page.waitForFunction(() => document.querySelector('[data-testid=output-size]').textContent.trim() === '6 × 14');
  // RGB keeps three channels.
  await page.selectOption('[data-testid=upload-color]', 'rgb');
  await page.waitForFunction(() => document.querySelector('[data-testid=output-size]').textContent.trim() === '6 × 14');
  clean(page);
  await page.close();
});

test('a cell can be edited from the keyboard and the edit is shared in the URL', async () => {
  const page = await open();
  // Focus the input grid, move to row 0 col 1, press Enter, type 5.
  await page.focus('[data-testid=input-canvas]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=cell-editor]');
  await page.fill('[data-testid=cell-editor]', '5');
  await page.keyboard.press('Enter');
  // The cell went from 2 to 5 (+3). Output (0,0) reads it with weight 0: stays 15. Output (0,1)
  // reads it with weight 2: 16 + 3·2 = 22. The second output row does not read row 0.
  assert.match(hashOf(page), /edits=0\.0\.1:5/);
  assert.deepEqual(await outCells(page), ['15', '22', '6', '15']);
  // Edit the kernel's centre weight to 0 with the keyboard: 15 − 1·1 = 14 at the first position.
  await page.focus('[data-testid=kernel-canvas]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.fill('[data-testid=cell-editor]', '0');
  await page.keyboard.press('Enter');
  assert.match(hashOf(page), /kernel=3x3:2,0,1,0,0,2,1,0,2/);
  assert.equal((await outCells(page))[0], '14');
  // A non-number is refused with an explanation.
  await page.keyboard.press('Enter');
  await page.fill('[data-testid=cell-editor]', 'abc');
  await page.keyboard.press('Enter');
  assert.match(await text(page, 'error'), /is not a number/);
  clean(page);
  await page.close();
});

test('a hover repaints only the panels that draw it, and the controls not at all', async () => {
  const page = await browser.newPage();
  // Count paints per panel: every paint sizes its canvas and asks for its 2-D context.
  await page.addInitScript(() => {
    window.paints = {};
    const get = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (...args) {
      if (this.dataset.canvas) window.paints[this.dataset.canvas] = (window.paints[this.dataset.canvas] ?? 0) + 1;
      return get.apply(this, args);
    };
  });
  await page.goto(`${browser.url}playground.html#mode=conv&input=lecture8&kernel=lecture8&stride=1&padding=0&dilation=1&filter=0&step=0&speed=1`);
  await page.waitForSelector('[data-testid=loading]', { state: 'hidden' });
  const box = async (testid) => page.locator(`[data-testid=${testid}]`).boundingBox();
  // The kernel grid's centre cell; the settings form is watched through the speed label, which
  // every sync of the controls rewrites.
  const kernel = await box('kernel-canvas');
  await page.evaluate(() => {
    window.paints = {};
    window.controlWrites = 0;
    new MutationObserver((records) => { window.controlWrites += records.length; })
      .observe(document.querySelector('#speed-label'), { childList: true, characterData: true, subtree: true });
  });
  // Hovering a kernel weight marks it in the input and the kernel: the output does not change.
  await page.mouse.move(kernel.x + kernel.width / 2, kernel.y + kernel.height / 2);
  await page.waitForFunction(() => /^Weight row/.test(document.querySelector('[data-testid=readout]').textContent));
  const afterKernel = await page.evaluate(() => ({ ...window.paints }));
  assert.equal(afterKernel.output ?? 0, 0);
  assert.equal(afterKernel.kernel, 1);
  assert.equal(afterKernel.input, 1);
  // Moving within the same cell repaints nothing.
  await page.mouse.move(kernel.x + kernel.width / 2 + 1, kernel.y + kernel.height / 2 + 1);
  assert.deepEqual(await page.evaluate(() => ({ ...window.paints })), afterKernel);
  assert.equal(await page.evaluate(() => window.controlWrites), 0);
  clean(page);
  await page.close();
});
