// The convolution demo's panels: input (with its zero-padding ring and the sliding window),
// kernel, the stack of output maps, and the products of the current step. Each `plan…`
// returns {width, height, paint(ctx), hit(px, py)} for a given width, so the same code paints
// the screen and the exported PNG. Output values come from conv2d, the products of a step
// from explainConv2d (both in the wasm core): no arithmetic here.

import { absMax } from '../../../shared/colors.js';
import { layoutMaps, paintMaps, paintLegend, legendHeight, hitTest, autoScale, theme, getTextScale } from '../../../shared/grid.js';
import { buildWeight, filterLabelMsg } from '../kernels.js';
import { conv2d, explainConv2d, sizes2d, report } from '../compute.js';
import { short as fmt } from '../../../shared/format.js';
import { messagePlan, wrapText, textWidth } from '../panels.js';
import { t } from '../../../shared/i18n.js';
import { msg, say } from '../say.js';
import { shapeText as sizeText } from './sizes.js';

/** Largest cell side on screen, CSS px (the lecture grids get big, readable cells). */
export const MAX_CELL = 64;
/** Products written out in the equation before it is abbreviated. */
export const MAX_EQUATION_TERMS = 27;

/**
 * Runs the convolution for the current settings.
 * @param {object} state playground state
 * @param {{tensor: {data: Float32Array, shape: number[]}, natural: boolean}} inp
 */
export function convModel(state, inp) {
  const [C, H, W] = inp.tensor.shape;
  const wr = buildWeight(state.filters, C);
  const m = { input: inp.tensor, natural: inp.natural, C, H, W, wr, out: null, errors: [], params: [], sizes: null, kh: 0, kw: 0 };
  if (wr.error) { m.errors.push(wr.error); return m; }
  m.kh = wr.kh;
  m.kw = wr.kw;
  m.sizes = sizes2d({ h: H, w: W, kh: wr.kh, kw: wr.kw, stride: state.stride, padding: state.padding, dilation: state.dilation });
  if (!m.sizes.ok) {
    m.errors.push(msg('playground.noOutputBecause', { reasons: m.sizes.reasons }));
    return m;
  }
  const r = conv2d(inp.tensor, wr.weight, { stride: state.stride, padding: state.padding, dilation: state.dilation });
  if (!report(m, r)) m.out = r.value;
  return m;
}

/** Number of animation positions (output cells of one map). */
export function convCount(m) {
  return m.out ? m.out.shape[1] * m.out.shape[2] : 0;
}

/** Output position of animation step `i`. */
export function positionOf(m, i) {
  const OW = m.out.shape[2];
  return { oy: Math.floor(i / OW), ox: i % OW };
}

/**
 * Input coordinates read by output (oy, ox): tap (i, j) reads row top + i·dh, column
 * left + j·dw, where top = oy·sh − ph and left = ox·sw − pw (PyTorch's indexing).
 */
export function windowOf(state, m, oy, ox) {
  const top = oy * state.stride[0] - state.padding[0];
  const left = ox * state.stride[1] - state.padding[1];
  return { top, left, dh: state.dilation[0], dw: state.dilation[1], kh: m.kh, kw: m.kw };
}

/** The output cells whose window has a tap on input cell (y, x). */
export function outputsReading(state, m, y, x) {
  if (!m.out) return [];
  const [, OH, OW] = m.out.shape;
  const cells = [];
  for (let oy = 0; oy < OH; oy++) {
    const dy = y - (oy * state.stride[0] - state.padding[0]);
    if (dy < 0 || dy % state.dilation[0] !== 0 || dy / state.dilation[0] >= m.kh) continue;
    for (let ox = 0; ox < OW; ox++) {
      const dx = x - (ox * state.stride[1] - state.padding[1]);
      if (dx < 0 || dx % state.dilation[1] !== 0 || dx / state.dilation[1] >= m.kw) continue;
      cells.push([oy, ox]);
    }
  }
  return cells;
}

