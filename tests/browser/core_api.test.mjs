// The JS API of pkg/convscope.js in headless Chromium: every export computes the PyTorch
// numbers, invalid arguments throw an Error naming the parameter, and the module keeps working
// after every error (a panic would have killed it). Runs against the committed pkg/ and, when
// CONVSCOPE_ALT_PKG names it, the module built with the other burn backend.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openCore, PKGS, ROOT } from './harness.mjs';
import * as expect from '../node/expectations.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
/** A blank same-origin page with the module at `/${pkg}/convscope.js` as `window.cs`. */
const open = (pkg) => openCore(browser, pkg);

for (const pkg of PKGS) {
  test(`${pkg}: conv2d reproduces the lecture's 4x4 example (15, 16, 6, 15)`, async () => {
    const page = await open(pkg);
    // Run the worked example through the public API.
    const out = await page.evaluate(() => {
      const input = { data: new Float32Array([1, 2, 3, 0, 0, 1, 2, 3, 3, 0, 1, 2, 2, 3, 0, 1]), shape: [1, 4, 4] };
      const weight = { data: new Float32Array([2, 0, 1, 0, 1, 2, 1, 0, 2]), shape: [1, 1, 3, 3] };
      const y = cs.conv2d(input, weight, {});
      return { data: Array.from(y.data), shape: y.shape, isF32: y.data instanceof Float32Array };
    });
    assert.deepEqual(out, { data: [15, 16, 6, 15], shape: [1, 2, 2], isF32: true });
    assert.deepEqual(page.errors, []);
  });

  test(`${pkg}: every export runs and matches hand-computed numbers`, async () => {
    const page = await open(pkg);
    const r = await page.evaluate(() => {
      const t = (data, shape) => ({ data: new Float32Array(data), shape });
      const img = t([1, 1, 2, 4, 5, 6, 7, 8, 3, 2, 1, 0, 1, 2, 3, 4], [1, 4, 4]);
      const arr = (y) => ({ data: Array.from(y.data), shape: y.shape });
      return {
        // stride 2, padding 1, bias 10, all-ones 3x3 kernel on the pooling grid
        conv: arr(cs.conv2d(img, t(Array(9).fill(1), [1, 1, 3, 3]), { stride: 2, padding: 1, bias: new Float32Array([10]) })),
        max: arr(cs.pool2d(img, { mode: 'max', kernel: 2 })),
        avg: arr(cs.pool2d(img, { mode: 'avg', kernel: [2, 2], stride: 2 })),
        up: arr(cs.convTranspose2d(t([1, 2, 3, 4], [1, 2, 2]), t(Array(9).fill(1), [1, 1, 3, 3]), { stride: 2 })),
        c1: arr(cs.conv1d(t([1, 2, 3, 4, 5], [1, 5]), t([1, 0, -1], [1, 1, 3]), { dilation: 2 })),
        up1: arr(cs.convTranspose1d(t([1, 2], [1, 2]), t([1, 1, 1], [1, 1, 3]), { stride: 2 })),
        size: cs.outputSize({ input: 8, kernel: 3, stride: 2, padding: 1 }),
        backend: cs.backendName(),
      };
    });
    // Window sums of the zero-padded grid, by hand: rows 0-1 x cols 0-1 = 13, rows 0-1 x cols 1-3
    // = 28, rows 1-3 x cols 0-1 = 19, rows 1-3 x cols 1-3 = 33; plus the bias 10.
    assert.deepEqual(r.conv, { data: [23, 38, 29, 43], shape: [1, 2, 2] });
    assert.deepEqual(r.max, { data: [6, 8, 3, 4], shape: [1, 2, 2] });
    assert.deepEqual(r.avg, { data: [3.25, 5.25, 2, 2], shape: [1, 2, 2] });
    assert.deepEqual(r.up.shape, [1, 5, 5]);
    assert.deepEqual(r.up.data.slice(10, 15), [4, 4, 10, 6, 6]);
    // y[i] = x[i] - x[i+4]: 1-5 = -4
    assert.deepEqual(r.c1, { data: [-4], shape: [1, 1] });
    assert.deepEqual(r.up1, { data: [1, 1, 3, 2, 2], shape: [1, 5] });
    assert.equal(r.size.size, 4);
    assert.equal(r.size.formula, '⌊(8 + 2·1 − 1·(3−1) − 1)/2⌋ + 1 = 4');
    assert.ok(['flex', 'ndarray'].includes(r.backend));
  });

  test(`${pkg}: invalid arguments throw Errors naming the parameter and the module keeps working`, async () => {
    const page = await open(pkg);
    const r = await page.evaluate(() => {
      const t = (n, shape) => ({ data: new Float32Array(n), shape });
      const img = t(16, [1, 4, 4]);
      const k = t(9, [1, 1, 3, 3]);
      const tries = {
        lengthMismatch: () => cs.conv2d({ data: new Float32Array(15), shape: [1, 4, 4] }, k, {}),
        wrongRank: () => cs.conv2d(t(16, [4, 4]), k, {}),
        channelMismatch: () => cs.conv2d(t(32, [2, 4, 4]), k, {}),
        groups: () => cs.conv2d(t(48, [3, 4, 4]), t(18, [2, 1, 3, 3]), { groups: 2 }),
        kernelTooLarge: () => cs.conv2d(img, t(49, [1, 1, 7, 7]), {}),
        strideZero: () => cs.conv2d(img, k, { stride: 0 }),
        dilationZero: () => cs.conv2d(img, k, { dilation: 0 }),
        negativePadding: () => cs.conv2d(img, k, { padding: -1 }),
        poolPadding: () => cs.pool2d(img, { mode: 'max', kernel: 2, padding: 2 }),
        bias: () => cs.conv2d(img, k, { bias: new Float32Array(2) }),
        transposedTooSmall: () => cs.convTranspose2d(t(1, [1, 1, 1]), t(1, [1, 1, 1, 1]), { padding: 1 }),
        mode: () => cs.pool2d(img, { mode: 'median', kernel: 2 }),
        notATensor: () => cs.conv2d('x', k, {}),
        options: () => cs.conv2d(img, k, 42),
        forwardPixels: null,
      };
      const out = {};
      for (const [name, f] of Object.entries(tries)) {
        if (!f) continue;
        try { f(); out[name] = 'no error'; } catch (e) { out[name] = e instanceof Error ? e.message : `non-Error ${e}`; }
      }
      // A valid call after all of that still computes.
      out.after = Array.from(cs.conv2d({ data: new Float32Array([1, 2, 3, 0, 0, 1, 2, 3, 3, 0, 1, 2, 2, 3, 0, 1]), shape: [1, 4, 4] },
        { data: new Float32Array([2, 0, 1, 0, 1, 2, 1, 0, 2]), shape: [1, 1, 3, 3] }).data);
      return out;
    });
    const expect = {
      lengthMismatch: '`input`', wrongRank: '`input`', channelMismatch: '`weight`', groups: '`groups`',
      kernelTooLarge: '`weight`', strideZero: '`stride`', dilationZero: '`dilation`', negativePadding: '`padding`',
      poolPadding: '`padding`', bias: '`bias`', transposedTooSmall: '`padding`', mode: '`mode`',
      notATensor: '`input`', options: '`options`',
    };
    for (const [name, needle] of Object.entries(expect)) {
      assert.ok(r[name].includes(needle), `${name}: ${r[name]}`);
    }
    assert.deepEqual(r.after, [15, 16, 6, 15]);
  });

  test(`${pkg}: hostile arguments found in review neither kill the module nor wrap around on 32-bit wasm`, async () => {
    const page = await open(pkg);
    const r = await page.evaluate(() => {
      const msg = (f) => { try { const y = f(); return `no error: ${y && y.shape}`; } catch (e) { return e.message; } };
      const ones = (n, shape) => ({ data: new Float32Array(n).fill(1), shape });
      const lecture = () => Array.from(cs.conv2d({ data: new Float32Array([1, 2, 3, 0, 0, 1, 2, 3, 3, 0, 1, 2, 2, 3, 0, 1]), shape: [1, 4, 4] },
        { data: new Float32Array([2, 0, 1, 0, 1, 2, 1, 0, 2]), shape: [1, 1, 3, 3] }).data);
      // A getter that throws, thousands of times: a JS exception unwinding through wasm frames
      // would leak the wasm stack until the module dies.
      const shape = [1, 4, 4];
      Object.defineProperty(shape, 1, { get() { throw new Error('boom'); } });
      const opts = { get stride() { throw new Error('boom'); } };
      let threw = 0;
      for (let i = 0; i < 6000; i++) {
        try { cs.conv2d({ data: new Float32Array(16), shape }, ones(9, [1, 1, 3, 3])); } catch { threw++; }
        try { cs.conv2d(ones(16, [1, 4, 4]), ones(9, [1, 1, 3, 3]), opts); } catch { threw++; }
      }
      return {
        threw,
        afterGetters: lecture(),
        // D(K−1)+1 = 2^20·4096 + 1 > 2^32: must be refused, not wrapped to a 1-wide kernel.
        dilation: msg(() => cs.conv2d(ones(1, [1, 1, 1]), ones(4097, [1, 1, 1, 4097]), { dilation: [1, 1048576] })),
        transposedStride: msg(() => cs.convTranspose1d(ones(4098, [1, 4098]), ones(1, [1, 1, 1]), { stride: 1048576 })),
        avgHugeKernel: msg(() => cs.pool2d(ones(1, [1, 1, 1]), { mode: 'avg', kernel: 65536, padding: 32768 })),
        arrayOptions: msg(() => cs.conv2d(ones(16, [1, 4, 4]), ones(9, [1, 1, 3, 3]), [1, 2])),
        manyKeys: msg(() => cs.conv2d(ones(16, [1, 4, 4]), ones(9, [1, 1, 3, 3]), Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`k${i}`, 1])))),
        poolOutputSize: cs.outputSize({ kind: 'pool', input: 4, kernel: 3, padding: 3 }).reason,
        after: lecture(),
      };
    });
    assert.equal(r.threw, 12000);
    assert.deepEqual(r.afterGetters, [15, 16, 6, 15]);
    assert.match(r.dilation, /`weight`/);
    assert.match(r.transposedStride, /`stride`|`input`/);
    assert.match(r.avgHugeKernel, /`input`|`kernel`/);
    assert.match(r.arrayOptions, /`options`.*an array/);
    assert.match(r.manyKeys, /`options`.*more than 32/);
    assert.match(r.poolOutputSize, /at most half the window/);
    assert.deepEqual(r.after, [15, 16, 6, 15]);
  });

  test(`${pkg}: issue 12 reproductions in Chromium end in named errors without growth, and the module lives on`, async () => {
    // The same reproductions and expectations as tests/node/hostile_inputs.test.mjs, run in a
    // page: repro.mjs is imported from the test server (the harness publishes it).
    const page = await browser.newPage();
    await page.goto(`${browser.url}tests/browser/blank.html`);
    const weights = Array.from(await readFile(`${ROOT}/www/assets/weights/lenet5-classic.bin`));
    const r = await page.evaluate(async ({ path, weights }) => {
      const cs = await import(path);
      const wasm = await cs.default();
      const repro = await import('/tests/node/repro.mjs'); // a served file: the CSP forbids blob: scripts
      repro.readmeExample(cs); // warm up
      return {
        proxies: repro.proxies(cs, wasm),
        crafted: repro.craftedWeightsLoad(cs, wasm, Uint8Array.from(weights)),
        options: repro.hugeUnknownOptions(cs, wasm),
        infer: repro.inferShapesHugeInput(cs, wasm),
        mismatch: repro.lengthMismatch(cs, wasm),
        named: repro.namedErrors(cs, wasm),
        getters: repro.throwingGetters(cs, wasm),
        freed: repro.useAfterFree(cs, wasm),
      };
    }, { path: `/${pkg}/convscope.js`, weights });
    expect.proxies(r.proxies);
    expect.craftedWeights(r.crafted);
    expect.hugeUnknownOptions(r.options);
    expect.inferShapesHugeInput(r.infer);
    expect.lengthMismatch(r.mismatch);
    expect.namedErrors(r.named);
    expect.throwingGetters(r.getters);
    expect.useAfterFree(r.freed);
    assert.deepEqual(page.errors, []);
  });

  test(`${pkg}: errors carry op, param, code and the values as properties`, async () => {
    const page = await open(pkg);
    const r = await page.evaluate(() => {
      const grab = (f) => { try { f(); return null; } catch (e) { return { ctor: e.constructor.name, message: e.message, op: e.op, param: e.param, code: e.code, expected: e.expected, got: e.got, limit: e.limit }; } };
      const t = (n, shape) => ({ data: new Float32Array(n), shape });
      return {
        mismatch: grab(() => cs.conv2d(t(15, [1, 4, 4]), t(9, [1, 1, 3, 3]), {})),
        unknown: grab(() => cs.conv2d(t(16, [1, 4, 4]), t(9, [1, 1, 3, 3]), { strides: 2 })),
        stride: grab(() => cs.conv2d(t(16, [1, 4, 4]), t(9, [1, 1, 3, 3]), { stride: 0 })),
        huge: grab(() => cs.conv2d(t(16, [1, 4, 4]), t(9, [1, 1, 3, 3]), { padding: 1e12 })),
        required: grab(() => cs.outputSize({ input: 8 })),
        override: grab(() => cs.inferShapes('alexnet', { overrides: { conv1: { stride: 0 } } })),
      };
    });
    assert.deepEqual(r.mismatch, { ctor: 'Error', message: 'conv2d: invalid `input`: shape [1, 4, 4] needs 16 values, but data has 15', op: 'conv2d', param: 'input', code: 'shape_mismatch', expected: 16, got: 15, limit: undefined });
    assert.deepEqual([r.unknown.param, r.unknown.code, r.unknown.got], ['strides', 'unknown_option', 'strides']);
    assert.deepEqual(r.unknown.expected, ['bias', 'stride', 'padding', 'dilation', 'groups']);
    assert.deepEqual([r.stride.param, r.stride.code, r.stride.got, r.stride.limit], ['stride', 'invalid_value', 0, 1]);
    assert.deepEqual([r.huge.param, r.huge.code, r.huge.limit], ['padding', 'too_large', 2 ** 20]);
    assert.deepEqual([r.required.param, r.required.code], ['kernel', 'required']);
    assert.deepEqual([r.override.op, r.override.param], ['inferShapes', 'conv1.stride']);
  });
}
