// Geometry of the layer cards (pure): where each map / unit of a layer sits on its canvas, in
// CSS px, and which unit a point hits. No data, no drawing.

/** Gap between maps of one layer, CSS px. */
const MAP_GAP = 6;
/** Below this container width the layers stack top to bottom instead of left to right. */
const NARROW_BELOW = 900;
/** Per-card overhead in the row layout (padding + gap), CSS px, and the narrowest card. */
const CARD_OVERHEAD = 26;
export const CARD_MIN = 84;
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

const isMapSpec = (spec) => spec.shape[1] > 1;

/** Rows of a vector of `n` cells: the divisor of n nearest VECTOR_ROWS. */
function vectorRows(n) {
  let best = n;
  for (let d = 1; d <= n; d++) if (n % d === 0 && Math.abs(d - VECTOR_ROWS) < Math.abs(best - VECTOR_ROWS)) best = d;
  return best;
}

/** {cols, px} of `spec` in the row layout, and its columns when stacked. */
function arrangement(spec) {
  const n = spec.shape[0];
  if (isMapSpec(spec)) {
    const wide = Math.max(1, Math.floor(Math.sqrt(n)));
    const px = spec.kind === 'input' ? INPUT_PX : MAP_PX[wide] ?? Math.round(200 / wide);
    return { cols: wide, px, narrowCols: Math.ceil(Math.sqrt(n)) };
  }
  const rows = vectorRows(n);
  return { cols: n / rows, px: spec.activation === 'softmax' ? SOFTMAX_PX : VECTOR_PX, narrowCols: rows };
}

/** Zero padding drawn around a layer's maps: the input's `pad` (the first convolution sees it). */
const padOf = (spec) => (spec.kind === 'input' ? spec.pad ?? 0 : 0);

/**
 * Geometry of one layer.
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
    const count = C;
    const rows = Math.ceil(count / cols);
    const mapPx = Math.max(side, Math.round(px));
    return {
      name: spec.name, isMap, count, side, sideW: W + 2 * pad, pad, cols, rows, mapPx,
      cell: mapPx / side, gap: MAP_GAP,
      width: cols * mapPx + (cols - 1) * MAP_GAP, height: rows * mapPx + (rows - 1) * MAP_GAP,
    };
  }
  const count = C;
  const rows = Math.ceil(count / cols);
  const cell = Math.max(2, Math.floor(px));
  return { name: spec.name, isMap, count, cols, rows, cell, gap: 0, pad: 0, width: cols * cell, height: rows * cell };
}

/** Geometries of all layers for a container `width` CSS px wide; `mode` 'row' | 'stack'. */
export function stripLayout(specs, width) {
  if (width >= NARROW_BELOW) {
    const natural = specs.reduce((s, sp) => s + Math.max(CARD_MIN, naturalWidth(sp)), 0);
    const scale = Math.min(SCALE_MAX, Math.max(SCALE_MIN, (width - specs.length * CARD_OVERHEAD) / natural));
    return { mode: 'row', layers: specs.map((sp) => { const a = arrangement(sp); return layerGeometry(sp, a.cols, a.px * scale); }) };
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

function naturalWidth(spec) {
  const a = arrangement(spec);
  return layerGeometry(spec, a.cols, a.px).width;
}

/** Top-left corner (CSS px) of map `c` (maps) or of unit `c` (vectors). */
export function originOf(g, c) {
  const col = c % g.cols;
  const row = Math.floor(c / g.cols);
  if (g.isMap) return { x: col * (g.mapPx + g.gap), y: row * (g.mapPx + g.gap) };
  return { x: col * g.cell, y: row * g.cell };
}

/**
 * The unit under point (px, py) CSS px, or null. Maps: {c, y, x} in the map's own grid (for
 * the input, padded coordinates); vectors: {c, y: 0, x: 0}.
 */
export function hitTest(g, px, py) {
  if (px < 0 || py < 0 || px >= g.width || py >= g.height) return null;
  if (!g.isMap) {
    const c = Math.floor(py / g.cell) * g.cols + Math.floor(px / g.cell);
    return c < g.count ? { c, y: 0, x: 0 } : null;
  }
  const step = g.mapPx + g.gap;
  const col = Math.floor(px / step);
  const row = Math.floor(py / step);
  const ox = px - col * step;
  const oy = py - row * step;
  const c = row * g.cols + col;
  if (ox >= g.mapPx || oy >= g.mapPx || c >= g.count) return null;
  return { c, y: Math.min(g.side - 1, Math.floor(oy / g.cell)), x: Math.min(g.sideW - 1, Math.floor(ox / g.cell)) };
}
