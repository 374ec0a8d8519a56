// Grids of small images on one canvas: a layer's filters (diverging colours, one scale per
// layer), feature maps and digits. Drawing only.
import { themeColor } from '../../../shared/canvas.js';
import { fitCanvas } from './fit.js';
import { CANVAS_FONT } from './font.js';
import { absMax, paintValues } from '../../../shared/colors.js';

/**
 * Draws `count` tiles of `h`×`w` values from `data` (tile i at offset i·h·w) in rows of `cols`,
 * each cell `cell` px, `gap` px apart; `scale` as colors.js paintValues takes it. One
 * ImageData for the whole canvas (in device pixels) and one putImageData: the filters redraw
 * twice a second while training and must stay cheap on the main thread.
 */
export function drawTiles(canvas, { data, count, h, w, cols, cell, gap = 3, scale }) {
  const rows = Math.ceil(count / cols);
  const cssW = cols * (w * cell + gap) - gap;
  const cssH = rows * (h * cell + gap) - gap;
  const ctx = fitCanvas(canvas, cssW, cssH);
  const dpr = canvas.width / cssW;
  const img = imageFor(ctx, canvas.width, canvas.height);
  const W = img.width;
  const H = img.height;
  const px = new Uint32Array(img.data.buffer);
  px.fill(0); // transparent gaps
  const colours = new Uint8ClampedArray(4 * h * w);
  const rgba = new Uint32Array(colours.buffer); // opaque RGBA per value, as one 32-bit word
  const c = Math.max(1, Math.round(cell * dpr));
  for (let i = 0; i < count; i++) {
    paintValues(colours, 0, data, i * h * w, h * w, scale);
    const x0 = Math.round((i % cols) * (w * cell + gap) * dpr);
    const y0 = Math.round(Math.floor(i / cols) * (h * cell + gap) * dpr);
    for (let r = 0; r < h; r++) {
      for (let dy = 0; dy < c; dy++) {
        const y = y0 + r * c + dy;
        if (y >= H) break;
        const line = y * W;
        for (let q = 0; q < w; q++) {
          const v = rgba[r * w + q];
          const x = x0 + q * c;
          px.fill(v, line + x, line + Math.min(W, x + c));
        }
      }
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** One ImageData per canvas size, reused between paints. */
const images = new Map();
function imageFor(ctx, w, h) {
  const key = `${w}x${h}`;
  if (!images.has(key)) {
    if (images.size > 32) images.clear();
    images.set(key, ctx.createImageData(w, h));
  }
  return images.get(key);
}

/**
 * A layer's kernels `weight` [O, C, KH, KW] with one column per output channel and one row per
 * input channel (one row when C = 1), cells of the canvas's `data-cell` px, on a diverging scale
 * over the layer's largest |weight|.
 */
export function drawFilters(canvas, weight) {
  const [o, c, kh, kw] = weight.shape;
  const cell = Number(canvas.dataset.cell) || 3;
  const per = kh * kw;
  const t = new Float32Array(o * c * per);
  for (let i = 0; i < o; i++) for (let j = 0; j < c; j++) t.set(weight.data.subarray((i * c + j) * per, (i * c + j + 1) * per), (j * o + i) * per);
  const gap = Math.max(2, Math.round(cell / 2));
  drawTiles(canvas, { data: t, count: o * c, h: kh, w: kw, cols: o, cell, gap, scale: { kind: 'diverging', limit: absMax(weight.data) } });
}

/**
 * Each layer's feature maps `layers[i]` ([C, H, W]) into `canvases[i]`: in rows of the canvas's
 * CSS `--cols` (a container query may set it) or else of half the maps, cells of its `data-cell` px.
 */
export function drawLayerMaps(canvases, layers) {
  layers.forEach((t, i) => {
    const canvas = canvases[i];
    if (!canvas) return;
    const cols = Number(getComputedStyle(canvas).getPropertyValue('--cols')) || Math.ceil(t.shape[0] / 2);
    drawMaps(canvas, t, cols, Number(canvas.dataset.cell) || 2);
  });
}

/** A batch of `count` square images (ink in [0, 1]) in rows of `cols`. */
export function drawImages(canvas, pixels, count, cols, cell = 2) {
  const side = Math.round(Math.sqrt(pixels.length / Math.max(1, count)));
  drawTiles(canvas, { data: pixels, count, h: side, w: side, cols, cell, gap: 3, scale: { kind: 'sequential', lo: 0, hi: 1 } });
}

/** Feature maps [C, H, W] in rows of `cols`, on one diverging scale for the layer. */
export function drawMaps(canvas, t, cols, cell) {
  const [c, h, w] = t.shape;
  drawTiles(canvas, { data: t.data, count: c, h, w, cols, cell, gap: 3, scale: { kind: 'diverging', limit: absMax(t.data) } });
}

/** The probe digit (a square image, ink = 1) on a sequential scale. */
export function drawDigit(canvas, pixels, cell = 3) {
  drawImages(canvas, pixels, 1, 1, cell);
}

/** Ten probability bars with their digits under them; `label` (or null) outlined. */
export function drawProbabilities(canvas, probabilities, label, { width = 200, height = 70 } = {}) {
  const ctx = fitCanvas(canvas, width, height);
  const ink = themeColor('--fg', '#222');
  const accent = themeColor('--accent', '#0b6bcb');
  const bw = width / 10;
  const top = height - 16;
  let best = 0;
  probabilities.forEach((p, i) => { if (p > probabilities[best]) best = i; });
  ctx.font = CANVAS_FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let i = 0; i < 10; i++) {
    const bh = Math.max(1, probabilities[i] * (top - 2));
    ctx.fillStyle = i === best ? accent : 'rgba(128,128,128,0.55)';
    ctx.fillRect(i * bw + 3, top - bh, bw - 6, bh);
    ctx.fillStyle = ink;
    ctx.fillText(String(i), i * bw + bw / 2, top + 2);
    if (i === label) ctx.fillRect(i * bw + bw / 2 - 4, height - 2, 8, 2); // the true digit underlined
  }
}
