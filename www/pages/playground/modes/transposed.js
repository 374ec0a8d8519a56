// Transposed convolution (up-sampling), 2-D and 1-D: each input value scatters a scaled copy
// of the kernel into the output. Step s adds input cells 0 … s−1: the "this step" map is
// convTranspose of the input with only cell s−1 kept, the partial sum is convTranspose of the
// input with cells 0 … s−1 kept, and the final map is convTranspose of the whole input, all
// from the wasm core.

import { absMax } from '../../../shared/colors.js';
import { layoutMaps, paintMaps, paintLegend, legendHeight, hitTest, theme, getTextScale } from '../../../shared/grid.js';
import { convTranspose1d, convTranspose2d, axisSize, report } from '../compute.js';
import { messagePlan } from '../panels.js';
import { short as fmt } from '../../../shared/format.js';
import { $ } from '../../../shared/dom.js';
import { t } from '../../../shared/i18n.js';
import { msg, say } from '../say.js';
import { formulaLines, shapeText } from './sizes.js';
import { LIMITS } from '../settings.js';
import { filterFromText, filterToText } from '../kernels.js';
import { put, readInt } from '../form.js';

/** The current input and kernel matrices {h, w, data}. */
export function trMatrices(tr) {
  return tr.dim === 2 ? { inM: tr.in2, kM: tr.k2 } : { inM: tr.in1, kM: tr.k1 };
}

function tensors(tr, data) {
  const { inM, kM } = trMatrices(tr);
  if (tr.dim === 2) {
    return { input: { data: Float32Array.from(data), shape: [1, inM.h, inM.w] }, weight: { data: Float32Array.from(kM.data), shape: [1, 1, kM.h, kM.w] } };
  }
  return { input: { data: Float32Array.from(data), shape: [1, inM.w] }, weight: { data: Float32Array.from(kM.data), shape: [1, 1, kM.w] } };
}

function run(tr, data) {
  const { input, weight } = tensors(tr, data);
  const opts = { stride: tr.stride, padding: tr.padding, outputPadding: tr.outpad };
  const r = tr.dim === 2 ? convTranspose2d(input, weight, opts) : convTranspose1d(input, weight, opts);
  if (r.error) return r;
  // Present 1-D results as a one-row grid.
  const v = r.value;
  return { value: v.shape.length === 2 ? { data: v.data, shape: [1, 1, v.shape[1]] } : v };
}

/** Output sizes per axis (formula text from the core) and the final result. */
export function trModel(state) {
  const tr = state.tr;
  const { inM, kM } = trMatrices(tr);
  const m = { tr, inM, kM, N: inM.h * inM.w, errors: [], params: [], axes: [], final: null, cache: new Map() };
  const axes = tr.dim === 2
    ? [['playground.axisRows', 'playground.axisRowsShort', inM.h, kM.h], ['playground.axisCols', 'playground.axisColsShort', inM.w, kM.w]]
    : [['playground.axisLength', 'playground.axisLengthShort', inM.w, kM.w]];
  for (const [name, short, input, kernel] of axes) {
    const r = axisSize({ kind: 'transposed', input, kernel, stride: tr.stride, padding: tr.padding, outputPadding: tr.outpad });
    m.axes.push({ name: short, ...r });
    if (!report(m, r) && r.value.size < 1) m.errors.push(msg('playground.axisReason', { axis: msg(name), reason: r.value.reasonMsg ?? msg('playground.noOutputShort') }));
  }
  const f = run(tr, inM.data);
  // The core's invalid_value errors carry no numbers: the page says them from its settings.
  const context = {
    outputPadding: msg('playground.errOutpad', { op: tr.outpad, s: tr.stride, d: 1 }),
    padding: msg('playground.errCrop', { p: tr.padding }),
  };
  if (!report(m, f, context)) m.final = f.value;
  return m;
}

/** Animation positions: 0 (nothing added) … N (every input cell added). */
export function trCount(m) {
  return m.final ? m.N + 1 : 0;
}

