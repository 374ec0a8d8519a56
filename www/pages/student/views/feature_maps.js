// Every layer of the network, left to right (stacked on narrow screens): feature maps as
// grids of coloured cells, fully connected layers as rows of cells. One canvas per layer holds
// the values and, on top, the receptive-field boxes and the selected unit: a second canvas per
// layer for the boxes doubled the composited layers the browser updates every frame while the
// student draws (measured with scripts/bench_student.mjs), and redrawing a layer's values is
// cheap. Pointer and keyboard input here turn into probe / select callbacks; the page decides
// what they mean.
import { setupCanvas, drawGrid, themeColor } from '../../../shared/canvas.js';
import { absMax } from '../../../shared/colors.js';
import { BOX_WIDTH, HALO, strokeCells, strokeRect, drawInput, drawDigitLabels } from './layer_paint.js';
import { stripLayout, CARD_MIN } from './layout.js';
import { hitTest, cellRect } from '../../../shared/grid.js';
import { createMapPainter } from './map_painter.js';
import { layerLabel, layerRole, unitLabel } from './labels.js';
import { fmt } from '../../../shared/format.js';
import { setText } from '../../../shared/dom.js';
import { t } from '../../../shared/i18n.js';
import { unitOf } from '../state/model.js';

/** Horizontal padding + border of a layer card (student.css .layer), CSS px. */
const CARD_PADDING = 12;
/**
 * Fitting the layers under the pad: screens at least this wide and tall (a laptop: 1280×720 and
 * up); the space kept under the cards (the panel's padding and a margin), CSS px; a first
 * guess of a card's caption + plain-language line height.
 */
const FIT_MIN_WIDTH = 1100;
const FIT_MIN_HEIGHT = 640;
const FIT_MARGIN = 30;
const CHROME_GUESS = 90;

/**
 * @param {HTMLElement} container
 * @param {{specs: object[], onProbe: (unit|null) => void, onSelect: (unit, how?: {keyboard: boolean, from: HTMLElement}) => void}} options
 */
