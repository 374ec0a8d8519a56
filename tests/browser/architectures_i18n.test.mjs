// The architecture view (architectures.html) in Korean and English, in headless Chromium, in the
// states the cross-page test (i18n_pages.test.mjs) does not reach: blocks expanded with their
// diagrams, the comparison table open, and each kind of invalid edit explained inline. In Korean
// no text is made only of Latin words except the names marked translate="no" (network titles,
// layer and branch identifiers), and each of those is a name the core itself lists; in English
// there is no Hangul. The error sentences carry the numbers worked out by hand from the layer
// formula. Switching language keeps the network, the edits, the expanded blocks, the open table,
// the input size and the URL hash. Zero console errors, no off-origin requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { clean, openArchitectures, text } from './architectures_page.mjs';
import { readerTexts, latinOnly, withHangul, describeTexts } from './i18n.mjs';
import { axeViolations, describeShifts, describeViolations, measureCLS } from './a11y.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const open = (lang, hash) => openArchitectures(browser, `?lang=${lang}${hash}`);

/**
 * Texts of a Korean page made only of Latin words that are not names: the allow-list of
 * i18n.mjs, and besides it the texts of elements marked translate="no", each of which must be a
 * network title or a layer/branch name the core lists (with at most a parenthesised year).
 */
async function englishLeft(page) {
  const { known, marked } = await page.evaluate(async () => {
    const core = await (await import('./www/shared/core.js')).loadCore();
    const names = new Set();
    for (const n of core.architectureNames()) {
      names.add(core.architecture(n).title);
      for (const r of core.inferShapes(n, {}).rows) {
        names.add(r.name);
        if (r.branch) names.add(r.branch);
      }
    }
    return { known: [...names], marked: [...document.querySelectorAll('[translate="no"]')].map((e) => e.textContent.trim()).filter(Boolean) };
  });
  const unknown = marked.filter((m) => !known.some((k) => m === k || (m.startsWith(`${k} (`) && /^\([^)]*\)$/.test(m.slice(k.length + 1)))));
  assert.deepEqual(unknown, [], 'only names the core lists are marked translate="no"');
  const names = new Set(marked);
  return latinOnly(await readerTexts(page)).filter(({ text: s }) => !names.has(s));
}

/** Puts the page in `state`: {expandAll, details, input, edit: [layer, field, value]}. */
async function setUp(page, { expandAll, details, input, edit }) {
  if (details) await page.click('.compare summary');
  if (expandAll) await page.click('[data-testid=expand-all]');
  if (input) await page.fill('[data-testid=input-size]', String(input));
  if (edit) {
    await page.selectOption('[data-testid=edit-layer]', edit[0]);
    await page.fill(`[data-testid=edit-${edit[1]}]`, String(edit[2]));
    await page.click('[data-testid=edit-apply]');
  }
}

/**
 * The states to read, with the error each one shows (numbers by hand):
 * - AlexNet at 32×32: CONV1 ⌊(32 − 11)/4⌋ + 1 = 6, POOL1 ⌊(6 − 3)/2⌋ + 1 = 2, CONV2 (5×5, pad 2) 2,
 *   POOL2's 3-wide window over 2: ⌊(2 + 2·0 − 3)/2⌋ + 1 = 0.
 * - AlexNet POOL1 padding 2 > ⌊3/2⌋ = 1.
 * - ResNet-50 layer1_1.conv2 at stride 2: main ⌊(56 + 2 − 3)/2⌋ + 1 = 28 → 28×28×256, identity 56×56×256.
 * - GoogLeNet at 32×32: 16, 8, 8, 4, (3a, 3b) 4, pool3 2, (4a–4e) 2, pool4 1, then pool5's 7×7 over 1.
 * - SE-ResNet-50 with every block open (the SE gate nested in a residual block), no error.
 */
const STATES = [
  { hash: '#alexnet', input: 32, details: true, error: { en: [/^inferShapes: invalid `pool2\.kernel`: /, /⌊\(2 \+ 2·0 − 3\)\/2⌋ \+ 1 = 0/, /only 2 wide/], ko: [/^pool2의 커널: /, /너비가 2뿐/, /⌊\(2 \+ 2·0 − 3\)\/2⌋ \+ 1 = 0/] } },
  { hash: '#alexnet', edit: ['pool1', 'padding', 2], error: { en: [/^inferShapes: invalid `pool1\.padding`: .*\(⌊3\/2⌋ = 1\), got 2/], ko: [/^pool1의 패딩: .*\(⌊3\/2⌋ = 1\) 이하여야 하는데 2입니다/] } },
  { hash: '#resnet50', expandAll: true, edit: ['layer1_1.conv2', 'stride', 2], error: { en: [/^inferShapes: invalid `layer1_1\.conv2\.stride`: .*main path gives 28×28×256 and the shortcut gives 56×56×256/], ko: [/^layer1_1\.conv2의 스트라이드: .*주 경로는 28×28×256, 숏컷은 56×56×256/] } },
  { hash: '#googlenet', expandAll: true, input: 32, error: { en: [/^inferShapes: invalid `pool5\.kernel`: .*⌊\(1 \+ 2·0 − 7\)\/1⌋ \+ 1 = −?-?5/, /only 1 wide/], ko: [/^pool5의 커널: /, /너비가 1뿐/] } },
  { hash: '#se-resnet50', expandAll: true, details: true },
  { hash: '#resnext50-32x4d', expandAll: true },
];