/** The step's contribution and partial sum (memoised per step). */
export function trStep(m, s) {
  if (!m.final) return null;
  if (m.cache.has(s)) return m.cache.get(s);
  const only = m.inM.data.map((v, i) => (i === s - 1 ? v : 0));
  const upto = m.inM.data.map((v, i) => (i < s ? v : 0));
  const c = run(m.tr, only);
  const p = run(m.tr, upto);
  const r = { contribution: c.value, partial: p.value, error: c.error ?? p.error };
  m.cache.set(s, r);
  return r;
}

/** Output rows/cols where input cell k's scaled kernel lands (before cropping by padding). */
export function footprint(m, k) {
  const y = Math.floor(k / m.inM.w);
  const x = k % m.inM.w;
  const S = m.tr.stride;
  const P = m.tr.padding;
  const top = m.tr.dim === 2 ? y * S - P : 0;
  return { y0: top, y1: top + (m.tr.dim === 2 ? m.kM.h : 1), x0: x * S - P, x1: x * S - P + m.kM.w };
}

/** Input and kernel, side by side. */
export function planTrInput(state, view, m, maxWidth) {
  const th = theme();
  const s = Math.min(state.step, m.N);
  const half = Math.max(120, (maxWidth - 24) / 2);
  const Li = layoutMaps({ count: 1, h: m.inM.h, w: m.inM.w, maxWidth: half, maxCell: 64 * getTextScale(), maxHeight: 360 });
  const Lk = layoutMaps({ count: 1, h: m.kM.h, w: m.kM.w, maxWidth: half, maxCell: 64 * getTextScale(), maxHeight: 360 });
  const kx = Li.width + 32;
  const inScale = { kind: 'diverging', limit: absMax(m.inM.data) };
  const kScale = { kind: 'diverging', limit: absMax(m.kM.data) };
  const added = [];
  for (let k = 0; k < s - 1; k++) added.push([Math.floor(k / m.inM.w), k % m.inM.w]);
  const hl = [];
  if (added.length) hl.push({ cells: added, color: th.muted, width: 2, dash: [3, 3] });
  if (s >= 1) hl.push({ cells: [[Math.floor((s - 1) / m.inM.w), (s - 1) % m.inM.w]], color: th.highlight, width: 4 });
  if (view.hover?.panel === 'tr-input') hl.push({ cells: [[view.hover.y, view.hover.x]], color: th.accent, width: 3 });
  const height = Math.max(Li.height, Lk.height) + legendHeight() + 8;
  return {
    width: Math.min(maxWidth, kx + Lk.width),
    height,
    paint(ctx) {
      const inLabel = m.tr.dim === 2 ? t('playground.mapInput', { size: shapeText(m.inM.h, m.inM.w) }) : t('playground.mapInputLength', { n: m.inM.w });
      const kLabel = m.tr.dim === 2 ? t('playground.mapKernel', { size: shapeText(m.kM.h, m.kM.w) }) : t('playground.mapKernelSize', { n: m.kM.w });
      paintMaps(ctx, Li, [{ data: m.inM.data, label: inLabel, scale: inScale, highlights: hl }], { th });
      paintMaps(ctx, Lk, [{ data: m.kM.data, label: kLabel, scale: kScale }], { th, ox: kx });
      paintLegend(ctx, 0, Math.max(Li.height, Lk.height) + 8, Math.min(200, Math.max(Li.width, 140)), inScale, th);
    },
    hit: (px, py) => hitTest(Li, px, py),
  };
}

