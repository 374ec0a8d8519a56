// The student view (index.html) in Korean, in headless Chromium: the unit arithmetic, the
// prediction's announcement, the receptive-field read-out and an error are Korean sentences that
// name the same numbers as the English page; the keys dialog and the open unit panel have no
// English left; switching language with a unit open keeps the sample, the variant, the unit and
// the hash and rewrites every text. Zero console errors, no off-origin requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openStudent, studentReady } from './harness.mjs';
import { readerTexts, latinOnly, withHangul, describeTexts } from './i18n.mjs';

const HANGUL = /[\uac00-\ud7af]/;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The student page in `lang` with the URL `hash`, started. */
const open = (lang, hash) => openStudent(browser, `?lang=${lang}${hash}`);

/** Opens C3's unit right of the middle of map 0 from the keyboard (Enter). */
async function openC3Unit(page) {
  await page.getByTestId('layer-C3').locator('canvas.map').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="unit-math"] .um-grid td').length === 75);
}

/** Every number written in `text` (with a real or ASCII minus), sorted: word order differs between languages. */
const numbers = (text) => (text.replace(/−/g, '-').match(/-?\d+(\.\d+)?/g) ?? []).sort();

/** The texts of the unit panel and the announcements, after a C3 unit was opened. */
async function unitTexts(lang) {
  const page = await open(lang, '#sample=1');
  await openC3Unit(page);
  const read = (id) => page.getByTestId(id).textContent();
  const out = {
    title: await page.locator('[data-testid="unit-math"] .um-title').textContent(),
    intro: await page.locator('[data-testid="unit-math"] .um-body > p').first().textContent(),
    z: await read('unit-z'),
    check: await page.locator('[data-testid="unit-math"] .um-check').textContent(),
    announce: await read('announce'),
    unitAnnounce: await read('unit-announce'),
    rf: await read('rf-info'),
    bad: latinOnly(await readerTexts(page)),
    hangul: withHangul(await readerTexts(page)),
  };
  assert.deepEqual(page.errors, [], 'console errors');
  assert.deepEqual(page.offOrigin, [], 'requests to other origins');
  await page.close();
  return out;
}

test('with ?lang=ko the unit arithmetic, the prediction\'s announcement and the receptive field are Korean and name the same numbers as in English', async () => {
  const en = await unitTexts('en');
  const ko = await unitTexts('ko');
  // English, as the page wrote it before the catalogs (sample 1 is a 2).
  assert.equal(en.title, 'C3 map 0, row 5, col 6');
  assert.equal(en.announce, 'The network reads 2.');
  assert.match(en.intro, /^It multiplies a 6×5×5 window of S2 \(rows 5–9, cols 6–10, all 6 maps\)/);
  assert.deepEqual(en.hangul, [], `Hangul on the English page:\n${describeTexts(en.hangul)}`);
  // Korean: the same unit, the same window, the same sums.
  assert.equal(ko.title, 'C3 맵 0, 5행, 6열');
  assert.equal(ko.announce, '신경망의 예측: 2.');
  assert.match(ko.intro, HANGUL);
  assert.match(ko.intro, /S2의 6×5×5 창\(5–9행, 6–10열, 맵 6개 전체\)/);
  assert.deepEqual(numbers(ko.intro), numbers(en.intro));
  assert.equal(ko.z, en.z);
  assert.match(ko.check, /✓ 일치/);
  assert.deepEqual(numbers(ko.check), numbers(en.check));
  assert.match(ko.unitAnnounce, /^C3 맵 0, 5행, 6열: /);
  assert.match(ko.unitAnnounce, HANGUL);
  assert.match(ko.rf, /^C3 맵 0, 5행, 6열의 수용 영역: /);
  assert.deepEqual(numbers(ko.rf), numbers(en.rf));
  // No English left with the panel open.
  assert.deepEqual(ko.bad, [], `English left on the Korean page:\n${describeTexts(ko.bad)}`);
});

test('with ?lang=ko the keys dialog, a pooling unit and a dense unit have no English left', async () => {
  const page = await open('ko', '#sample=0');
  await page.getByTestId('keys-button').click();
  await page.getByTestId('keys-dialog').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#keys-h').textContent(), '키보드 단축키');
  let bad = latinOnly(await readerTexts(page));
  assert.deepEqual(bad, [], `keys dialog:\n${describeTexts(bad)}`);
  await page.keyboard.press('Escape');
  for (const [layer, kind] of [['S2', 'pool'], ['F6', 'dense'], ['input', 'input'], ['output', 'dense']]) {
    await page.getByTestId(`layer-${layer}`).locator('canvas.map').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(([k, l]) => document.querySelector('[data-testid="unit-math"]').dataset.kind === k
      && document.querySelector('[data-testid="unit-math"] .um-title').textContent.includes(l), [kind, { input: '입력', output: '출력' }[layer] ?? layer]);
    bad = latinOnly(await readerTexts(page));
    assert.deepEqual(bad, [], `${layer} unit:\n${describeTexts(bad)}`);
  }
  assert.deepEqual(page.errors, [], 'console errors');
  await page.close();
});

