// Korean / English on every page, in headless Chromium: with ?lang=ko the page is Korean
// (<html lang="ko">, no text made only of Latin words beyond the allow-list of tests/browser/i18n.mjs),
// with ?lang=en it has no Hangul outside the language switch; switching is in place and keeps
// the page's state and URL hash; the choice survives a reload; a link with lang=ko opens in Korean
// in a fresh profile; the navigation keeps the language. Zero console errors, no off-origin requests.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { readerTexts, latinOnly, withHangul, describeTexts } from './i18n.mjs';

/** Each page with a state in its hash, and how to tell it has finished rendering. */
const PAGES = [
  { path: 'index.html', hash: '#sample=12&variant=modern', ready: () => document.querySelector('[data-testid="status"]')?.hidden === true && document.querySelectorAll('.layer canvas, canvas.layer-canvas, [data-testid^="layer-"]').length > 0 },
  { path: 'playground.html', hash: '#mode=conv&stride=2&padding=1', ready: () => document.querySelector('[data-testid=loading]')?.hidden === true },
  { path: 'architectures.html', hash: '#vgg16', ready: () => document.querySelectorAll('[data-testid^="row-"]').length > 3 },
  { path: 'train.html', hash: '#v=modern&bs=64&opt=momentum', ready: () => document.querySelector('[data-testid=train-start]')?.disabled === false },
  { path: 'transfer.html', hash: '#m=finetune&k=2', ready: () => document.querySelector('[data-testid=transfer-demo]')?.disabled === false },
];

let browser;
const getBrowser = async () => (browser ??= await launch());
after(async () => { await browser?.close(); });

async function open(page, url, ready) {
  await page.goto(url);
  await page.waitForFunction(ready, null, { timeout: 20000 });
  await page.waitForLoadState('networkidle');
}

function clean(page) {
  assert.deepEqual(page.errors, [], 'no console errors');
  assert.deepEqual(page.offOrigin, [], 'no off-origin requests');
}

/** Each language's check: the rest of the test's name, the texts that must not be there, what they are. */
const LANG_CHECKS = [
  { lang: 'ko', claim: 'is Korean: <html lang="ko">, and no visible or spoken text made only of Latin words beyond the allow-list', bad: latinOnly, what: 'English left on the Korean page' },
  { lang: 'en', claim: 'is English: <html lang="en">, and no Hangul outside the language switch', bad: withHangul, what: 'Hangul on the English page' },
];