/** This step's scaled kernel copy, the running sum, and the final output. */
export function planTrOutput(state, view, m, maxWidth, fit = 560) {
  const th = theme();
  if (!m.final) return messagePlan(maxWidth, t('playground.noOutputPanel'));
  const s = Math.min(state.step, m.N);
  const st = trStep(m, s);
  const [, OH, OW] = m.final.shape;
  const L = layoutMaps({ count: 3, h: OH, w: OW, maxWidth, maxCell: 56 * getTextScale(), maxHeight: Math.min(560, fit - legendHeight() - 8) });
  const limit = Math.max(absMax(m.final.data), st?.partial ? absMax(st.partial.data) : 0, st?.contribution ? absMax(st.contribution.data) : 0);
  const scale = { kind: 'diverging', limit };
  const hl = [];
  const k = view.hover?.panel === 'tr-input' ? view.hover.y * m.inM.w + view.hover.x : s - 1;
  if (k >= 0) hl.push({ rect: footprint(m, k), color: view.hover?.panel === 'tr-input' ? th.accent : th.highlight, width: 4 });
  const x = s >= 1 ? m.inM.data[s - 1] : null;
  const labels = [
    s >= 1 ? t('playground.trStepMap', { s, x: fmt(x) }) : t('playground.trStepZero'),
    t('playground.trPartial', { s, count: m.N }),
    m.tr.dim === 2 ? t('playground.trFinal', { size: shapeText(OH, OW) }) : t('playground.trFinalLength', { n: OW }),
  ];
  const zero = new Float32Array(OH * OW);
  return {
    width: Math.max(L.width, 160),
    height: L.height + legendHeight() + 8,
    paint(ctx) {
      paintMaps(ctx, L, [
        { data: s >= 1 && st?.contribution ? st.contribution.data : zero, label: labels[0], scale, highlights: hl },
        { data: st?.partial ? st.partial.data : zero, label: labels[1], scale, highlights: hl },
        { data: m.final.data, label: labels[2], scale },
      ], { th });
      paintLegend(ctx, 0, L.height + 8, Math.min(240, Math.max(L.width, 160)), scale, th);
    },
    hit: (px, py) => hitTest(L, px, py),
  };
}

/** The transposed-convolution fieldset: dimensions, input and kernel values, stride, cropping, output padding. */
const controls = {
  /** The fieldset (constant markup, inserted once into the settings form). */
  markup: `
  <fieldset class="panel" data-modes="transposed" id="fs-tr">
    <legend data-i18n="playground.trLegend">Transposed convolution</legend>
    <label class="field"><span data-i18n="playground.trDims">Dimensions</span>
      <select id="t-dim" data-testid="t-dim"><option value="2" data-i18n="playground.trDim2">2-D (images)</option><option value="1" data-i18n="playground.trDim1">1-D (sequences)</option></select>
    </label>
    <label class="field"><span data-i18n="playground.trInputValues">Input values (rows of numbers)</span>
      <textarea id="t-input" data-testid="t-input" rows="3" spellcheck="false" class="mono"></textarea>
    </label>
    <label class="field"><span data-i18n="playground.trKernelValues">Kernel values</span>
      <textarea id="t-kernel" data-testid="t-kernel" rows="3" spellcheck="false" class="mono"></textarea>
    </label>
    <p id="t-edit-error" class="error" data-testid="t-edit-error" role="alert"></p>
    <div class="hp"><label for="t-stride" data-i18n="playground.stride">Stride</label><input type="number" id="t-stride" data-testid="t-stride" min="1" max="4" step="1"></div>
    <div class="hp"><label for="t-padding" data-i18n="playground.trPadding">Padding (cropped)</label><input type="number" id="t-padding" data-testid="t-padding" min="0" max="4" step="1"></div>
    <div class="hp"><label for="t-outpad" data-i18n="playground.trOutpad">Output padding</label><input type="number" id="t-outpad" data-testid="t-outpad" min="0" max="3" step="1"></div>
    <div class="sizes">
      <p class="out-size"><span data-i18n="playground.outputSize">Output size:</span> <output id="t-output-size" data-testid="t-output-size"></output></p>
      <div id="t-formula" data-testid="t-formula" class="formula mono"></div>
      <p class="error reason" data-reason></p>
      <p class="muted small" data-i18n="playground.trRule">(input − 1)·stride − 2·padding + dilation·(kernel − 1) + output padding + 1, per axis.</p>
    </div>
  </fieldset>
`,

  init(actions) {
    const err = actions.controlError;
    const upd = actions.update;
    $('#t-dim').addEventListener('change', (e) => upd((s) => { s.tr.dim = Number(e.target.value); }, { key: null, resetStep: true }));
    const trMatrix = (el, which) => {
      const dim = actions.state().tr.dim;
      const r = filterFromText(el.value, 1);
      let problem = r.error ?? '';
      if (!problem && (r.spec.h > LIMITS.tside.max || r.spec.w > (dim === 1 && which === 'in' ? 8 : LIMITS.tside.max))) problem = msg('playground.errTrSize', { max: LIMITS.tside.max });
      if (!problem && dim === 1 && r.spec.h !== 1) problem = msg('playground.errTrOneRow');
      if (!problem && r.spec.data.some((v) => Math.abs(v) > LIMITS.value.max)) problem = msg('playground.errTrValues', { max: String(LIMITS.value.max) });
      actions.trError(problem);
      if (problem) return;
      const m = { h: r.spec.h, w: r.spec.w, data: r.spec.data };
      upd((s) => { s.tr[`${which}${dim}`] = m; }, { key: `t-${which}`, resetStep: true });
    };
    $('#t-input').addEventListener('input', (e) => trMatrix(e.target, 'in'));
    $('#t-kernel').addEventListener('input', (e) => trMatrix(e.target, 'k'));
    for (const [id, key, lim, what] of [['t-stride', 'stride', LIMITS.tstride, 'playground.whatStride'], ['t-padding', 'padding', LIMITS.tpadding, 'playground.whatPadding'], ['t-outpad', 'outpad', LIMITS.toutpad, 'playground.whatOutpad']]) {
      $(`#${id}`).addEventListener('input', (e) => {
        const v = readInt(e.target, lim, what, err);
        if (v !== null) upd((s) => { s.tr[key] = v; }, { key: id, resetStep: true });
      });
    }
    for (const id of ['t-stride', 't-padding', 't-outpad']) $(`#${id}`).addEventListener('change', () => actions.resync());
  },
  sync(s, info) {
    put($('#t-dim'), s.tr.dim, info.force);
    const m = s.tr.dim === 2 ? [s.tr.in2, s.tr.k2] : [s.tr.in1, s.tr.k1];
    for (const [el, mat] of [[$('#t-input'), m[0]], [$('#t-kernel'), m[1]]]) {
      const text = filterToText({ c: 1, ...mat });
      if ((info.force || document.activeElement !== el) && el.value !== text) el.value = text;
    }
    put($('#t-stride'), s.tr.stride, info.force);
    put($('#t-padding'), s.tr.padding, info.force);
    put($('#t-outpad'), s.tr.outpad, info.force);
    $('#t-edit-error').textContent = say(info.trError);
  },
};

