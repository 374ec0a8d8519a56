// The confusion matrix on the validation set: rows the true digit, columns the prediction,
// each cell shaded by its share of its row, counts written in. Drawing only.
import { themeColor } from '../../../shared/canvas.js';
import { fitCanvas } from './fit.js';
import { CANVAS_FONT } from './font.js';
import { css, sequential, textOn } from '../../../shared/colors.js';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * @param {HTMLCanvasElement} canvas
 * @param {number[][]|null} confusion n×n counts, [true][predicted]
 * @param {{trueLabel: string, predictedLabel: string, cell?: number, labels?: string[]}} text
 *   `labels`: the classes' names (default the digits 0–9; the transfer page passes its own)
 */
export function drawConfusion(canvas, confusion, { trueLabel, predictedLabel, cell = 26, labels = DIGITS }) {
  const n = labels.length;
  const left = 34;
  const top = 30;
  const size = n * cell;
  const ctx = fitCanvas(canvas, left + size + 4, top + size + 4);
  const ink = themeColor('--fg', '#222');
  ctx.font = CANVAS_FONT;
  ctx.fillStyle = ink;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(predictedLabel, left + size / 2, 7);
  for (let i = 0; i < n; i++) {
    ctx.fillText(labels[i], left + i * cell + cell / 2, top - 9);
    ctx.fillText(labels[i], left - 9, top + i * cell + cell / 2);
  }
  ctx.save();
  ctx.translate(8, top + size / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(trueLabel, 0, 0);
  ctx.restore();
  for (let r = 0; r < n; r++) {
    const row = confusion?.[r] ?? [];
    const total = row.reduce((a, b) => a + b, 0) || 1;
    for (let c = 0; c < n; c++) {
      const n = row[c] ?? 0;
      const rgb = sequential(Math.sqrt(n / total));
      ctx.fillStyle = css(rgb);
      ctx.fillRect(left + c * cell, top + r * cell, cell - 1, cell - 1);
      if (n) {
        ctx.fillStyle = textOn(rgb);
        ctx.fillText(String(n), left + c * cell + cell / 2, top + r * cell + cell / 2);
      }
      if (r === c) {
        ctx.strokeStyle = 'rgba(11,107,203,0.8)';
        ctx.strokeRect(left + c * cell + 0.5, top + r * cell + 0.5, cell - 2, cell - 2);
      }
    }
  }
}
