// www/pages/student/views/labels.js: the words for LeNet-5's layers, generated from
// layerSpecs() (kind, shape, input, activation) — the same sentences the page showed when they
// were a table keyed by layer name (no browser; the English catalogs, as the page loads them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layerRole, layerLabel, explainLabels, unitLabel } from '../../www/pages/student/views/labels.js';
import { register } from '../../www/shared/i18n.js';
import student from '../../www/shared/i18n/en/student.js';
import explain from '../../www/shared/i18n/en/explain.js';
import { SPECS } from './lenet_specs.mjs';

register('en', 'student', student);
register('en', 'explain', explain);

test('each layer\'s role sentence, as the page wrote it for LeNet-5', () => {
  assert.deepEqual(SPECS.map((s) => layerRole(s, SPECS)), [
    'your digit, 28×28 — the faint border is the 2-pixel zero padding',
    '6 filters scan the image for strokes and edges',
    'each 2×2 block becomes one value: half the size',
    '16 filters combine all 6 S2 maps into parts of digits',
    'each 2×2 block becomes one value again',
    '120 units, each sees all of S4 (the whole digit)',
    '84 units, each sees all of C5',
    'one score per digit, turned into probabilities by softmax',
  ]);
});

test('layer labels: operation with the variant\'s activation and pooling, shape as C@H×W', () => {
  assert.deepEqual(layerLabel(SPECS[3], 'relu', 'max'), { name: 'C3', op: 'conv 5×5 + relu', shape: '16@10×10' });
  assert.deepEqual(layerLabel(SPECS[2], 'tanh', 'avg'), { name: 'S2', op: 'avg pool 2×2', shape: '6@14×14' });
  assert.deepEqual(layerLabel(SPECS[7], 'tanh', 'avg'), { name: 'output', op: 'dense + softmax', shape: '10' });
  assert.deepEqual(layerLabel(SPECS[0], 'tanh', 'avg'), { name: 'input', op: 'pixels 0…1', shape: '1@28×28' });
});

test('the explain widget\'s wording takes the input\'s padding and normalisation from its spec', () => {
  const labels = explainLabels(SPECS);
  const c1 = labels.intro({ below: 'input', channels: [{}], region: { y0: 12, y1: 17, x0: 12, x1: 17 }, kh: 5, kw: 5, activation: 'tanh' });
  assert.match(c1, /the 5×5 window at rows 12–16, cols 12–16 of the padded 32×32 input/);
  // (0 − 0.1307) / 0.3081 = −0.42421…, (1 − 0.1307) / 0.3081 = 2.82148…
  assert.match(c1, /x = \(p − 0\.1307\) \/ 0\.3081, so background and padding are −0\.4242 and full ink is 2\.8215/);
  const c3 = labels.intro({ below: 'S2', channels: [0, 1, 2, 3, 4, 5], region: { y0: 2, y1: 7, x0: 3, x1: 8 }, kh: 5, kw: 5, activation: 'relu' });
  assert.match(c3, /a 6×5×5 window of S2 \(rows 2–6, cols 3–7, all 6 maps\)/);
  assert.doesNotMatch(c3, /normalises/);
  assert.equal(labels.window({ below: 'input' }, 0), 'input window x (normalised)');
  assert.equal(labels.window({ below: 'S2' }, 4), 'window of S2 map 4');
  assert.equal(labels.title({ unit: { layer: 'C3', c: 2, y: 1, x: 3, kind: 'conv', map: true } }), 'C3 map 2, row 1, col 3');
});

test('units in words: a map unit, a vector unit, an output unit with its digit, an input pixel', () => {
  assert.equal(unitLabel({ layer: 'C3', c: 4, y: 2, x: 7, kind: 'conv', map: true }, SPECS), 'C3 map 4, row 2, col 7');
  assert.equal(unitLabel({ layer: 'F6', c: 12, y: 0, x: 0, kind: 'dense' }, SPECS), 'F6 unit 12');
  assert.equal(unitLabel({ layer: 'output', c: 3, y: 0, x: 0, kind: 'dense', softmax: true }, SPECS), 'output unit 3 (digit 3)');
  assert.equal(unitLabel({ layer: 'input', c: 0, y: 3, x: 5, kind: 'input', map: true }, SPECS), 'input pixel (row 3, col 5)');
});
