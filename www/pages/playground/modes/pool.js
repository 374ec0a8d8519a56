// The pooling demo as a mode: max and average pooling side by side on the same input
// (pool2d), and the "shift by one pixel" experiment that marks which pooled values survive a
// translation. No animation steps.

import { layoutMaps, paintMaps, paintLegend, legendHeight, hitTest, autoScale, theme, getTextScale } from '../../../shared/grid.js';
import { pool2d, sizes2d, report } from '../compute.js';
import { shiftTensor } from '../inputs.js';
import { messagePlan } from '../panels.js';
import { short as fmt } from '../../../shared/format.js';
import { $ } from '../../../shared/dom.js';
import { formulaLines, shapeText } from './sizes.js';
import { inputCellEdit } from './cell-edit.js';
import { LIMITS } from '../settings.js';
import { put, readInt } from '../form.js';

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
  const m = { input: shifted, natural: inp.natural, C, H, W, errors: [], params: [] };
  m.sizes = sizes2d({ kind: 'pool', h: H, w: W, kh: k, kw: k, stride: [stride, stride], padding: [padding, padding] });
  const opts = (mode) => ({ mode, kernel: k, stride, padding });
  for (const mode of ['max', 'avg']) {
    const r = pool2d(shifted, opts(mode));
    if (report(m, r)) continue;
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

/** The pooling fieldset: window, stride, padding and the one-pixel shift. */
const controls = {
  /** The fieldset (constant markup, inserted once into the settings form). */
  markup: `
  <fieldset class="panel" data-modes="pool" id="fs-pool">
    <legend>Pooling</legend>
    <div class="hp"><label for="pool-window">Window</label><input type="number" id="pool-window" data-testid="pool-window" min="1" max="8" step="1"></div>
    <div class="hp"><label for="pool-stride">Stride</label><input type="number" id="pool-stride" data-testid="pool-stride" min="1" max="8" step="1"></div>
    <div class="hp"><label for="pool-padding">Padding</label><input type="number" id="pool-padding" data-testid="pool-padding" min="0" max="4" step="1"></div>
    <p class="muted small">Padding may be at most half the window. Average pooling counts padded zeros (PyTorch's default).</p>
    <div class="row">
      <button type="button" id="shift" data-testid="shift" class="primary">Shift by one pixel</button>
      <label>Direction
        <select id="shift-dir" data-testid="shift-dir"><option value="x">right</option><option value="y">down</option></select>
      </label>
      <button type="button" id="shift-reset" data-testid="shift-reset">Reset shift</button>
    </div>
    <p id="pool-survival" class="survival" data-testid="pool-survival" aria-live="polite"></p>
    <div class="sizes">
      <p class="out-size">Output size: <output id="pool-output-size" data-testid="pool-output-size"></output></p>
      <div id="pool-formula" data-testid="pool-formula" class="formula mono"></div>
      <p class="error reason" data-reason></p>
    </div>
  </fieldset>
`,

  init(actions) {
    const err = actions.controlError;
    const upd = actions.update;
    $('#pool-window').addEventListener('input', (e) => {
      const v = readInt(e.target, LIMITS.window, 'The window', err);
      if (v !== null) upd((s) => { s.pool.window = v; s.pool.stride = v; s.pool.padding = Math.min(s.pool.padding, Math.floor(v / 2)); }, { key: 'pool-window' });
    });
    $('#pool-stride').addEventListener('input', (e) => {
      const v = readInt(e.target, LIMITS.pstride, 'The pooling stride', err);
      if (v !== null) upd((s) => { s.pool.stride = v; }, { key: 'pool-stride' });
    });
    $('#pool-padding').addEventListener('input', (e) => {
      const v = readInt(e.target, LIMITS.ppadding, 'The pooling padding', err);
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
  label: 'Pooling',
  controls,
  usesInput: true,
  player: false,
  paramControls: { input: ['input-kind'], kernel: ['pool-window'], stride: ['pool-stride'], padding: ['pool-padding'] },
  panels: [
    { id: 'pool-input', caption: 'Input', exportTitle: 'Pooling input', testid: 'pool-input', wide: true, editable: true, hoverFrom: ['max', 'avg'],
      label: 'Input grid. Arrow keys move, Enter edits a cell.', plan: planPoolInput },
    { id: 'max', caption: 'Max pooling', exportTitle: 'Max pooling', testid: 'max', hoverFrom: ['max'], label: 'Max-pooled values',
      plan: (s, ui, m, w) => planPooled(s, ui, m, 'max', w) },
    { id: 'avg', caption: 'Average pooling', exportTitle: 'Average pooling', testid: 'avg', hoverFrom: ['avg'], label: 'Average-pooled values',
      plan: (s, ui, m, w) => planPooled(s, ui, m, 'avg', w) },
  ],
  note: 'After a shift: <span class="swatch same" aria-hidden="true"></span> outlined cells with a corner flag kept their value; <span class="swatch changed" aria-hidden="true"></span> cells with a dashed inner outline changed (their old value is shown as “was …”).',

  key: (s, env) => JSON.stringify([s.input.kind, s.input.size, s.input.seed, s.input.color, [...s.input.edits], s.pool, env.inputVersion]),
  model: (s, env) => poolModel(s, env.input),
  steps: () => 0,
  stepLabel: () => '',

  readout(h, s, m) {
    if ((h.panel !== 'max' && h.panel !== 'avg') || !m[h.panel]) return '';
    const [, OH, OW] = m[h.panel].shape;
    return `${h.panel === 'max' ? 'Max' : 'Average'} of its window (ch ${h.map + 1}, row ${h.y}, col ${h.x}) = ${fmt(m[h.panel].data[(h.map * OH + h.y) * OW + h.x], 4)}`;
  },

  sizes(s, m) {
    formulaLines($('#pool-formula'), [['rows', m.sizes.rows], ['cols', m.sizes.cols]]);
    $('#pool-output-size').textContent = m.sizes.ok ? shapeText(m.sizes.rows.value.size, m.sizes.cols.value.size) : 'no output';
    const max = survival(m.max, m.max0);
    const avg = survival(m.avg, m.avg0);
    const el = $('#pool-survival');
    if (s.pool.shift === 0) el.textContent = 'Press “Shift by one pixel” to move the input and see which pooled values survive.';
    else if (max && avg) {
      el.textContent = `After shifting ${s.pool.shift} px ${s.pool.dir === 'x' ? 'right' : 'down'}: max pooling kept ${max.same} of ${max.total} values, average pooling kept ${avg.same} of ${avg.total}.`;
    } else el.textContent = '';
  },

  /** Hand edits apply to the unshifted input (m.input is the shifted copy, so edits wait). */
  cellEdit: (panel, hit, s, m) => (s.pool.shift > 0
    ? { refused: 'Reset the shift before editing cells (the grid shown is the shifted copy).' }
    : inputCellEdit(m.input, hit)),
};
