// www/shared/grid.js, its pure part: how maps of cells are laid out and which cell a point hits
// (the canvases' hover, click and cell editor rely on it). No browser: the numbers below are
// worked out by hand from the layout rule (caption row 24 px, gap 16 px between maps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutMaps, placeMaps, hitTest, cellRect, autoScale, LABEL_H } from '../../www/shared/grid.js';

test('one 4×4 map gets the largest cell allowed, under its caption row', () => {
  const L = layoutMaps({ count: 1, h: 4, w: 4, maxWidth: 1000, maxCell: 64 });
  assert.equal(LABEL_H, 24);
  assert.equal(L.cell, 64);
  assert.equal(L.width, 256);
  assert.equal(L.height, 24 + 256);
  assert.deepEqual(L.positions, [{ bx: 0, by: 0, x: 0, y: 24 }]);
});

test('maps wrap into rows that fit the width: three 10×10 maps at 20 px in 450 px make 2 + 1', () => {
  const L = layoutMaps({ count: 3, h: 10, w: 10, maxWidth: 450, maxCell: 20 });
  assert.equal(L.cell, 20);
  assert.equal(L.cols, 2); // 2·200 + 16 = 416 ≤ 450 < 3·200 + 2·16
  assert.equal(L.rows, 2);
  assert.equal(L.width, 416);
  assert.equal(L.height, 2 * (24 + 200) + 16);
  assert.deepEqual(L.positions.map((p) => [p.x, p.y]), [[0, 24], [216, 24], [0, 264]]);
});

test('the cell shrinks until the maps fit the height', () => {
  // 24 + 10·cell ≤ 300 → cell ≤ 27.6
  assert.equal(layoutMaps({ count: 1, h: 10, w: 10, maxWidth: 1000, maxCell: 50, maxHeight: 300 }).cell, 27);
  // Nothing fits 1000 px wide at 50 px per cell for 30 columns: 33 px does (30·33 = 990).
  assert.equal(layoutMaps({ count: 1, h: 2, w: 30, maxWidth: 1000, maxCell: 50 }).cell, 33);
});

test('a padding ring moves the interior in by whole cells', () => {
  const L = layoutMaps({ count: 1, h: 4, w: 4, ring: [1, 2], maxWidth: 1000, maxCell: 10 });
  assert.equal(L.mapW, (4 + 2 * 2) * 10);
  assert.equal(L.mapH, (4 + 2 * 1) * 10);
  assert.deepEqual(L.positions[0], { bx: 0, by: 0, x: 20, y: 24 + 10 });
});

test('hit-testing finds the cell under a point, and nothing in captions or gaps', () => {
  const L = layoutMaps({ count: 1, h: 4, w: 4, maxWidth: 1000, maxCell: 64 });
  assert.deepEqual(hitTest(L, 64 + 5, 24 + 128 + 5), { map: 0, y: 2, x: 1 });
  assert.equal(hitTest(L, 5, 10), null); // caption row
  assert.equal(hitTest(L, 256 + 1, 30), null); // right of the map
  const L3 = layoutMaps({ count: 3, h: 10, w: 10, maxWidth: 450, maxCell: 20 });
  assert.equal(hitTest(L3, 205, 30), null); // the gap between map 0 and map 1
  assert.deepEqual(hitTest(L3, 216 + 39, 24 + 1), { map: 1, y: 0, x: 1 });
  assert.deepEqual(hitTest(L3, 199, 264 + 199), { map: 2, y: 9, x: 9 });
});

test('the padding ring is hit only when asked, with coordinates outside the grid', () => {
  const L = layoutMaps({ count: 1, h: 4, w: 4, ring: 1, maxWidth: 1000, maxCell: 10 });
  assert.equal(hitTest(L, 5, 34 + 5), null);
  assert.deepEqual(hitTest(L, 5, 34 + 5, true), { map: 0, y: 0, x: -1 });
  assert.deepEqual(hitTest(L, 10 + 45, 34 + 45, true), { map: 0, y: 4, x: 4 });
  assert.equal(hitTest(L, 10 + 55, 34, true), null); // past the ring
});

test('cellRect is where hitTest finds the same cell', () => {
  const L = layoutMaps({ count: 3, h: 5, w: 7, ring: 1, maxWidth: 300, maxCell: 12 });
  for (let map = 0; map < 3; map++) {
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 7; x++) {
        const r = cellRect(L, map, y, x);
        assert.equal(r.size, L.cell);
        assert.deepEqual(hitTest(L, r.x + r.size / 2, r.y + r.size / 2), { map, y, x });
      }
    }
  }
});

test('placeMaps takes the cell size and columns as given: 28 cells of 58/28 px make a 58 px map', () => {
  // 28 · (58/28) is 58.00000000000001 in floating point; the map stays 58 px.
  const L = placeMaps({ count: 3, h: 28, w: 28, cell: 58 / 28, cols: 2, gap: 6, label: false });
  assert.deepEqual([L.mapW, L.mapH, L.cols, L.rows, L.width, L.height], [58, 58, 2, 2, 122, 122]);
  assert.deepEqual(L.positions.map((p) => [p.x, p.y]), [[0, 0], [64, 0], [0, 64]]);
  assert.deepEqual(hitTest(L, 57.9, 57.9), { map: 0, y: 27, x: 27 });
  assert.equal(hitTest(L, 58, 10), null); // the map's far edge is the gap's first pixel
  assert.deepEqual(hitTest(L, 64, 0), { map: 1, y: 0, x: 0 });
  assert.deepEqual(hitTest(L, 0, 64), { map: 2, y: 0, x: 0 });
  assert.deepEqual(cellRect(L, 1, 0, 0), { x: 64, y: 0, size: 58 / 28 });
});

test('autoScale: sequential from 0 for non-negative data, diverging and symmetric otherwise', () => {
  assert.deepEqual(autoScale([0, 2, 9]), { kind: 'sequential', lo: 0, hi: 9 });
  assert.deepEqual(autoScale([-3, 2]), { kind: 'diverging', limit: 3 });
  assert.deepEqual(autoScale([0, 0.5, 1], true), { kind: 'gray' });
  assert.deepEqual(autoScale([]), { kind: 'sequential', lo: 0, hi: 1 });
});
