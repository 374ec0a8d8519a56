// The student page's module (pkg-lenet/, scripts/build.sh --lenet: the LeNet-5 API without burn,
// weights fetched from www/assets/weights/) against the full one (pkg/, weights built in): the
// same numbers bit for bit on the same digits (every layer, weights, TTA, unit arithmetic, layer
// specs, receptive fields, preprocessing), only the LeNet-5 API exported; and the student page
// loads it, never pkg/'s module, within its first-visit budget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { launch, readOracle, studentReady } from './harness.mjs';

/** The student page's first-visit budget, gzipped (issue 18). */
const BUDGET = 529 * 1024;

const oracle = await readOracle();
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A blank page with pkg/'s module as `window.full` and pkg-lenet/'s as `window.lite`. */
async function openBoth() {
  const page = await browser.newPage();
  await page.goto(`${browser.url}tests/browser/blank.html`);
  await page.evaluate(async () => {
    const load = async (path) => { const m = await import(path); await m.default(); return m; };
    window.full = await load('/pkg/convscope.js');
    window.lite = await load('/pkg-lenet/convscope.js');
  });
  return page;
}

test('pkg-lenet exports the LeNet-5 API only: no ops, no architectures, no built-in weights', async () => {
  const page = await openBoth();
  const r = await page.evaluate(() => {
    const { lite } = window;
    return {
      names: Object.keys(lite).filter((k) => k !== 'default' && !k.startsWith('initSync')).sort(),
      load: typeof lite.LeNet5.load,
    };
  });
  for (const name of ['LeNet5', 'layerSpecs', 'receptiveField', 'unitsSeeing', 'preprocessDigit']) {
    assert.ok(r.names.includes(name), `${name} exported`);
  }
  for (const name of ['conv2d', 'pool2d', 'architecture', 'explainConv2d']) {
    assert.ok(!r.names.includes(name), `${name} not exported`);
  }
  assert.equal(r.load, 'undefined', 'LeNet5.load (built-in weights) is not in the lite module');
  assert.deepEqual(page.errors, []);
});

test('pkg-lenet with the weights files computes exactly what pkg/ with its built-in weights does', async () => {
  const page = await openBoth();
  const mismatches = await page.evaluate(async (digits) => {
    const { full, lite } = window;
    const bad = [];
    const same = (what, a, b) => {
      const ja = JSON.stringify(a, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v));
      const jb = JSON.stringify(b, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v));
      if (ja !== jb) bad.push(what);
    };
    for (const v of ['classic', 'modern']) {
      const bytes = new Uint8Array(await (await fetch(`/www/assets/weights/lenet5-${v}.bin`)).arrayBuffer());
      const a = full.LeNet5.load(v);
      const b = lite.LeNet5.fromBytes(bytes, v);
      same(`${v} getters`, [a.variant, a.activation, a.pooling, a.numParams], [b.variant, b.activation, b.pooling, b.numParams]);
      same(`${v} weights`, a.weights(), b.weights());
      same(`${v} layerSpecs`, a.layerSpecs(), b.layerSpecs());
      digits.forEach((d, i) => {
        const px = Float32Array.from(d.pixels, (x) => x / 255);
        same(`${v} digit ${i} forward`, a.forward(px), b.forward(px));
        same(`${v} digit ${i} probabilities`, a.probabilities(px), b.probabilities(px));
        if (i < 3) {
          const opts = { k: 8, rule: i % 2 ? 'max' : 'mean', seed: i };
          same(`${v} digit ${i} predictTta`, a.predictTta(px, opts), b.predictTta(px, opts));
          for (const [layer, c, y, x] of [['input', 0, 9, 14], ['C1', 2, 12, 13], ['S2', 1, 6, 7], ['C3', 5, 4, 4], ['S4', 9, 2, 2], ['C5', 17, 0, 0], ['F6', 40, 0, 0], ['output', 3, 0, 0]]) {
            same(`${v} digit ${i} explainUnit ${layer}`, a.explainUnit(px, layer, c, y, x), b.explainUnit(px, layer, c, y, x));
          }
        }
      });
      a.free();
      b.free();
    }
    same('layerSpecs()', full.layerSpecs(), lite.layerSpecs());
    for (const [layer, y, x] of [['C1', 3, 4], ['S2', 5, 1], ['C3', 2, 7], ['S4', 4, 0], ['C5', 0, 0], ['output', 0, 0]]) {
      same(`receptiveField ${layer}`, full.receptiveField(layer, y, x), lite.receptiveField(layer, y, x));
    }
    same('unitsSeeing', full.unitsSeeing(13, 20), lite.unitsSeeing(13, 20));
    const rgba = new Uint8ClampedArray(60 * 50 * 4);
    for (let i = 0; i < 60 * 50; i++) if ((i % 60) > 20 && (i % 60) < 28 && i > 600) { rgba[4 * i + 3] = 255; }
    same('preprocessDigit', full.preprocessDigit(rgba, 60, 50), lite.preprocessDigit(rgba, 60, 50));
    // Errors: the same codes and messages.
    const err = (f) => { try { f(); return null; } catch (e) { return [e.code, e.param, e.message]; } };
    const bytes = new Uint8Array(await (await fetch('/www/assets/weights/lenet5-classic.bin')).arrayBuffer());
    same('wrong variant', err(() => full.LeNet5.fromBytes(bytes, 'modern')), err(() => lite.LeNet5.fromBytes(bytes, 'modern')));
    same('truncated', err(() => full.LeNet5.fromBytes(bytes.slice(0, 900), 'classic')), err(() => lite.LeNet5.fromBytes(bytes.slice(0, 900), 'classic')));
    return bad;
  }, oracle.digits);
  assert.deepEqual(mismatches, []);
  assert.deepEqual(page.errors, []);
});

