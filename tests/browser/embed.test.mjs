// Embed mode (issue 17, www/shared/embed.js) in headless Chromium, as a course site uses it: a
// host page served from ANOTHER origin (a second port, this file's tiny server) frames each
// embed view in a 480×360 iframe. Each view renders its panel inside the frame (the pad and its
// prediction; one layer's maps; the playground's grids for the link's configuration; a
// network's layer table) without the page chrome, with an "open the full app" link carrying
// the state; the host hears convscope:ready, convscope:resize and, after a stroke or a picked
// sample, convscope:prediction whose digit is the one the frame shows. The "copy embed code"
// dialog gives a snippet whose iframe points at the page's current state, and that snippet,
// framed, opens that state. English and Korean; zero console errors, zero CSP violations in
// the frames, no request to a third origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launch } from './harness.mjs';
import { describeTexts, latinOnly, readerTexts, withHangul } from './i18n.mjs';
import { axeViolations, describeViolations } from './a11y.mjs';

const W = 480;
const H = 360;
const HANGUL = /[\uac00-\ud7af]/;

let browser;
let host;
let hostUrl;

/** The host page: one iframe of `src` (W×H unless given), recording every message it gets. */
function hostPage(src, w = W, h = H) {
  const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>course page</title>
<body style="margin:10px"><h1 style="font:16px sans-serif">A course page</h1>
<iframe id="frame" src="${attr(src)}" title="convscope" width="${w}" height="${h}" style="border:1px solid #999"></iframe>
<script>window.got = []; addEventListener('message', (e) => window.got.push({ origin: e.origin, data: e.data }));</script></body>`;
}

before(async () => {
  browser = await launch({ viewport: { width: 560, height: 480 } });
  host = createServer((req, res) => {
    const u = new URL(req.url, 'http://host');
    if (u.pathname !== '/') { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(u.searchParams.has('html') ? u.searchParams.get('html') : hostPage(u.searchParams.get('src'), Number(u.searchParams.get('w') ?? W), Number(u.searchParams.get('h') ?? H)));
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  hostUrl = `http://127.0.0.1:${host.address().port}/`;
});
after(async () => {
  await browser?.close();
  await new Promise((ok) => host?.close(ok) ?? ok());
});

/**
 * Init script (every frame): records CSP violations, when <html> became `.embed` and when the
 * frame first painted (the full page must never paint in the frame before embed mode applies).
 */
function recorder() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  window.__paint = {};
  new MutationObserver(() => {
    if (window.__paint.embedAt === undefined && document.documentElement?.classList.contains('embed')) window.__paint.embedAt = performance.now();
  }).observe(document, { attributes: true, subtree: true, childList: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-paint') window.__paint.firstPaint = e.startTime;
  }).observe({ type: 'paint', buffered: true });
}

/** Opens the host page framing `path` of the app; resolves to {page, frame} once the frame said ready. */
async function frameView(path) {
  const page = await browser.newPage();
  await page.addInitScript(recorder);
  const src = `${browser.url}${path}`;
  await page.goto(`${hostUrl}?src=${encodeURIComponent(src)}`);
  await page.waitForFunction(() => window.got.some((m) => m.data?.type === 'convscope:ready'), null, { timeout: 30_000 });
  const frame = page.frames().find((f) => f.url().startsWith(browser.url));
  assert.ok(frame, 'the app is in the frame');
  return { page, frame };
}

/** The messages the host got, of `type`. */
const messages = (page, type) => page.evaluate((ty) => window.got.filter((m) => m.data?.type === ty), type);

