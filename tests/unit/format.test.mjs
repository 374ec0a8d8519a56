// www/shared/format.js: the one number and shape formatter, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmt, shapeLabel, sizeLabel, pairLabel, lectureShapeLabel, compact, exact, percent, unitName } from '../../www/shared/format.js';

test('fmt: fixed places, a real minus sign, no minus on a value that rounds to zero, non-finite as is', () => {
  assert.equal(fmt(1.23456, 4), '1.2346');
  assert.equal(fmt(-0.5), '−0.50');
  assert.equal(fmt(-0.0001, 2), '0.00');
  assert.equal(fmt(3), '3.00');
  assert.equal(fmt(NaN), 'NaN');
  assert.equal(fmt(-Infinity), '-Infinity');
});

test('shapes: a stack of maps is C@H×W, a vector N; kernels H×W; per-axis settings collapse when equal', () => {
  assert.equal(shapeLabel([16, 10, 10]), '16@10×10');
  assert.equal(shapeLabel([6, 28, 14]), '6@28×14');
  assert.equal(shapeLabel([120, 1, 1]), '120');
  assert.equal(shapeLabel([84]), '84');
  assert.equal(sizeLabel([5, 5]), '5×5');
  assert.equal(sizeLabel(3), '3×3');
  assert.equal(sizeLabel([1, 7]), '1×7');
  assert.equal(pairLabel([2, 2]), '2');
  assert.equal(pairLabel([1, 2]), '1×2');
  assert.equal(lectureShapeLabel([96, 55, 55]), '55×55×96');
  assert.equal(lectureShapeLabel([4096, 1, 1]), '4096');
});

test('counts: three significant digits with K/M/G, every digit grouped, percentages', () => {
  assert.equal(compact(999), '999');
  assert.equal(compact(34944), '34.9 K');
  assert.equal(compact(62378344), '62.4 M');
  assert.equal(compact(1135256096), '1.14 G');
  assert.equal(compact(61706), '61.7 K');
  assert.equal(exact(62378344), '62,378,344');
  assert.equal(percent(1, 3), '33%');
  assert.equal(percent(43, 1000), '4.3%');
  assert.equal(percent(0, 10), '0%');
  assert.equal(percent(5, 0), '0%');
});

test('unitName names a unit by what its layer is, not by the layer\'s name', () => {
  assert.equal(unitName({ layer: 'input', c: 0, y: 3, x: 5, kind: 'input', map: true }), 'input pixel (row 3, col 5)');
  assert.equal(unitName({ layer: 'C3', c: 4, y: 2, x: 7, kind: 'conv', map: true }), 'C3 map 4, row 2, col 7');
  assert.equal(unitName({ layer: 'F6', c: 12, y: 0, x: 0, kind: 'dense', map: false }), 'F6 unit 12');
  assert.equal(unitName({ layer: 'output', c: 3, y: 0, x: 0, kind: 'dense', map: false, softmax: true }), 'output unit 3 (digit 3)');
});