for (const lang of ['ko', 'en']) {
  test(`architectures.html?lang=${lang}: blocks and diagrams open, the comparison table open, and every kind of edit error explained ${lang === 'ko' ? 'in Korean (no English left but names)' : 'in English (no Hangul)'}, with the numbers of the layer formula`, async () => {
    for (const state of STATES) {
      const page = await open(lang, state.hash);
      await setUp(page, state);
      const where = `${state.hash} ${JSON.stringify(state)}`;
      if (state.error) {
        const msg = await text(page, 'edit-error');
        for (const re of state.error[lang]) assert.match(msg, re, where);
        assert.ok(await page.isVisible('[data-testid=stale]'), where);
      } else {
        assert.equal(await text(page, 'edit-error'), '', where);
      }
      if (state.expandAll) {
        assert.ok(await page.locator('svg.block-svg').count() > 0, `${where}: diagrams shown`);
        // Every box label fits inside its box (Korean and English labels differ in length).
        const spill = await page.evaluate(() => [...document.querySelectorAll('svg.block-svg text.box-label')]
          .filter((t) => t.getBBox().width > Number(t.previousSibling.getAttribute('width')) - 2).map((t) => t.textContent));
        assert.deepEqual(spill, [], `${where}: box labels wider than their boxes`);
      }
      if (state.details) assert.ok(await page.isVisible('.cmp-table tbody tr'), `${where}: comparison table open`);
      const bad = lang === 'ko' ? await englishLeft(page) : withHangul(await readerTexts(page));
      assert.deepEqual(bad, [], `${lang === 'ko' ? 'English' : 'Hangul'} on the ${lang} page (${where}):\n${describeTexts(bad)}`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      clean(page);
      await page.close();
    }
  });
}

test('switching language in place keeps the network, the edits, the expanded blocks, the open comparison table, the input size and the hash, and re-explains the error in the new language', async () => {
  const page = await open('en', '#resnet50');
  await page.click('.compare summary');
  await page.click('[data-testid="toggle-layer1_0"]');
  // A valid edit: conv1 at stride 1: ⌊(224 + 6 − 7)/1⌋ + 1 = 224.
  await setUp(page, { edit: ['conv1', 'stride', 1] });
  assert.equal(await text(page, 'out-conv1'), '224×224×64');
  await page.evaluate(() => { window.__same = true; });
  const snapshot = () => page.evaluate(() => ({
    hash: location.hash,
    title: document.querySelector('[data-testid=arch-title]').textContent,
    out: document.querySelector('[data-testid="out-conv1"]').textContent,
    expanded: document.querySelector('[data-testid="toggle-layer1_0"]').getAttribute('aria-expanded'),
    diagram: Boolean(document.querySelector('[data-testid="diagram-layer1_0"]')),
    details: document.querySelector('.compare details').open,
    edits: [...document.querySelectorAll('[data-testid=edits] li')].map((li) => li.querySelector('button').dataset.testid),
    layer: document.querySelector('[data-testid=edit-layer]').value,
    input: document.querySelector('[data-testid=input-size]').value,
    pressed: document.querySelector('[data-testid="pick-resnet50"]').getAttribute('aria-pressed'),
    rows: document.querySelectorAll('[data-testid^="row-"]').length,
    same: window.__same === true,
  }));
  const before = await snapshot();
  await page.click('[data-testid=lang-ko]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert.deepEqual(await snapshot(), before);
  assert.match(await text(page, 'edits'), /^conv1: 스트라이드 1/);
  assert.match(await page.textContent('[data-testid="row-conv1"] .c-what'), /^7×7 필터 64개, 스트라이드 1, 패딩 3/);
  assert.match(await page.textContent('[data-testid=compare-svg]'), /사람 5\.1%/);
  // An error made in Korean (main: ⌊(112 + 2 − 3)/2⌋ + 1 = 56 after the stride-1 conv1; identity 112), then back to English.
  await setUp(page, { edit: ['layer1_1.conv2', 'stride', 2] });
  assert.match(await text(page, 'edit-error'), /주 경로는 56×56×256, 숏컷은 112×112×256/);
  await page.click('[data-testid=lang-en]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await text(page, 'edit-error'), /^inferShapes: invalid `layer1_1\.conv2\.stride`: .*main path gives 56×56×256 and the shortcut gives 112×112×256/);
  assert.match(await text(page, 'show-error-row'), /^Show layer1_1\.conv2 in the table$/);
  const after = await snapshot();
  assert.deepEqual({ ...after, edits: undefined, layer: undefined }, { ...before, edits: undefined, layer: undefined });
  assert.deepEqual(after.edits, ['remove-conv1', 'remove-layer1_1.conv2']);
  clean(page);
  await page.close();
});

test('architectures.html?lang=ko at 1400×900 and 390×844 (AlexNet, the default, and LeNet-5, the longest Korean notes): layout shift while loading <= 0.1 and no serious or critical axe-core violation', async () => {
  for (const viewport of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) {
    const sized = await launch({ viewport });
    try {
      for (const hash of ['', '#lenet5']) {
        const page = await sized.newPage();
        const { cls, shifts } = await measureCLS(page, `${sized.url}architectures.html?lang=ko${hash}`);
        const violations = await axeViolations(page, { impacts: ['serious', 'critical'] });
        clean(page);
        await page.close();
        assert.ok(cls <= 0.1, `${viewport.width}px ${hash}: CLS ${cls.toFixed(3)} > 0.1:\n${describeShifts(shifts)}`);
        assert.deepEqual(violations.map((v) => v.id), [], describeViolations(violations));
      }
    } finally {
      await sized.close();
    }
  }
});
