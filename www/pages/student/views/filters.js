// The learned kernels of every convolution layer (in LeNet-5: C1's 6 kernels of 1×5×5, C3's
// 16×6 kernels of 5×5, one column per output map, one row per input map, and, folded away
// because it is large, C5's 120×16).
// Hover, tap or focus + arrow keys enlarge one kernel with its numbers; the kernels of the
// selected unit are outlined.
import { setupCanvas, drawGrid, strokeCells, themeColor } from '../../../shared/canvas.js';
import { absMax, diverging } from '../../../shared/colors.js';
import { textStyleOn } from '../../../shared/contrast.js';
import { fmt, sizeLabel } from '../../../shared/format.js';
import { t } from '../../../shared/i18n.js';

/**
 * Sizes, CSS px: the gap between kernels; a weight's cell (min, max; `large` in a layer of
 * more than LARGE kernels, folded away in a <details>); the enlarged kernel's cell and the room
 * kept for it beside the grids.
 */
const GAP = 3;
const CELL = { min: 3, max: 8, large: 2, zoom: 36 };
const LARGE = 400;
const ZOOM_ROOM = 240;

/**
 * @param {HTMLElement} root the filters panel: holds .filter-grids and .filter-zoom
 * @param {object[]} specs layerSpecs(): every layer of kind 'conv' gets a grid
 */
