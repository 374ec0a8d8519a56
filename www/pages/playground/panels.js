// The panels of every mode: their markup (generated from the modes' panel lists, so
// playground.html holds none of it), painting with a signature per panel (a panel repaints
// only when something it draws changed: its model, the settings, its width, the text scale,
// or the part of the hover / keyboard cursor it shows), and plans that only write text.
//
// A plan is {width, height, paint(ctx), hit(px, py) → {map, y, x} | null, layout?}: the same
// plan paints the screen and the exported PNG. A panel with `dom` shows DOM instead of a canvas
// (the explain widget): dom.mount(element, actions) once, dom.update(handle, settings, ui,
// model) → {texts} on change; its `plan` is then only used for the PNG.
//
// A panel's `caption`, `exportTitle` and `label` are catalog keys; relabelPanels() writes them
// (at start and after a language switch, which also repaints every panel: the language is part
// of each signature).

import { setupCanvas } from '../../shared/canvas.js';
import { theme, getTextScale } from '../../shared/grid.js';
import { t, lang } from '../../shared/i18n.js';

/**
 * Builds one `.panels` block per mode into `stage` before `before`.
 * @param {HTMLElement} stage
 * @param {Array<{id: string, panels: object[], note?: string}>} modes
 * @param {Element} before
 */
let domActions = null;

export function buildPanels(stage, modes, before, actions) {
  domActions = actions;
  for (const mode of modes) {
    const box = document.createElement('div');
    box.className = `panels ${mode.id}-panels`;
    box.dataset.modes = mode.id;
    for (const p of mode.panels) {
      const fig = figure(p);
      box.append(fig);
      if (p.dom) { p.handle = p.dom.mount(fig.querySelector('.panel-dom'), actions); p.mountedLang = lang(); }
    }
    if (mode.note) {
      const note = document.createElement('p');
      note.className = 'legend-note muted small wide';
      note.dataset.note = mode.id;
      box.append(note);
    }
    stage.insertBefore(box, before);
  }
}

function figure(p) {
  const fig = document.createElement('figure');
  fig.className = `fig panel${p.wide ? ' wide' : ''}`;
  fig.dataset.panel = p.id;
  const cap = document.createElement('figcaption');
  const span = document.createElement('span');
  const exp = document.createElement('button');
  exp.type = 'button';
  exp.className = 'export';
  exp.dataset.export = p.id;
  exp.dataset.testid = `export-png-${p.testid}`;
  exp.dataset.i18n = 'playground.exportPng';
  cap.append(span, exp);
  const wrap = document.createElement('div');
  if (p.dom) {
    wrap.className = 'panel-dom';
    wrap.dataset.testid = `${p.testid}-panel`;
    fig.append(cap, wrap);
    return withText(fig, p);
  }
  wrap.className = 'canvas-wrap';
  const canvas = document.createElement('canvas');
  canvas.dataset.canvas = p.id;
  canvas.dataset.testid = `${p.testid}-canvas`;
  if (!p.label) canvas.setAttribute('aria-hidden', 'true');
  if (p.editable) {
    canvas.tabIndex = 0;
    canvas.dataset.keys = 'own'; // arrows move its cell cursor (shared/keys.js leaves them)
  }
  wrap.append(canvas);
  fig.append(cap, wrap);
  return withText(fig, p);
}

function withText(fig, p) {
  if (p.text) {
    // The panel's arithmetic as text (for screen readers; the tests read it too).
    const para = document.createElement('p');
    para.id = p.text;
    // Shown under a DOM panel (its arithmetic in one line); a canvas paints it itself.
    para.className = p.dom ? 'panel-text mono' : 'visually-hidden';
    para.dataset.testid = p.text;
    fig.append(para);
  }
  return fig;
}

/**
 * Writes every panel's caption, export button, canvas label and each mode's note in the current
 * language (the modes' own sizes() may refine a caption after this).
 */
export function relabelPanels(modes) {
  for (const mode of modes) {
    for (const p of mode.panels) {
      const fig = document.querySelector(`figure[data-panel="${p.id}"]`);
      fig.querySelector('figcaption span').textContent = t(p.caption);
      fig.querySelector('button.export').textContent = t('playground.exportPng');
      if (p.label) canvasOf(p.id)?.setAttribute('aria-label', t(p.label));
      // A DOM panel's widget takes its wording when mounted: a new language mounts it again
      // (its next paint, due since the language is in the signature, fills it).
      if (p.dom && p.mountedLang !== lang()) { p.handle = p.dom.mount(fig.querySelector('.panel-dom'), domActions); p.mountedLang = lang(); }
    }
    // The mode's own constant markup (swatches and catalog text), never URL text.
    if (mode.note) document.querySelector(`[data-note="${mode.id}"]`).innerHTML = mode.note();
  }
}

