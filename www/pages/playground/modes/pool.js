// The pooling demo as a mode: max and average pooling side by side on the same input
// (pool2d), and the "shift by one pixel" experiment that marks which pooled values survive a
// translation. No animation steps.

import { layoutMaps, paintMaps, paintLegend, legendHeight, hitTest, autoScale, theme, getTextScale } from '../../../shared/grid.js';
import { pool2d, sizes2d, report } from '../compute.js';
import { shiftTensor } from '../inputs.js';
import { messagePlan } from '../panels.js';
import { short as fmt } from '../../../shared/format.js';
import { $ } from '../../../shared/dom.js';
import { t } from '../../../shared/i18n.js';
import { msg } from '../say.js';
import { formulaLines, shapeText } from './sizes.js';
import { inputCellEdit } from './cell-edit.js';
import { LIMITS } from '../settings.js';
import { put, readInt } from '../form.js';

/** Values closer than this count as "unchanged" after the shift (float32 round-off). */
export const SAME_TOLERANCE = 1e-5;

/**
 * Pools the (shifted) input both ways and, when shifted, the original too for comparison.
 * @returns {{input, C, H, W, sizes, max?, avg?, max0?, avg0?, errors: object[]}} errors: messages (say.js)
 */
export function poolModel(state, inp) {
  const { window: k, stride, padding, shift, dir } = state.pool;
  const shifted = shift > 0 ? shiftTensor(inp.tensor, shift, dir) : inp.tensor;
  const [C, H, W] = inp.tensor.shape;
  const m = { input: shifted, natural: inp.natural, C, H, W, errors: [], params: [] };
  m.sizes = sizes2d({ kind: 'pool', h: H, w: W, kh: k, kw: k, stride: [stride, stride], padding: [padding, padding] });
  const opts = (mode) => ({ mode, kernel: k, stride, padding });
  // pool2d's invalid_value errors carry no numbers: the page says them from its settings.
  const context = {
    padding: msg('playground.errPoolPadding', { p: padding, k, half: Math.floor(k / 2) }),
    kernel: msg('playground.noOutputBecause', { reasons: m.sizes.reasons }),
  };
  for (const mode of ['max', 'avg']) {
    const r = pool2d(shifted, opts(mode));
    if (report(m, r, context)) continue;
    m[mode] = r.value;
    if (shift > 0) {
      const r0 = pool2d(inp.tensor, opts(mode));
      if (!r0.error) m[`${mode}0`] = r0.value;
    }
  }
  if (!m.sizes.ok && !m.errors.length) m.errors.push(msg('playground.noOutputBecause', { reasons: m.sizes.reasons }));
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
export function planPoolInput(state, view, m, maxWidth, fit = 560) {
  const th = theme();
  const p = state.pool.padding;
  const scale = m.natural && m.C === 3 ? null : autoScale(m.input.data, m.natural);
  const L = layoutMaps({ count: m.C, h: m.H, w: m.W, ring: p, maxWidth, maxCell: 56 * getTextScale(), maxHeight: Math.min(560, fit - legendHeight() - 8) });
  const highlights = [];
  const h = view.hover;
  if (h && (h.panel === 'max' || h.panel === 'avg')) {
    const top = h.y * state.pool.stride - p;
    const left = h.x * state.pool.stride - p;
    highlights.push({ rect: { y0: top, y1: top + state.pool.window, x0: left, x1: left + state.pool.window }, color: th.highlight, width: 4 });
  }
  const { shift, dir } = state.pool;
  const size = shapeText(m.H, m.W);
  const shifted = { shift, key: dir === 'x' ? 'playground.mapShiftedRight' : 'playground.mapShiftedDown' };
  const labels = m.C === 1
    ? [shift ? t(shifted.key, { what: t('playground.mapInput', { size }), shift }) : t('playground.mapInput', { size })]
    : Array.from({ length: m.C }, (_, c) => {
      const ch = t('playground.mapChannel', { ch: c + 1 });
      return shift && c === 0 ? t(shifted.key, { what: ch, shift }) : ch;
    });
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
export function planPooled(state, view, m, mode, maxWidth, fit = 520) {
  const th = theme();
  const out = m[mode];
  if (!out) return messagePlan(maxWidth, t('playground.noPooledOutput'));
  const [C, OH, OW] = out.shape;
  const scale = autoScale(out.data, false);
  const before = m[`${mode}0`];
  const sv = survival(out, before);
  const L = layoutMaps({ count: C, h: OH, w: OW, maxWidth, maxCell: 64 * getTextScale(), maxHeight: Math.min(520, fit - legendHeight() - 8) });
  const name = t(mode === 'max' ? 'playground.maxPoolingShort' : 'playground.avgPoolingShort');
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
        label: C === 1 ? `${name} ${shapeText(OH, OW)}` : `${name} · ${t('playground.chShort', { ch: c + 1 })}`,
        scale,
        marks: sv ? sv.marks[c] : [],
        cellText: before ? (y, x, v) => {
          const old = before.data[(c * OH + y) * OW + x];
          return sv.marks[c][y * OW + x].kind === 'same' ? fmt(v) : [fmt(v), t('playground.wasValue', { value: fmt(old) })];
        } : undefined,
        highlights: hv && hv.map === c ? [{ cells: [[hv.y, hv.x]], color: th.highlight, width: 4 }] : [],
      })), { th });
      paintLegend(ctx, 0, L.height + 8, Math.min(200, Math.max(L.width, 160)), scale, th);
    },
    hit: (px, py) => hitTest(L, px, py),
  };
}

