// The playground (playground.html) in Korean and English (issue 14), in headless Chromium: every
// mode, its notices and its error states read in the page's language (?lang=ko: no visible or
// spoken text made only of Latin words beyond the allow-list of tests/browser/i18n.mjs; ?lang=en:
// no Hangul); the core's errors become the page's own Korean sentences built from their values;
// switching language in place re-words every text and keeps the settings, the undo history, the
// animation step and the URL hash. Zero console errors, no off-origin requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { readerTexts, latinOnly, withHangul, describeTexts } from './i18n.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const HANGUL = /[\uac00-\ud7af]/;

/** Opens the playground in `lang` at `hash` and waits until the core has computed. */
async function open(lang, hash = '') {
  const page = await browser.newPage();
  await page.goto(`${browser.url}playground.html?lang=${lang}${hash}`);
  await page.waitForSelector('[data-testid=loading]', { state: 'hidden' });
  return page;
}

const text = (page, id) => page.textContent(`[data-testid=${id}]`);
const hashOf = (page) => new URL(page.url()).hash;

function clean(page) {
  assert.deepEqual(page.errors, [], 'no console errors');
  assert.deepEqual(page.offOrigin, [], 'no off-origin requests');
}

/**
 * States other than the default convolution (the cross-page test covers that one): each mode,
 * a link with bad settings (notices), settings with no output and a kernel whose channels do
 * not match the input (the core's errors).
 */
const STATES = {
  pooling: '#mode=pool&input=lecture8&window=2&pstride=2&ppadding=0&shift=1&dir=x',
  'pooling with too big a window': '#mode=pool&input=lecture4&window=5&pstride=5&ppadding=0',
  'transposed convolution': '#mode=transposed&dim=2&tin=2x2:1,2,3,4&tk=3x3:1,1,1,1,1,1,1,1,1&tstride=2&tpadding=0&toutpad=0&step=2&speed=1',
  'transposed convolution, 1-D': '#mode=transposed&dim=1&tin=1x3:1,2,3&tk=1x3:1,2,1&tstride=2&tpadding=0&toutpad=0&step=1&speed=1',
  'transposed convolution with output padding ≥ stride': '#mode=transposed&dim=2&tin=2x2:1,2,3,4&tk=3x3:1,1,1,1,1,1,1,1,1&tstride=2&tpadding=0&toutpad=2',
  'text (1-D convolution)': '#mode=text&sentence=the+movie+was+not+good+at+all&detector=negated-praise&step=3&speed=1',
  'convolution with no output': '#mode=conv&dilation=2',
  'a link with bad settings': '#mode=conv&input=nope&stride=99&padding=-3&bogus=1&speed=100&edits=bad',
  'a kernel with more channels than the input': '#mode=conv&input=lecture4&kernel=2x1x1:1,2',
};

for (const [name, hash] of Object.entries(STATES)) {
  test(`${name}: with ?lang=ko no visible or spoken text is made only of Latin words beyond the allow-list; with ?lang=en there is no Hangul`, async () => {
    const ko = await open('ko', hash);
    const badKo = latinOnly(await readerTexts(ko));
    clean(ko);
    await ko.close();
    assert.deepEqual(badKo, [], `English left on the Korean page:\n${describeTexts(badKo)}`);
    const en = await open('en', hash);
    const badEn = withHangul(await readerTexts(en));
    clean(en);
    await en.close();
    assert.deepEqual(badEn, [], `Hangul on the English page:\n${describeTexts(badEn)}`);
  });
}

test('the presenter-keys dialog and a typed out-of-range value are Korean with ?lang=ko', async () => {
  const page = await open('ko');
  await page.keyboard.press('?');
  const dialog = page.locator('[data-testid=keys-help]');
  assert.ok(await dialog.isVisible());
  assert.match(await dialog.textContent(), /발표자 키/);
  assert.equal(await page.locator('[data-testid=keys-examples] li').count(), 6);
  const badDialog = latinOnly(await readerTexts(page));
  assert.deepEqual(badDialog, [], describeTexts(badDialog));
  await page.keyboard.press('Escape');
  await page.fill('[data-testid=stride]', '0');
  assert.match(await text(page, 'error'), /스트라이드 값은 1부터 8까지의 정수여야 합니다/);
  clean(page);
  await page.close();
});

