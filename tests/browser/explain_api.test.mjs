// net.explainUnit and explainConv2d through pkg/convscope.js in headless Chromium: every
// explained value and pre-activation is the forward pass's (net.forward), z agrees with it,
// the terms add up, explainConv2d agrees with conv2d at stride/padding/dilation, bad arguments
// throw errors that name the parameter, and the module keeps working afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openCore, PKGS, readOracle } from './harness.mjs';

const digit = (await readOracle()).digits[0].pixels;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const open = (pkg) => openCore(browser, pkg);

const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-4 * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);

for (const pkg of PKGS) {
  test(`${pkg}: explainUnit gives the forward pass's value and pre-activation at every layer, and its terms add up to z`, async () => {
    const page = await open(pkg);
    const units = [['input', 0, 14, 9], ['C1', 5, 27, 13], ['S2', 3, 13, 0], ['C3', 15, 9, 4],
      ['S4', 11, 2, 4], ['C5', 119, 0, 0], ['F6', 42, 0, 0], ['output', 7, 0, 0]];
    const r = await page.evaluate(([pixels255, units]) => {
      const out = {};
      for (const v of ['classic', 'modern']) {
        const net = cs.LeNet5.load(v);
        const pixels = Float32Array.from(pixels255, (b) => b / 255);
        const f = net.forward(pixels);
        out[v] = units.map(([layer, c, y, x]) => {
          const l = f.layers.find((k) => k.name === layer);
          const i = l.shape.length === 3 ? (c * l.shape[1] + y) * l.shape[2] + x : c;
          const e = net.explainUnit(pixels, layer, c, y, x);
          const terms = e.kind === 'conv' ? e.channels.flatMap((ch) => Array.from(ch.products))
            : e.kind === 'dense' ? Array.from(e.products) : [];
          const typed = e.kind === 'conv' ? e.channels.every((ch) => ch.window instanceof Float32Array && ch.products instanceof Float32Array)
            : e.kind === 'dense' ? e.inputs instanceof Float32Array && e.weights instanceof Float32Array
              : e.kind === 'pool' ? e.window instanceof Float32Array : true;
          return {
            e: { ...e, channels: undefined, inputs: undefined, weights: undefined, products: undefined, window: undefined },
            partials: e.kind === 'conv' ? e.channels.map((ch) => [ch.partial, Array.from(ch.products).reduce((a, b) => a + b, 0)]) : [],
            termSum: terms.reduce((a, b) => a + b, 0),
            typed,
            forwardValue: l.data[i],
            forwardPre: l.preActivation ? l.preActivation[i] : null,
          };
        });
        net.free();
      }
      return out;
    }, [digit, units]);
    const kinds = ['input', 'conv', 'pool', 'conv', 'pool', 'dense', 'dense', 'dense'];
    for (const v of ['classic', 'modern']) {
      r[v].forEach(({ e, partials, termSum, typed, forwardValue, forwardPre }, k) => {
        const [layer, c, y, x] = units[k];
        const what = `${v} ${layer}`;
        assert.deepEqual([e.layer, e.kind, e.c, e.y, e.x], [layer, kinds[k], c, y, x], what);
        assert.equal(e.value, forwardValue, `${what} value`);
        assert.ok(typed, `${what}: arrays are Float32Array`);
        if (e.kind === 'conv' || e.kind === 'dense') {
          assert.equal(e.preActivation, forwardPre, `${what} preActivation`);
          close(e.z, forwardPre, `${what} z vs forward`);
          close(e.sum, termSum, `${what} sum of products`);
          close(e.z, e.sum + e.bias, `${what} z = sum + bias`);
          for (const [partial, sum] of partials) close(partial, sum, `${what} partial`);
        }
      });
      const [input, c1, s2] = r[v];
      assert.equal(input.e.activation, null);
      assert.equal(c1.e.activation, v === 'classic' ? 'tanh' : 'relu');
      assert.deepEqual(c1.e.region, { y0: 27, y1: 32, x0: 13, x1: 18 }); // on the 32×32 padded input
      assert.equal(s2.e.mode, v === 'classic' ? 'avg' : 'max');
      close(s2.e.pooled, s2.forwardValue, `${v} pooled`);
      assert.equal(r[v][7].e.activation, 'softmax');
    }
    assert.deepEqual(page.errors, []);
  });

  test(`${pkg}: explainConv2d equals conv2d at every output unit with stride, padding, dilation and groups`, async () => {
    const page = await open(pkg);
    const r = await page.evaluate(() => {
      const input = { data: Float32Array.from({ length: 2 * 7 * 6 }, (_, i) => Math.sin(i * 1.7)), shape: [2, 7, 6] };
      const weight = { data: Float32Array.from({ length: 4 * 1 * 3 * 2 }, (_, i) => Math.cos(i * 0.9)), shape: [4, 1, 3, 2] };
      const options = { stride: [2, 1], padding: [1, 2], dilation: [1, 2], groups: 2, bias: new Float32Array([0.5, -1, 2, 0.25]) };
      const y = cs.conv2d(input, weight, options);
      const [O, OH, OW] = y.shape;
      const diffs = [];
      for (let c = 0; c < O; c++) {
        for (let yy = 0; yy < OH; yy++) {
          for (let x = 0; x < OW; x++) {
            const e = cs.explainConv2d(input, weight, options, c, yy, x);
            diffs.push([e.z, y.data[(c * OH + yy) * OW + x]]);
          }
        }
      }
      const corner = cs.explainConv2d(input, weight, options, 3, 0, 0);
      return { diffs, corner: { ...corner, channels: corner.channels.map((ch) => ({ index: ch.index, window: Array.from(ch.window) })) } };
    });
    r.diffs.forEach(([a, b], i) => close(a, b, `unit ${i}`));
    const { corner } = r;
    assert.deepEqual([corner.kind, corner.c, corner.y, corner.x, corner.kh, corner.kw, corner.bias], ['conv', 3, 0, 0, 3, 2, 0.25]);
    // Rows −1..1, columns −2 and 0 (dilation 2): the padding cells read 0; channel 3 is in group 1 (input channel 1).
    assert.deepEqual(corner.region, { y0: -1, y1: 2, x0: -2, x1: 1 });
    assert.equal(corner.channels.length, 1);
    assert.equal(corner.channels[0].index, 1);
    assert.deepEqual(corner.channels[0].window.map((v, i) => (i < 2 || i % 2 === 0 ? v : 'real')), [0, 0, 0, 'real', 0, 'real']);
    assert.deepEqual(page.errors, []);
  });

  test(`${pkg}: bad explain arguments throw errors naming the parameter, and the module keeps working`, async () => {
    const page = await open(pkg);
    const r = await page.evaluate(() => {
      const net = cs.LeNet5.load('modern');
      const pixels = new Float32Array(784);
      const err = (f) => { try { f(); return 'no error'; } catch (e) { return e.message; } };
      const input = { data: new Float32Array(16), shape: [1, 4, 4] };
      const weight = { data: new Float32Array(9), shape: [1, 1, 3, 3] };
      const out = [
        err(() => net.explainUnit(pixels, 'C9', 0, 0, 0)),
        err(() => net.explainUnit(pixels, 'C1', 6, 0, 0)),
        err(() => net.explainUnit(pixels, 'C1', 0, 28, 0)),
        err(() => net.explainUnit(pixels, 'F6', 0, 0, 1)),
        err(() => net.explainUnit(new Float32Array(10), 'C1', 0, 0, 0)),
        err(() => net.explainUnit(pixels, 42, 0, 0, 0)),
        err(() => net.explainUnit(pixels, 'C1', -1, 0, 0)),
        err(() => cs.explainConv2d(input, weight, {}, 0, 2, 0)),
        err(() => cs.explainConv2d(input, weight, { stride: 0 }, 0, 0, 0)),
        err(() => cs.explainConv2d(input, { data: new Float32Array(8), shape: [1, 2, 2, 2] }, {}, 0, 0, 0)),
      ];
      const after = net.explainUnit(pixels, 'C3', 0, 0, 0).kind;
      return { out, after, specs: net.layerSpecs().map((s) => [s.name, s.input, s.activation]) };
    });
    const params = ['layer', 'c', 'y', 'x', 'pixels', 'layer', 'c', 'y', 'stride', 'weight'];
    r.out.forEach((m, i) => {
      const op = i < 7 ? 'explainUnit' : 'explainConv2d';
      assert.ok(m.startsWith(`${op}: invalid \`${params[i]}\``), `case ${i}: ${m}`);
    });
    assert.equal(r.after, 'conv');
    assert.deepEqual(r.specs[1], ['C1', 'input', 'relu']);
    assert.deepEqual(r.specs[7], ['output', 'F6', 'softmax']);
    assert.deepEqual(page.errors, []);
  });
}
