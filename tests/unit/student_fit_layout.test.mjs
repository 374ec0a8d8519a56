// www/pages/student/views/layout.js fitting a laptop screen (issue 13): given a height per layer,
// the row layout keeps every layer's maps within it and the row within the width, or shrinks to
// its floor; without a height the layout is the one the other tests describe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripLayout, CARD_MIN } from '../../www/pages/student/views/layout.js';
import { SPECS } from './lenet_specs.mjs';

/** Width of the row: cards at least CARD_MIN, 26 px of padding and gap each (layout.js). */
const rowWidth = (layers) => layers.reduce((s, g) => s + Math.max(CARD_MIN, g.width) + 26, 0);

test('with a height per layer, every layer\'s maps fit it and the row fits the width', () => {
  for (const [width, cap] of [[1310, 170], [1224, 140], [1500, 260]]) {
    const { mode, layers } = stripLayout(SPECS, width, SPECS.map(() => cap));
    assert.equal(mode, 'row');
    for (const g of layers) assert.ok(g.height <= cap + 1, `${g.name} ${g.height} px > ${cap} px at ${width}`);
    assert.ok(rowWidth(layers) <= width, `row ${rowWidth(layers)} px > ${width} px`);
    // C3 keeps its 4×4 grid; C1 and S2 lie in two rows of 3; the ten digits in two columns.
    const cols = Object.fromEntries(layers.map((g) => [g.name, g.cols]));
    assert.deepEqual([cols.C1, cols.S2, cols.C3, cols.output], [3, 3, 4, 2]);
  }
});

test('a larger height gives larger maps; a tiny one stops at the floor (C1 cells ≥ 1 px, digits ≥ 14 px)', () => {
  const at = (cap) => stripLayout(SPECS, 1600, SPECS.map(() => cap)).layers;
  assert.ok(at(200)[3].mapW > at(120)[3].mapW);
  const tiny = at(10);
  assert.ok(tiny[1].cell >= 1, `C1 cell ${tiny[1].cell}`);
  assert.ok(tiny[7].cell >= 14, `output cell ${tiny[7].cell}`);
});

test('without a height (or a narrow container) the layout is unchanged: C1 in 2 columns, stacked below 900 px', () => {
  assert.equal(stripLayout(SPECS, 1400).layers[1].cols, 2);
  assert.equal(stripLayout(SPECS, 600).mode, 'stack');
  assert.equal(stripLayout(SPECS, 600, SPECS.map(() => 200)).mode, 'stack');
});
