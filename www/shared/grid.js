// The one grid painter: lays out several maps of h×w cells (channels, feature maps, kernels),
// paints them (colour cells, grid lines, numbers when the cells are big enough, highlights,
// markers, a padding ring) with a colour legend, and hit-tests a point back to {map, y, x}.
// Drawing only: values arrive computed.
//
// API (everything else here is a helper of these):
//   layoutMaps({count, h, w, ring?, maxWidth, maxHeight?, maxCell?, minCell?, gap?, label?}) → L
//       pure geometry: cell size, rows/cols of maps, each map's interior corner, width, height
//   placeMaps({count, h, w, cell, cols, ring?, gap?, label?}) → L   the same for a given cell size
//       (any positive CSS px, not only whole ones) and maps per row (layoutMaps searches them)
//   hitTest(L, px, py, includeRing?) → {map, y, x} | null      pure: the cell under a point
//   cellRect(L, map, y, x) → {x, y, size}                       pure: where a cell is drawn
//   paintMaps(ctx, L, maps, {ox?, oy?, th?})                    paints maps laid out by L
//   paintLegend(ctx, x, y, width, scale, th?, title?) / legendHeight(title?)
//   autoScale(data, natural?) → scale; colorOf(scale, v) → [r, g, b]
//   theme() (colours from CSS), setTextScale(s) / getTextScale() (the "large text" toggle)
// A scale is {kind: 'diverging', limit} | {kind: 'sequential', lo, hi} | {kind: 'gray'} |
// {kind: 'tint', channel} | {kind: 'rgb'} (data holds 3 planes).

import { drawGrid, paintCells as paintColours, themeColor } from './canvas.js';
import { diverging, sequential, css, DIVERGING_STOPS, SEQUENTIAL_STOPS } from './colors.js';
import { textStyleOn } from './contrast.js';
import { short as fmt } from './format.js';

/** Smallest cell (CSS px) that gets its number written in it. */
export const NUMBER_MIN_CELL = 18;
/** Smallest cell (CSS px) that gets grid lines. */
export const GRIDLINE_MIN_CELL = 7;
/** Height of a map's caption row, CSS px (before the text scale). */
export const LABEL_H = 24;
/** Height of a colour legend, CSS px. */
export const LEGEND_H = 40;

/** Multiplier for text on canvases (the "large text" toggle sets it). */
let textScale = 1;
export function setTextScale(s) { textScale = s; }
export function getTextScale() { return textScale; }

/** Theme colours read from the page's CSS custom properties. */
export function theme() {
  return {
    fg: themeColor('--fg', '#111'),
    muted: themeColor('--muted', '#555'),
    border: themeColor('--border', '#ccc'),
    panel: themeColor('--panel', '#fff'),
    highlight: themeColor('--highlight', '#e8a400'),
    accent: themeColor('--accent', '#0b6bcb'),
    font: themeColor('--font', 'system-ui, sans-serif'),
    mono: themeColor('--mono', 'monospace'),
  };
}

/**
 * Lays out `count` maps of h×w cells (plus a `ring` of padding cells around each) in rows that
 * fit `maxWidth`, choosing the largest cell size (≤ maxCell) whose total height fits maxHeight.
 * Positions are the top-left corners of each map's interior (inside the ring).
 */
export function layoutMaps({ count, h, w, ring = 0, maxWidth, maxHeight = 560, maxCell = 56, minCell = 1, gap = 16, label = true }) {
  const [ry, rx] = rings(ring);
  const labelH = labelHeight(label);
  let best = null;
  for (let cell = Math.max(minCell, Math.floor(maxCell)); cell >= minCell; cell--) {
    const mapW = (w + 2 * rx) * cell;
    const mapH = (h + 2 * ry) * cell;
    if (mapW > maxWidth && cell > minCell) continue;
    const cols = Math.max(1, Math.min(count, Math.floor((maxWidth + gap) / (mapW + gap))));
    best = { cell, cols };
    if (extent(count, cols, mapW, mapH, gap, labelH).height <= maxHeight) break;
  }
  return placeMaps({ count, h, w, ring, cell: best.cell, cols: best.cols, gap, label, maxWidth });
}