export function createFilters(root, specs) {
  const grids = root.querySelector('.filter-grids');
  const zoomCanvas = root.querySelector('.filter-zoom canvas');
  const zoomText = root.querySelector('.filter-zoom .zoom-caption');
  const layers = specs.filter((s) => s.kind === 'conv').map((spec) => makeLayer(spec, specs.find((s) => s.name === spec.input)));
  let weights = null;
  let selected = null;
  let zoomed = null; // {layer, o, i}
  let marked = null; // the grid showing the zoom mark

  function makeLayer(spec, below) {
    const { name } = spec;
    const [O] = spec.shape;
    const I = below.shape[0];
    const large = O * I > LARGE;
    const wrap = document.createElement(large ? 'details' : 'div');
    wrap.className = 'filter-layer';
    wrap.dataset.testid = `filters-${name}`;
    wrap.innerHTML = `${large ? '<summary class="filter-title"></summary>' : '<h3 class="filter-title"></h3>'}<div class="filter-scroll"><canvas tabindex="0"></canvas></div><p class="muted filter-note"></p>`;
    grids.append(wrap);
    const title = () => (large ? t('student.kernelsLarge', { name, out: O, in: I, size: sizeLabel(spec.kernel) }) : t('student.kernels', { name }));
    const layer = { name, large, title, single: I === 1, across: O, kw: Array.isArray(spec.kernel) ? spec.kernel[1] : spec.kernel, wrap, canvas: wrap.querySelector('canvas'), g: null, ctx: null, cursor: { o: 0, i: 0 } };
    relabel(layer);
    if (large) wrap.addEventListener('toggle', () => { if (wrap.open) draw(layer); });
    const at = (e) => {
      if (!layer.g) return null;
      const r = layer.canvas.getBoundingClientRect();
      const step = layer.g.kpx + GAP;
      const o = Math.floor((e.clientX - r.left) / step);
      const i = Math.floor((e.clientY - r.top) / step);
      return o >= 0 && i >= 0 && o < layer.g.O && i < layer.g.I ? { o, i } : null;
    };
    layer.canvas.addEventListener('pointermove', (e) => { const k = at(e); if (k) zoom(layer, k); });
    layer.canvas.addEventListener('pointerdown', (e) => { const k = at(e); if (k) { layer.cursor = k; zoom(layer, k); } });
    layer.canvas.addEventListener('focus', () => zoom(layer, layer.cursor));
    layer.canvas.addEventListener('keydown', (e) => {
      const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
      if (!d || !layer.g) return;
      e.preventDefault();
      const clamp = (v, n) => Math.max(0, Math.min(n - 1, v));
      layer.cursor = { o: clamp(layer.cursor.o + d[0], layer.g.O), i: clamp(layer.cursor.i + d[1], layer.g.I) };
      zoom(layer, layer.cursor);
    });
    return layer;
  }

  /** The texts of `layer` that do not depend on the weights (its title). */
  function relabel(layer) {
    layer.wrap.querySelector('.filter-title').textContent = layer.title();
  }

  function cellFor(layer) {
    if (layer.large) return CELL.large;
    if (layer.single) return CELL.max;
    const body = root.querySelector('.filters-body').clientWidth;
    const avail = Math.max(200, body > 700 ? body - ZOOM_ROOM : body - 8);
    return Math.max(CELL.min, Math.min(CELL.max, Math.floor((avail / layer.across - GAP) / layer.kw)));
  }

  function draw(layer) {
    if (!weights) return;
    const w = weights.get(layer.name).weight;
    const [O, I, KH, KW] = w.shape;
    if (layer.large && !layer.wrap.open) return;
    const cell = cellFor(layer);
    const kpx = KH * cell;
    const g = { O, I, KH, KW, cell, kpx, limit: absMax(w.data) };
    layer.g = g;
    layer.ctx = setupCanvas(layer.canvas, O * (kpx + GAP) - GAP, I * (kpx + GAP) - GAP);
    const scale = { kind: 'diverging', limit: g.limit };
    for (let o = 0; o < O; o++) {
      for (let i = 0; i < I; i++) {
        drawGrid(layer.ctx, w.data, KH, KW, o * (kpx + GAP), i * (kpx + GAP), cell, scale, (o * I + i) * KH * KW);
      }
    }
    layer.canvas.setAttribute('aria-label', t('student.kernelsLabel', { name: layer.name, out: O, count: I, size: `${KH}×${KW}` }));
    layer.wrap.querySelector('.filter-note').textContent = I > 1
      ? t('student.kernelsNoteMaps', { name: layer.name, out: O, in: I, limit: fmt(g.limit) })
      : t('student.kernelsNote', { name: layer.name, limit: fmt(g.limit) });
    outline(layer);
  }

  /** Outlines the kernels the selected unit uses (all rows of its column). */
  function outline(layer) {
    if (!layer.g || !selected || selected.layer !== layer.name) return;
    const { kpx, I } = layer.g;
    const x = selected.c * (kpx + GAP);
    strokeCells(layer.ctx, x - 1, -1, 1, { y0: 0, y1: I * (kpx + GAP) - GAP + 2, x0: 0, x1: kpx + 2 }, themeColor('--accent'), 2);
  }

  function zoom(layer, k) {
    if (!layer.g || !weights) return;
    zoomed = { layer: layer.name, ...k };
    const w = weights.get(layer.name);
    const { KH, KW, I, limit } = layer.g;
    const off = (k.o * I + k.i) * KH * KW;
    const ctx = setupCanvas(zoomCanvas, KW * CELL.zoom, KH * CELL.zoom);
    drawGrid(ctx, w.weight.data, KH, KW, 0, 0, CELL.zoom, { kind: 'diverging', limit }, off);
    ctx.font = '10px ui-monospace, monospace';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let y = 0; y < KH; y++) {
      for (let x = 0; x < KW; x++) {
        const v = w.weight.data[off + y * KW + x];
        ctx.fillStyle = textStyleOn(diverging(v, limit));
        ctx.fillText(fmt(v), (x + 0.5) * CELL.zoom, (y + 0.5) * CELL.zoom);
      }
    }
    const bias = fmt(w.bias.data[k.o], 3);
    zoomText.textContent = I > 1
      ? t('student.zoomCaptionInput', { name: layer.name, map: k.o, input: k.i, bias })
      : t('student.zoomCaption', { name: layer.name, map: k.o, bias });
    // Mark the enlarged kernel on its grid (redrawing only the grids that carry a mark).
    if (marked && marked !== layer) draw(marked);
    marked = layer;
    draw(layer);
    const step = layer.g.kpx + GAP;
    strokeCells(layer.ctx, k.o * step - 1, k.i * step - 1, 1, { y0: 0, y1: layer.g.kpx + 2, x0: 0, x1: layer.g.kpx + 2 }, themeColor('--highlight'), 2);
  }

  return {
    /** New weights (Map name → {weight, bias}) after a variant change. */
    setWeights(w) {
      weights = w;
      for (const l of layers) draw(l);
      if (zoomed) zoom(layers.find((l) => l.name === zoomed.layer), zoomed);
      else zoom(layers[0], { o: 0, i: 0 });
    },
    /** The selected unit changed: outline its kernels (and enlarge the first one). */
    select(unit) {
      selected = unit;
      for (const l of layers) draw(l);
      const layer = layers.find((l) => l.name === unit?.layer);
      if (layer?.g) zoom(layer, { o: unit.c, i: 0 });
      else if (zoomed) zoom(layers.find((l) => l.name === zoomed.layer), zoomed);
    },
    relayout() { for (const l of layers) draw(l); if (zoomed) zoom(layers.find((l) => l.name === zoomed.layer), zoomed); },
    /** Writes every text again in the page's language (after a switch). */
    relabel() {
      for (const l of layers) relabel(l);
      this.relayout();
    },
  };
}
