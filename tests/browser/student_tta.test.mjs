// Test-time augmentation on the student view (index.html), in headless Chromium: the switch
// shows K thumbnails, each with its own digit and confidence, and the combined prediction; K
// changes the count (a K the core refuses is named and changes nothing); the mean and the
// max-confidence rules give combined numbers that agree with the copies' own; the settings
// live in the URL hash; the Korean page has no English left in the panel. Zero console errors,
// no off-origin requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openStudent } from './harness.mjs';
import { readerTexts, latinOnly, withHangul, describeTexts } from './i18n.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The student page in `lang` with the URL `hash`, started. */
const open = (lang, hash) => openStudent(browser, `?lang=${lang}${hash}`);

/** A percentage as the page writes it ("98.5 %", "100 %") → number. */
const percent = (s) => Number(s.replace(/\s*%.*$/, '').replace('−', '-'));

/** What the page shows: the copies (digit, confidence %, chosen), the prediction, its confidence %, the note. */
function shown(page) {
  return page.evaluate(() => {
    const copies = [...document.querySelectorAll('[data-testid="tta-copy"]')].map((li) => ({
      digit: Number(li.querySelector('.tta-digit').textContent),
      conf: li.getAttribute('aria-label').match(/[\d.]+ %/)[0],
      short: li.querySelector('.tta-conf').textContent,
      chosen: li.classList.contains('chosen'),
    }));
    const digit = Number(document.querySelector('[data-testid="prediction"]').textContent);
    const bar = document.querySelector(`[data-testid="bar-${digit}"]`).nextElementSibling.textContent;
    return { copies, digit, conf: bar, note: document.querySelector('[data-testid="tta-on"]').textContent, hash: location.hash };
  });
}

const countIs = (page, n) => page.waitForFunction((k) => document.querySelectorAll('[data-testid="tta-copy"]').length === k, n, { timeout: 5000 });