/** The position and filter the panels explain right now: a hovered output cell, else the step. */
export function focusOf(state, view, m) {
  if (!m.out) return null;
  const h = view.hover;
  if (h?.panel === 'output') return { f: h.map, oy: h.y, ox: h.x };
  const { oy, ox } = positionOf(m, Math.min(state.step, convCount(m) - 1));
  return { f: Math.min(state.filter, m.out.shape[0] - 1), oy, ox };
}

/** Kernel tap (i, j) highlighted by hovering the kernel or the products, if any. */
function hoveredTap(view) {
  const h = view.hover;
  return h && (h.panel === 'kernel' || h.panel === 'products') ? { i: h.y, j: h.x } : null;
}

function inputScale(m) {
  if (m.natural && m.C === 3) return null; // per-channel tints
  return autoScale(m.input.data, m.natural);
}

function channelLabels(m) {
  if (m.C === 1) return [t('playground.mapInput', { size: sizeText(m.H, m.W) })];
  if (m.natural && m.C === 3) return [t('playground.red'), t('playground.green'), t('playground.blue')];
  return Array.from({ length: m.C }, (_, c) => t('playground.mapChannel', { ch: c + 1 }));
}

/** Input panel. */
export function planInput(state, view, m, maxWidth, fit = 620) {
  const th = theme();
  const ring = [Math.min(state.padding[0], 8), Math.min(state.padding[1], 8)];
  const scale = inputScale(m);
  const legendH = scale ? legendHeight() + 8 : 0;
  const L = layoutMaps({ count: m.C, h: m.H, w: m.W, ring, maxWidth, maxCell: MAX_CELL * getTextScale(), maxHeight: Math.min(620, fit - legendH) });
  const focus = focusOf(state, view, m);
  const tap = hoveredTap(view);
  const highlights = [];
  if (focus) {
    const win = windowOf(state, m, focus.oy, focus.ox);
    const span = { y0: win.top, y1: win.top + (win.kh - 1) * win.dh + 1, x0: win.left, x1: win.left + (win.kw - 1) * win.dw + 1 };
    if (win.dh === 1 && win.dw === 1) highlights.push({ rect: span, color: th.highlight, width: 4 });
    else {
      highlights.push({ rect: span, color: th.highlight, width: 2, dash: [6, 4] });
      const cells = [];
      for (let i = 0; i < win.kh; i++) for (let j = 0; j < win.kw; j++) cells.push([win.top + i * win.dh, win.left + j * win.dw]);
      highlights.push({ cells, color: th.highlight, width: 3 });
    }
    if (tap) highlights.push({ cells: [[win.top + tap.i * win.dh, win.left + tap.j * win.dw]], color: th.accent, width: 4 });
  }
  if (view.hover?.panel === 'input') highlights.push({ cells: [[view.hover.y, view.hover.x]], color: th.accent, width: 3 });
  const cursor = view.cursor?.panel === 'input' && view.focused === 'input' ? view.cursor : null;
  return {
    width: Math.max(L.width, Math.min(160, maxWidth)),
    height: L.height + legendH,
    layout: L,
    paint(ctx) {
      const maps = channelLabels(m).map((label, c) => ({
        data: m.input.data,
        offset: c * m.H * m.W,
        label,
        scale: scale ?? { kind: 'tint', channel: c },
        highlights: [...highlights, ...(cursor && cursor.map === c ? [{ cells: [[cursor.y, cursor.x]], color: th.fg, width: 2, dash: [3, 2] }] : [])],
      }));
      paintMaps(ctx, L, maps, { th });
      if (scale) paintLegend(ctx, 0, L.height + 8, Math.min(240, Math.max(L.width, 160)), scale, th);
    },
    hit: (px, py) => hitTest(L, px, py),
  };
}