/**
 * Places `count` maps of h×w cells of `cell` CSS px each (plus a `ring` of padding cells around
 * each), `cols` maps to a row, `gap` px apart, each under a caption row when `label`. `maxWidth`
 * only bounds the captions' room (paintMaps); it defaults to the maps' width. A map whose side
 * is a whole number of px keeps it exactly, though its cells are fractional.
 * @returns the layout L that hitTest, cellRect and paintMaps take
 */
export function placeMaps({ count, h, w, cell, cols, ring = 0, gap = 16, label = true, maxWidth }) {
  const [ry, rx] = rings(ring);
  const labelH = labelHeight(label);
  const mapW = whole((w + 2 * rx) * cell);
  const mapH = whole((h + 2 * ry) * cell);
  const positions = [];
  for (let i = 0; i < count; i++) {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const bx = c * (mapW + gap);
    const by = r * (labelH + mapH + gap);
    positions.push({ bx, by, x: bx + rx * cell, y: by + labelH + ry * cell });
  }
  const { rows, width, height } = extent(count, cols, mapW, mapH, gap, labelH);
  return { count, h, w, ry, rx, ring: Math.max(ry, rx), cell, cols, rows, mapW, mapH, gap, labelH, positions, width, height, maxWidth: maxWidth ?? width };
}

/** `v`, or the whole number it misses by float rounding only (28 cells of 65/28 px make 65 px). */
const whole = (v) => (Math.abs(v - Math.round(v)) < 1e-9 ? Math.round(v) : v);
/** [rows, columns] of padding cells from `ring` (one number for both, or [ry, rx]). */
const rings = (ring) => (Array.isArray(ring) ? ring : [ring, ring]);
/** Height of the caption row over each map, CSS px (0 without captions). */
const labelHeight = (label) => (label ? Math.round(LABEL_H * textScale) : 0);

/** Rows, width and height of `count` maps of mapW×mapH px, `cols` to a row. */
function extent(count, cols, mapW, mapH, gap, labelH) {
  const rows = Math.ceil(count / cols);
  return { rows, width: Math.min(count, cols) * (mapW + gap) - gap, height: rows * (labelH + mapH) + (rows - 1) * gap };
}

/** [r, g, b] of `v` under `scale`. */
export function colorOf(scale, v, channel = 0) {
  switch (scale.kind) {
    case 'diverging': return diverging(v, scale.limit);
    case 'sequential': return sequential(v, scale.lo, scale.hi);
    case 'gray': { const g = Math.round(255 * Math.min(1, Math.max(0, v))); return [g, g, g]; }
    case 'tint': {
      const g = Math.round(255 * Math.min(1, Math.max(0, v)));
      return [0, 1, 2].map((k) => (k === (scale.channel ?? channel) ? g : Math.round(g * 0.15)));
    }
    default: return [200, 200, 200];
  }
}

function paintCells(ctx, data, offset, h, w, x, y, cell, scale) {
  if (scale.kind === 'diverging' || scale.kind === 'sequential') {
    drawGrid(ctx, data, h, w, x, y, cell, scale, offset);
    return;
  }
  paintColours(ctx, h, w, x, y, cell, (i) => (scale.kind === 'rgb' ? rgbCell(data, offset, h * w, i) : colorOf(scale, data[offset + i])));
}

/** Font size (CSS px) for numbers in a cell of side `cell`. */
export function numberFont(cell) {
  return Math.max(9, Math.min(30 * textScale, cell * 0.42));
}

/**
 * Paints maps laid out by `layoutMaps`.
 * @param {CanvasRenderingContext2D} ctx
 * @param {ReturnType<typeof layoutMaps>} L
 * @param {Array<{data: ArrayLike<number>, offset?: number, label?: string, scale: object,
 *   highlights?: Array<{rect?: {y0,y1,x0,x1}, cells?: number[][], color: string, width?: number, dash?: number[], fill?: string}>,
 *   marks?: Array<{y: number, x: number, kind: 'same'|'changed'}>, cellText?: (y: number, x: number, v: number) => string[] | string,
 *   faded?: (y: number, x: number) => boolean, numbers?: boolean}>} maps
 * @param {{ox?: number, oy?: number, th?: ReturnType<typeof theme>}} [at]
 */