/** The canvas of panel `id` (null for a DOM panel). */
export function canvasOf(id) {
  return document.querySelector(`canvas[data-canvas="${id}"]`);
}

/** The part of `ui` (hover, cursor) panel `p` draws, as a string. */
function uiKey(p, ui) {
  const h = ui.hover;
  const hover = h && p.hoverFrom?.includes(h.panel) ? `${h.panel}:${h.map}:${h.y}:${h.x}` : '';
  const c = ui.cursor;
  const cursor = p.editable && ui.focused === p.id && c?.panel === p.id ? `${c.map}:${c.y}:${c.x}` : '';
  return `${hover}|${cursor}`;
}

/**
 * Paints the panels of `mode` whose signature changed; returns the plans (kept for hit-tests,
 * the cell editor and the text of the arithmetic).
 * @param {{panels: object[]}} mode
 * @param {Map<string, {sig: any[], plan: object}>} painted memory of the last paint per panel
 */
export function paintPanels(mode, settings, ui, m, painted) {
  for (const p of mode.panels) {
    const canvas = canvasOf(p.id);
    const width = canvas ? Math.max(120, canvas.parentElement.clientWidth - 2) : 0;
    const height = canvas ? fitHeight(canvas) : 0;
    const sig = [m, settings, width, height, getTextScale(), uiKey(p, ui), lang()];
    const last = painted.get(p.id);
    if (last && last.sig.every((v, i) => v === sig[i])) continue;
    if (p.dom) {
      painted.set(p.id, { sig, plan: p.dom.update(p.handle, settings, ui, m) });
      continue;
    }
    const plan = p.plan(settings, ui, m, width, height);
    const ctx = setupCanvas(canvas, Math.ceil(plan.width), Math.ceil(plan.height));
    plan.paint(ctx);
    painted.set(p.id, { sig, plan });
  }
}

/** Room kept under a canvas on the first screen for the panel's edge, CSS px. */
const UNDER_GRID = 24;
/** Fewest CSS px a grid is given, however little room the screen has. */
const MIN_FIT = 160;

/**
 * Height (CSS px) a panel's canvas may take so that a canvas starting on the first screen ends on
 * it (a projector shows one screen: 1280×720, 1024×768); further down, most of a screen.
 */
export function fitHeight(canvas) {
  const top = canvas.getBoundingClientRect().top + window.scrollY;
  const vh = window.innerHeight;
  const room = top < vh - MIN_FIT - UNDER_GRID ? vh - top - UNDER_GRID : vh * 0.8;
  return Math.max(MIN_FIT, Math.floor(room));
}

/** Splits `text` into lines no wider than `width` px at font size `fs` (monospace). */
export function wrapText(text, width, fs, th = theme()) {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${fs}px ${th.mono}`;
  const words = text.split(' ');
  const lines = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && ctx.measureText(next).width > width) { lines.push(line); line = w; } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Width in px of the widest of `lines` (monospace at `fs`). */
export function textWidth(lines, fs, th = theme()) {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${fs}px ${th.mono}`;
  return Math.ceil(Math.max(0, ...lines.map((l) => ctx.measureText(l).width))) + 2;
}

/** A plan that only writes a sentence (when a panel has nothing to draw). */
export function messagePlan(maxWidth, text) {
  const th = theme();
  const fs = Math.round(15 * getTextScale());
  const lines = wrapText(text, Math.max(160, maxWidth - 8), fs, th).map((l) => l);
  return {
    width: Math.max(160, Math.min(maxWidth, 520)),
    height: lines.length * fs * 1.4 + 8,
    paint(ctx) {
      ctx.save();
      ctx.font = `${fs}px ${th.font}`;
      ctx.fillStyle = th.muted;
      ctx.textBaseline = 'top';
      lines.forEach((l, k) => ctx.fillText(l, 0, 4 + k * fs * 1.4));
      ctx.restore();
    },
    hit: () => null,
  };
}