test('the student page loads pkg-lenet/ and the weights files, never pkg/, within its first-visit budget', async () => {
  const page = await browser.newPage();
  const files = [];
  const pending = [];
  page.on('response', (r) => {
    if (!r.url().startsWith(browser.url) || r.status() !== 200) return;
    pending.push(r.body().then((b) => files.push({ url: r.url().slice(browser.url.length), gz: gzipSync(b, { level: 9 }).length }), () => {}));
  });
  await page.goto(`${browser.url}index.html#sample=3`);
  await studentReady(page);
  // The other network's weights arrive after the first prediction (its comparison bars).
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const urls = files.map((f) => f.url);
  assert.ok(urls.includes('pkg-lenet/convscope_bg.wasm'), 'the lite module');
  assert.ok(!urls.some((u) => u.startsWith('pkg/')), `nothing of pkg/: ${urls.filter((u) => u.startsWith('pkg/'))}`);
  for (const v of ['classic', 'modern']) assert.ok(urls.includes(`www/assets/weights/lenet5-${v}.bin`), `${v} weights`);
  const total = files.reduce((s, f) => s + f.gz, 0);
  assert.ok(total <= BUDGET, `first visit ${(total / 1024).toFixed(1)} KiB gzip > ${BUDGET / 1024} KiB`);
  // The variant switch works with the fetched weights.
  await page.click('[data-variant="modern"]');
  await page.waitForFunction(() => document.querySelector('[data-variant="modern"]')?.getAttribute('aria-pressed') === 'true');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.offOrigin, []);
});

test('a weights file that cannot be downloaded is reported in the page\'s words, and the page stays usable', async () => {
  const { default: en } = await import('../../www/shared/i18n/en/student.js');
  const page = await browser.newPage();
  await page.route('**/www/assets/weights/lenet5-classic.bin', (r) => r.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${browser.url}index.html?lang=en`);
  await page.waitForFunction(() => document.querySelector('[data-testid="error"]')?.textContent.trim().length > 0, null, { timeout: 20_000 });
  const text = (await page.textContent('[data-testid="error"]')).trim();
  assert.equal(text, en.errNetwork.replace('{why}', en.errFetch));
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="status"]').hidden), true);
  assert.deepEqual(page.offOrigin, []);
});