test("the core's errors read as the page's Korean sentences, with the error's own numbers", async () => {
  // conv2d shape_mismatch (param weight): a 2-channel kernel on the 1-channel lecture input.
  let page = await open('ko', '#mode=conv&input=lecture4&kernel=2x1x1:1,2');
  assert.match(await text(page, 'error'), /커널의 채널은 2개인데 입력의 채널은 1개입니다/);
  assert.equal(await page.getAttribute('[data-testid=kernel-text]', 'aria-invalid'), 'true', 'the kernel box is marked');
  clean(page);
  await page.close();
  // outputSize reason (no output): the dilated 3×3 kernel spans 2·(3−1) + 1 = 5 > 4.
  page = await open('ko', '#mode=conv&dilation=2');
  const err = await text(page, 'error');
  assert.match(err, /이 설정으로는 출력이 없습니다/);
  assert.match(err, /팽창된 커널 \(폭 2·\(3−1\) \+ 1 = 5\)이 패딩된 입력\(4 \+ 2·0 = 4\)보다 커서/);
  assert.equal((await text(page, 'output-size')).trim(), '출력 없음');
  clean(page);
  await page.close();
  // pool2d invalid_value (param kernel): a 5-wide window on the 4×4 input.
  page = await open('ko', '#mode=pool&input=lecture4&window=5&pstride=5&ppadding=0');
  assert.match(await text(page, 'error'), /폭 5인 창이 패딩된 입력\(4 \+ 2·0 = 4\)보다 커서/);
  clean(page);
  await page.close();
  // convTranspose2d invalid_value (param outputPadding) and the size reason of outputSize.
  page = await open('ko', '#mode=transposed&dim=2&tin=2x2:1,2,3,4&tk=3x3:1,1,1,1,1,1,1,1,1&tstride=2&tpadding=0&toutpad=2');
  const tr = await text(page, 'error');
  assert.match(tr, /출력 패딩\(outputPadding = 2\)은 스트라이드\(2\)나 팽창\(1\)보다 작아야 합니다/);
  assert.equal(await page.getAttribute('[data-testid=t-outpad]', 'aria-invalid'), 'true');
  clean(page);
  await page.close();
});

