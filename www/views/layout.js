// Geometry of the layer cards (pure): where each map / unit of a layer sits on its canvas, in
// CSS px, and which unit a point hits. No data, no drawing.

/** Gap between maps of one layer, CSS px. */
export const MAP_GAP = 6;
/** Below this container width the layers stack top to bottom instead of left to right. */
export const NARROW_BELOW = 900;
/** Per-card overhead in the row layout (padding + gap), CSS px, and the narrowest card. */
export const CARD_OVERHEAD = 26;
export const CARD_MIN = 84;
/** LeNet's 2-pixel zero padding: the input card shows the 32×32 the first convolution sees. */
export const INPUT_PAD = 2;

/**
 * Arrangement per layer. Wide (one row of cards): `cols` maps per row and `px` CSS px per map
 * side (maps) or per cell (vectors) at scale 1. Narrow (stacked): `cols` only; sizes fill the width.
 * Vector layers use column counts that divide their length so they draw as one grid.
 */
const WIDE = {
  input: { cols: 1, px: 128 }, C1: { cols: 2, px: 84 }, S2: { cols: 2, px: 84 },
  C3: { cols: 4, px: 50 }, S4: { cols: 4, px: 50 },
  C5: { cols: 8, px: 12 }, F6: { cols: 6, px: 12 }, output: { cols: 1, px: 22 },
};
const NARROW = { input: 1, C1: 3, S2: 3, C3: 4, S4: 4, C5: 15, F6: 14, output: 10 };
/** Largest card content width in the stacked layout, and the input's largest side. */
const NARROW_MAX = 520;
const NARROW_INPUT_MAX = 224;
const NARROW_OUTPUT_CELL_MAX = 36;
/** Scale limits in the row layout (maps never shrink below 60 % nor grow past 130 %). */
const SCALE_MIN = 0.6;
const SCALE_MAX = 1.3;

/**
 * Geometry of one layer.
 * @param {{name: string, shape: number[]}} spec from layerSpecs()
 * @param {number} cols maps (or cells) per row
 * @param {number} px map side (maps) or cell side (vectors), CSS px
 */
export function layerGeometry(spec, cols, px) {
  const [C, H, W] = spec.shape;
  const isMap = H > 1;
  if (isMap) {
    const side = spec.name === 'input' ? H + 2 * INPUT_PAD : H;
    const count = C;
    const rows = Math.ceil(count / cols);
    const mapPx = Math.max(side, Math.round(px));
    return {
      name: spec.name, isMap, count, side, sideW: spec.name === 'input' ? W + 2 * INPUT_PAD : W, cols, rows, mapPx,
      cell: mapPx / side, gap: MAP_GAP,
      width: cols * mapPx + (cols - 1) * MAP_GAP, height: rows * mapPx + (rows - 1) * MAP_GAP,
    };
  }
  const count = C;
  const rows = Math.ceil(count / cols);
  const cell = Math.max(2, Math.floor(px));
  return { name: spec.name, isMap, count, cols, rows, cell, gap: 0, width: cols * cell, height: rows * cell };
}

/** Geometries of all layers for a container `width` CSS px wide; `mode` 'row' | 'stack'. */
export function stripLayout(specs, width) {
  if (width >= NARROW_BELOW) {
    const natural = specs.reduce((s, sp) => s + Math.max(CARD_MIN, naturalWidth(sp)), 0);
    const scale = Math.min(SCALE_MAX, Math.max(SCALE_MIN, (width - specs.length * CARD_OVERHEAD) / natural));
    return { mode: 'row', layers: specs.map((sp) => layerGeometry(sp, WIDE[sp.name].cols, WIDE[sp.name].px * scale)) };
  }
  const inner = Math.min(NARROW_MAX, width - CARD_OVERHEAD);
  return {
    mode: 'stack',
    layers: specs.map((sp) => {
      const cols = NARROW[sp.name];
      if (sp.name === 'input') return layerGeometry(sp, 1, Math.min(inner, NARROW_INPUT_MAX));
      if (sp.shape[1] > 1) return layerGeometry(sp, cols, (inner - (cols - 1) * MAP_GAP) / cols);
      const cell = inner / cols;
      return layerGeometry(sp, cols, sp.name === 'output' ? Math.min(cell, NARROW_OUTPUT_CELL_MAX) : cell);
    }),
  };
}

function naturalWidth(spec) {
  const g = layerGeometry(spec, WIDE[spec.name].cols, WIDE[spec.name].px);
  return g.width;
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
 * the input, padded 32×32 coordinates); vectors: {c, y: 0, x: 0}.
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
