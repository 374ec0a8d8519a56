// 1-D convolution over a sentence: each word is a 4-number toy embedding (text-embedding.js),
// a kernel of size 3 is a 3-gram detector, conv1d (wasm) slides it along the words, and the
// page names the 3-gram that fires most.

import { absMax } from '../../../shared/colors.js';
import { layoutMaps, paintMaps, paintLegend, legendHeight, hitTest, theme, getTextScale } from '../../../shared/grid.js';
import { conv1d, report } from '../compute.js';
import { DIMS, DIM_LABELS, DETECTORS, NGRAM, tokenize, embed, detectorWeight } from '../text-embedding.js';
import { t as tr } from '../../../shared/i18n.js';
import { short as fmt } from '../../../shared/format.js';
import { messagePlan, wrapText } from '../panels.js';

/** Runs every detector over the sentence. */
export function textModel(state) {
  const { words } = tokenize(state.text.sentence);
  const { tensor, unknown } = embed(words);
  const weight = detectorWeight();
  const m = { words, emb: tensor, unknown, weight, out: null, errors: [], params: [] };
  const r = conv1d(tensor, weight, {});
  if (!report(m, r)) m.out = r.value;
  m.det = Math.max(0, DETECTORS.findIndex((d) => d.id === state.text.detector));
  if (m.out) {
    const L = m.out.shape[1];
    m.best = DETECTORS.map((_, o) => {
      let bi = 0;
      for (let t = 1; t < L; t++) if (m.out.data[o * L + t] > m.out.data[o * L + bi]) bi = t;
      return { t: bi, value: m.out.data[o * L + bi], gram: words.slice(bi, bi + NGRAM).join(' ') };
    });
  }
  return m;
}

/** Positions of the 3-gram window. */
export function textCount(m) {
  return m.out ? m.out.shape[1] : 0;
}

