// www/pages/student/views/layout.js: where each layer's maps and units sit, and which unit a
// point hits, computed from layer shapes and kinds alone (no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripLayout, originOf, hitTest } from '../../www/pages/student/views/layout.js';
import { SPECS } from './lenet_specs.mjs';

test('wide screens: one row of cards; maps in ⌊√C⌋ columns, vectors as full grids of about 14 rows', () => {
  const { mode, layers } = stripLayout(SPECS, 1400);
  assert.equal(mode, 'row');
  const cols = Object.fromEntries(layers.map((g) => [g.name, g.cols]));
  assert.deepEqual(cols, { input: 1, C1: 2, S2: 2, C3: 4, S4: 4, C5: 8, F6: 6, output: 1 });
  for (const g of layers) assert.equal(g.rows * g.cols >= g.count, true, g.name);
  // Vectors fill their grid exactly: 120 = 8 × 15, 84 = 6 × 14, 10 = 1 × 10.
  assert.deepEqual(layers.slice(5).map((g) => [g.cols, g.rows]), [[8, 15], [6, 14], [1, 10]]);
  // The input card shows the padded 32×32 grid the first convolution sees.
  assert.equal(layers[0].side, 32);
  assert.equal(layers[0].pad, 2);
});

test('narrow screens: stacked cards; maps in ⌈√C⌉ columns, vector grids transposed', () => {
  const { mode, layers } = stripLayout(SPECS, 390);
  assert.equal(mode, 'stack');
  assert.deepEqual(layers.map((g) => g.cols), [1, 3, 3, 4, 4, 15, 14, 10]);
  for (const g of layers) assert.ok(g.width <= 390, `${g.name} is ${g.width} px wide`);
});

test('hitTest inverts originOf: the centre of every map cell and vector cell hits that unit', () => {
  for (const width of [1400, 390]) {
    for (const g of stripLayout(SPECS, width).layers) {
      for (let c = 0; c < g.count; c += Math.max(1, Math.floor(g.count / 7))) {
        const o = originOf(g, c);
        if (!g.isMap) {
          assert.deepEqual(hitTest(g, o.x + g.cell / 2, o.y + g.cell / 2), { c, y: 0, x: 0 });
          continue;
        }
        for (const [y, x] of [[0, 0], [g.side - 1, g.sideW - 1], [3, 1]]) {
          const hit = hitTest(g, o.x + (x + 0.5) * g.cell, o.y + (y + 0.5) * g.cell);
          assert.deepEqual(hit, { c, y, x }, `${g.name} c ${c} (${y}, ${x}) at ${width}`);
        }
      }
    }
  }
});

test('points outside a layer or in the gap between maps hit nothing', () => {
  const c1 = stripLayout(SPECS, 1400).layers[1];
  assert.equal(hitTest(c1, -1, 5), null);
  assert.equal(hitTest(c1, c1.width, 5), null);
  assert.equal(hitTest(c1, c1.mapPx + c1.gap / 2, 5), null);
});
