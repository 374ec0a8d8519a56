// The convolution demo as a mode: its panels (input with padding ring and sliding window,
// kernel, output maps, the focused unit's arithmetic), model, steps (one per output cell of a
// map), output size, readout and step label, plus the accessible table of output values.

import { $ } from '../../../shared/dom.js';
import { short as fmt } from '../../../shared/format.js';
import { t, lang } from '../../../shared/i18n.js';
import * as conv from './conv-panels.js';
import { explainPanel } from './conv-explain.js';
import { convControls } from './conv-controls.js';
import { formulaLines, shapeText } from './sizes.js';
import { inputCellEdit, kernelCellEdit } from './cell-edit.js';

/** Output cells listed in the accessible table before it gives up. */
const MAX_TABLE_CELLS = 4096;

export const mode = {
  id: 'conv',
  label: 'playground.modeConv',
  controls: convControls,
  usesInput: true,
  /** The controls that set each parameter the core may name in an error (its `param`). */
  paramControls: { input: ['input-kind'], weight: ['kernel-text'], stride: ['stride', 'stride-w'], padding: ['padding', 'padding-w'], dilation: ['dilation', 'dilation-w'] },
  panels: [
    { id: 'input', caption: 'playground.capInput', exportTitle: 'playground.capInput', testid: 'input', editable: true, hoverFrom: ['input', 'output', 'kernel', 'products'],
      label: 'playground.ariaInputGrid', plan: conv.planInput },
    { id: 'kernel', caption: 'playground.capKernel', exportTitle: 'playground.capKernel', testid: 'kernel', editable: true, hoverFrom: ['input', 'output', 'kernel', 'products'],
      label: 'playground.ariaKernelGrid', plan: conv.planKernel },
    { id: 'output', caption: 'playground.capOutput', exportTitle: 'playground.exportOutput', testid: 'output', hoverFrom: ['input', 'output'],
      label: 'playground.ariaOutputGrid', plan: conv.planOutput },
    { id: 'products', caption: 'playground.capProducts', exportTitle: 'playground.exportProducts', testid: 'products', wide: true,
      hoverFrom: ['output'], text: 'equation', dom: explainPanel, plan: conv.planProducts },
  ],

  /** Memo key of the model: everything but the step and the selected filter. */
  key: (s, env) => JSON.stringify([s.input.kind, s.input.size, s.input.seed, s.input.color, [...s.input.edits], s.filters, s.stride, s.padding, s.dilation, env.inputVersion]),
  model: (s, env) => conv.convModel(s, env.input),
  steps: (m) => conv.convCount(m),

  stepLabel(s, m, count) {
    const { oy, ox } = conv.positionOf(m, s.step);
    return t('playground.convStep', { step: String(s.step + 1), count: String(count), map: String(Math.min(s.filter, m.out.shape[0] - 1) + 1), row: String(oy), col: String(ox) });
  },

  readout(h, s, m) {
    if (h.panel === 'input') {
      const inside = h.y >= 0 && h.y < m.H && h.x >= 0 && h.x < m.W;
      const v = inside ? m.input.data[(h.map * m.H + h.y) * m.W + h.x] : 0;
      const n = conv.outputsReading(s, m, h.y, h.x).length;
      const where = m.C > 1 ? t('playground.cellInputCh', { ch: h.map + 1, row: h.y, col: h.x }) : t('playground.cellInput', { row: h.y, col: h.x });
      return t(inside ? 'playground.readInput' : 'playground.readInputPadding', { where, value: fmt(v, 4), count: n });
    }
    if (h.panel === 'output' && m.out) {
      const [, OH, OW] = m.out.shape;
      return t('playground.readOutput', { map: h.map + 1, row: h.y, col: h.x, value: fmt(m.out.data[(h.map * OH + h.y) * OW + h.x], 4) });
    }
    if (h.panel === 'kernel' && m.wr.weight) {
      const [, Cw, kh, kw] = m.wr.weight.shape;
      const f = Math.min(s.filter, s.filters.length - 1);
      const value = fmt(m.wr.weight.data[((f * Cw + h.map) * kh + h.y) * kw + h.x], 4);
      return Cw > 1 ? t('playground.readWeightCh', { row: h.y, col: h.x, ch: h.map + 1, value }) : t('playground.readWeight', { row: h.y, col: h.x, value });
    }
    if (h.panel === 'products') return t('playground.readProduct');
    return '';
  },

  /** The arithmetic as text (for screen readers), from the products panel's plan. */
  texts: (plans) => ({ equation: plans.get('products')?.plan.equation ?? '' }),

  /** Output size, formula, captions and the output table (settings changed). */
  sizes(s, m) {
    if (m.sizes) {
      formulaLines($('#formula'), [['playground.axisRowsShort', m.sizes.rows], ['playground.axisColsShort', m.sizes.cols]]);
      $('#output-size').textContent = m.sizes.ok ? shapeText(m.sizes.rows.value.size, m.sizes.cols.value.size) : t('playground.noOutputShort');
    } else {
      $('#formula').replaceChildren();
      $('#output-size').textContent = t('playground.noOutputShort');
    }
    const O = s.filters.length;
    $('#output-maps').textContent = m.out ? t('playground.outputMaps', { count: O }) : '';
    const f = Math.min(s.filter, O - 1);
    document.querySelector('[data-panel="kernel"] figcaption span').textContent = O > 1 ? t('playground.capKernelOf', { f: f + 1, count: O }) : t('playground.capKernel');
    document.querySelector('[data-panel="products"] figcaption span').textContent = m.wr.weight && m.wr.weight.shape[1] > 1
      ? t('playground.capProductsChannels') : t('playground.capProducts');
    renderTable(m);
  },

  /** The cell editor's spec for a cell of the input or the kernel. */
  cellEdit: (panel, hit, s, m) => (panel === 'kernel' ? kernelCellEdit(m.wr.weight, s.filter, hit) : inputCellEdit(m.input, hit)),

  /** Clicking an output cell moves the step there (and selects its filter). */
  click(panel, hit, m, act) {
    if (panel !== 'output') return;
    act.pause();
    const OW = m.out.shape[2];
    act.update((s) => { s.filter = hit.map; s.step = hit.y * OW + hit.x; });
  },
};

let tableFor = null;
function renderTable(m) {
  const key = [m, lang()];
  if (tableFor && tableFor[0] === key[0] && tableFor[1] === key[1]) return;
  tableFor = key;
  const box = $('#output-table');
  if (!m.out) { box.replaceChildren(); return; }
  const [O, OH, OW] = m.out.shape;
  if (O * OH * OW > MAX_TABLE_CELLS) {
    const p = document.createElement('p');
    p.textContent = t('playground.tableTooMany', { count: O * OH * OW });
    box.replaceChildren(p);
    return;
  }
  box.replaceChildren(...Array.from({ length: O }, (_, f) => {
    const table = document.createElement('table');
    const cap = document.createElement('caption');
    cap.textContent = t('playground.tableCaption', { map: f + 1, size: shapeText(OH, OW) });
    const body = document.createElement('tbody');
    for (let y = 0; y < OH; y++) {
      const tr = document.createElement('tr');
      for (let x = 0; x < OW; x++) {
        const td = document.createElement('td');
        td.dataset.testid = 'out-cell';
        td.dataset.map = String(f);
        td.textContent = fmt(m.out.data[(f * OH + y) * OW + x], 4);
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(cap, body);
    return table;
  }));
}