function labelWidth(labels, fs, th) {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${fs}px ${th.font}`;
  return Math.max(...labels.map((l) => ctx.measureText(l).width)) + 10;
}

/** Paints column labels (rotated when cells are narrow) above a grid at (x, y). */
function paintColLabels(ctx, labels, x, y, cell, fs, th, highlight = []) {
  ctx.save();
  ctx.font = `${fs}px ${th.font}`;
  ctx.fillStyle = th.fg;
  labels.forEach((l, i) => {
    ctx.save();
    ctx.fillStyle = highlight.includes(i) ? th.accent : th.fg;
    ctx.font = `${highlight.includes(i) ? 700 : 400} ${fs}px ${th.font}`;
    ctx.translate(x + i * cell + cell / 2, y - 6);
    ctx.rotate(-Math.PI / 4);
    ctx.textBaseline = 'middle';
    ctx.fillText(l, 0, 0);
    ctx.restore();
  });
  ctx.restore();
}

function paintRowLabels(ctx, labels, x, y, cell, fs, th) {
  ctx.save();
  ctx.font = `${fs}px ${th.font}`;
  ctx.fillStyle = th.fg;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  labels.forEach((l, i) => ctx.fillText(l, x - 6, y + i * cell + cell / 2));
  ctx.restore();
}

function headerHeight(labels, fs, th) {
  return labelWidth(labels, fs, th) * Math.SQRT1_2 + fs + 8;
}

/** The sentence's embedding matrix: rows = dimensions, columns = words. */
export function planEmbedding(state, view, m, maxWidth) {
  const th = theme();
  const fs = Math.round(14 * getTextScale());
  const dims = DIM_LABELS.map((k) => tr(k));
  const lw = labelWidth(dims, fs, th);
  const L = layoutMaps({ count: 1, h: DIMS.length, w: m.words.length, maxWidth: maxWidth - lw - 40, maxCell: 60 * getTextScale(), maxHeight: 400, label: false });
  const hh = headerHeight(m.words, fs, th);
  const scale = { kind: 'diverging', limit: Math.max(1, absMax(m.emb.data)) };
  const t = view.hover?.panel === 'responses' ? view.hover.x : Math.min(state.step, Math.max(0, textCount(m) - 1));
  const win = m.out ? [t, t + 1, t + 2] : [];
  return {
    width: lw + L.width + 40,
    height: hh + L.height + legendHeight() + 10,
    paint(ctx) {
      paintColLabels(ctx, m.words, lw, hh, L.cell, fs, th, win);
      paintRowLabels(ctx, dims, lw, hh, L.cell, fs, th);
      paintMaps(ctx, L, [{
        data: m.emb.data,
        scale,
        highlights: m.out ? [{ rect: { y0: 0, y1: DIMS.length, x0: t, x1: t + NGRAM }, color: th.highlight, width: 4 }] : [],
      }], { th, ox: lw, oy: hh });
      paintLegend(ctx, lw, hh + L.height + 10, 180, scale, th);
    },
    hit: () => null,
  };
}

/** The selected detector's weights and the products of the current window. */
export function planDetector(state, view, m, maxWidth) {
  const th = theme();
  if (!m.out) return messagePlan(maxWidth, tr('playground.noOutputSeeAbove'));
  const fs = Math.round(14 * getTextScale());
  const dims = DIM_LABELS.map((k) => tr(k));
  const lw = labelWidth(dims, fs, th);
  const cols = [1, 2, 3].map((n) => tr('playground.wordN', { n }));
  const hh = headerHeight(cols, fs, th);
  const d = m.det;
  const W = m.words.length;
  const OL = m.out.shape[1];
  const t = view.hover?.panel === 'responses' ? view.hover.x : Math.min(state.step, OL - 1);
  const o = view.hover?.panel === 'responses' ? view.hover.y : d;
  const w = m.weight.data.subarray(o * DIMS.length * NGRAM, (o + 1) * DIMS.length * NGRAM);
  const a = new Float32Array(DIMS.length * NGRAM);
  const p = new Float32Array(DIMS.length * NGRAM);
  for (let k = 0; k < DIMS.length; k++) {
    for (let j = 0; j < NGRAM; j++) {
      a[k * NGRAM + j] = m.emb.data[k * W + t + j];
      p[k * NGRAM + j] = a[k * NGRAM + j] * w[k * NGRAM + j]; // display only
    }
  }
  const half = (maxWidth - 2 * lw - 40) / 2;
  const Lw = layoutMaps({ count: 1, h: DIMS.length, w: NGRAM, maxWidth: Math.max(90, half), maxCell: 60 * getTextScale(), maxHeight: 320, label: false });
  const px = lw + Lw.width + 24 + lw;
  const Lp = layoutMaps({ count: 1, h: DIMS.length, w: NGRAM, maxWidth: Math.max(90, half), maxCell: 84 * getTextScale(), maxHeight: 360, label: false });
  const value = m.out.data[o * OL + t];
  const gram = m.words.slice(t, t + NGRAM).join(' ');
  const terms = Array.from(p, (_, k) => `${fmt(a[k])}×${fmt(w[k])}`).filter((_, k) => a[k] !== 0 || w[k] !== 0);
  const eq = tr('playground.textEquation', { gram, detector: tr(DETECTORS[o].label), terms: terms.length ? terms.join(' + ') : '0', value: fmt(value, 4) });
  const efs = Math.round(16 * getTextScale());
  const width = Math.min(maxWidth, px + Lp.width);
  const lines = wrapText(eq, Math.max(200, width), efs, th);
  const gridH = hh + Math.max(Lw.height, Lp.height);
  const wScale = { kind: 'diverging', limit: Math.max(1, absMax(w)) };
  const pScale = { kind: 'diverging', limit: Math.max(1, absMax(p)) };
  return {
    width,
    height: gridH + legendHeight() + 14 + lines.length * efs * 1.35 + 8,
    equation: eq,
    paint(ctx) {
      ctx.save();
      ctx.font = `600 ${fs}px ${th.font}`;
      ctx.fillStyle = th.fg;
      ctx.textBaseline = 'top';
      ctx.fillText(tr('playground.detectorWeights'), 0, 0);
      ctx.fillText(tr('playground.valueTimesWeight'), px - lw, 0);
      ctx.restore();
      paintColLabels(ctx, cols, lw, hh, Lw.cell, fs, th);
      paintRowLabels(ctx, dims, lw, hh, Lw.cell, fs, th);
      paintMaps(ctx, Lw, [{ data: w, scale: wScale }], { th, ox: lw, oy: hh });
      paintColLabels(ctx, m.words.slice(t, t + NGRAM), px, hh, Lp.cell, fs, th);
      paintRowLabels(ctx, dims, px, hh, Lp.cell, fs, th);
      paintMaps(ctx, Lp, [{ data: p, scale: pScale, cellText: (i, j) => [`${fmt(a[i * NGRAM + j])}×${fmt(w[i * NGRAM + j])}`, `=${fmt(p[i * NGRAM + j])}`] }], { th, ox: px, oy: hh });
      paintLegend(ctx, lw, gridH + 8, 160, wScale, th);
      ctx.save();
      ctx.font = `${efs}px ${th.mono}`;
      ctx.fillStyle = th.fg;
      ctx.textBaseline = 'top';
      lines.forEach((l, k) => ctx.fillText(l, 0, gridH + legendHeight() + 14 + k * efs * 1.35));
      ctx.restore();
    },
    hit: () => null,
  };
}

/** Every detector's response at every 3-gram (conv1d output), the maximum of each marked. */
export function planTextOutput(state, view, m, maxWidth) {
  const th = theme();
  if (!m.out) return messagePlan(maxWidth, tr('playground.noOutputSeeAbove'));
  const [O, OL] = m.out.shape;
  const fs = Math.round(14 * getTextScale());
  const names = DETECTORS.map((d) => tr(d.short));
  const lw = labelWidth(names, fs, th);
  const grams = Array.from({ length: OL }, (_, t) => m.words.slice(t, t + NGRAM).join(' '));
  const hh = headerHeight(grams, fs, th);
  const L = layoutMaps({ count: 1, h: O, w: OL, maxWidth: maxWidth - lw - 60, maxCell: 64 * getTextScale(), maxHeight: 360, label: false });
  const scale = { kind: 'diverging', limit: Math.max(1, absMax(m.out.data)) };
  const t = Math.min(state.step, OL - 1);
  const hv = view.hover?.panel === 'responses' ? view.hover : null;
  return {
    width: lw + L.width + 60,
    height: hh + L.height + legendHeight() + 10,
    paint(ctx) {
      paintColLabels(ctx, grams, lw, hh, L.cell, fs, th, [hv ? hv.x : t]);
      paintRowLabels(ctx, names, lw, hh, L.cell, fs, th);
      paintMaps(ctx, L, [{
        data: m.out.data,
        scale,
        highlights: [
          { rect: { y0: 0, y1: O, x0: t, x1: t + 1 }, color: th.highlight, width: 4 },
          { cells: m.best.map((b, o) => (b.value > 0 ? [o, b.t] : null)).filter(Boolean), color: th.fg, width: 3, dash: [5, 3] },
          ...(hv ? [{ cells: [[hv.y, hv.x]], color: th.accent, width: 3 }] : []),
        ],
      }], { th, ox: lw, oy: hh });
      paintLegend(ctx, lw, hh + L.height + 10, 180, scale, th);
    },
    hit: (px, py) => hitTest(L, px - lw, py - hh),
  };
}
