// Issue 12 items 1-7 in Node against pkg/: each reproduction (tests/node/repro.mjs) ends in a
// named Error (op, param, code) quickly, wasm memory grows by no more than the data
// legitimately needed, the externref table does not grow, and the README example still
// computes [15, 16, 6, 15] afterwards (tests/node/expectations.mjs). The same reproductions
// run in headless Chromium (tests/browser/core_api.test.mjs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { load, classicWeights } from './load.mjs';
import * as repro from './repro.mjs';
import * as expect from './expectations.mjs';

let cs;
let wasm;
before(async () => {
  ({ cs, wasm } = await load());
  repro.readmeExample(cs); // warm up: first-call allocations are not growth caused by a test
});

test('item 1: 3000 Proxies, revoked Proxies and lying subclasses each give a named error; the module lives on', () => {
  expect.proxies(repro.proxies(cs, wasm));
});

test('item 1: 100,000 calls on a freed or forged network are named errors and free() twice is harmless', () => {
  expect.useAfterFree(repro.useAfterFree(cs, wasm));
});

test('item 1: networks dropped without free() are finalized without errors after the hostile loops', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const errors = [];
  const onError = (e) => errors.push(String(e));
  process.on('uncaughtException', onError);
  for (let i = 0; i < 3000; i++) {
    try { cs.conv2d({ data: new Proxy(new Float32Array(16), {}), shape: [1, 4, 4] }, { data: new Float32Array(9), shape: [1, 1, 3, 3] }, {}); } catch { /* named error */ }
  }
  for (let i = 0; i < 20; i++) cs.LeNet5.load(i % 2 ? 'classic' : 'modern'); // dropped, never freed
  for (let i = 0; i < 5; i++) {
    gc();
    await new Promise((ok) => setTimeout(ok, 20));
  }
  process.off('uncaughtException', onError);
  assert.deepEqual(errors, []);
  assert.deepEqual(repro.readmeExample(cs), [15, 16, 6, 15]);
});

test('item 2: crafted weights files with a fixed CRC are named weights errors, and none traps', async () => {
  expect.craftedWeights(repro.craftedWeightsLoad(cs, wasm, await classicWeights()));
});

test('item 3: 32 unknown keys holding 64 MB arrays fail fast without growing wasm memory', () => {
  expect.hugeUnknownOptions(repro.hugeUnknownOptions(cs, wasm));
});

test('item 4: inferShapes refuses a 2^24-element inputSize (and spec array) within 100 ms', () => {
  expect.inferShapesHugeInput(repro.inferShapesHugeInput(cs, wasm));
});

test('item 5: a data length that disagrees with the shape is refused before copying', () => {
  expect.lengthMismatch(repro.lengthMismatch(cs, wasm));
});

test('item 6: every failure is an Error naming op and parameter; numbers are not coerced', () => {
  expect.namedErrors(repro.namedErrors(cs, wasm));
});

test('item 7: 10,000 caught exceptions from getters do not grow the externref table', () => {
  expect.throwingGetters(repro.throwingGetters(cs, wasm));
});
