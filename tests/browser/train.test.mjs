// The training lab (train.html) in headless Chromium: default settings train past 90 %
// validation accuracy within a bounded time while the epoch counter advances and the main thread
// has no long task over 50 ms; pause stops progress; reset clears the curves; weights exported
// after a one-epoch run load into the inference core (pkg/ LeNet5.fromBytes) and reproduce the
// trainer's validation accuracy and import back; a drawing on the pad becomes the probe digit; Korean
// and English pages hold no text of the other language and no serious axe-core violation.
// Zero console errors and no off-origin requests throughout.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, longTasksBetween, observeLongTasks } from './harness.mjs';
import { readerTexts, latinOnly, withHangul, describeTexts } from './i18n.mjs';
import { axeViolations, describeViolations } from './a11y.mjs';

/** Bound on training time to 90 % (about one epoch of 10,000 images; generous for a loaded CI machine). */
const TRAIN_LIMIT_MS = 240_000;

let browser;
const getBrowser = async () => (browser ??= await launch());
after(async () => { await browser?.close(); });

async function open(b, path) {
  const page = await b.newPage();
  await page.addInitScript(observeLongTasks);
  await page.goto(`${b.url}${path}`);
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=train-start]');
    return s && !s.disabled && Number(document.querySelector('main').dataset.valPoints) >= 1;
  }, null, { timeout: 60_000 });
  return page;
}

const number = (page, id) => page.$eval(`[data-testid=${id}]`, (e) => Number(e.textContent));
const dataset = (page) => page.$eval('main', (e) => ({ ...e.dataset }));

function clean(page) {
  assert.deepEqual(page.errors, [], 'no console errors');
  assert.deepEqual(page.offOrigin, [], 'no off-origin requests');
}

test('default settings: validation accuracy passes 90 % and the epoch counter advances in bounded time, with no main-thread long task over 50 ms; pause stops progress; reset clears the curves', { timeout: TRAIN_LIMIT_MS + 120_000 }, async () => {
  const b = await getBrowser();
  const page = await open(b, 'train.html?lang=en');
  assert.equal(await number(page, 'train-epoch'), 0);
  const startedAt = await page.evaluate(() => performance.now());
  await page.click('[data-testid=train-start]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=train-epoch]').textContent) >= 1
    && Number(document.querySelector('[data-testid=val-accuracy]').textContent) > 90, null, { timeout: TRAIN_LIMIT_MS, polling: 500 });
  let stoppedAt = await page.evaluate(() => performance.now());
  assert.ok(await number(page, 'train-images-per-second') > 0, 'images/s shown while training');
  const longBetween = (from, to) => longTasksBetween(page, from, to);
  let long = await longBetween(startedAt, stoppedAt);
  if (long.length) {
    // A long task is wall-clock time: on a machine whose cores are busy with other jobs the
    // main thread waits for a core inside a short task. Such a run gets one more window of
    // 12 s of training (epoch ends included), which must then be free of long tasks; work of
    // the page's own that is too long for a frame shows up in every window.
    const t0 = await page.evaluate(() => performance.now());
    await page.waitForTimeout(12_000);
    stoppedAt = await page.evaluate(() => performance.now());
    long = await longBetween(t0, stoppedAt);
  }
  await page.click('[data-testid=train-pause]');
  await page.waitForFunction(() => document.querySelector('main').dataset.state === 'idle', null, { timeout: 10_000 });
  assert.deepEqual(long, [], 'no long task > 50 ms on the main thread while training');

  const before = await dataset(page);
  assert.ok(Number(before.imagesSeen) >= 10000, `one epoch trained (${before.imagesSeen} images)`);
  assert.ok(Number(before.trainPoints) > 10 && Number(before.valPoints) >= 2, 'training and validation curves have points');
  await page.waitForTimeout(1500);
  const paused = await dataset(page);
  assert.equal(paused.imagesSeen, before.imagesSeen, 'no progress while paused');
  assert.equal(paused.trainPoints, before.trainPoints);

  await page.click('[data-testid=train-reset]');
  await page.waitForFunction(() => Number(document.querySelector('main').dataset.imagesSeen) === 0
    && document.querySelector('main').dataset.trainPoints === '0' && document.querySelector('main').dataset.valPoints === '1', null, { timeout: 20_000 });
  assert.equal(await number(page, 'train-epoch'), 0, 'epoch counter back to 0');
  assert.ok(await number(page, 'val-accuracy') < 30, 'validation accuracy of the fresh random network');
  await page.locator('[data-testid=runs]').scrollIntoViewIfNeeded(); // panels paint when on screen
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=run-item]').length === 2, null, { timeout: 10_000 });
  assert.equal(await page.locator('[data-testid=run-item]').count(), 2, 'the trained run is kept for comparison beside the new one');
  clean(page);
  await page.close();
});

/**
 * A pkg/ network's accuracy on the page's 2,000 validation images, in percent: the built-in
 * network of `variant` (LeNet5.load), or the weights file `bytes` of it (LeNet5.fromBytes).
 */
async function valAccuracy(page, variant, bytes) {
  return page.evaluate(async ([v, file]) => {
    const { loadSubset } = await import('/www/pages/train/data.js');
    const core = await import('/pkg/convscope.js');
    await core.default();
    const { val } = await loadSubset('/www/assets/mnist-train.bin.gz');
    const net = file ? core.LeNet5.fromBytes(new Uint8Array(file), v) : core.LeNet5.load(v);
    const px = new Float32Array(784);
    let correct = 0;
    for (let i = 0; i < val.count; i++) {
      for (let k = 0; k < 784; k++) px[k] = val.pixels[i * 784 + k] / 255;
      const p = net.probabilities(px);
      let best = 0;
      for (let d = 1; d < 10; d++) if (p[d] > p[best]) best = d;
      if (best === val.labels[i]) correct++;
    }
    if (val.count !== 2000) throw new Error(`expected 2,000 validation images, got ${val.count}`);
    return (100 * correct) / val.count;
  }, [variant, bytes ? [...bytes] : null]);
}