export function paintMaps(ctx, L, maps, { ox = 0, oy = 0, th = theme() } = {}) {
  const { cell, h, w, ry, rx } = L;
  maps.forEach((m, i) => {
    const p = L.positions[i];
    const x = ox + p.x;
    const y = oy + p.y;
    const offset = m.offset ?? 0;
    if (m.label) {
      ctx.save();
      ctx.fillStyle = th.fg;
      ctx.font = `600 ${Math.round(14 * textScale)}px ${th.font}`;
      ctx.textBaseline = 'alphabetic';
      let text = m.label;
      // Within the map's column, or the plan's width (≥ 160 px, never past maxWidth): a longer
      // label ends in "…" instead of being cut by the canvas edge.
      const room = L.cols > 1 ? L.mapW + L.gap - 4 : Math.min(L.maxWidth, Math.max(L.mapW, 160)) - 2;
      while (text.length > 2 && ctx.measureText(text).width > room) text = `${text.slice(0, -2)}…`;
      ctx.fillText(text, ox + p.bx, oy + p.by + L.labelH - 7);
      ctx.restore();
    }
    if (ry > 0 || rx > 0) {
      ctx.save();
      ctx.fillStyle = th.border;
      ctx.globalAlpha = 0.45;
      ctx.fillRect(x - rx * cell, y - ry * cell, (w + 2 * rx) * cell, (h + 2 * ry) * cell);
      ctx.restore();
    }
    paintCells(ctx, m.data, offset, h, w, x, y, cell, m.scale);
    if (m.faded) {
      ctx.save();
      ctx.fillStyle = th.panel;
      ctx.globalAlpha = 0.7;
      for (let yy = 0; yy < h; yy++) for (let xx = 0; xx < w; xx++) if (m.faded(yy, xx)) ctx.fillRect(x + xx * cell, y + yy * cell, cell, cell);
      ctx.restore();
    }
    if (cell >= GRIDLINE_MIN_CELL) {
      ctx.save();
      ctx.strokeStyle = th.border;
      ctx.globalAlpha = 0.8;
      ctx.lineWidth = 1;
      ctx.beginPath();
      const x0 = x - rx * cell;
      const y0 = y - ry * cell;
      const W = (w + 2 * rx) * cell;
      const H = (h + 2 * ry) * cell;
      for (let k = 0; k <= h + 2 * ry; k++) { ctx.moveTo(x0, y0 + k * cell + 0.5); ctx.lineTo(x0 + W, y0 + k * cell + 0.5); }
      for (let k = 0; k <= w + 2 * rx; k++) { ctx.moveTo(x0 + k * cell + 0.5, y0); ctx.lineTo(x0 + k * cell + 0.5, y0 + H); }
      ctx.stroke();
      ctx.restore();
    }
    if (ry > 0 || rx > 0) {
      ctx.save();
      ctx.strokeStyle = th.fg;
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x, y, w * cell, h * cell);
      ctx.restore();
    }
    if (m.numbers !== false && cell >= NUMBER_MIN_CELL) paintNumbers(ctx, m, x, y, L, th);
    for (const hl of m.highlights ?? []) paintHighlight(ctx, x, y, cell, hl);
    for (const mk of m.marks ?? []) paintMark(ctx, x + mk.x * cell, y + mk.y * cell, cell, mk.kind, th);
  });
}

