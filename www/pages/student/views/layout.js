// Arrangement of the layer cards (pure): how many maps (or units) of each layer go in a row and
// how big, in the row or the stacked layout, scaled to the screen. Where each cell then sits on
// its card's canvas, and which cell a point hits, is the shared grid (www/shared/grid.js:
// placeMaps, hitTest, cellRect). No data, no drawing.
import { placeMaps } from '../../../shared/grid.js';


/** Gap between maps of one layer, CSS px. */
const MAP_GAP = 6;
/** Below this container width the layers stack top to bottom instead of left to right. */
const NARROW_BELOW = 900;
/**
 * The same when the row must fit a height (a laptop screen, perhaps with the unit arithmetic's
 * side panel open beside it): the maps shrink (to SCALE_FIT_MIN) before the row becomes a stack.
 */
const FIT_NARROW_BELOW = 720;
/** Per-card overhead in the row layout (padding + gap), CSS px, and the narrowest card. */
const CARD_OVERHEAD = 26;
export const CARD_MIN = 104;
/**
 * Arrangement per layer, from its shape and kind (never its name). Maps: a stack of C maps in
 * ⌊√C⌋ columns in the row layout (⌈√C⌉ stacked), MAP_PX[columns] CSS px per map at scale 1 (the
 * input: INPUT_PX). Vectors: N cells in a grid of about VECTOR_ROWS rows (a divisor of N, so it
 * draws as one full grid), transposed when stacked; the softmax layer's cells are bigger (they
 * carry the digits).
 */
const MAP_PX = { 1: 128, 2: 84, 3: 64, 4: 50 };
const INPUT_PX = 128;
const VECTOR_ROWS = 14;
const VECTOR_PX = 12;
const SOFTMAX_PX = 22;
/** Largest card content width in the stacked layout, and the input's largest side. */
const NARROW_MAX = 520;
const NARROW_INPUT_MAX = 224;
const NARROW_OUTPUT_CELL_MAX = 36;
/** Scale limits in the row layout (maps never shrink below 60 % nor grow past 130 %). */
const SCALE_MIN = 0.6;
const SCALE_MAX = 1.3;
/** Smallest scale when the row must fit a height or a laptop with the side panel open (C1's cells still ≥ 1 CSS px). */
const SCALE_FIT_MIN = 0.45;
const SOFTMAX_FIT_MIN = 14;

const isMapSpec = (spec) => spec.shape[1] > 1;

/** Rows of a vector of `n` cells: the divisor of n nearest VECTOR_ROWS. */
function vectorRows(n) {
  let best = n;
  for (let d = 1; d <= n; d++) if (n % d === 0 && Math.abs(d - VECTOR_ROWS) < Math.abs(best - VECTOR_ROWS)) best = d;
  return best;
}

/**
 * {cols, px} of `spec` in the row layout, and its columns when stacked. `short`: the row must
 * fit a height (a laptop screen), so a layer of a few maps (C ≤ 8) lies in two rows, not ⌈C/⌊√C⌋⌉,
 * and the softmax layer in two columns.
 */
function arrangement(spec, short = false) {
  const n = spec.shape[0];
  if (isMapSpec(spec)) {
    const wide = Math.max(1, Math.floor(Math.sqrt(n)));
    const px = spec.kind === 'input' ? INPUT_PX : MAP_PX[wide] ?? Math.round(200 / wide);
    const cols = short && n > 2 && n <= 8 ? Math.ceil(n / 2) : wide;
    return { cols, px, narrowCols: Math.ceil(Math.sqrt(n)) };
  }
  const rows = vectorRows(n);
  const softmax = spec.activation === 'softmax';
  // Fitting a height, the softmax layer's cells (they carry the digits) go in two columns.
  const cols = short && softmax && n % 2 === 0 ? 2 : n / rows;
  return { cols, px: softmax ? SOFTMAX_PX : VECTOR_PX, narrowCols: rows };
}

/** Zero padding drawn around a layer's maps: the input's `pad` (the first convolution sees it). */
const padOf = (spec) => (spec.kind === 'input' ? spec.pad ?? 0 : 0);

/**
 * Geometry of one layer: a grid.js layout (placeMaps) of its C maps of H×W cells, `cols` to a
 * row, each `px` CSS px tall (rounded to whole px; at least 1 px per cell), MAP_GAP apart; the
 * input's maps keep a ring of `pad` zero-padding cells. A vector is C maps of one cell each, a
 * cell `px` CSS px (whole px, at least 2) and no gap: one grid. Plus the layer's `name`,
 * `isMap` and `pad`.
 * @param {{name: string, shape: number[]}} spec from layerSpecs()
 * @param {number} cols maps (or cells) per row
 * @param {number} px map side (maps) or cell side (vectors), CSS px
 */