for (const { path, hash, ready } of PAGES) {
  for (const { lang, claim, bad, what } of LANG_CHECKS) {
    test(`${path}?lang=${lang} ${claim}`, async () => {
      const b = await getBrowser();
      const page = await b.newPage();
      await open(page, `${b.url}${path}?lang=${lang}${hash}`, ready);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      const found = bad(await readerTexts(page));
      clean(page);
      await page.close();
      assert.deepEqual(found, [], `${what}:\n${describeTexts(found)}`);
    });
  }

  test(`${path}: switching to 한국어 and back is in place (no reload), keeps the URL hash and the page's state, and says so in <html lang>`, async () => {
    const b = await getBrowser();
    const page = await b.newPage();
    await open(page, `${b.url}${path}?lang=en${hash}`, ready);
    await page.evaluate(() => { window.__sameDocument = true; });
    const stateBefore = await page.evaluate(() => ({ hash: location.hash, canvases: document.querySelectorAll('canvas').length }));
    await page.click('[data-testid=lang-ko]');
    await page.waitForFunction(() => document.documentElement.lang === 'ko');
    const during = await page.evaluate(() => ({ same: window.__sameDocument === true, hash: location.hash, lang: new URL(location.href).searchParams.get('lang'), pressed: document.querySelector('[data-testid=lang-ko]').getAttribute('aria-pressed'), nav: document.querySelector('header.site nav').textContent }));
    assert.equal(during.same, true, 'no reload');
    assert.equal(during.hash, stateBefore.hash, 'the hash (page state) is kept');
    assert.equal(during.lang, 'ko', 'the address says the language');
    assert.equal(during.pressed, 'true');
    assert.match(during.nav, /[\uac00-\ud7af]/, 'the header is Korean');
    await page.click('[data-testid=lang-en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const back = await page.evaluate(() => ({ same: window.__sameDocument === true, hash: location.hash, canvases: document.querySelectorAll('canvas').length }));
    assert.deepEqual(back, { same: true, hash: stateBefore.hash, canvases: stateBefore.canvases });
    clean(page);
    await page.close();
  });
}

test('index.html: the drawing and the prediction survive a language switch', async () => {
  const b = await getBrowser();
  const page = await b.newPage();
  await open(page, `${b.url}index.html?lang=en#sample=12`, PAGES[0].ready);
  const pad = await page.$('[data-testid=draw-pad]');
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.8, { steps: 12 });
  await page.mouse.up();
  const snapshot = () => page.evaluate(() => ({
    prediction: document.querySelector('[data-testid="prediction"]')?.textContent.trim(),
    pad: document.querySelector('[data-testid=draw-pad]').toDataURL(),
  }));
  const before = await snapshot();
  await page.click('[data-testid=lang-ko]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  const afterSwitch = await snapshot();
  assert.equal(afterSwitch.prediction, before.prediction);
  assert.equal(afterSwitch.pad, before.pad, 'the drawing is the same');
  clean(page);
  await page.close();
});

test('the choice is remembered: after switching to Korean, a page opened without ?lang is Korean, and its links to the other pages carry lang=ko', async () => {
  const b = await getBrowser();
  const page = await b.newPage();
  await open(page, `${b.url}architectures.html?lang=en#vgg16`, PAGES[2].ready);
  await page.click('[data-testid=lang-ko]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  await open(page, `${b.url}playground.html`, PAGES[1].ready);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
  const links = await page.$$eval('header.site nav a', (as) => as.map((a) => new URL(a.href).searchParams.get('lang')));
  assert.deepEqual(links, links.map(() => 'ko'));
  await page.reload();
  await page.waitForFunction(PAGES[1].ready);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko', 'a reload keeps it');
  // Back to English for the other tests of this browser.
  await page.click('[data-testid=lang-en]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  clean(page);
  await page.close();
});

test('a shared link with lang=ko opens in Korean in a fresh profile whose browser prefers English', async () => {
  const fresh = await launch();
  try {
    const page = await fresh.newPage();
    assert.match(await page.evaluate(() => navigator.language), /^en/);
    await open(page, `${fresh.url}playground.html?lang=ko#mode=pool`, PAGES[1].ready);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    assert.match(await page.evaluate(() => location.hash), /^#mode=pool(&|$)/);
    assert.match(await page.textContent('header.site nav'), /합성곱/);
    clean(page);
  } finally {
    await fresh.close();
  }
});

test('the glossary lists the page\'s terms in the page\'s language, with the other language\'s name in parentheses', async () => {
  const b = await getBrowser();
  const page = await b.newPage();
  await open(page, `${b.url}playground.html?lang=ko`, PAGES[1].ready);
  await page.click('[data-testid=glossary-open]');
  await page.waitForSelector('[data-testid=glossary] dt');
  const terms = await page.$$eval('[data-testid=glossary] dt', (dts) => dts.map((d) => d.textContent));
  assert.ok(terms.some((x) => /^합성곱 \(convolution\)$/.test(x)), terms.join(' | '));
  assert.ok(terms.some((x) => /^스트라이드 \(stride\)$/.test(x)), terms.join(' | '));
  await page.keyboard.press('Escape');
  await page.click('[data-testid=lang-en]');
  await page.click('[data-testid=glossary-open]');
  await page.waitForFunction(() => /Convolution \(합성곱\)/.test(document.querySelector('[data-testid=glossary] dt')?.textContent ?? ''));
  clean(page);
  await page.close();
});