function paintNumbers(ctx, m, x, y, L, th) {
  const { cell, h, w, ry, rx } = L;
  const offset = m.offset ?? 0;
  const size = numberFont(cell);
  ctx.save();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const texts = [];
  let widest = 0;
  ctx.font = `${Math.round(size)}px ${th.mono}`;
  for (let yy = 0; yy < h; yy++) {
    for (let xx = 0; xx < w; xx++) {
      const v = m.data[offset + yy * w + xx];
      const t = m.cellText ? m.cellText(yy, xx, v) : fmt(v);
      const lines = Array.isArray(t) ? t : [t];
      texts.push(lines);
      for (const line of lines) widest = Math.max(widest, ctx.measureText(line).width);
    }
  }
  const lineCount = Math.max(...texts.map((t) => t.length));
  let fontSize = size;
  if (widest > cell - 4) fontSize = (size * (cell - 4)) / widest;
  if (lineCount > 1) fontSize = Math.min(fontSize, (cell - 4) / (lineCount * 1.15));
  if (fontSize < 8) { ctx.restore(); return; }
  ctx.font = `${Math.round(fontSize * 10) / 10}px ${th.mono}`;
  texts.forEach((lines, i) => {
    const yy = Math.floor(i / w);
    const xx = i % w;
    const v = m.data[offset + i];
    // The text colour with >= 4.5:1 on the cell's own colour (contrast.js), for every scale.
    const rgb = m.scale.kind === 'rgb' ? rgbCell(m.data, offset, h * w, i) : colorOf(m.scale, v);
    ctx.fillStyle = m.faded?.(yy, xx) ? th.muted : textStyleOn(rgb);
    const cx = x + xx * cell + cell / 2;
    const cy = y + yy * cell + cell / 2;
    lines.forEach((line, k) => ctx.fillText(line, cx, cy + (k - (lines.length - 1) / 2) * fontSize * 1.15));
  });
  if (ry > 0 || rx > 0) {
    ctx.fillStyle = th.muted;
    const zero = '0';
    for (let yy = -ry; yy < h + ry; yy++) {
      for (let xx = -rx; xx < w + rx; xx++) {
        if (yy >= 0 && yy < h && xx >= 0 && xx < w) continue;
        ctx.fillText(zero, x + xx * cell + cell / 2, y + yy * cell + cell / 2);
      }
    }
  }
  ctx.restore();
}

/** [r, g, b] of cell i of an 'rgb' map (three planes of n values, 0..1). */
function rgbCell(data, offset, n, i) {
  return [0, 1, 2].map((k) => Math.round(255 * Math.min(1, Math.max(0, data[offset + k * n + i]))));
}

function paintHighlight(ctx, x, y, cell, hl) {
  ctx.save();
  const width = Math.max(1.5, Math.min(hl.width ?? 3, cell / 3));
  ctx.lineWidth = width;
  ctx.strokeStyle = hl.color;
  if (hl.dash) ctx.setLineDash(hl.dash);
  const rects = hl.rect ? [hl.rect] : (hl.cells ?? []).map(([cy, cx]) => ({ y0: cy, y1: cy + 1, x0: cx, x1: cx + 1 }));
  for (const r of rects) {
    const rx = x + r.x0 * cell;
    const ry = y + r.y0 * cell;
    const rw = (r.x1 - r.x0) * cell;
    const rh = (r.y1 - r.y0) * cell;
    if (hl.fill) {
      ctx.fillStyle = hl.fill;
      ctx.fillRect(rx, ry, rw, rh);
    }
    if (width * 2 < Math.min(rw, rh)) ctx.strokeRect(rx + width / 2, ry + width / 2, rw - width, rh - width);
    else ctx.strokeRect(rx, ry, rw, rh);
  }
  ctx.restore();
}

/** "same": solid outline plus a filled corner flag; "changed": a dashed inner outline (shape, not just colour). */
function paintMark(ctx, x, y, cell, kind, th) {
  ctx.save();
  const s = Math.max(4, cell * 0.28);
  if (kind === 'same') {
    ctx.fillStyle = th.accent;
    ctx.beginPath();
    ctx.moveTo(x + cell, y);
    ctx.lineTo(x + cell - s, y);
    ctx.lineTo(x + cell, y + s);
    ctx.closePath();
    ctx.fill();
    ctx.strokeStyle = th.accent;
    ctx.lineWidth = Math.max(1.5, cell / 16);
    ctx.strokeRect(x + 1, y + 1, cell - 2, cell - 2);
  } else {
    ctx.strokeStyle = th.fg;
    const w = Math.max(1, cell / 28);
    ctx.lineWidth = w;
    ctx.setLineDash([Math.max(2, cell / 12), Math.max(2, cell / 12)]);
    const inset = Math.max(2, cell / 10);
    ctx.strokeRect(x + inset, y + inset, cell - 2 * inset, cell - 2 * inset);
  }
  ctx.restore();
}

/**
 * Paints a colour legend (bar plus end/zero labels) of `width` px at (x, y).
 * @param {object} scale as for paintMaps
 */