/** The pooling fieldset: window, stride, padding and the one-pixel shift. */
const controls = {
  /** The fieldset (constant markup, inserted once into the settings form). */
  markup: `
  <fieldset class="panel" data-modes="pool" id="fs-pool">
    <legend data-i18n="playground.poolLegend">Pooling</legend>
    <div class="hp"><label for="pool-window" data-i18n="playground.window">Window</label><input type="number" id="pool-window" data-testid="pool-window" min="1" max="8" step="1"></div>
    <div class="hp"><label for="pool-stride" data-i18n="playground.stride">Stride</label><input type="number" id="pool-stride" data-testid="pool-stride" min="1" max="8" step="1"></div>
    <div class="hp"><label for="pool-padding" data-i18n="playground.padding">Padding</label><input type="number" id="pool-padding" data-testid="pool-padding" min="0" max="4" step="1"></div>
    <p class="muted small" data-i18n="playground.poolHint">Padding may be at most half the window. Average pooling counts padded zeros (PyTorch's default).</p>
    <div class="row">
      <button type="button" id="shift" data-testid="shift" class="primary" data-i18n="playground.shiftButton">Shift by one pixel</button>
      <label><span data-i18n="playground.direction">Direction</span>
        <select id="shift-dir" data-testid="shift-dir"><option value="x" data-i18n="playground.dirRight">right</option><option value="y" data-i18n="playground.dirDown">down</option></select>
      </label>
      <button type="button" id="shift-reset" data-testid="shift-reset" data-i18n="playground.shiftReset">Reset shift</button>
    </div>
    <p id="pool-survival" class="survival" data-testid="pool-survival" aria-live="polite"></p>
    <div class="sizes">
      <p class="out-size"><span data-i18n="playground.outputSize">Output size:</span> <output id="pool-output-size" data-testid="pool-output-size"></output></p>
      <div id="pool-formula" data-testid="pool-formula" class="formula mono"></div>
      <p class="error reason" data-reason></p>
    </div>
  </fieldset>
`,

  init(actions) {
    const err = actions.controlError;
    const upd = actions.update;
    $('#pool-window').addEventListener('input', (e) => {
      const v = readInt(e.target, LIMITS.window, 'playground.whatWindow', err);
      if (v !== null) upd((s) => { s.pool.window = v; s.pool.stride = v; s.pool.padding = Math.min(s.pool.padding, Math.floor(v / 2)); }, { key: 'pool-window' });
    });
    $('#pool-stride').addEventListener('input', (e) => {
      const v = readInt(e.target, LIMITS.pstride, 'playground.whatPoolStride', err);
      if (v !== null) upd((s) => { s.pool.stride = v; }, { key: 'pool-stride' });
    });
    $('#pool-padding').addEventListener('input', (e) => {
      const v = readInt(e.target, LIMITS.ppadding, 'playground.whatPoolPadding', err);
      if (v !== null) upd((s) => { s.pool.padding = v; }, { key: 'pool-padding' });
    });
    for (const id of ['pool-window', 'pool-stride', 'pool-padding']) $(`#${id}`).addEventListener('change', () => actions.resync());
    $('#shift').addEventListener('click', () => upd((s) => { s.pool.shift = Math.min(LIMITS.shift.max, s.pool.shift + 1); }, { key: null }));
    $('#shift-reset').addEventListener('click', () => upd((s) => { s.pool.shift = 0; }, { key: null }));
    $('#shift-dir').addEventListener('change', (e) => upd((s) => { s.pool.dir = e.target.value; }, { key: null }));
  },
  sync(s, info) {
    put($('#pool-window'), s.pool.window, info.force);
    put($('#pool-stride'), s.pool.stride, info.force);
    $('#pool-padding').max = Math.floor(s.pool.window / 2);
    put($('#pool-padding'), s.pool.padding, info.force);
    put($('#shift-dir'), s.pool.dir, info.force);
    $('#shift').disabled = s.pool.shift >= LIMITS.shift.max;
    $('#shift-reset').disabled = s.pool.shift === 0;
  },
};