export function createFeatureMaps(container, { specs, onProbe, onSelect }) {
  const cards = new Map();
  let layout = null;
  let lastResult = null;
  let lastHighlight = null;
  let lastSelected = null;
  let labels = { activation: 'tanh', pooling: 'avg' };

  for (const spec of specs) {
    const fig = document.createElement('figure');
    fig.className = 'layer';
    fig.dataset.testid = `layer-${spec.name}`;
    fig.innerHTML = `<figcaption><span class="layer-name"></span> <span class="layer-op"></span>
      <span class="layer-shape mono"></span><span class="layer-scale mono muted"></span></figcaption>
      <div class="layer-stack"><canvas class="map" tabindex="0" role="img"></canvas></div>
      <p class="layer-role muted"></p>`;
    const stack = fig.querySelector('.layer-stack');
    const card = {
      spec, fig, stack,
      canvas: fig.querySelector('canvas.map'),
      scaleEl: fig.querySelector('.layer-scale'),
      painter: createMapPainter(),
      role: '',
      cursor: null,
      g: null, ctx: null,
    };
    if (spec.kind === 'input') {
      card.rfBox = document.createElement('div');
      card.rfBox.className = 'rf-box';
      card.rfBox.dataset.testid = 'rf-box';
      card.rfBox.hidden = true;
      stack.append(card.rfBox);
    }
    wireInput(card);
    cards.set(spec.name, card);
    container.append(fig);
  }
  setLabels(labels.activation, labels.pooling);

  /** Pointer position → unit of this layer (input: 28×28 coordinates, null on the padding). */
  function unitAt(card, e) {
    const r = card.canvas.getBoundingClientRect();
    // The input's padding ring is hit too (nothing there), so it never counts as a gap.
    const hit = hitTest(card.g, e.clientX - r.left, e.clientY - r.top, true);
    return hit && toUnit(card, hit);
  }

  function toUnit(card, { map, y, x }) {
    if (card.spec.kind !== 'input') return unitOf(card.spec, map, y, x);
    const n = card.spec.shape[1];
    return y >= 0 && x >= 0 && y < n && x < n ? unitOf(card.spec, 0, y, x) : null;
  }

  function wireInput(card) {
    const { canvas } = card;
    canvas.addEventListener('pointermove', (e) => onProbe(unitAt(card, e)));
    canvas.addEventListener('pointerdown', (e) => { if (e.pointerType !== 'mouse') onProbe(unitAt(card, e)); });
    canvas.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse') onProbe(null); });
    canvas.addEventListener('click', (e) => {
      const u = unitAt(card, e);
      if (u) { card.cursor = u; onSelect(u); }
    });
    canvas.addEventListener('focus', () => {
      card.cursor ??= defaultCursor(card);
      onProbe(card.cursor);
    });
    canvas.addEventListener('blur', () => onProbe(null));
    canvas.addEventListener('keydown', (e) => {
      const next = moveCursor(card, e.key);
      if (next) {
        e.preventDefault();
        card.cursor = next;
        onProbe(next);
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onSelect(card.cursor ??= defaultCursor(card), { keyboard: true, from: card.canvas });
      } else if (e.key === 'Escape') {
        onProbe(null);
      }
    });
  }

  function defaultCursor(card) {
    const [, H, W] = card.spec.shape;
    return unitOf(card.spec, 0, H > 1 ? Math.floor(H / 2) : 0, W > 1 ? Math.floor(W / 2) : 0);
  }

  /** Arrow keys move within a map (vectors: along the grid), Page Up/Down change map. */
  function moveCursor(card, key) {
    const u = card.cursor ?? defaultCursor(card);
    const [C, H, W] = card.spec.shape;
    const clamp = (v, n) => Math.max(0, Math.min(n - 1, v));
    if (H > 1) {
      const d = { ArrowUp: [0, -1, 0], ArrowDown: [0, 1, 0], ArrowLeft: [0, 0, -1], ArrowRight: [0, 0, 1], PageUp: [-1, 0, 0], PageDown: [1, 0, 0] }[key];
      return d && { ...u, c: clamp(u.c + d[0], C), y: clamp(u.y + d[1], H), x: clamp(u.x + d[2], W) };
    }
    const cols = card.g?.cols ?? 1;
    const d = { ArrowUp: -cols, ArrowDown: cols, ArrowLeft: -1, ArrowRight: 1, PageUp: -10, PageDown: 10, Home: -C, End: C }[key];
    return d !== undefined ? { ...u, c: clamp(u.c + d, C) } : null;
  }

  /**
   * The height each layer's maps may take in the row layout so that every layer ends on screen:
   * from the container's top (page coordinates) to the viewport's bottom, less that card's
   * caption and plain-language line (`chrome`, measured on the last layout). Unlimited on short
   * or narrow screens, where the page scrolls anyway.
   */
  function mapBudget(chrome) {
    if (innerHeight < FIT_MIN_HEIGHT || innerWidth < FIT_MIN_WIDTH) return Infinity;
    const top = container.getBoundingClientRect().top + scrollY;
    return chrome.map((c) => Math.max(0, innerHeight - top - c - FIT_MARGIN));
  }

  /** Each card's height without its maps: caption, plain-language line, padding. */
  function cardChrome() {
    return specs.map((sp) => {
      const card = cards.get(sp.name);
      return card.fig.offsetHeight - card.stack.offsetHeight;
    });
  }

  function apply(next) {
    container.dataset.mode = next.mode;
    layout = next;
    for (const g of layout.layers) {
      const card = cards.get(g.name);
      card.g = g;
      card.ctx = setupCanvas(card.canvas, g.width, g.height);
      card.stack.style.width = `${g.width}px`;
      // Row layout: the card is as wide as its maps (captions wrap); stacked: full width.
      card.fig.style.width = layout.mode === 'row' ? `${Math.max(CARD_MIN, g.width + CARD_PADDING)}px` : '';
      card.stack.style.height = `${g.height}px`;
    }
  }

  /**
   * Sizes every canvas for the container's width (and, on laptop screens, the height left under
   * it); redraws. Run on resizes only, never per frame: the second pass, after measuring the
   * captions at the new widths, happens only when they changed height.
   */
  function relayout() {
    const width = container.clientWidth;
    const budget = mapBudget(lastChrome);
    apply(stripLayout(specs, width, budget));
    if (budget !== Infinity) {
      const measured = cardChrome();
      if (measured.some((c, i) => Math.abs(c - lastChrome[i]) > 2)) {
        lastChrome = measured;
        apply(stripLayout(specs, width, mapBudget(lastChrome)));
        lastChrome = cardChrome();
      }
    }
    highlight(lastHighlight, lastSelected); // draws values and boxes
  }
  let lastChrome = specs.map(() => CHROME_GUESS);

  /**
   * Writes each card's texts for the variant's `activation` and `pooling`, in the page's
   * language (relabel() does it again after a language switch, and refits the maps).
   */
  function setLabels(activation, pooling) {
    labels = { activation, pooling };
    for (const card of cards.values()) {
      const l = layerLabel(card.spec, activation, pooling);
      card.role = layerRole(card.spec, specs);
      card.fig.querySelector('.layer-role').textContent = card.role;
      card.fig.querySelector('figcaption').title = card.role;
      card.fig.querySelector('.layer-name').textContent = l.name;
      card.fig.querySelector('.layer-op').textContent = l.op;
      card.fig.querySelector('.layer-shape').textContent = l.shape;
      card.canvas.setAttribute('aria-label', t(card.spec.shape[1] > 1 ? 'student.mapKeys' : 'student.vectorKeys', { ...l, role: card.role }));
    }
  }

  /** Writes every text again in the page's language and refits the layers to the new captions. */
  function relabel() {
    setLabels(labels.activation, labels.pooling);
    relayout();
  }

  /** Draws every layer's values (cards off screen are marked and drawn when they scroll in). */
  function render(result) {
    lastResult = result;
    if (!layout) return;
    for (const layer of result.layers) {
      const card = cards.get(layer.name);
      if (!card?.g) continue;
      if (card.visible === false) { card.dirty = true; continue; }
      card.dirty = false;
      drawLayer(card, layer);
    }
  }

  const io = typeof IntersectionObserver === 'function' ? new IntersectionObserver((entries) => {
    for (const e of entries) {
      const card = [...cards.values()].find((c) => c.fig === e.target);
      card.visible = e.isIntersecting;
      if (card.visible && card.dirty && card.g) {
        card.dirty = false;
        drawLayer(card, cardLayer(card));
      }
    }
  }) : null;
  for (const card of cards.values()) io?.observe(card.fig);

  /** Draws a layer's values (or a blank before the first result), then its boxes. */
  function drawLayer(card, layer) {
    const { g, ctx } = card;
    ctx.clearRect(0, 0, g.width, g.height);
    if (layer) drawValues(card, layer);
    drawBoxes(card);
  }

  function drawValues(card, layer) {
    const { g, ctx } = card;
    if (card.spec.kind === 'input') {
      drawInput(ctx, g, layer.data);
      setText(card.scaleEl, '');
      return;
    }
    if (card.spec.activation === 'softmax') {
      drawGrid(ctx, layer.data, g.rows, g.cols, 0, 0, g.cell, { kind: 'sequential', lo: 0, hi: 1 });
      drawDigitLabels(ctx, g, layer.data);
      setText(card.scaleEl, 'p 0…1');
      return;
    }
    const limit = absMax(layer.data);
    const scale = { kind: 'diverging', limit };
    setText(card.scaleEl, `±${fmt(limit)}`);
    if (!g.isMap) {
      drawGrid(ctx, layer.data, g.rows, g.cols, 0, 0, g.cell, scale);
      return;
    }
    const [, H, W] = layer.shape;
    card.painter.paint(ctx, layer.data, g.count, H, W, g.positions, g.cell, scale);
  }

  /**
   * Draws the boxes of `hl` (from state/probe.js highlights(), or null) and marks `selected`.
   */
  function highlight(hl, selected) {
    lastHighlight = hl;
    lastSelected = selected;
    if (!layout) return;
    // Read once per change (getComputedStyle flushes style), not per frame in drawBoxes.
    colors = { box: themeColor('--highlight', '#e8a400'), self: themeColor('--accent', '#0b6bcb') };
    for (const card of cards.values()) {
      if (!card.g) continue;
      if (card.visible === false) { card.dirty = true; continue; }
      card.dirty = false;
      drawLayer(card, cardLayer(card));
    }
    placeRfBox(hl);
  }

  let colors = null;
  /** The selected unit's ring and the probe's boxes on this layer, over its values. */
  function drawBoxes(card) {
    const { ctx } = card;
    colors ??= { box: themeColor('--highlight', '#e8a400'), self: themeColor('--accent', '#0b6bcb') };
    const h = lastHighlight?.byLayer.get(card.spec.name);
    if (lastSelected && lastSelected.layer === card.spec.name) drawUnitBox(ctx, card, lastSelected, colors.self, [3, 2]);
    if (h) drawHighlight(ctx, card, h, h.self ? colors.self : colors.box, BOX_WIDTH);
  }

  /** This card's layer in the last forward result (undefined before the first). */
  function cardLayer(card) {
    return lastResult?.layers.find((l) => l.name === card.spec.name);
  }

  function drawHighlight(ctx, card, h, color, width) {
    const { g } = card;
    if (card.spec.kind === 'input') {
      // The input's box is the DOM rf-box (placeRfBox), on the padded grid; a pixel probe is
      // marked here.
      if (h.self) drawUnitBox(ctx, card, { c: 0, y: h.region.y0, x: h.region.x0 }, color);
      return;
    }
    const channels = h.channels ?? [...Array(g.count).keys()];
    if (h.self && h.channels) {
      for (const c of channels) drawUnitBox(ctx, card, { c, y: h.region.y0, x: h.region.x0 }, color);
      return;
    }
    if (!g.isMap) {
      if (!h.channels) { strokeRect(ctx, 0, 0, g.width, g.height, color, width); return; }
      for (const c of channels) drawUnitBox(ctx, card, { c }, color);
      return;
    }
    for (const c of channels) {
      const o = cellRect(g, c, 0, 0);
      strokeCells(ctx, o.x, o.y, g.cell, h.region, color, width);
    }
  }

  /** A ring just outside one unit's cell (cells can be 3 px: an inside box would hide them). */
  function drawUnitBox(ctx, card, u, color, dash = []) {
    const { g } = card;
    const { x, y } = g.isMap ? cellRect(g, u.c, u.y, u.x) : cellRect(g, u.c, 0, 0);
    ctx.save();
    ctx.setLineDash(dash);
    ctx.lineWidth = 1;
    ctx.strokeStyle = HALO;
    ctx.strokeRect(x - 2.5, y - 2.5, g.cell + 5, g.cell + 5);
    ctx.lineWidth = 2;
    ctx.strokeStyle = color;
    ctx.strokeRect(x - 1, y - 1, g.cell + 2, g.cell + 2);
    ctx.restore();
  }

  /** The receptive field on the padded input, as a DOM box (testable, crisp at any zoom). */
  function placeRfBox(hl) {
    const card = cards.get(specs[0].name);
    if (!card?.rfBox) return;
    const box = card.rfBox;
    if (!hl || !hl.size || !card.g) { box.hidden = true; return; }
    const r = hl.padded;
    const c = card.g.cell;
    // hl.padded counts from the padding ring's corner; cellRect from the image's.
    const at = cellRect(card.g, 0, r.y0 - card.g.ry, r.x0 - card.g.rx);
    box.hidden = false;
    box.style.left = `${at.x}px`;
    box.style.top = `${at.y}px`;
    box.style.width = `${(r.x1 - r.x0) * c}px`;
    box.style.height = `${(r.y1 - r.y0) * c}px`;
    box.dataset.size = `${hl.size[0]}×${hl.size[1]}`;
    box.title = t('student.rfBox', { size: `${hl.size[0]}×${hl.size[1]}` });
  }

  /** Text for a screen-reader status: the unit under the keyboard cursor and its value. */
  function describe(unit, result) {
    const layer = result?.layers.find((l) => l.name === unit.layer);
    if (!layer) return unitLabel(unit, specs);
    const [, H, W] = layer.shape.length === 3 ? layer.shape : [layer.shape[0], 1, 1];
    const i = layer.shape.length === 3 ? (unit.c * H + unit.y) * W + unit.x : unit.c;
    return t('student.unitValue', { unit: unitLabel(unit, specs), value: fmt(layer.data[i], 3) });
  }

  const ro = new ResizeObserver(() => {
    const w = container.clientWidth;
    if (w && w !== ro.lastWidth) { ro.lastWidth = w; relayout(); }
  });
  ro.observe(container);
  // The height budget follows the window's height too (the width is the observer's).
  let lastInnerHeight = innerHeight;
  addEventListener('resize', () => {
    if (innerHeight !== lastInnerHeight) { lastInnerHeight = innerHeight; relayout(); }
  });
  relayout();

  return { render, highlight, setLabels, relabel, relayout, describe, cards };
}
