// Drawing helpers of the layer cards (views/feature_maps.js): boxes with a halo, the input's
// padding hatch and the softmax layer's digit glyphs. Drawing only, with small caches.
import { drawGrid, strokeCells as strokePlain, pixelRatio } from '../../../shared/canvas.js';
import { sequential, css } from '../../../shared/colors.js';
import { textOn, LIGHT_TEXT } from '../../../shared/contrast.js';
import { cellRect } from '../../../shared/grid.js';

/** Line widths of the receptive-field boxes, CSS px. */
export const BOX_WIDTH = 2;
/** Dark line inside every box so it reads on light and dark cells alike. */
export const HALO = 'rgba(0, 0, 0, 0.6)';

/** strokeCells with a thin dark halo on its inner side. */
export function strokeCells(ctx, x, y, cell, r, color, width) {
  strokePlain(ctx, x, y, cell, r, HALO, width + 2);
  strokePlain(ctx, x, y, cell, r, color, width);
}

/** The input as the first convolution sees it: the image inside its background (zero) padding. */
export function drawInput(ctx, g, data) {
  const at = g.positions[0];
  ctx.drawImage(paddingBackground(g), 0, 0, g.width, g.height);
  drawGrid(ctx, data, g.h, g.w, at.x, at.y, g.cell, { kind: 'sequential', lo: 0, hi: 1 });
}

let padding = null;
/** The input card's background: a faint hatch so the padding reads as "not part of the image". Drawn once per size. */
function paddingBackground(g) {
  const dpr = pixelRatio();
  const key = `${g.width}×${g.height}@${dpr}`;
  if (padding?.key === key) return padding.canvas;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(g.width * dpr);
  canvas.height = Math.round(g.height * dpr);
  const ctx = canvas.getContext('2d');
  ctx.scale(dpr, dpr);
  ctx.fillStyle = css(sequential(0));
  ctx.fillRect(0, 0, g.width, g.height);
  ctx.strokeStyle = 'rgba(120, 130, 150, 0.35)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let d = -g.height; d < g.width; d += 6) { ctx.moveTo(d, 0); ctx.lineTo(d + g.height, g.height); }
  ctx.stroke();
  padding = { key, canvas };
  return canvas;
}

/**
 * The digit on each output cell, copied from a sprite of pre-drawn glyphs: fillText on a
 * canvas in the document flushes pending style work, which mid-frame costs a second style
 * pass per frame while drawing.
 */
export function drawDigitLabels(ctx, g, probs) {
  const sprite = digitSprite(g.cell);
  const s = sprite.width / 10;
  for (let c = 0; c < g.count; c++) {
    const o = cellRect(g, c, 0, 0);
    const row = textOn(sequential(probs[c], 0, 1)) === LIGHT_TEXT ? 1 : 0;
    ctx.drawImage(sprite, c * s, row * s, s, s, o.x, o.y, o.size, o.size);
  }
}

let sprite = null;
/** Digits 0-9 in black (row 0) and white (row 1), the two colours contrast.js textOn picks from, on transparent, `cell` CSS px each. */
function digitSprite(cell) {
  const dpr = pixelRatio();
  const s = Math.round(cell * dpr);
  if (sprite?.height === 2 * s) return sprite;
  sprite = document.createElement('canvas');
  sprite.width = 10 * s;
  sprite.height = 2 * s;
  const ctx = sprite.getContext('2d');
  ctx.font = `${Math.round(s * 0.6)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ['#000', '#fff'].forEach((color, row) => {
    ctx.fillStyle = color;
    for (let d = 0; d < 10; d++) ctx.fillText(String(d), (d + 0.5) * s, (row + 0.5) * s + dpr);
  });
  return sprite;
}

export function strokeRect(ctx, x, y, w, h, color, width) {
  ctx.save();
  for (const [c, lw] of [[HALO, width + 2], [color, width]]) {
    ctx.strokeStyle = c;
    ctx.lineWidth = lw;
    ctx.strokeRect(x + lw / 2, y + lw / 2, w - lw, h - lw);
  }
  ctx.restore();
}