export const mode = {
  id: 'pool',
  label: 'playground.modePool',
  controls,
  usesInput: true,
  player: false,
  paramControls: { input: ['input-kind'], kernel: ['pool-window'], stride: ['pool-stride'], padding: ['pool-padding'] },
  panels: [
    { id: 'pool-input', caption: 'playground.capInput', exportTitle: 'playground.exportPoolInput', testid: 'pool-input', wide: true, editable: true, hoverFrom: ['max', 'avg'],
      label: 'playground.ariaInputGrid', plan: planPoolInput },
    { id: 'max', caption: 'playground.capMaxPooling', exportTitle: 'playground.capMaxPooling', testid: 'max', hoverFrom: ['max'], label: 'playground.ariaMaxPooled',
      plan: (s, ui, m, w, fit) => planPooled(s, ui, m, 'max', w, fit) },
    { id: 'avg', caption: 'playground.capAvgPooling', exportTitle: 'playground.capAvgPooling', testid: 'avg', hoverFrom: ['avg'], label: 'playground.ariaAvgPooled',
      plan: (s, ui, m, w, fit) => planPooled(s, ui, m, 'avg', w, fit) },
  ],
  // Catalog text and constant markup only (no URL or user text).
  note: () => t('playground.poolNote', { same: '<span class="swatch same" aria-hidden="true"></span>', changed: '<span class="swatch changed" aria-hidden="true"></span>' }),

  key: (s, env) => JSON.stringify([s.input.kind, s.input.size, s.input.seed, s.input.color, [...s.input.edits], s.pool, env.inputVersion]),
  model: (s, env) => poolModel(s, env.input),
  steps: () => 0,
  stepLabel: () => '',

  readout(h, s, m) {
    if ((h.panel !== 'max' && h.panel !== 'avg') || !m[h.panel]) return '';
    const [, OH, OW] = m[h.panel].shape;
    return t(h.panel === 'max' ? 'playground.readMax' : 'playground.readAvg', { ch: h.map + 1, row: h.y, col: h.x, value: fmt(m[h.panel].data[(h.map * OH + h.y) * OW + h.x], 4) });
  },

  sizes(s, m) {
    formulaLines($('#pool-formula'), [['playground.axisRowsShort', m.sizes.rows], ['playground.axisColsShort', m.sizes.cols]]);
    $('#pool-output-size').textContent = m.sizes.ok ? shapeText(m.sizes.rows.value.size, m.sizes.cols.value.size) : t('playground.noOutputShort');
    const max = survival(m.max, m.max0);
    const avg = survival(m.avg, m.avg0);
    const el = $('#pool-survival');
    if (s.pool.shift === 0) el.textContent = t('playground.shiftPrompt');
    else if (max && avg) {
      el.textContent = t(s.pool.dir === 'x' ? 'playground.survivalRight' : 'playground.survivalDown', { shift: s.pool.shift, maxSame: max.same, maxTotal: max.total, avgSame: avg.same, avgTotal: avg.total });
    } else el.textContent = '';
  },

  /** Hand edits apply to the unshifted input (m.input is the shifted copy, so edits wait). */
  cellEdit: (panel, hit, s, m) => (s.pool.shift > 0
    ? { refused: msg('playground.errEditShifted') }
    : inputCellEdit(m.input, hit)),
};
