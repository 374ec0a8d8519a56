// The layer table: every layer in order with what it does, its output shape, parameters and
// multiply-adds (with a bar each, so it is visible where the parameters and the compute live),
// receptive field and running totals. Blocks are one row that expands to a diagram and their
// layers. Rendering only; every number comes from inferShapes().

import { blockDiagram, blockSummary } from './diagram.js';
import { actLabel, branchName, describe, fieldLabel, isIdentifier, rowName } from './format.js';
import { compact, exact, percent, lectureShapeLabel as shapeLabel } from '../../shared/format.js';
import { el } from '../../shared/dom.js';
import { t } from '../../shared/i18n.js';

const COLUMNS = 9;

/** An element with class `cls` and text `text` (both optional). */
const cell = (tag, cls, text) => el(tag, { class: cls || null }, text);

/** A count with its bar: width = value / max, title = every digit and the share of the total. */
function countCell(value, max, total, kind, testid) {
  const td = cell('td', `c-count c-${kind}`);
  const num = cell('span', 'num mono', compact(value));
  num.title = t('architectures.countTitle', { exact: exact(value), percent: percent(value, total) });
  if (testid) num.dataset.testid = testid;
  const bar = cell('span', `bar bar-${kind}`);
  bar.setAttribute('aria-hidden', 'true');
  const fill = cell('span');
  fill.style.width = `${max > 0 ? (100 * value) / max : 0}%`;
  bar.append(fill);
  td.append(num, bar);
  return td;
}

/**
 * A row's name in a span: the layer's identifier (conv1, layer1_0, …) marked translate="no"
 * (it is a name, the same in every language), or the translated word for the rows the core
 * names after their kind (input, add, …).
 */
function name_(r, cls) {
  const span = cell('span', cls, rowName(r));
  if (isIdentifier(r)) span.translate = false;
  return span;
}

/** Whether every block enclosing `row` is expanded. */
function visible(row, byPath, expanded) {
  for (let p = row.parent; p; p = byPath.get(p)?.parent) {
    if (!expanded.has(p)) return false;
  }
  return true;
}

/**
 * Fills `tbody` with the visible rows of `result`.
 * @param {HTMLTableSectionElement} tbody
 * @param {object} result inferShapes() output
 * @param {{expanded: Set<string>, errorPath: string|null, onToggle: (path: string) => void,
 *   onEdit: (path: string) => void}} opts
 */
export function renderTable(tbody, result, { expanded, errorPath, onToggle, onEdit }) {
  const rows = result.rows;
  const byPath = new Map(rows.map((r) => [r.path, r]));
  const maxParams = Math.max(0, ...rows.map((r) => r.params));
  const maxMacs = Math.max(0, ...rows.map((r) => r.macs));
  const { params: totalParams, macs: totalMacs } = result.totals;
  const out = [];
  for (const r of rows) {
    if (!visible(r, byPath, expanded)) continue;
    const tr = cell('tr', `kind-${r.kind} depth-${Math.min(r.depth, 3)}`);
    tr.dataset.testid = `row-${r.path}`;
    tr.dataset.path = r.path;
    if (r.isBlock) tr.classList.add('block');
    if (!r.mainPath) tr.classList.add('off-main');
    if (r.edited) tr.classList.add('edited');
    if (r.path === errorPath) tr.classList.add('row-error');

    const name = cell('th', 'c-name');
    name.scope = 'row';
    name.style.setProperty('--depth', r.depth);
    if (r.isBlock) {
      const open = expanded.has(r.path);
      const b = cell('button', 'toggle');
      b.type = 'button';
      b.setAttribute('aria-expanded', String(open));
      b.dataset.testid = `toggle-${r.path}`;
      b.append(cell('span', 'chev', open ? '▾' : '▸'), ' ', name_(r));
      b.setAttribute('aria-label', t(open ? 'architectures.collapse' : 'architectures.expand', { path: r.path }));
      b.addEventListener('click', () => onToggle(r.path));
      name.append(b);
    } else {
      name.append(name_(r, 'lname'));
    }
    if (r.branch && r.branch !== 'main' && r.branch !== r.name) {
      const branch = cell('span', 'branch', branchName(r.branch));
      if (branchName(r.branch) === r.branch) branch.translate = false;
      name.append(branch);
    }
    tr.append(name);

    const what = cell('td', 'c-what', r.isBlock ? blockSummary(r, rows) : describe(r));
    const act = actLabel(r.act);
    if (act) what.append(cell('span', 'act', ` · ${act}`));
    tr.append(what);

    const outCell = cell('td', 'c-out mono', shapeLabel(r.outShape));
    outCell.dataset.testid = `out-${r.path}`;
    tr.append(outCell);
    tr.append(countCell(r.params, maxParams, totalParams, 'params', `params-${r.path}`));
    tr.append(countCell(r.macs, maxMacs, totalMacs, 'macs'));

    const rf = cell('td', 'c-rf mono', fieldLabel(r.receptiveField, result.input));
    rf.dataset.testid = `rf-${r.path}`;
    if (r.jump[0] > 1 || r.jump[1] > 1) rf.append(cell('span', 'jump', t('architectures.jump', { n: r.jump[0] === r.jump[1] ? String(r.jump[0]) : r.jump.join('×') })));
    tr.append(rf);
    const cp = cell('td', 'c-cum mono', compact(r.cumulativeParams));
    cp.title = exact(r.cumulativeParams);
    const cm = cell('td', 'c-cum mono', compact(r.cumulativeMacs));
    cm.title = exact(r.cumulativeMacs);
    tr.append(cp, cm);

    const edit = cell('td', 'c-edit');
    if (r.editable) {
      const b = cell('button', 'edit', t('architectures.edit'));
      b.type = 'button';
      b.dataset.testid = `edit-${r.path}`;
      b.setAttribute('aria-label', t('architectures.editAria', { path: r.path }));
      b.addEventListener('click', () => onEdit(r.path));
      edit.append(b);
    }
    tr.append(edit);
    out.push(tr);

    if (r.isBlock && expanded.has(r.path)) {
      const dr = cell('tr', 'diagram-row');
      const td = cell('td');
      td.colSpan = COLUMNS;
      const wrap = cell('div', 'diagram-wrap');
      wrap.append(blockDiagram(r, rows));
      const caption = cell('p', 'diagram-caption muted small', t('architectures.diagramCaption'));
      wrap.append(caption);
      td.append(wrap);
      dr.append(td);
      out.push(dr);
    }
  }
  tbody.replaceChildren(...out);
}

/**
 * The ancestors of `path` in `rows` (outermost first), to expand them so the row shows.
 */
export function ancestors(path, rows) {
  const byPath = new Map(rows.map((r) => [r.path, r]));
  const out = [];
  for (let p = byPath.get(path)?.parent; p; p = byPath.get(p)?.parent) out.unshift(p);
  return out;
}