/** Kernel panel: the selected filter (one map per channel it holds). */
export function planKernel(state, view, m, maxWidth, fit = 420) {
  const th = theme();
  if (!m.wr.weight) return messagePlan(maxWidth, t('playground.kernelUnbuilt'));
  const [O, Cw, kh, kw] = m.wr.weight.shape;
  const f = Math.min(state.filter, O - 1);
  const spec = state.filters[f];
  const shown = spec.preset || spec.c === 1 ? 1 : Cw;
  const per = kh * kw;
  const data = m.wr.weight.data.subarray(f * Cw * per, (f + 1) * Cw * per);
  const scale = { kind: 'diverging', limit: absMax(data) };
  const L = layoutMaps({ count: shown, h: kh, w: kw, maxWidth, maxCell: MAX_CELL * getTextScale(), maxHeight: Math.min(420, fit - legendHeight() - 8) });
  const highlights = [];
  const tap = hoveredTap(view);
  if (tap) highlights.push({ cells: [[tap.i, tap.j]], color: th.accent, width: 4 });
  // Hovering an input cell inside the current window marks the tap that multiplies it.
  const focus = focusOf(state, view, m);
  if (view.hover?.panel === 'input' && focus) {
    const win = windowOf(state, m, focus.oy, focus.ox);
    const i = (view.hover.y - win.top) / win.dh;
    const j = (view.hover.x - win.left) / win.dw;
    if (Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i < kh && j >= 0 && j < kw) highlights.push({ cells: [[i, j]], color: th.accent, width: 4 });
  }
  const cursor = view.cursor?.panel === 'kernel' && view.focused === 'kernel' ? view.cursor : null;
  const name = say(filterLabelMsg(spec));
  const labels = shown === 1
    ? [Cw > 1 ? t('playground.mapFilterAll', { f: f + 1, count: Cw }) : t('playground.mapFilter', { f: f + 1, name })]
    : Array.from({ length: shown }, (_, c) => t('playground.chShort', { ch: c + 1 }));
  return {
    width: Math.max(L.width, Math.min(160, maxWidth)),
    height: L.height + legendHeight() + 8,
    layout: L,
    paint(ctx) {
      paintMaps(ctx, L, labels.map((label, c) => ({
        data,
        offset: c * per,
        label,
        scale,
        highlights: [...highlights, ...(cursor && cursor.map === c ? [{ cells: [[cursor.y, cursor.x]], color: th.fg, width: 2, dash: [3, 2] }] : [])],
      })), { th });
      paintLegend(ctx, 0, L.height + 8, Math.min(200, Math.max(L.width, 160)), scale, th);
    },
    hit: (px, py) => hitTest(L, px, py),
  };
}

/** Output panel: one map per filter. */
export function planOutput(state, view, m, maxWidth, fit = 620) {
  const th = theme();
  if (!m.out) return messagePlan(maxWidth, t('playground.noOutputPanel'));
  const [O, OH, OW] = m.out.shape;
  const scale = { kind: 'diverging', limit: absMax(m.out.data) };
  const L = layoutMaps({ count: O, h: OH, w: OW, maxWidth, maxCell: MAX_CELL * getTextScale(), maxHeight: Math.min(620, fit - legendHeight() - 8) });
  const focus = focusOf(state, view, m);
  const reading = view.hover?.panel === 'input' ? outputsReading(state, m, view.hover.y, view.hover.x) : [];
  return {
    width: Math.max(L.width, Math.min(160, maxWidth)),
    height: L.height + legendHeight() + 8,
    layout: L,
    paint(ctx) {
      paintMaps(ctx, L, Array.from({ length: O }, (_, f) => {
        const highlights = [];
        if (focus) highlights.push({ cells: [[focus.oy, focus.ox]], color: th.highlight, width: f === focus.f ? 4 : 2, dash: f === focus.f ? undefined : [4, 3] });
        if (reading.length) highlights.push({ cells: reading, color: th.accent, width: 3 });
        return { data: m.out.data, offset: f * OH * OW, label: O > 1 ? t('playground.mapOutputOf', { map: f + 1, name: say(filterLabelMsg(state.filters[f])) }) : t('playground.mapOutput', { size: sizeText(OH, OW) }), scale, highlights };
      }), { th });
      paintLegend(ctx, 0, L.height + 8, Math.min(240, Math.max(L.width, 160)), scale, th);
    },
    hit: (px, py) => hitTest(L, px, py),
  };
}