export const mode = {
  id: 'transposed',
  label: 'playground.modeTransposed',
  controls,
  paramControls: { input: ['t-input'], weight: ['t-kernel'], kernel: ['t-kernel'], stride: ['t-stride'], padding: ['t-padding'], outputPadding: ['t-outpad'] },
  panels: [
    { id: 'tr-input', caption: 'playground.capTrInput', exportTitle: 'playground.exportTrInput', testid: 't-input', wide: true,
      hoverFrom: ['tr-input'], label: 'playground.ariaTrInput', plan: planTrInput },
    { id: 'tr-output', caption: 'playground.capTrOutput', exportTitle: 'playground.exportTrOutput',
      testid: 't-output', wide: true, hoverFrom: ['tr-input'], label: 'playground.ariaTrOutput', plan: planTrOutput },
  ],

  key: (s) => JSON.stringify(s.tr),
  model: (s) => trModel(s),
  steps: (m) => trCount(m),
  stepLabel: (s, m, count) => t('playground.trStepLabel', { step: String(s.step), count: String(count - 1) }),

  readout: (h, s, m) => (h.panel === 'tr-input'
    ? t('playground.readTrInput', { row: h.y, col: h.x, value: fmt(m.inM.data[h.y * m.inM.w + h.x]) })
    : ''),

  sizes(s, m) {
    formulaLines($('#t-formula'), m.axes.map((a) => [a.name, a]));
    $('#t-output-size').textContent = m.final ? (s.tr.dim === 2 ? shapeText(m.final.shape[1], m.final.shape[2]) : `${m.final.shape[2]}`) : t('playground.noOutputShort');
  },

  /** Clicking an input cell jumps to the step that adds it. */
  click(panel, hit, m, act) {
    if (panel !== 'tr-input') return;
    act.pause();
    act.seek(hit.y * m.inM.w + hit.x + 1);
  },
};
