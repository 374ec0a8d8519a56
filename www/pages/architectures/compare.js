// The comparison chart: one row per architecture with its year, parameters and multiply-adds
// (log scales) and the ILSVRC top-5 error the lecture quotes (linear, with the human 5.1%
// line). Inline SVG, styled by CSS custom properties so it follows light/dark mode. Drawing
// only: the counts come from inferShapes(), the errors from the core's specs.

import { CHART, HUMAN_TOP5 } from './config.js';
import { compact } from '../../shared/format.js';
import { svgEl as el } from '../../shared/dom.js';
import { t } from '../../shared/i18n.js';
import { pageColors, selectedRowPalette } from './palette.js';


/**
 * Position of `v` on a log axis from `min` to `max` mapped to 0…`width`:
 * `width · (log10 v − log10 min) / (log10 max − log10 min)`, clamped.
 */
function logX(v, { min, max }, width) {
  if (!(v > 0)) return 0;
  const t = (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
  return Math.max(0, Math.min(1, t)) * width;
}

/** Position of `v` on a linear axis 0…`max` mapped to 0…`width`, clamped. */
function linX(v, max, width) {
  return Math.max(0, Math.min(1, v / max)) * width;
}

// Column layout in SVG px (the SVG scales to its container via viewBox).
const COL = {
  title: 0, year: 148, top: 46,
  params: { x: 200, w: 165 },
  macs: { x: 395, w: 165 },
  top5: { x: 590, w: 150 },
  width: 780,
};

function decadeTicks({ min, max }) {
  const out = [];
  for (let e = Math.ceil(Math.log10(min)); e <= Math.floor(Math.log10(max)); e++) out.push(10 ** e);
  return out;
}

/** Draws a panel's title and ticks; only every `every`-th tick is labelled, so labels never collide. */
function axis(svg, panel, title, ticks, pos, label, every = 1) {
  svg.append(el('text', { x: panel.x, y: 14, class: 'cmp-head' }, title));
  ticks.forEach((t, i) => {
    const x = panel.x + pos(t);
    const labelled = i % every === 0;
    svg.append(el('line', { x1: x, x2: x, y1: labelled ? 33 : 37, y2: COL.top - 2, class: 'cmp-tick' }));
    if (labelled) svg.append(el('text', { x, y: 30, class: 'cmp-ticklabel', 'text-anchor': 'middle' }, label(t)));
  });
}

/**
 * Draws the chart into `container` (replacing its content).
 * @param {HTMLElement} container
 * @param {{name: string, title: string, year: string, params: number, macs: number,
 *   top5: number|null, top5Note: string|null}[]} entries in display order
 * @param {string} selected name of the highlighted row
 * @param {(name: string) => void} onSelect called when a row is clicked
 */
export function renderComparison(container, entries, selected, onSelect) {
  const rowH = CHART.rowHeight;
  const height = COL.top + entries.length * rowH + 22;
  const svg = el('svg', {
    viewBox: `0 0 ${COL.width} ${height}`, class: 'cmp-svg', role: 'img', 'aria-labelledby': 'cmp-title cmp-desc',
    'data-testid': 'compare-svg',
  });
  svg.append(el('title', { id: 'cmp-title' }, t('architectures.chartTitle')));
  svg.append(el('desc', { id: 'cmp-desc' }, t('architectures.chartDesc')));

  axis(svg, COL.params, t('architectures.chartParams'), decadeTicks(CHART.params), (v) => logX(v, CHART.params, COL.params.w), compact, 2);
  axis(svg, COL.macs, t('architectures.chartMacs'), decadeTicks(CHART.macs), (v) => logX(v, CHART.macs, COL.macs.w), compact, 2);
  axis(svg, COL.top5, t('architectures.chartTop5'), [0, 5, 10, 15], (v) => linX(v, CHART.top5.max, COL.top5.w), (v) => `${v}%`);
  svg.append(el('text', { x: COL.title, y: 14, class: 'cmp-head' }, t('architectures.chartNetwork')));
  svg.append(el('text', { x: COL.year, y: 14, class: 'cmp-head' }, t('architectures.chartYear')));

  entries.forEach((e, i) => {
    const y = COL.top + i * rowH;
    const isSelected = e.name === selected;
    // The selected row's tint and its text colours (>= 4.5:1 on the tint): palette.js.
    const p = isSelected ? selectedRowPalette(pageColors()) : null;
    const fill = (key) => (p ? `fill: ${p[key]}` : null);
    const g = el('g', { class: `cmp-row${isSelected ? ' selected' : ''}`, 'data-name': e.name });
    g.append(el('rect', { x: 0, y, width: COL.width, height: rowH, class: 'cmp-bg', style: fill('fill') }));
    g.append(el('text', { x: COL.title + 4, y: y + rowH * 0.68, class: 'cmp-name', style: fill('text'), translate: 'no' }, e.title));
    g.append(el('text', { x: COL.year, y: y + rowH * 0.68, class: 'cmp-year', style: fill('muted') }, e.year));
    const bar = (panel, w, cls, label) => {
      g.append(el('rect', { x: panel.x, y: y + 5, width: Math.max(1, w), height: rowH - 10, class: cls, rx: 2 }));
      g.append(el('text', { x: panel.x + w + 4, y: y + rowH * 0.68, class: 'cmp-value', style: fill('text') }, label));
    };
    bar(COL.params, logX(e.params, CHART.params, COL.params.w), 'cmp-bar params', compact(e.params));
    bar(COL.macs, logX(e.macs, CHART.macs, COL.macs.w), 'cmp-bar macs', compact(e.macs));
    if (e.top5 != null) {
      bar(COL.top5, linX(e.top5, CHART.top5.max, COL.top5.w), 'cmp-bar top5', `${e.top5}%`);
      g.lastChild.append(el('title', {}, e.top5Note ?? ''));
    } else {
      g.append(el('text', { x: COL.top5.x, y: y + rowH * 0.68, class: 'cmp-value muted', style: fill('muted') }, '—'));
    }
    g.addEventListener('click', () => onSelect(e.name));
    svg.append(g);
  });

  // Human error: a dashed line across the rows.
  const hx = COL.top5.x + linX(HUMAN_TOP5, CHART.top5.max, COL.top5.w);
  const bottom = COL.top + entries.length * rowH;
  svg.append(el('line', { x1: hx, x2: hx, y1: COL.top - 4, y2: bottom + 2, class: 'cmp-human' }));
  svg.append(el('text', { x: hx, y: bottom + 16, class: 'cmp-human-label', 'text-anchor': 'middle' }, t('architectures.chartHuman', { value: HUMAN_TOP5 })));

  container.replaceChildren(svg);
}

/**
 * The chart's numbers as an HTML table (for screen readers and for copying).
 * @param {HTMLTableSectionElement} tbody
 */
export function renderComparisonTable(tbody, entries) {
  tbody.replaceChildren(...entries.map((e) => {
    const tr = document.createElement('tr');
    for (const [i, v] of [e.title, e.year, compact(e.params), compact(e.macs), e.top5 != null ? `${e.top5}%` : '—', e.top5Note ?? ''].entries()) {
      const td = document.createElement('td');
      td.textContent = v;
      if (i === 0) td.translate = false; // the network's name
      tr.append(td);
    }
    return tr;
  }));
}
