// The pooling demo: max and average pooling side by side on the same input (pool2d), and the
// "shift by one pixel" experiment that marks which pooled values survive a translation.

import { layoutMaps, paintMaps, paintLegend, legendHeight, hitTest, autoScale, theme, getTextScale } from './grid-draw.js';
import { pool2d, sizes2d } from './compute.js';
import { shiftTensor } from './inputs.js';
import { messagePlan } from './panels-conv.js';
import { fmt } from './format.js';

/** Values closer than this count as "unchanged" after the shift (float32 round-off). */
export const SAME_TOLERANCE = 1e-5;

/**
 * Pools the (shifted) input both ways and, when shifted, the original too for comparison.
 * @returns {{input, C, H, W, sizes, max?, avg?, max0?, avg0?, errors: string[]}}
 */
export function poolModel(state, inp) {
  const { window: k, stride, padding, shift, dir } = state.pool;
  const shifted = shift > 0 ? shiftTensor(inp.tensor, shift, dir) : inp.tensor;
  const [C, H, W] = inp.tensor.shape;
  const m = { input: shifted, natural: inp.natural, C, H, W, errors: [] };
  m.sizes = sizes2d({ kind: 'pool', h: H, w: W, kh: k, kw: k, stride: [stride, stride], padding: [padding, padding] });
  const opts = (mode) => ({ mode, kernel: k, stride, padding });
  for (const mode of ['max', 'avg']) {
    const r = pool2d(shifted, opts(mode));
    if (r.error) { if (!m.errors.includes(r.error)) m.errors.push(r.error); continue; }
    m[mode] = r.value;
    if (shift > 0) {
      const r0 = pool2d(inp.tensor, opts(mode));
      if (!r0.error) m[`${mode}0`] = r0.value;
    }
  }
  if (!m.sizes.ok && !m.errors.length) m.errors.push(`No output with these settings. ${m.sizes.reasons.join(' ')}`);
  return m;
}

/** Per-cell comparison of the shifted result with the original: {same, total, marks}. */
export function survival(after, before) {
  if (!after || !before) return null;
  const [C, OH, OW] = after.shape;
  const marks = Array.from({ length: C }, () => []);
  let same = 0;
  for (let c = 0; c < C; c++) {
    for (let y = 0; y < OH; y++) {
      for (let x = 0; x < OW; x++) {
        const i = (c * OH + y) * OW + x;
        const a = after.data[i];
        const b = before.data[i];
        const ok = Math.abs(a - b) <= SAME_TOLERANCE * Math.max(1, Math.abs(b));
        if (ok) same++;
        marks[c].push({ y, x, kind: ok ? 'same' : 'changed' });
      }
    }
  }
  return { same, total: C * OH * OW, marks };
}

/** Input panel (after the shift), with the window of a hovered pooled cell. */
export function planPoolInput(state, view, m, maxWidth) {
  const th = theme();
  const p = state.pool.padding;
  const scale = m.natural && m.C === 3 ? null : autoScale(m.input.data, m.natural);
  const L = layoutMaps({ count: m.C, h: m.H, w: m.W, ring: p, maxWidth, maxCell: 56 * getTextScale(), maxHeight: 560 });
  const highlights = [];
  const h = view.hover;
  if (h && (h.panel === 'max' || h.panel === 'avg')) {
    const top = h.y * state.pool.stride - p;
    const left = h.x * state.pool.stride - p;
    highlights.push({ rect: { y0: top, y1: top + state.pool.window, x0: left, x1: left + state.pool.window }, color: th.highlight, width: 4 });
  }
  const { shift, dir } = state.pool;
  const what = shift ? ` (shifted ${dir === 'x' ? 'right' : 'down'} by ${shift} px)` : '';
  const labels = m.C === 1 ? [`Input ${m.H} × ${m.W}${what}`] : Array.from({ length: m.C }, (_, c) => `Channel ${c + 1}${c === 0 ? what : ''}`);
  return {
    width: Math.max(L.width, 160),
    height: L.height + (scale ? legendHeight() + 8 : 0),
    layout: L,
    paint(ctx) {
      paintMaps(ctx, L, labels.map((label, c) => ({ data: m.input.data, offset: c * m.H * m.W, label, scale: scale ?? { kind: 'tint', channel: c }, highlights: h?.map === c || m.C === 1 ? highlights : [] })), { th });
      if (scale) paintLegend(ctx, 0, L.height + 8, Math.min(240, Math.max(L.width, 160)), scale, th);
    },
    hit: (px, py) => hitTest(L, px, py),
  };
}

/** One pooled result (max or avg), marked against the unshifted result when shifted. */
export function planPooled(state, view, m, mode, maxWidth) {
  const th = theme();
  const out = m[mode];
  if (!out) return messagePlan(maxWidth, 'No pooled output: the message above explains why.');
  const [C, OH, OW] = out.shape;
  const scale = autoScale(out.data, false);
  const before = m[`${mode}0`];
  const sv = survival(out, before);
  const L = layoutMaps({ count: C, h: OH, w: OW, maxWidth, maxCell: 64 * getTextScale(), maxHeight: 520 });
  const name = mode === 'max' ? 'Max pooling' : 'Average pooling';
  const hv = view.hover?.panel === mode ? view.hover : null;
  return {
    width: Math.max(L.width, 160),
    height: L.height + legendHeight() + 8,
    layout: L,
    survival: sv,
    paint(ctx) {
      paintMaps(ctx, L, Array.from({ length: C }, (_, c) => ({
        data: out.data,
        offset: c * OH * OW,
        label: C === 1 ? `${name} ${OH} × ${OW}` : `${name} · ch ${c + 1}`,
        scale,
        marks: sv ? sv.marks[c] : [],
        cellText: before ? (y, x, v) => {
          const old = before.data[(c * OH + y) * OW + x];
          return sv.marks[c][y * OW + x].kind === 'same' ? fmt(v) : [fmt(v), `was ${fmt(old)}`];
        } : undefined,
        highlights: hv && hv.map === c ? [{ cells: [[hv.y, hv.x]], color: th.highlight, width: 4 }] : [],
      })), { th });
      paintLegend(ctx, 0, L.height + 8, Math.min(200, Math.max(L.width, 160)), scale, th);
    },
    hit: (px, py) => hitTest(L, px, py),
  };
}
