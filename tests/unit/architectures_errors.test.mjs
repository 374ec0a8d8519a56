// www/pages/architectures/errors.js against the real wasm core in Node: each error inferShapes()
// throws for the page's settings becomes one message key with the values of the sentence, and
// both catalogs' sentences carry those values. Expected values are worked out by hand from the
// output-size formula ⌊(n + 2p − k)/s⌋ + 1 and the papers' layer tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as core from '../../pkg/convscope.js';
import { fill } from '../../www/shared/i18n.js';
import en from '../../www/shared/i18n/en/architectures.js';
import ko from '../../www/shared/i18n/ko/architectures.js';
import { diagnose } from '../../www/pages/architectures/errors.js';

core.initSync({ module: readFileSync(new URL('../../pkg/convscope_bg.wasm', import.meta.url)) });

/** The diagnosis of the error inferShapes(name, options) throws, and its sentence in each language. */
function explain(name, options) {
  let err;
  try { core.inferShapes(name, options); } catch (e) { err = e; }
  assert.ok(err, `${name} ${JSON.stringify(options)} throws`);
  const d = diagnose(err, { core, spec: core.architecture(name), options });
  const key = d.key.replace(/^architectures\./, '');
  const say = (cat, l) => {
    const params = { ...d.params };
    if (String(params.param).startsWith('architectures.')) params.param = cat[params.param.slice('architectures.'.length)];
    return fill(cat[key], params, l);
  };
  return { key, params: d.params, en: say(en, 'en'), ko: say(ko, 'ko') };
}

test('input size: below 1, fractional and over the core\'s limit (2^20) name the input with the given value', () => {
  assert.deepEqual(explain('alexnet', { inputSize: 0 }).params, { min: 1, got: 0 });
  const frac = explain('alexnet', { inputSize: 1.5 });
  assert.equal(frac.key, 'errInputWhole');
  assert.match(frac.ko, /^입력 크기는 1 이상의 정수여야 하는데 1\.5입니다/);
  const big = explain('alexnet', { inputSize: 5000000 });
  assert.equal(big.key, 'errInputTooLarge');
  assert.deepEqual(big.params, { limit: 1048576, got: 5000000 });
});

test('a layer\'s stride or padding out of range names the layer and the parameter in the page\'s words', () => {
  const s = explain('alexnet', { overrides: { conv3: { stride: 0 } } });
  assert.equal(s.en, 'inferShapes: invalid `conv3.stride`: expected a whole number >= 1, got 0');
  assert.equal(s.ko, 'conv3의 스트라이드: 1 이상의 정수여야 하는데 0입니다.');
  const p = explain('alexnet', { overrides: { conv1: { padding: 2000000 } } });
  assert.equal(p.key, 'errLayerTooLarge');
  assert.match(p.ko, /^conv1의 패딩: 1,048,576 이하여야/);
});

test('an empty output gives the width the layer receives and the formula: AlexNet at conv1 stride 100 leaves pool2 ⌊(1 − 3)/2⌋ + 1 = 0', () => {
  // conv1: ⌊(227 − 11)/100⌋ + 1 = 3; pool1: ⌊(3 − 3)/2⌋ + 1 = 1; conv2 (5×5, pad 2): 1; pool2: 3 > 1.
  const e = explain('alexnet', { overrides: { conv1: { stride: 100 } } });
  assert.equal(e.key, 'errEmptyPool');
  assert.deepEqual({ ...e.params, param: undefined }, { layer: 'pool2', param: undefined, k: 3, n: 1, p: 0, padded: 1, formula: '⌊(1 + 2·0 − 3)/2⌋ + 1 = 0' });
  assert.match(e.ko, /^pool2의 커널: 출력이 비게 됩니다\. 이 층이 받는 특성 맵은 너비가 1뿐이라/);
});

test('a pooling padding over half the window: AlexNet pool1 padding 2 > ⌊3/2⌋ = 1', () => {
  const e = explain('alexnet', { overrides: { pool1: { padding: 2 } } });
  assert.equal(e.key, 'errPoolPadding');
  assert.deepEqual([e.params.layer, e.params.k, e.params.half, e.params.got], ['pool1', 3, 1, 2]);
});

test('shapes that cannot merge: GoogLeNet inception_3a.3x3 at stride 2 gives 14×14×128 beside 28×28 branches; ResNet-50 layer2_0.conv2 padding 3 gives 32×32×512 against 28×28×512', () => {
  // 3×3 over 28 at stride 2, pad 1: ⌊(28 + 2 − 3)/2⌋ + 1 = 14.
  const c = explain('googlenet', { overrides: { 'inception_3a.3x3': { stride: 2 } } });
  assert.equal(c.key, 'errConcat');
  assert.equal(c.params.shapes, '28×28×64, 14×14×128, 28×28×32, 28×28×32');
  // layer2_0: conv1 1×1 /2 → 28; conv2 3×3 pad 3: 28 + 6 − 3 + 1 = 32; the projection: 28.
  const r = explain('resnet50', { overrides: { 'layer2_0.conv2': { padding: 3 } } });
  assert.equal(r.key, 'errResidual');
  assert.deepEqual([r.params.block, r.params.main, r.params.shortcut], ['layer2_0', '32×32×512', '28×28×512']);
  assert.match(r.ko, /주 경로는 32×32×512, 숏컷은 28×28×512입니다/);
});

test('numbers beyond the core\'s range: an output 2,000,217 wide (227 + 2·10^6 − 11 + 1), more than 2^53 multiply-adds', () => {
  const w = explain('alexnet', { overrides: { conv1: { padding: 1000000, stride: 1 } } });
  assert.equal(w.key, 'errTooWide');
  assert.deepEqual([w.params.size, w.params.limit], [2000217, 1048576]);
  const m = explain('vgg16', { inputSize: 1000000 });
  assert.equal(m.key, 'errTooMany');
  assert.equal(m.params.layer, 'conv1_2');
});
