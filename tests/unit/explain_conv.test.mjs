// The playground's explainConv (contract 3's object for one conv2d unit, until the wasm core's
// explainConv2d replaces it): checked against the lecture's worked example and hand-worked
// stride / padding / dilation cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainConv } from '../../www/pages/playground/explain-conv.js';

const t = (data, shape) => ({ data: Float32Array.from(data), shape });
const LECTURE4 = t([1, 2, 3, 0, 0, 1, 2, 3, 3, 0, 1, 2, 2, 3, 0, 1], [1, 4, 4]);
const K = t([2, 0, 1, 0, 1, 2, 1, 0, 2], [1, 1, 3, 3]);

test("the lecture's 4×4 example: the four units are 15 16 / 6 15, product by product", () => {
  const u = explainConv(LECTURE4, K, {}, 0, 0, 1);
  assert.deepEqual([...u.channels[0].window], [2, 3, 0, 1, 2, 3, 0, 1, 2]);
  assert.deepEqual([...u.channels[0].products], [4, 0, 0, 0, 2, 6, 0, 0, 4]);
  assert.equal(u.sum, 16);
  assert.deepEqual({ kind: u.kind, c: u.c, y: u.y, x: u.x, bias: u.bias, z: u.z, value: u.value, activation: u.activation }, { kind: 'conv', c: 0, y: 0, x: 1, bias: 0, z: 16, value: 16, activation: null });
  assert.deepEqual([[0, 0], [0, 1], [1, 0], [1, 1]].map(([y, x]) => explainConv(LECTURE4, K, {}, 0, y, x).z), [15, 16, 6, 15]);
});

test('padding cells read as 0 and the region is in input coordinates (negative at the border)', () => {
  const u = explainConv(LECTURE4, K, { padding: 1, stride: 2 }, 0, 0, 0);
  assert.deepEqual(u.region, { y0: -1, y1: 2, x0: -1, x1: 2 });
  assert.deepEqual([...u.channels[0].window], [0, 0, 0, 0, 1, 2, 0, 0, 1]);
  assert.equal(u.z, 1 * 1 + 2 * 2 + 1 * 2); // 7
});

test('dilation spaces the taps; per-axis settings; several channels each get a partial sum; bias adds', () => {
  const u = explainConv(LECTURE4, K, { dilation: [1, 2], padding: [0, 1] }, 0, 0, 0);
  // Columns −1, 1, 3 of rows 0–2.
  assert.deepEqual([...u.channels[0].window], [0, 2, 0, 0, 1, 3, 0, 0, 2]);
  assert.deepEqual(u.region, { y0: 0, y1: 3, x0: -1, x1: 4 });
  const two = t([1, 2, 3, 4, 10, 20, 30, 40], [2, 2, 2]);
  const w = t([1, 1, 1, 0], [2, 2, 1, 1]); // filter 1: 1 × channel 0 + 0 × channel 1
  const v = explainConv(two, w, { bias: [0.5, -1] }, 1, 1, 0);
  assert.deepEqual(v.channels.map((c) => c.partial), [3, 0]); // 3·1 + 30·0
  assert.equal(v.sum, 3);
  assert.equal(v.bias, -1);
  assert.equal(v.z, 2);
});