test('switching language in place re-words every text and keeps the settings, the undo history, the animation step and the hash', async () => {
  const hash = '#mode=conv&input=lecture8&kernel=lecture8&stride=1&padding=0&dilation=1&filter=0&step=0&speed=1';
  const page = await open('en', hash);
  await page.evaluate(() => { window.__sameDocument = true; });
  // Two settings changes (history entries) and three steps forward.
  await page.fill('[data-testid=padding]', '1');
  await page.waitForFunction(() => /padding=1/.test(location.hash));
  await page.selectOption('[data-testid=kernel-preset]', 'sobel-x');
  await page.waitForFunction(() => /kernel=sobel-x/.test(location.hash));
  for (let i = 0; i < 3; i++) await page.click('[data-testid=step-forward]');
  await page.hover('[data-testid=kernel-canvas]', { position: { x: 20, y: 40 } });
  assert.match(await text(page, 'readout'), /^Weight row 0, col 0 = /);
  const before = await page.evaluate(() => ({
    hash: location.hash,
    step: document.querySelector('[data-testid=step-label]').textContent,
    size: document.querySelector('[data-testid=output-size]').textContent,
    padding: document.querySelector('[data-testid=padding]').value,
    preset: document.querySelector('[data-testid=kernel-preset]').value,
  }));
  assert.match(before.step, /^4 \/ 64 · map 1, row 0, col 3$/);
  assert.match(await text(page, 'equation'), /^Map 1, row 0, col 3: /);
  assert.equal((await text(page, 'mode-conv')).trim(), 'Convolution');

  await page.click('[data-testid=lang-ko]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  const after = await page.evaluate(() => ({
    same: window.__sameDocument === true,
    hash: location.hash,
    step: document.querySelector('[data-testid=step-label]').textContent,
    size: document.querySelector('[data-testid=output-size]').textContent,
    padding: document.querySelector('[data-testid=padding]').value,
    preset: document.querySelector('[data-testid=kernel-preset]').value,
    presetText: document.querySelector('[data-testid=kernel-preset]').selectedOptions[0].textContent,
    readout: document.querySelector('[data-testid=readout]').textContent,
    title: document.title,
  }));
  assert.equal(after.readout, '셀에 마우스를 올리거나 누르면 입력, 커널, 출력이 함께 표시됩니다.', 'the pointer left for the switch: the hint, in Korean');
  await page.hover('[data-testid=kernel-canvas]', { position: { x: 20, y: 40 } });
  assert.match(await text(page, 'readout'), /^가중치 0행, 0열 = /, 'the hovered cell\'s readout, in Korean');
  assert.equal(await text(page, 'step-label'), '4 / 64 · 맵 1, 0행, 3열', 'hovering the kernel leaves the step');
  assert.equal(after.same, true, 'no reload');
  assert.equal(after.hash, before.hash, 'the hash (settings and step) is kept');
  assert.equal(after.size, before.size);
  assert.equal(after.padding, '1');
  assert.equal(after.preset, 'sobel-x');
  assert.equal(after.presetText, '소벨(Sobel) x');
  assert.equal(after.step, '4 / 64 · 맵 1, 0행, 3열', 'the same step, in Korean');
  assert.match(after.title, /^합성곱\(convolution\) · 합성곱 놀이터/);
  assert.match(await text(page, 'equation'), /^맵 1, 0행, 3열: /);
  assert.equal((await text(page, 'mode-conv')).trim(), '합성곱(convolution)');
  assert.match(await text(page, 'export-png-output'), /PNG 내보내기/);
  assert.ok(HANGUL.test(await page.getAttribute('[data-testid=output-canvas]', 'aria-label')));
  // The canvas repainted its labels: the input map's label is drawn in Korean now.
  const drawn = await page.evaluate(() => new Promise((resolve) => {
    const seen = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (s, ...rest) { seen.push(String(s)); return fill.call(this, s, ...rest); };
    document.querySelector('[data-testid=lang-en]').click();
    requestAnimationFrame(() => requestAnimationFrame(() => { CanvasRenderingContext2D.prototype.fillText = fill; resolve(seen); }));
  }));
  assert.ok(drawn.includes('Input 8 × 8'), `the English label is painted again after switching back (${drawn.filter((s) => /[A-Za-z]/.test(s)).slice(0, 5)})`);
  await page.click('[data-testid=lang-ko]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');

  // Undo (browser history) still goes back through the same settings, now worded in Korean.
  await page.goBack();
  await page.waitForFunction(() => !/kernel=sobel-x/.test(location.hash));
  assert.equal(await page.inputValue('[data-testid=kernel-preset]'), 'lecture8');
  assert.equal(await page.inputValue('[data-testid=padding]'), '1');
  assert.match(await text(page, 'step-label'), /· 맵 1, /);
  await page.goBack();
  await page.waitForFunction(() => !/padding=1/.test(location.hash));
  assert.equal(await page.inputValue('[data-testid=padding]'), '0');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'ko', 'the address keeps the language');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'still no reload');
  clean(page);
  await page.close();
});

test('notices from the link and an error on screen are re-worded by a language switch', async () => {
  const page = await open('en', '#mode=conv&stride=99&bogus=1&dilation=8');
  assert.match(await text(page, 'url-notice'), /stride=99 is not a whole number in 1–8; using 8/);
  assert.match(await text(page, 'error'), /No output with these settings/);
  const hash = hashOf(page);
  await page.click('[data-testid=lang-ko]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  const notice = await text(page, 'url-notice');
  assert.match(notice, /stride=99은\(는\) 1–8 범위의 정수가 아닙니다\. 대신 8 값을 씁니다/);
  assert.match(notice, /알 수 없는 설정 "bogus"을\(를\) 무시했습니다/);
  assert.doesNotMatch(notice, /whole number|unknown setting/);
  assert.match(await text(page, 'error'), /이 설정으로는 출력이 없습니다/);
  assert.equal(hashOf(page), hash);
  clean(page);
  await page.close();
});
