// Canvas 2D helpers shared by every view. Drawing only: no arithmetic on the data.

import { paintValues } from './colors.js';

/** Backing-store pixels per CSS px for the canvases: devicePixelRatio, clamped to 1…3. */
export function pixelRatio() {
  return Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
}

/**
 * Sizes a canvas for crisp drawing on high-DPI screens: CSS size `w`×`h` px, backing store
 * scaled by pixelRatio(). Returns its 2D context, already scaled so you draw in CSS px.
 */
export function setupCanvas(canvas, w, h) {
  const dpr = pixelRatio();
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.imageSmoothingEnabled = false;
  return ctx;
}

/**
 * Scratch canvases with their ImageData, one per size: the per-frame painters reuse them
 * (resizing a canvas reallocates its backing store).
 */
const scratches = new Map();
function scratchOf(w, h) {
  const key = `${w}×${h}`;
  if (!scratches.has(key)) {
    if (scratches.size >= 64) scratches.clear(); // the playground can ask for many sizes
    const canvas = typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(w, h)
      : Object.assign(document.createElement('canvas'), { width: w, height: h });
    scratches.set(key, { canvas, ctx: canvas.getContext('2d'), img: new ImageData(w, h) });
  }
  return scratches.get(key);
}

/**
 * Paints an `h`×`w` grid of colours into the rectangle (x, y, cell·w, cell·h) of `ctx`, one
 * ImageData pixel per cell scaled up without smoothing; `rgbAt(i)` gives cell i's [r, g, b]
 * (row-major).
 * @param {CanvasRenderingContext2D} ctx
 * @param {(i: number) => number[]} rgbAt
 */
export function paintCells(ctx, h, w, x, y, cell, rgbAt) {
  const { img } = scratchOf(w, h);
  for (let i = 0; i < h * w; i++) {
    const [r, g, b] = rgbAt(i);
    img.data[4 * i] = r;
    img.data[4 * i + 1] = g;
    img.data[4 * i + 2] = b;
    img.data[4 * i + 3] = 255;
  }
  blit(ctx, w, h, x, y, cell);
}

/**
 * Draws the `w`×`h` scratch image at (x, y) with each of its pixels scaled to a `cell`-px
 * square, unsmoothed.
 */
function blit(ctx, w, h, x, y, cell) {
  const { canvas: src, ctx: sctx, img } = scratchOf(w, h);
  sctx.putImageData(img, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(src, x, y, w * cell, h * cell);
  ctx.restore();
}

/**
 * Draws an `h`×`w` row-major grid of values as coloured cells into the rectangle
 * (x, y, cell·w, cell·h) of `ctx`. `scale` is {kind: 'diverging', limit} or
 * {kind: 'sequential', lo, hi}.
 * @param {CanvasRenderingContext2D} ctx
 * @param {ArrayLike<number>} data at least offset + h·w values
 */
export function drawGrid(ctx, data, h, w, x, y, cell, scale, offset = 0) {
  paintValues(scratchOf(w, h).img.data, 0, data, offset, h * w, scale);
  blit(ctx, w, h, x, y, cell);
}

/** Strokes a rectangle aligned to whole cells: rows y0..y1, columns x0..x1 (half-open). */
export function strokeCells(ctx, x, y, cell, r, color, width = 2) {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.strokeRect(x + r.x0 * cell + width / 2, y + r.y0 * cell + width / 2,
    (r.x1 - r.x0) * cell - width, (r.y1 - r.y0) * cell - width);
  ctx.restore();
}

/** Reads a CSS custom property of the document (e.g. '--fg'), for theme-aware drawing. */
export function themeColor(name, fallback = '#000') {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Triggers a download of `canvas` as a PNG file named `name`. */
export function downloadPng(canvas, name) {
  const a = document.createElement('a');
  a.download = name;
  a.href = canvas.toDataURL('image/png');
  a.click();
}
