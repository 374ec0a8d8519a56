// www/pages/student/views/layout.js: how each layer's maps and units are arranged, computed from
// layer shapes and kinds alone (no browser), and, through www/shared/grid.js, where each cell
// sits and which unit a point hits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripLayout } from '../../www/pages/student/views/layout.js';
import { hitTest, cellRect } from '../../www/shared/grid.js';
import { SPECS } from './lenet_specs.mjs';

test('wide screens: one row of cards; maps in ⌊√C⌋ columns, vectors as full grids of about 14 rows', () => {
  const { mode, layers } = stripLayout(SPECS, 1400);
  assert.equal(mode, 'row');
  const cols = Object.fromEntries(layers.map((g) => [g.name, g.cols]));
  assert.deepEqual(cols, { input: 1, C1: 2, S2: 2, C3: 4, S4: 4, C5: 8, F6: 6, output: 1 });
  for (const g of layers) assert.equal(g.rows * g.cols >= g.count, true, g.name);
  // Vectors fill their grid exactly: 120 = 8 × 15, 84 = 6 × 14, 10 = 1 × 10.
  assert.deepEqual(layers.slice(5).map((g) => [g.cols, g.rows]), [[8, 15], [6, 14], [1, 10]]);
  // The input card shows the 28×28 image inside the 2-cell zero padding the first convolution sees.
  assert.deepEqual([layers[0].h, layers[0].w, layers[0].ry, layers[0].rx], [28, 28, 2, 2]);
  assert.equal(layers[0].pad, 2);
});

test('narrow screens: stacked cards; maps in ⌈√C⌉ columns, vector grids transposed', () => {
  const { mode, layers } = stripLayout(SPECS, 390);
  assert.equal(mode, 'stack');
  assert.deepEqual(layers.map((g) => g.cols), [1, 3, 3, 4, 4, 15, 14, 10]);
  for (const g of layers) assert.ok(g.width <= 390, `${g.name} is ${g.width} px wide`);
});

test('hitTest inverts cellRect: the centre of every cell of every map and vector hits that unit', () => {
  for (const width of [1400, 390]) {
    for (const g of stripLayout(SPECS, width).layers) {
      for (let c = 0; c < g.count; c++) {
        // The input's padding ring too: rows and columns −2…−1 and 28…29 (0 − 0: no −0 elsewhere).
        for (let y = 0 - g.ry; y < g.h + g.ry; y++) {
          for (let x = 0 - g.rx; x < g.w + g.rx; x++) {
            const r = cellRect(g, c, y, x);
            assert.equal(r.size, g.cell);
            const hit = hitTest(g, r.x + r.size / 2, r.y + r.size / 2, true);
            assert.deepEqual(hit, { map: c, y, x }, `${g.name} c ${c} (${y}, ${x}) at ${width}`);
          }
        }
      }
    }
  }
});

test('points outside a layer, on its far edge or in the gap between maps hit nothing', () => {
  const c1 = stripLayout(SPECS, 1400).layers[1];
  assert.equal(hitTest(c1, -1, 5), null);
  assert.equal(hitTest(c1, c1.width, 5), null);
  assert.equal(hitTest(c1, c1.mapW + c1.gap / 2, 5), null);
  assert.equal(hitTest(c1, c1.mapW, 5), null); // the first map ends where the gap begins
  assert.equal(hitTest(c1, 5, c1.height), null);
});

test('every map of a layer is a whole number of CSS px, though its cells are fractional', () => {
  for (const width of [1400, 1366, 1180, 390]) {
    for (const g of stripLayout(SPECS, width).layers.filter((l) => l.isMap)) {
      assert.ok(Number.isInteger(g.mapW) && Number.isInteger(g.width), `${g.name} at ${width}: ${g.mapW}, ${g.width}`);
      assert.equal(g.positions[1 % g.count].bx, g.count > 1 && g.cols > 1 ? g.mapW + g.gap : 0);
    }
  }
});