export function layerGeometry(spec, cols, px) {
  const [C, H, W] = spec.shape;
  const isMap = isMapSpec(spec);
  if (isMap) {
    const pad = padOf(spec);
    const side = H + 2 * pad;
    const cell = Math.max(side, Math.round(px)) / side;
    return { name: spec.name, isMap, pad, ...placeMaps({ count: C, h: H, w: W, ring: pad, cell, cols, gap: MAP_GAP, label: false }) };
  }
  const cell = Math.max(2, Math.floor(px));
  return { name: spec.name, isMap, pad: 0, ...placeMaps({ count: C, h: 1, w: 1, cell, cols, gap: 0, label: false }) };
}

/**
 * Geometries of all layers for a container `width` CSS px wide; `mode` 'row' | 'stack'.
 * `maxHeight` (CSS px; one number, or one per layer; default unlimited): in the row layout each
 * layer's maps stay within it, so that the pad, the prediction and every layer fit one laptop
 * screen together. The maps then shrink to as little as SCALE_FIT_MIN of their size rather than
 * overflow, and the softmax layer keeps cells of at least SOFTMAX_FIT_MIN px (its digits).
 */
export function stripLayout(specs, width, maxHeight = Infinity) {
  const caps = Array.isArray(maxHeight) ? maxHeight : specs.map(() => maxHeight);
  const short = caps.some(Number.isFinite);
  if (short && width >= FIT_NARROW_BELOW) return fitRow(specs, width, caps);
  if (width >= NARROW_BELOW) {
    const arr = specs.map((sp) => arrangement(sp));
    const natural = specs.map((sp, i) => layerGeometry(sp, arr[i].cols, arr[i].px));
    const naturalWidth = natural.reduce((s, g) => s + Math.max(CARD_MIN, g.width), 0);
    const scale = Math.min(SCALE_MAX, Math.max(SCALE_MIN, (width - specs.length * CARD_OVERHEAD) / naturalWidth));
    return { mode: 'row', layers: specs.map((sp, i) => layerGeometry(sp, arr[i].cols, arr[i].px * scale)) };
  }
  const inner = Math.min(NARROW_MAX, width - CARD_OVERHEAD);
  return {
    mode: 'stack',
    layers: specs.map((sp) => {
      const cols = arrangement(sp).narrowCols;
      if (sp.kind === 'input') return layerGeometry(sp, cols, Math.min(inner, NARROW_INPUT_MAX));
      if (isMapSpec(sp)) return layerGeometry(sp, cols, (inner - (cols - 1) * MAP_GAP) / cols);
      const cell = inner / cols;
      return layerGeometry(sp, cols, sp.activation === 'softmax' ? Math.min(cell, NARROW_OUTPUT_CELL_MAX) : cell);
    }),
  };
}

/** The row layout within a height per layer (`caps`) and `width`: one scale for all maps. */
function fitRow(specs, width, caps) {
  const arr = specs.map((sp) => arrangement(sp, true));
  const natural = specs.map((sp, i) => layerGeometry(sp, arr[i].cols, arr[i].px));
  const soft = specs.map((sp) => sp.activation === 'softmax');
  const softCell = (i, s) => Math.max(SOFTMAX_FIT_MIN, Math.min(SOFTMAX_PX * s, Math.floor(caps[i] / natural[i].rows)));
  const at = (s) => specs.map((sp, i) => layerGeometry(sp, arr[i].cols, soft[i] ? softCell(i, s) : arr[i].px * s));
  const total = (s) => at(s).reduce((t, g) => t + Math.max(CARD_MIN, g.width) + CARD_OVERHEAD, 0);
  // The largest scale whose cards fit the width (total() grows with s), then the heights.
  let lo = SCALE_FIT_MIN;
  let hi = SCALE_MAX;
  for (let k = 0; k < 20; k++) { const mid = (lo + hi) / 2; if (total(mid) <= width) lo = mid; else hi = mid; }
  let scale = lo;
  natural.forEach((g, i) => { if (!soft[i]) scale = Math.min(scale, caps[i] / g.height); });
  scale = Math.max(SCALE_FIT_MIN, scale);
  return { mode: 'row', layers: at(scale) };
}