/** Shared checks: the frame's origin, no chrome, the link, zero errors/violations, no third origin. */
async function commonChecks(page, frame, { lang, fullPath }) {
  const appOrigin = new URL(browser.url).origin;
  const all = await page.evaluate(() => window.got);
  assert.ok(all.length > 0);
  for (const m of all) assert.equal(m.origin, appOrigin, 'messages come from the app\'s origin');
  assert.equal(await frame.evaluate(() => document.documentElement.lang), lang);
  assert.equal(await frame.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assert.equal(await frame.isVisible('header.site'), false, 'no site header');
  assert.equal(await frame.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1), true, 'nothing wider than the frame');
  const link = frame.locator('[data-testid=embed-open-full]');
  assert.equal(await link.isVisible(), true, 'the open-the-full-app link');
  await link.hover();
  const box = await link.boundingBox();
  const frameBox = await page.locator('#frame').boundingBox();
  assert.ok(box.x + box.width <= frameBox.x + frameBox.width && box.y + box.height <= frameBox.y + frameBox.height, 'the link is inside the frame');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener');
  const href = new URL(await link.getAttribute('href'));
  assert.equal(`${href.pathname.slice(1)}${href.search}${href.hash}`, fullPath, 'the full app with the same state');
  const text = await link.textContent();
  assert.equal(HANGUL.test(text), lang === 'ko', `the link's text is in ${lang}: ${text}`);
  // Names marked translate="no" (the architectures' layer names: conv1, maxpool, fc) are names.
  const names = new Set(await frame.$$eval('[translate="no"]', (es) => es.map((e) => e.textContent.trim())));
  const wrong = (lang === 'ko' ? latinOnly : withHangul)(await readerTexts(frame)).filter(({ text }) => !names.has(text));
  assert.deepEqual(wrong, [], `texts in the wrong language:\n${describeTexts(wrong)}`);
  assert.deepEqual(await frame.evaluate(() => window.__violations), [], 'no CSP violations in the frame');
  const paint = await frame.evaluate(() => window.__paint);
  assert.ok(paint.embedAt !== undefined && paint.firstPaint !== undefined && paint.embedAt <= paint.firstPaint,
    `embed mode applied before the first paint: ${JSON.stringify(paint)}`);
  assert.deepEqual(page.errors, [], 'no console errors');
  const third = page.offOrigin.filter((u) => !u.startsWith(hostUrl));
  assert.deepEqual(third, [], 'no request beyond the host and the app');
  const resize = await messages(page, 'convscope:resize');
  assert.ok(resize.length >= 1 && resize.at(-1).data.height > 0, 'a resize message with the content height');
}

/** The top class of `p` (index of the largest). */
const argmax = (p) => p.reduce((best, v, i) => (v > p[best] ? i : best), 0);

/** Checks a prediction message against the frame's own display. */
async function checkPrediction(frame, data) {
  assert.equal(data.probabilities.length, 10);
  const sum = data.probabilities.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-3, `probabilities sum to 1 (${sum})`);
  assert.equal(data.digit, argmax(data.probabilities), 'the digit is the most probable class');
  assert.equal(await frame.textContent('[data-testid=prediction]'), String(data.digit), 'the frame shows the same digit');
}