/**
 * The arithmetic of the focused output unit (the core's explainConv2d: window, kernel,
 * products and sums per channel), flattened per channel for the PNG's products grid, and the
 * equation text. The value shown is conv2d's own output.
 */
export function productsOf(state, view, m) {
  const focus = focusOf(state, view, m);
  if (!focus) return null;
  const [, Cw, kh, kw] = m.wr.weight.shape;
  const r = explainConv2d(m.input, m.wr.weight, { stride: state.stride, padding: state.padding, dilation: state.dilation }, focus.f, focus.oy, focus.ox);
  if (r.error) return null;
  const unit = r.value;
  const per = kh * kw;
  const a = new Float32Array(Cw * per);
  const w = new Float32Array(Cw * per);
  const p = new Float32Array(Cw * per);
  for (const ch of unit.channels) {
    a.set(ch.window, ch.index * per);
    w.set(ch.kernel, ch.index * per);
    p.set(ch.products, ch.index * per);
  }
  const [, OH, OW] = m.out.shape;
  const value = m.out.data[(focus.f * OH + focus.oy) * OW + focus.ox];
  const terms = Array.from(a, (v, k) => `${fmt(v)}×${fmt(w[k])}`);
  const lhs = t('playground.unitTitle', { map: focus.f + 1, row: focus.oy, col: focus.ox });
  const equation = terms.length <= MAX_EQUATION_TERMS
    ? t('playground.equation', { lhs, terms: terms.join(' + '), value: fmt(value, 4) })
    : t('playground.equationLong', { lhs, count: terms.length, channels: Cw, size: `${kh}×${kw}`, value: fmt(value, 4) });
  return { focus, unit, a, w, p, Cw, kh, kw, value, equation };
}

/** Products panel. */
export function planProducts(state, view, m, maxWidth) {
  const th = theme();
  const pr = m.out ? productsOf(state, view, m) : null;
  if (!pr) return messagePlan(maxWidth, t('playground.productsLater'));
  const scale = { kind: 'diverging', limit: absMax(pr.p) };
  const L = layoutMaps({ count: pr.Cw, h: pr.kh, w: pr.kw, maxWidth, maxCell: 84 * getTextScale(), maxHeight: 420 });
  const tap = hoveredTap(view);
  const fs = Math.round(17 * getTextScale());
  const lines = wrapText(pr.equation, Math.max(200, maxWidth), fs, th);
  const eqH = lines.length * fs * 1.35 + 10;
  return {
    width: Math.max(L.width, textWidth(lines, fs, th)),
    height: L.height + eqH + 6,
    layout: L,
    equation: pr.equation,
    paint(ctx) {
      paintMaps(ctx, L, Array.from({ length: pr.Cw }, (_, c) => ({
        data: pr.p,
        offset: c * pr.kh * pr.kw,
        label: pr.Cw > 1 ? t('playground.chShort', { ch: c + 1 }) : t('playground.valueTimesWeight'),
        scale,
        cellText: (i, j) => {
          const k = (c * pr.kh + i) * pr.kw + j;
          return [`${fmt(pr.a[k])}×${fmt(pr.w[k])}`, `=${fmt(pr.p[k])}`];
        },
        highlights: tap ? [{ cells: [[tap.i, tap.j]], color: th.accent, width: 4 }] : [],
      })), { th });
      ctx.save();
      ctx.font = `${fs}px ${th.mono}`;
      ctx.fillStyle = th.fg;
      ctx.textBaseline = 'top';
      lines.forEach((line, k) => ctx.fillText(line, 0, L.height + 12 + k * fs * 1.35));
      ctx.restore();
    },
    hit: (px, py) => hitTest(L, px, py),
  };
}
