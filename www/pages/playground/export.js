// "Export PNG" for slides: re-paints a panel at 2× on an off-screen canvas with its title and
// the theme's panel background, then hands it to downloadPng.

import { downloadPng } from '../../shared/canvas.js';
import { theme, getTextScale } from '../../shared/grid.js';

/** Resolution multiplier of exported images (CSS px → image px). */
export const EXPORT_SCALE = 2;
/** Margin around an exported panel, CSS px. */
const MARGIN = 16;

/**
 * @param {{width: number, height: number, paint: (ctx: CanvasRenderingContext2D) => void}} plan
 * @param {string} title drawn above the panel
 * @param {string} filename e.g. 'convscope-output.png'
 * @returns {HTMLCanvasElement} the canvas that was downloaded
 */
export function exportPlan(plan, title, filename) {
  const th = theme();
  const titleH = title ? Math.round(26 * getTextScale()) : 0;
  const w = Math.ceil(plan.width + 2 * MARGIN);
  const h = Math.ceil(plan.height + titleH + 2 * MARGIN);
  const canvas = document.createElement('canvas');
  canvas.width = w * EXPORT_SCALE;
  canvas.height = h * EXPORT_SCALE;
  const ctx = canvas.getContext('2d');
  ctx.scale(EXPORT_SCALE, EXPORT_SCALE);
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = th.panel;
  ctx.fillRect(0, 0, w, h);
  if (title) {
    ctx.fillStyle = th.fg;
    ctx.font = `700 ${Math.round(18 * getTextScale())}px ${th.font}`;
    ctx.textBaseline = 'top';
    ctx.fillText(title, MARGIN, MARGIN);
  }
  ctx.translate(MARGIN, MARGIN + titleH);
  plan.paint(ctx);
  downloadPng(canvas, filename);
  return canvas;
}