test('weights exported after a one-epoch run load into pkg/ LeNet5.fromBytes and reproduce the trainer\'s validation accuracy on the same 2,000 images; imported back they start a run at that accuracy', { timeout: TRAIN_LIMIT_MS + 120_000 }, async () => {
  const b = await getBrowser();
  const page = await open(b, 'train.html?lang=en#v=classic&ep=1');
  await page.click('[data-testid=train-start]');
  await page.waitForFunction(() => document.querySelector('[data-testid=train-state]').textContent.startsWith('Finished'), null, { timeout: TRAIN_LIMIT_MS, polling: 500 });
  const shown = await number(page, 'val-accuracy');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=train-export]')]);
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'CSLENET5', 'a LeNet-5 weights file');
  const accuracy = await valAccuracy(page, 'classic', bytes);
  assert.ok(accuracy > 90, `exported network: ${accuracy} %`);
  assert.ok(Math.abs(accuracy - shown) <= 0.5, `exported network ${accuracy} % vs trainer ${shown} % (f16 weights: a few images may flip)`);

  // Imported back, the file starts a new run whose first validation is that network's.
  await page.setInputFiles('[data-testid=train-import]', { name: 'trained.bin', mimeType: 'application/octet-stream', buffer: bytes });
  await page.waitForFunction(() => document.querySelector('[data-testid=init-from]').textContent.includes('trained.bin')
    && document.querySelector('main').dataset.imagesSeen === '0' && document.querySelector('main').dataset.valPoints === '1', null, { timeout: 30_000 });
  const imported = await number(page, 'val-accuracy');
  assert.ok(Math.abs(imported - accuracy) <= 0.5, `imported weights validate at ${imported} %, the file at ${accuracy} %`);
  clean(page);
  await page.close();
});

test('train.html?lang=ko has no text made only of Latin words beyond the allow-list, ?lang=en no Hangul; neither has a serious or critical axe-core violation', async () => {
  const b = await getBrowser();
  for (const [lang, check] of [['ko', latinOnly], ['en', withHangul]]) {
    const page = await open(b, `train.html?lang=${lang}`);
    await page.waitForFunction(() => document.querySelector('[data-testid=probe-caption]').textContent !== '', null, { timeout: 20_000 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    const bad = check(await readerTexts(page));
    assert.deepEqual(bad, [], `${lang}:\n${describeTexts(bad)}`);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    clean(page);
    await page.close();
  }
});

test('a digit drawn on the "Try it" pad becomes the probe: its caption says so, with a top probability between 10 % and 100 %', async () => {
  const b = await getBrowser();
  const page = await open(b, 'train.html?lang=en');
  const box = await page.locator('[data-testid=train-pad]').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 20);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2, box.y + 20 + i * 13);
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('[data-testid=probe-caption]').textContent.startsWith('your drawing'), null, { timeout: 20_000 });
  const p = Number((await page.textContent('[data-testid=probe-caption]')).match(/\(([\d.]+) %\)/)[1]);
  assert.ok(p >= 10 && p <= 100, `the top probability of ten is at least a tenth (${p} %)`);
  clean(page);
  await page.close();
});

test('"Start from the shipped weights" starts a run at the student view\'s own accuracy for each variant; "Start from scratch" goes back to random weights', { timeout: 180_000 }, async () => {
  const b = await getBrowser();
  const page = await open(b, 'train.html?lang=en#v=classic');
  // A new run has validated once before training; `good` tells the shipped start (> 90 %) from random weights.
  const freshRun = (text, good) => page.waitForFunction(([want, hi]) => {
    const acc = Number(document.querySelector('[data-testid=val-accuracy]').textContent);
    const d = document.querySelector('main').dataset;
    return document.querySelector('[data-testid=init-from]').textContent.includes(want)
      && d.imagesSeen === '0' && d.valPoints === '1' && Number.isFinite(acc) && (hi ? acc > 90 : acc < 40);
  }, [text, good], { timeout: 60_000, polling: 100 });
  const scratch = await number(page, 'val-accuracy');
  assert.ok(scratch < 40, `random weights validate at ${scratch} %`);
  await page.click('[data-testid=train-init-shipped]');
  await freshRun('shipped weights', true);
  for (const variant of ['classic', 'modern']) {
    if (variant === 'modern') {
      await page.selectOption('[data-testid=knob-v]', 'modern');
      await page.waitForFunction(() => document.querySelector('[data-testid=init-from]').textContent.includes('shipped')
        && document.querySelector('main').dataset.valPoints === '0', null, { timeout: 30_000 });
      await freshRun('shipped weights', true);
    }
    const shown = await number(page, 'val-accuracy');
    const expected = await valAccuracy(page, variant);
    assert.ok(expected > 97, `the ${variant} shipped network validates at ${expected} %`);
    assert.ok(Math.abs(shown - expected) <= 0.1, `${variant}: the run starts at ${shown} %, the student view's network scores ${expected} %`);
  }
  assert.equal(await page.isHidden('[data-testid=train-init-shipped]'), true, 'the shipped button hides while it is the start');
  await page.click('[data-testid=train-init-scratch]');
  await freshRun('random weights', false);
  assert.ok(await number(page, 'val-accuracy') < 40, 'back to random weights');
  clean(page);
  await page.close();
});