for (const lang of ['en', 'ko']) {
  test(`${lang}: the pad view fits 480×360, draws, and the host hears each prediction; a picked sample travels to the full-app link`, { timeout: 60_000 }, async () => {
    const { page, frame } = await frameView(`index.html?embed=1&view=pad&lang=${lang}`);
    for (const sel of ['[data-testid=draw-pad]', '[data-testid=probabilities]']) {
      assert.equal(await frame.isVisible(sel), true, `${sel} visible`);
      const b = await frame.locator(sel).evaluate((e) => e.getBoundingClientRect().toJSON());
      assert.ok(b.bottom <= H && b.right <= W && b.width > 100, `${sel} inside the frame: ${JSON.stringify(b)}`);
    }
    for (const sel of ['[data-testid=layers]', '[data-testid=input-preview]', '.samples']) assert.equal(await frame.isVisible(sel), false, `${sel} hidden`);
    const before = (await messages(page, 'convscope:prediction')).length;
    // A vertical stroke (a "1") on the pad.
    const pad = await frame.locator('[data-testid=draw-pad]').boundingBox();
    await page.mouse.move(pad.x + pad.width * 0.5, pad.y + pad.height * 0.15);
    await page.mouse.down();
    await page.mouse.move(pad.x + pad.width * 0.52, pad.y + pad.height * 0.85, { steps: 10 });
    await page.mouse.up();
    await page.waitForFunction((n) => window.got.filter((m) => m.data?.type === 'convscope:prediction').length > n, before);
    await page.waitForTimeout(250); // the throttled last message
    let last = (await messages(page, 'convscope:prediction')).at(-1).data;
    assert.equal(last.sample, null);
    await checkPrediction(frame, last);
    // A sample digit by its number key (the presenter keys; the picker itself is hidden here).
    await frame.locator('[data-testid=clear]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('3');
    await page.waitForFunction(() => window.got.filter((m) => m.data?.type === 'convscope:prediction').at(-1).data.sample !== null);
    await page.waitForTimeout(250);
    last = (await messages(page, 'convscope:prediction')).at(-1).data;
    assert.equal(last.digit, 3, 'the first test-set 3 is read as a 3');
    await checkPrediction(frame, last);
    await commonChecks(page, frame, { lang, fullPath: `index.html?lang=${lang}#sample=${last.sample}` });
    if (lang === 'ko') {
      const violations = await axeViolations(frame);
      assert.deepEqual(violations.map((v) => v.id), [], describeViolations(violations));
    }
    await page.close();
  });

  test(`${lang}: the layer view shows only that layer's maps (of the hash's sample), fitted to the frame`, { timeout: 60_000 }, async () => {
    const { page, frame } = await frameView(`index.html?embed=1&view=layer&layer=C3&lang=${lang}#sample=5`);
    const ready = (await messages(page, 'convscope:ready'))[0].data;
    assert.deepEqual([ready.page, ready.view, ready.layer, ready.lang], ['index.html', 'layer', 'C3', lang]);
    const shown = await frame.$$eval('[data-testid^=layer-]', (cards) => cards.filter((c) => c.checkVisibility()).map((c) => c.dataset.testid));
    assert.deepEqual(shown, ['layer-C3']);
    const card = await frame.locator('[data-testid=layer-C3]').evaluate((e) => e.getBoundingClientRect().toJSON());
    assert.ok(card.bottom <= H && card.right <= W, `the card fits the frame: ${JSON.stringify(card)}`);
    // The maps are painted: many distinct colours on the canvas.
    const colours = await frame.locator('[data-testid=layer-C3] canvas.map').evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const set = new Set();
      for (let i = 0; i < d.length; i += 4 * 7) set.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
      return set.size;
    });
    assert.ok(colours > 20, `painted maps (${colours} colours)`);
    const pred = (await messages(page, 'convscope:prediction')).at(-1).data;
    assert.equal(pred.sample, 5);
    assert.equal(await frame.isVisible('[data-testid=draw-pad]'), false);
    await commonChecks(page, frame, { lang, fullPath: `index.html?lang=${lang}#sample=5` });
    await page.close();
  });

  test(`${lang}: the playground view draws the link's configuration (grids and player, no settings)`, { timeout: 60_000 }, async () => {
    // 4×4 input, 3×3 kernel, padding 1, stride 1 → a 4×4 output (16 cells); step 5 of 16.
    const hash = '#mode=conv&input=lecture4&kernel=lecture4&stride=1&padding=1&dilation=1&step=5';
    const { page, frame } = await frameView(`playground.html?embed=1&lang=${lang}${hash}`);
    assert.equal(await frame.locator('[data-testid=output-grid] [data-testid=out-cell]').count(), 16);
    assert.match(await frame.textContent('[data-testid=step-label]'), /^6 \/ 16/);
    const out = await frame.locator('[data-testid=output-canvas]').evaluate((e) => e.getBoundingClientRect().toJSON());
    assert.ok(out.width > 60 && out.bottom <= H && out.right <= W, `the output grid in the frame: ${JSON.stringify(out)}`);
    for (const sel of ['#controls', '.pg-bar', '#footer']) assert.equal(await frame.isVisible(sel), false, `${sel} hidden`);
    assert.equal(await frame.isVisible('[data-testid=play]'), true, 'the player');
    await commonChecks(page, frame, { lang, fullPath: `playground.html?lang=${lang}${await frame.evaluate(() => location.hash)}` });
    await page.close();
  });

  test(`${lang}: the architecture view shows the net's title, totals and table rows alone`, { timeout: 60_000 }, async () => {
    const { page, frame } = await frameView(`architectures.html?embed=1&net=resnet18&lang=${lang}`);
    assert.match(await frame.textContent('[data-testid=arch-title]'), /^ResNet-18/);
    assert.ok(await frame.locator('[data-testid^="row-"]').count() > 5, 'table rows');
    assert.equal(await frame.isVisible('[data-testid=row-conv1]'), true);
    for (const sel of ['[data-testid=picker]', '[data-testid=compare]', '[data-testid=edit-layer]']) assert.equal(await frame.isVisible(sel), false, `${sel} hidden`);
    assert.equal((await messages(page, 'convscope:ready'))[0].data.net, 'resnet18');
    await commonChecks(page, frame, { lang, fullPath: `architectures.html?lang=${lang}#resnet18` });
    await page.close();
  });
}

