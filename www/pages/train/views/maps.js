// Grids of small images on one canvas: the C1 / C3 filters (diverging colours, one scale per
// layer) and the probe digit's feature maps. Drawing only.
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

/** C1's 6 kernels (1×5×5) in one row: a diverging scale over the layer's largest |weight|. */
export function drawC1Filters(canvas, weight, cell = 7) {
  const [o, , kh, kw] = weight.shape;
  drawTiles(canvas, { data: weight.data, count: o, h: kh, w: kw, cols: o, cell, gap: 4, scale: { kind: 'diverging', limit: absMax(weight.data) } });
}

/** C3's kernels [16, 6, 5, 5] laid out with one column per output channel, one row per input channel. */
export function drawC3Filters(canvas, weight, cell = 3) {
  const [o, c, kh, kw] = weight.shape;
  const per = kh * kw;
  const t = new Float32Array(o * c * per);
  for (let i = 0; i < o; i++) for (let j = 0; j < c; j++) t.set(weight.data.subarray((i * c + j) * per, (i * c + j + 1) * per), (j * o + i) * per);
  drawTiles(canvas, { data: t, count: o * c, h: kh, w: kw, cols: o, cell, gap: 2, scale: { kind: 'diverging', limit: absMax(weight.data) } });
}

/** A batch of 28×28 images (ink in [0, 1]) in rows of `cols`. */
export function drawImages(canvas, pixels, count, cols, cell = 2) {
  drawTiles(canvas, { data: pixels, count, h: 28, w: 28, cols, cell, gap: 3, scale: { kind: 'sequential', lo: 0, hi: 1 } });
}

/** Feature maps [C, H, W] in rows of `cols`, on one diverging scale for the layer. */
export function drawMaps(canvas, t, cols, cell) {
  const [c, h, w] = t.shape;
  drawTiles(canvas, { data: t.data, count: c, h, w, cols, cell, gap: 3, scale: { kind: 'diverging', limit: absMax(t.data) } });
}

/** The probe digit (784 values, ink = 1) on a sequential scale. */
export function drawDigit(canvas, pixels, cell = 3) {
  drawTiles(canvas, { data: pixels, count: 1, h: 28, w: 28, cols: 1, cell, scale: { kind: 'sequential', lo: 0, hi: 1 } });
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