test('switching to 한국어 with a unit open keeps the sample, the variant, the unit and the hash, and rewrites every text; back to English the same', async () => {
  const page = await open('en', '#sample=1&variant=modern');
  await openC3Unit(page);
  const state = () => page.evaluate(() => ({
    hash: location.hash,
    prediction: document.querySelector('[data-testid="prediction"]').textContent,
    modern: document.querySelector('[data-testid="variant-modern"]').getAttribute('aria-pressed'),
    z: document.querySelector('[data-testid="unit-z"]').textContent,
    open: !document.querySelector('[data-testid="unit-math"]').hidden,
    pad: document.querySelector('[data-testid="draw-pad"]').toDataURL(),
  }));
  const before = await state();
  assert.equal(before.modern, 'true');
  await page.click('[data-testid=lang-ko]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert.deepEqual(await state(), before);
  assert.equal(await page.locator('[data-testid="unit-math"] .um-title').textContent(), 'C3 맵 0, 5행, 6열');
  assert.match(await page.getByTestId('layer-C3').locator('figcaption').textContent(), /합성곱 5×5 \+ relu/);
  assert.match(await page.getByTestId('compare').textContent(), /^고전 신경망의 답: 2 /);
  assert.match(await page.getByTestId('sample-info').textContent(), /정답 2 \(샘플 1\)/);
  const bad = latinOnly(await readerTexts(page));
  assert.deepEqual(bad, [], `English left after the switch:\n${describeTexts(bad)}`);
  await page.click('[data-testid=lang-en]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(await state(), before);
  assert.equal(await page.locator('[data-testid="unit-math"] .um-title').textContent(), 'C3 map 0, row 5, col 6');
  const hangul = withHangul(await readerTexts(page));
  assert.deepEqual(hangul, [], `Hangul left after switching back:\n${describeTexts(hangul)}`);
  assert.deepEqual(page.errors, [], 'console errors');
  await page.close();
});

test('with ?lang=ko an out-of-range sample is reported in Korean with its number and the range, not the core\'s English', async () => {
  const page = await open('ko', '#sample=999');
  await page.waitForFunction(() => document.querySelector('[data-testid="error"]').textContent.length > 0);
  const text = await page.getByTestId('error').textContent();
  assert.match(text, HANGUL);
  assert.match(text, /999/);
  assert.match(text, /0부터 \d+까지/);
  assert.doesNotMatch(text, /invalid|expected|got/);
  // The same error in English after a switch.
  await page.click('[data-testid=lang-en]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.getByTestId('error').textContent(), /`index`.*0 to \d+.*999/);
  assert.deepEqual(page.errors, [], 'console errors');
  await page.close();
});

/**
 * Texts cut off at the side by their box: elements holding text whose box clips (overflow other
 * than visible, or size / paint containment) and whose content is wider than the box. (Heights
 * are not compared: a line box taller than its glyphs overflows a fixed-height box by a pixel or
 * two without hiding any ink.)
 */
function clippedTexts(page) {
  return page.evaluate(() => {
    const out = [];
    for (const e of document.querySelectorAll('body *')) {
      if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      if (!e.checkVisibility()) continue;
      const cs = getComputedStyle(e);
      const clips = cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || /strict|size|paint|content/.test(cs.contain);
      if (!clips || cs.overflowX === 'auto' || cs.overflowY === 'auto' || e.closest('.visually-hidden')) continue;
      if (e.scrollWidth > e.clientWidth + 1) out.push(`${e.tagName.toLowerCase()}.${e.className}: “${e.textContent.trim().slice(0, 40)}” ${e.scrollWidth} px wide in ${e.clientWidth}`);
    }
    return out;
  });
}

for (const [width, height] of [[1400, 900], [390, 844]]) {
  test(`at ${width}×${height} no text is cut off by its box, in Korean and English, before and after drawing and with a unit open`, async () => {
    const phone = width < 600;
    const b = await launch({ viewport: { width, height }, hasTouch: phone, isMobile: phone });
    try {
      for (const lang of ['ko', 'en']) {
        const page = await b.newPage();
        await page.goto(`${b.url}index.html?lang=${lang}`);
        await studentReady(page);
        assert.deepEqual(await clippedTexts(page), [], `${lang}, nothing drawn`);
        await page.getByTestId('sample-8').click();
        await page.waitForFunction(() => /^\d$/.test(document.querySelector('[data-testid="prediction"]').textContent.trim()));
        assert.deepEqual(await clippedTexts(page), [], `${lang}, a sample shown`);
        await page.getByTestId('layer-C1').locator('canvas.map').focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="unit-math"] .um-grid td').length === 75);
        assert.deepEqual(await clippedTexts(page), [], `${lang}, a unit open`);
        assert.deepEqual(page.errors, [], 'console errors');
        await page.close();
      }
    } finally {
      await b.close();
    }
  });
}