/** Opens the share dialog, then "copy embed code"; returns the embed dialog's snippet. */
async function embedCode(page) {
  await page.click('[data-testid=share-open]');
  await page.waitForSelector('[data-testid=share-dialog][open]');
  await page.click('[data-testid=embed-open]');
  await page.waitForSelector('[data-testid=embed-dialog][open]');
  await page.waitForFunction(() => document.querySelector('[data-testid=embed-status]').textContent !== '');
  return page.inputValue('[data-testid=embed-code]');
}

/**
 * The iframe's attributes in `snippet`, parsed by the browser's HTML parser in a course page
 * (the app's own pages forbid the style attribute it carries: parsing it there is a violation).
 */
async function parseSnippet(snippet) {
  const page = await browser.newPage();
  await page.goto(`${hostUrl}?html=${encodeURIComponent('<!doctype html><link rel="icon" href="data:,"><title>parse</title>')}`);
  const attrs = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'text/html');
    const frames = doc.querySelectorAll('iframe');
    if (frames.length !== 1 || doc.body.children.length !== 1) return null;
    return Object.fromEntries([...frames[0].attributes].map((a) => [a.name, a.value]));
  }, snippet);
  await page.close();
  return attrs;
}

test('en: "copy embed code" gives an iframe snippet of the current state (sample, variant, view, layer); framed, it opens that state', { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${browser.url}index.html?lang=en#sample=12`);
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.hidden === true, null, { timeout: 20_000 });
  await page.click('[data-testid=variant-modern]');
  const snippet = await embedCode(page);
  const a = await parseSnippet(snippet);
  assert.ok(a, `one iframe: ${snippet}`);
  assert.equal(a.loading, 'lazy');
  assert.match(a.title, /^convscope: /);
  assert.deepEqual([a.width, a.height], ['480', '360']);
  const src = new URL(a.src);
  assert.equal(src.origin + src.pathname, `${browser.url}index.html`);
  assert.deepEqual(Object.fromEntries(src.searchParams), { embed: '1', view: 'pad', lang: 'en' });
  assert.equal(src.hash, '#sample=12&variant=modern');
  // The layer view (chosen with the keyboard: focus stays on the choice), layer S4.
  await page.focus('[data-testid=embed-view-pad]');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'embed-view-layer');
  assert.equal(await page.isChecked('[data-testid=embed-view-layer]'), true);
  await page.selectOption('[data-testid=embed-option]', 'S4');
  const snippet2 = await page.inputValue('[data-testid=embed-code]');
  const b = await parseSnippet(snippet2);
  const src2 = new URL(b.src);
  assert.deepEqual(Object.fromEntries(src2.searchParams), { embed: '1', view: 'layer', layer: 'S4', lang: 'en' });
  assert.equal(src2.hash, '#sample=12&variant=modern');
  assert.equal(b.height, '400');
  assert.match(b.title, /S4/);
  await page.click('[data-testid=embed-copy]');
  // The copy is asynchronous (the clipboard, or selecting the text where it is refused): the
  // status line says which within a moment.
  await page.waitForFunction(() => document.querySelector('[data-testid=embed-status]').textContent !== '', null, { timeout: 5_000 });
  assert.deepEqual(withHangul(await readerTexts(page)), [], 'no Hangul in English');
  const violations = await axeViolations(page, { context: '[data-testid=embed-dialog]' });
  assert.deepEqual(violations.map((v) => v.id), [], describeViolations(violations));
  await page.keyboard.press('Escape');
  assert.deepEqual(page.errors, []);
  await page.close();
  // That snippet in a course page: the frame opens S4 of sample 12 on the modern network.
  const host2 = await browser.newPage();
  await host2.addInitScript(recorder);
  const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body>${snippet2}<script>window.got = []; addEventListener('message', (e) => window.got.push({ origin: e.origin, data: e.data }));</script>`;
  await host2.goto(`${hostUrl}?html=${encodeURIComponent(html)}`);
  await host2.waitForFunction(() => window.got.some((m) => m.data?.type === 'convscope:ready'), null, { timeout: 30_000 });
  const pred = (await messages(host2, 'convscope:prediction')).at(-1).data;
  assert.deepEqual([pred.sample, pred.variant], [12, 'modern']);
  const frame = host2.frames().find((f) => f.url().startsWith(browser.url));
  assert.deepEqual(await frame.$$eval('[data-testid^=layer-]', (cards) => cards.filter((c) => c.checkVisibility()).map((c) => c.dataset.testid)), ['layer-S4']);
  assert.deepEqual(await frame.evaluate(() => window.__violations), []);
  assert.deepEqual(host2.errors, []);
  await host2.close();
});

test('ko: the embed dialog is in Korean (no Latin-only text beyond the allow-list) and its snippets carry the state and lang=ko', { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${browser.url}index.html?lang=ko#sample=7`);
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.hidden === true, null, { timeout: 20_000 });
  await embedCode(page);
  assert.match(await page.textContent('[data-testid=embed-status]'), HANGUL, 'the copy status');
  await page.click('[data-testid=embed-view-layer]');
  await page.selectOption('[data-testid=embed-option]', 'input');
  const a = await parseSnippet(await page.inputValue('[data-testid=embed-code]'));
  const src = new URL(a.src);
  assert.deepEqual(Object.fromEntries(src.searchParams), { embed: '1', view: 'layer', layer: 'input', lang: 'ko' });
  assert.equal(src.hash, '#sample=7');
  assert.match(a.title, HANGUL);
  for (const sel of ['#embed-title', '[data-testid=embed-copy]', '[data-testid=embed-views] legend']) assert.match(await page.textContent(sel), HANGUL, sel);
  const latin = latinOnly(await readerTexts(page));
  assert.deepEqual(latin, [], `no Latin-only text:\n${describeTexts(latin)}`);
  assert.deepEqual(page.errors, []);
  // The playground: one view (no choice to make), the configuration's hash.
  await page.goto(`${browser.url}playground.html?lang=ko#mode=pool&input=lecture4&window=2&pstride=2&ppadding=0&shift=0&dir=down`);
  await page.waitForSelector('[data-testid=loading]', { state: 'hidden', timeout: 20_000 });
  const hash = await page.evaluate(() => location.hash);
  const b = await parseSnippet(await embedCode(page));
  const src2 = new URL(b.src);
  assert.deepEqual(Object.fromEntries(src2.searchParams), { embed: '1', view: 'playground', lang: 'ko' });
  assert.equal(src2.hash, hash);
  assert.equal(await page.isVisible('[data-testid=embed-views]'), false, 'one view: no choice to make');
  assert.deepEqual(page.errors, []);
  await page.close();
});