export function paintLegend(ctx, x, y, width, scale, th = theme(), title = '') {
  const barH = 12;
  const fs = Math.round(12 * textScale);
  const stops = scale.kind === 'diverging' ? DIVERGING_STOPS : scale.kind === 'sequential' ? SEQUENTIAL_STOPS : null;
  const grad = ctx.createLinearGradient(x, 0, x + width, 0);
  if (stops) stops.forEach((s, i) => grad.addColorStop(i / (stops.length - 1), css(s)));
  else if (scale.kind === 'tint') { grad.addColorStop(0, css(colorOf(scale, 0))); grad.addColorStop(1, css(colorOf(scale, 1))); }
  else { grad.addColorStop(0, '#000'); grad.addColorStop(1, '#fff'); }
  ctx.save();
  ctx.font = `${fs}px ${th.font}`;
  ctx.fillStyle = th.muted;
  ctx.textBaseline = 'top';
  let bx = x;
  let bw = width;
  if (title) {
    ctx.fillText(title, x, y);
    y += fs + 4;
  }
  ctx.fillStyle = grad;
  ctx.fillRect(bx, y, bw, barH);
  ctx.strokeStyle = th.border;
  ctx.strokeRect(bx + 0.5, y + 0.5, bw - 1, barH - 1);
  ctx.fillStyle = th.muted;
  const [lo, hi] = scale.kind === 'diverging' ? [-scale.limit, scale.limit] : scale.kind === 'sequential' ? [scale.lo, scale.hi] : [0, 1];
  ctx.textAlign = 'left';
  ctx.fillText(fmt(lo), bx, y + barH + 3);
  ctx.textAlign = 'right';
  ctx.fillText(fmt(hi), bx + bw, y + barH + 3);
  if (scale.kind === 'diverging') {
    ctx.textAlign = 'center';
    ctx.fillText('0', bx + bw / 2, y + barH + 3);
  }
  ctx.restore();
  return (title ? fs + 4 : 0) + barH + fs + 6;
}

/** Height that paintLegend uses. */
export function legendHeight(title = false) {
  const fs = Math.round(12 * textScale);
  return (title ? fs + 4 : 0) + 12 + fs + 6;
}

/**
 * The map and cell under canvas point (px, py) (CSS px, relative to the layout origin).
 * y/x may fall in the padding ring (negative or ≥ size) when `includeRing`. A map covers
 * [corner, corner + side) in each direction; the cell is counted from the map's corner (with
 * fractional cells, a point on the map's far edge is outside, never one cell too many).
 * @returns {{map: number, y: number, x: number} | null}
 */
export function hitTest(L, px, py, includeRing = false) {
  const ry = includeRing ? L.ry : 0;
  const rx = includeRing ? L.rx : 0;
  for (let i = 0; i < L.count; i++) {
    const p = L.positions[i];
    const dx = px - p.bx;
    const dy = py - p.by - L.labelH;
    if (dx < 0 || dy < 0 || dx >= L.mapW || dy >= L.mapH) continue;
    const x = Math.min(Math.floor(dx / L.cell), L.w + 2 * L.rx - 1) - L.rx;
    const y = Math.min(Math.floor(dy / L.cell), L.h + 2 * L.ry - 1) - L.ry;
    return y >= -ry && y < L.h + ry && x >= -rx && x < L.w + rx ? { map: i, y, x } : null;
  }
  return null;
}

/** Where cell (y, x) of map `map` is drawn (ring cells too): its top-left corner and side, CSS px. */
export function cellRect(L, map, y, x) {
  const p = L.positions[map];
  return { x: p.bx + (x + L.rx) * L.cell, y: p.by + L.labelH + (y + L.ry) * L.cell, size: L.cell };
}

/** Picks a scale for input data: sequential from 0 for non-negative values, else diverging. */
export function autoScale(data, natural = false) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!Number.isFinite(lo)) return { kind: 'sequential', lo: 0, hi: 1 };
  if (natural && lo >= 0 && hi <= 1) return { kind: 'gray' };
  if (lo >= 0) return { kind: 'sequential', lo: 0, hi: Math.max(hi, 1e-6) };
  return { kind: 'diverging', limit: Math.max(Math.abs(lo), Math.abs(hi), 1e-6) };
}