test('the TTA switch shows K thumbnails and their combined prediction; K and the rule change them consistently; the hash keeps them', async () => {
  const page = await open('en', '#sample=1');
  assert.equal(await page.locator('.tta-body').isVisible(), false, 'controls hidden while off');
  assert.equal(await page.getByTestId('tta-on').textContent(), '');
  await page.getByTestId('tta-toggle').check();
  await countIs(page, 8);
  let s = await shown(page);
  assert.equal(s.copies.length, 8, 'default K = 8');
  assert.equal(s.note, 'TTA on: mean of 8 copies');
  assert.match(s.hash, /(^#|&)tta(&|$)/);
  assert.match(s.hash, /sample=1/);
  // Sample 1 is a clear 2: every copy reads it, so the mean of the copies' confidences is the
  // combined probability (each shown rounded: within 1 point).
  assert.equal(s.digit, 2);
  assert.ok(s.copies.every((c) => c.digit === 2), JSON.stringify(s.copies));
  const mean = s.copies.reduce((a, c) => a + percent(c.conf), 0) / s.copies.length;
  assert.ok(Math.abs(mean - percent(s.conf)) <= 1, `mean of copies ${mean} vs combined ${s.conf}`);
  assert.ok(s.copies.every((c) => !c.chosen), 'no copy is singled out under the mean rule');
  assert.ok(s.copies.every((c) => Math.abs(percent(c.short) - percent(c.conf)) <= 0.5), 'the thumbnail shows the copy\'s confidence');
  const meanConf = percent(s.conf);

  // Max rule: the combined prediction is the most confident copy's, and that copy is marked.
  await page.getByTestId('tta-rule').selectOption('max');
  await page.waitForFunction(() => /most confident/.test(document.querySelector('[data-testid="tta-on"]').textContent));
  s = await shown(page);
  const best = Math.max(...s.copies.map((c) => percent(c.conf)));
  assert.equal(percent(s.conf), best);
  assert.equal(s.copies.filter((c) => c.chosen).length, 1);
  assert.equal(percent(s.copies.find((c) => c.chosen).conf), best);
  assert.ok(best >= meanConf, `max ${best} ≥ mean ${meanConf}`);
  assert.match(s.hash, /ttaRule=max/);

  // K: 4 copies, then 12; a K the core refuses (40) is named and changes nothing.
  await page.getByTestId('tta-k').fill('4');
  await page.getByTestId('tta-k').dispatchEvent('change');
  await countIs(page, 4);
  await page.getByTestId('tta-k').fill('12');
  await page.getByTestId('tta-k').dispatchEvent('change');
  await countIs(page, 12);
  assert.match(await page.getByTestId('tta-on').textContent(), /of 12 copies/);
  await page.getByTestId('tta-k').fill('40');
  await page.getByTestId('tta-k').dispatchEvent('change');
  assert.equal(await page.getByTestId('tta-error').textContent(), 'K must be a whole number from 1 to 32.');
  assert.equal(await page.getByTestId('tta-k').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('[data-testid="tta-copy"]').count(), 12);
  assert.match(await page.evaluate(() => location.hash), /ttaK=12/);

  // Drawing a stroke with TTA on: the copies follow the drawing.
  const before = await page.locator('[data-testid="tta-copy"] canvas').first().evaluate((c) => c.toDataURL());
  const box = await page.getByTestId('draw-pad').boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.8, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction((b) => document.querySelector('[data-testid="tta-copy"] canvas').toDataURL() !== b, before);
  assert.equal(await page.locator('[data-testid="tta-copy"]').count(), 12);

  // Off again: the plain prediction, no note, no TTA in the hash.
  await page.getByTestId('tta-toggle').uncheck();
  await page.waitForFunction(() => document.querySelector('[data-testid="tta-on"]').textContent === '');
  assert.doesNotMatch(await page.evaluate(() => location.hash), /(^#|&)tta(&|$)/);
  assert.deepEqual(page.errors, [], 'console errors');
  assert.deepEqual(page.offOrigin, [], 'requests to other origins');
  await page.close();
});

test('TTA settings in the hash open the panel in Korean with no English left; a bad hash value is named and the defaults are used', async () => {
  const page = await open('ko', '#sample=1&tta&ttaK=5&ttaRule=max');
  await countIs(page, 5);
  assert.equal(await page.getByTestId('tta-toggle').isChecked(), true);
  assert.equal(await page.getByTestId('tta-rule').inputValue(), 'max');
  assert.match(await page.getByTestId('tta-on').textContent(), /^TTA 켜짐: 복사본 5개 중 가장 확신하는 것$/);
  assert.match(await page.locator('[data-testid="tta-copy"]').first().getAttribute('aria-label'), /^복사본 1\(그린 그대로\): 2, 확률 /);
  const bad = latinOnly(await readerTexts(page));
  assert.deepEqual(bad, [], `English left on the Korean page:\n${describeTexts(bad)}`);
  assert.deepEqual(page.errors, [], 'console errors');
  await page.close();

  const en = await open('en', '#sample=1&tta&ttaShift=9');
  await countIs(en, 8);
  assert.equal(await en.getByTestId('tta-error').textContent(), 'Shift ± px must be a number from 0 to 6.');
  assert.equal(await en.getByTestId('tta-shift').inputValue(), '1');
  const hangul = withHangul(await readerTexts(en));
  assert.deepEqual(hangul, [], `Hangul on the English page:\n${describeTexts(hangul)}`);
  assert.deepEqual(en.errors, [], 'console errors');
  assert.deepEqual([...page.offOrigin, ...en.offOrigin], [], 'requests to other origins');
  await en.close();
});

test('with K = 1 the note says the one copy is the digit as drawn, whatever the rule, in both languages', async () => {
  for (const [lang, rule, note] of [['en', 'mean', 'TTA on: 1 copy, the digit as drawn'], ['en', 'max', 'TTA on: 1 copy, the digit as drawn'], ['ko', 'max', 'TTA 켜짐: 복사본 1개(그린 그대로)']]) {
    const page = await open(lang, `#sample=1&tta&ttaK=1&ttaRule=${rule}`);
    await countIs(page, 1);
    assert.equal(await page.getByTestId('tta-on').textContent(), note, `${lang}, ${rule}`);
    assert.deepEqual(page.errors, [], 'console errors');
    await page.close();
  }
});
