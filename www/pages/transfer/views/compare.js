// The comparison of the three methods: held-out accuracy (mean over seeds) against examples per
// class, as a chart (the training lab's line chart, x on the list of sizes) and as a table
// (mean ± standard deviation). Drawing only; the numbers are the worker's.
import { el } from '../../../shared/dom.js';
import { drawChart } from '../../train/views/chart.js';

/** One colour per method (ColorBrewer Dark2), in METHODS order; the legend uses them too. */
export const METHOD_COLORS = { extract: '#1b9e77', finetune: '#d95f02', scratch: '#7570b3' };

const cell = (result, size, method) => result.rows.find((r) => r.size === size && r.method === method);

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{sizes: number[], methods: string[], rows: {size, method, mean, sd, runs}[]}|null} result
 * @param {number} width CSS px
 * @param {{xLabel: string, yLabel: string, empty: string, percent: (v: number) => string}} text
 */
export function drawCompare(canvas, result, width, text, sizes) {
  const xs = result?.sizes ?? sizes;
  // the y axis from the lowest mean's tenth down (the differences are what matters), at most 90 %
  const means = (result?.rows ?? []).map((r) => r.mean);
  const yMin = means.length ? Math.max(0, Math.min(0.9, Math.floor(Math.min(...means) * 10) / 10)) : 0;
  drawChart(canvas, {
    width, height: 220, xMax: xs.length - 1, yMin, yMax: 1, xLabel: text.xLabel, yLabel: text.yLabel, empty: text.empty,
    yFormat: text.percent, xTicks: xs.map((s, i) => ({ x: i, label: String(s) })),
    series: (result?.methods ?? []).map((m) => ({
      color: METHOD_COLORS[m], width: 2, dots: true,
      points: xs.map((s, i) => ({ x: i, y: cell(result, s, m)?.mean })).filter((p) => p.y !== undefined),
    })),
  });
}

/**
 * Fills the table: a row per size, a column per method ("93.1 ± 1.2"), the best mean of each row
 * in bold.
 * @param {{size: string, method: (m: string) => string, value: (mean: number, sd: number) => string}} text
 */
export function renderCompareTable(thead, tbody, result, text, sizes, methods) {
  thead.replaceChildren(el('tr', null, el('th', { scope: 'col' }, text.size),
    ...methods.map((m) => el('th', { scope: 'col' }, el('span', { class: `swatch tf-swatch-${m}` }), ' ', text.method(m)))));
  tbody.replaceChildren(...sizes.map((s) => {
    const cells = methods.map((m) => (result ? cell(result, s, m) : undefined));
    const best = Math.max(...cells.map((c) => c?.mean ?? -1));
    return el('tr', { 'data-testid': `transfer-compare-row-${s}` }, el('th', { scope: 'row', class: 'mono' }, String(s)),
      ...cells.map((c, i) => el('td', { class: 'mono', 'data-method': methods[i] },
        c ? (c.mean === best ? el('strong', null, text.value(c.mean, c.sd)) : text.value(c.mean, c.sd)) : '–')));
  }));
}
