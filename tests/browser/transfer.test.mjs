// The transfer-learning page (transfer.html) in headless Chromium, against the real engine
// (pkg-train/ Transfer, the demo alphabets): the demo alphabet loads with one click; feature
// extraction with the default settings reaches >= 80 % held-out accuracy within a bounded time,
// with no main-thread long task over 50 ms while it trains; a held-out demo image put on the
// "Try it" pad and a symbol drawn with the mouse each get a top class among the new ones;
// fine-tuning walks the lecture's six steps and unlocks only the top of the base; the engine's
// named errors (too few classes, a class without examples, duplicate names, a blank drawing) show
// inline in the page's language; the adapted network exported and imported back predicts the
// same; the Korean page has no text made only of Latin words, the English one no Hangul. Zero
// console errors and no off-origin requests throughout. One browser for the file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, longTasksBetween, observeLongTasks } from './harness.mjs';
import { readerTexts, latinOnly, withHangul, describeTexts } from './i18n.mjs';

/** Bound on loading the page and training feature extraction with the defaults (a loaded CI machine). */
const TRAIN_LIMIT_MS = 30_000;

let browser;
const getBrowser = async () => (browser ??= await launch());
after(async () => { await browser?.close(); });

async function open(path) {
  const b = await getBrowser();
  const page = await b.newPage();
  await page.addInitScript(observeLongTasks);
  await page.goto(`${b.url}${path}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=transfer-demo]')?.disabled === false, null, { timeout: 30_000 });
  return page;
}

function clean(page) {
  assert.deepEqual(page.errors, [], 'no console errors');
  assert.deepEqual(page.offOrigin, [], 'no off-origin requests');
}

const classNames = (page) => page.$$eval('[data-testid=transfer-class] .tf-class-name', (es) => es.map((e) => e.textContent));
/** Presses Train and waits until that run has finished (every step trained) and the page shows it. */
async function train(page) {
  const runs = await page.$eval('main', (m) => Number(m.dataset.runs));
  await page.click('[data-testid=transfer-train]');
  await page.waitForFunction((n) => {
    const m = document.querySelector('main').dataset;
    return Number(m.runs) > n && m.state === 'idle' && m.done === '1' && !document.querySelector('[data-testid=transfer-train]').disabled;
  }, runs, { timeout: TRAIN_LIMIT_MS });
}

async function loadDemo(page) {
  await page.click('[data-testid=transfer-demo]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=transfer-class]').length >= 2, null, { timeout: 10_000 });
}

/** Draws the strokes (lists of [x, y] in 0…1 of the pad) on the pad `testid`. */
async function draw(page, testid, strokes) {
  const pad = page.getByTestId(testid);
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  for (const stroke of strokes) {
    await page.mouse.move(box.x + stroke[0][0] * box.width, box.y + stroke[0][1] * box.height);
    await page.mouse.down();
    for (const [x, y] of stroke.slice(1)) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 8 });
    await page.mouse.up();
  }
}

test('demo alphabet + feature extraction with the defaults: held-out accuracy >= 80 % within the bound, no main-thread long task > 50 ms; a held-out image and a drawn symbol on "Try it" each get a top class among the new ones', { timeout: TRAIN_LIMIT_MS + 60_000 }, async () => {
  const page = await open('transfer.html?lang=en');
  assert.deepEqual(withHangul(await readerTexts(page)), [], 'the English page before a demo is loaded has no Hangul');
  const t0 = await page.evaluate(() => performance.now());
  await loadDemo(page);
  const names = await classNames(page);
  assert.ok(names.length >= 2 && names.length <= 10, `classes ${names}`);
  const examples = await page.$$eval('[data-testid=transfer-class]', (es) => es.map((e) => Number(e.dataset.examples)));
  assert.ok(examples.every((n) => n === examples[0] && n >= 1), `examples per class ${examples}`);
  assert.equal(await page.isChecked('[data-testid=transfer-method-extract]'), true, 'feature extraction is the default method');
  await train(page);
  let t1 = await page.evaluate(() => performance.now());
  const accuracy = Number(await page.textContent('[data-testid=transfer-accuracy]'));
  assert.ok(accuracy >= 80, `held-out accuracy ${accuracy} %`);
  assert.ok(t1 - t0 < TRAIN_LIMIT_MS, `demo + training took ${Math.round(t1 - t0)} ms`);
  const longBetween = (from, to) => longTasksBetween(page, from, to);
  let long = await longBetween(t0, t1);
  // A long task is wall-clock time: on a machine whose cores are busy with other jobs the main
  // thread waits for a core inside a short task (as in train.test.mjs). Such a run gets up to
  // four more training runs (about a second each), one of which must be free of long tasks; the
  // page's own too-long work shows up in every one.
  for (let retry = 0; retry < 4 && long.length; retry++) {
    const from = await page.evaluate(() => performance.now());
    await train(page);
    t1 = await page.evaluate(() => performance.now());
    long = await longBetween(from, t1);
  }
  assert.deepEqual(long, [], 'no long task > 50 ms on the main thread while training');
  // The frozen layers are locked on the diagram: the conv base and F6; the new head is not.
  const frozen = await page.$$eval('[data-testid^=transfer-layer-]', (es) => Object.fromEntries(es.map((e) => [e.dataset.testid.slice(15), e.dataset.frozen])));
  assert.deepEqual(frozen, { input: 'false', C1: 'true', S2: 'true', C3: 'true', S4: 'true', C5: 'true', F6: 'true', output: 'false' });

  // A held-out demo image on the "Try it" pad (drawn there as a picture, then read as a drawing).
  await page.click('[data-testid=transfer-try-sample]');
  await page.waitForFunction(() => document.querySelector('[data-testid=transfer-top]').textContent !== '–', null, { timeout: 10_000 });
  assert.ok(names.includes(await page.textContent('[data-testid=transfer-top]')), 'the top class is one of the new classes');
  assert.equal(await page.locator('[data-testid=transfer-probabilities] li').count(), names.length, 'one bar per class');
  // A symbol drawn with the mouse: two strokes like the demo's first shapes.
  await page.click('[data-testid=transfer-try-clear]');
  await page.waitForFunction(() => document.querySelector('[data-testid=transfer-top]').textContent === '–');
  await draw(page, 'transfer-try-pad', [[[0.2, 0.25], [0.8, 0.25], [0.8, 0.8]]]);
  await page.waitForFunction(() => document.querySelector('[data-testid=transfer-top]').textContent !== '–', null, { timeout: 10_000 });
  assert.ok(names.includes(await page.textContent('[data-testid=transfer-top]')), 'a drawn symbol gets a top class');
  clean(page);
  await page.close();
});

test('fine-tuning follows the lecture\'s six steps, each shown, and unlocks the top of the base (C5, F6) while C1 and C3 stay locked', { timeout: 60_000 }, async () => {
  const page = await open('transfer.html?lang=en#m=finetune&k=2&hs=30&fs=30');
  await loadDemo(page);
  assert.equal(await page.locator('[data-testid=transfer-steps] li').count(), 6, 'six steps');
  await train(page);
  assert.equal(await page.locator('[data-testid=transfer-steps] li.tf-step-done').count(), 6, 'every step done');
  const frozen = await page.$$eval('[data-testid^=transfer-layer-]', (es) => Object.fromEntries(es.map((e) => [e.dataset.testid.slice(15), e.dataset.frozen])));
  assert.deepEqual(frozen, { input: 'false', C1: 'true', S2: 'true', C3: 'true', S4: 'true', C5: 'false', F6: 'false', output: 'false' });
  assert.match(await page.textContent('[data-testid=transfer-steps-done]'), /^60$/, 'head steps + fine-tuning steps');
  clean(page);
  await page.close();
});

test('the engine\'s named errors show inline in Korean and change nothing: one class, a class without examples, duplicate names, a blank drawing', async () => {
  const page = await open('transfer.html?lang=ko');
  const error = () => page.textContent('[data-testid=transfer-error]');
  const addClass = async (name) => { await page.fill('[data-testid=transfer-class-name]', name); await page.click('[data-testid=transfer-class-add]'); };
  await addClass('가');
  await page.click('[data-testid=transfer-add-example]');
  assert.match(await error(), /그림판이 비어 있습니다/, 'blank drawing');
  await draw(page, 'transfer-pad', [[[0.3, 0.3], [0.7, 0.7]]]);
  await page.click('[data-testid=transfer-add-example]');
  await page.waitForFunction(() => document.querySelector('[data-testid=transfer-class]').dataset.examples === '1');
  await page.click('[data-testid=transfer-train]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=transfer-error]').hidden);
  assert.match(await error(), /클래스가 2개 이상 필요합니다/, 'too few classes');
  await addClass('나');
  await page.click('[data-testid=transfer-train]');
  await page.waitForFunction(() => /예시가 없습니다/.test(document.querySelector('[data-testid=transfer-error]').textContent));
  assert.match(await error(), /“나” 클래스에 아직 예시가 없습니다/, 'class without examples, named');
  await addClass('가');
  await page.click('[data-testid=transfer-train]');
  await page.waitForFunction(() => /이름의 클래스가 둘/.test(document.querySelector('[data-testid=transfer-error]').textContent));
  assert.equal(await page.textContent('[data-testid=transfer-accuracy]'), '–', 'no run started');
  assert.equal(await page.evaluate(() => document.querySelector('main').dataset.state), 'idle');
  clean(page);
  await page.close();
});

test('the adapted network exported and imported back names the same classes and reads the same drawing the same (within f16 rounding); ?lang=ko after training has no Latin-only text', { timeout: 60_000 }, async () => {
  const page = await open('transfer.html?lang=ko#demo=math&k=10');
  await loadDemo(page);
  await train(page);
  const bad = latinOnly(await readerTexts(page));
  assert.deepEqual(bad, [], `ko:\n${describeTexts(bad)}`);
  const plus = [[[0.5, 0.2], [0.5, 0.8]], [[0.2, 0.5], [0.8, 0.5]]];
  const bars = () => page.$$eval('[data-testid=transfer-probabilities] li', (es) => es.map((e) => [e.dataset.name, Number.parseFloat(e.lastElementChild.textContent)]));
  const predicted = () => page.waitForFunction(() => document.querySelector('[data-testid=transfer-top]').textContent !== '–', null, { timeout: 10_000 });
  await draw(page, 'transfer-try-pad', plus);
  await predicted();
  const before = await bars();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=transfer-export]')]);
  const bytes = await readFile(await download.path());
  await page.setInputFiles('[data-testid=transfer-import]', { name: 'adapted.bin', mimeType: 'application/octet-stream', buffer: bytes });
  await page.waitForFunction(() => /가져온/.test(document.querySelector('[data-testid=transfer-state]').textContent), null, { timeout: 10_000 });
  await page.click('[data-testid=transfer-try-clear]');
  await draw(page, 'transfer-try-pad', plus);
  await predicted();
  const after = await bars();
  assert.deepEqual(after.map(([n]) => n), before.map(([n]) => n), 'the same classes in the same order');
  for (let i = 0; i < before.length; i++) assert.ok(Math.abs(after[i][1] - before[i][1]) <= 2, `${before[i][0]}: ${before[i][1]} % before, ${after[i][1]} % after`);
  clean(page);
  await page.close();
});
