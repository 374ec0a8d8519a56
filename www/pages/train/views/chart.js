// A line chart on a canvas: series of points, an optional shaded band between two of them, and
// vertical event markers. Drawing only: the caller passes every label already translated and
// every number already computed.
import { themeColor } from '../../../shared/canvas.js';
import { fitCanvas } from './fit.js';
import { CANVAS_FONT } from './font.js';

const PAD = { left: 44, right: 12, top: 10, bottom: 30 };

/** A "nice" step for about `n` ticks over `span`. */
function niceStep(span, n) {
  const raw = span / Math.max(1, n);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
}

/**
 * Draws the chart on `canvas` (CSS size `width`×`height`).
 * @param {HTMLCanvasElement} canvas
 * @param {{width: number, height: number, xMax: number, yMin: number, yMax: number,
 *   xLabel: string, yLabel: string, yFormat?: (v: number) => string, xTicks?: {x: number, label: string}[],
 *   series: {points: {x: number, y: number}[], color: string, width?: number, dash?: number[], dots?: boolean}[],
 *   band?: {upper: {x: number, y: number}[], lower: {x: number, y: number}[], color: string},
 *   markers?: {x: number, label: string, color: string}[], empty?: string}} spec
 */
export function drawChart(canvas, spec) {
  const { width, height } = spec;
  const ctx = fitCanvas(canvas, width, height);
  const ink = themeColor('--fg', '#222');
  const muted = themeColor('--muted', '#666');
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const xMax = spec.xMax > 0 ? spec.xMax : 1;
  const span = spec.yMax - spec.yMin || 1;
  const X = (x) => PAD.left + (x / xMax) * w;
  const Y = (y) => PAD.top + (1 - (Math.min(spec.yMax, Math.max(spec.yMin, y)) - spec.yMin) / span) * h;
  ctx.clearRect(0, 0, width, height);
  ctx.font = CANVAS_FONT;
  ctx.lineWidth = 1;
  // grid and ticks
  ctx.strokeStyle = 'rgba(128,128,128,0.25)';
  ctx.fillStyle = muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const yStep = niceStep(span, 4);
  const fmtY = spec.yFormat ?? ((v) => String(Math.round(v * 100) / 100));
  for (let v = Math.ceil(spec.yMin / yStep) * yStep; v <= spec.yMax + 1e-9; v += yStep) {
    ctx.beginPath(); ctx.moveTo(PAD.left, Y(v)); ctx.lineTo(PAD.left + w, Y(v)); ctx.stroke();
    ctx.fillText(fmtY(v), PAD.left - 4, Y(v));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xStep = Math.max(1, niceStep(xMax, 8));
  if (spec.xTicks) for (const tick of spec.xTicks) ctx.fillText(tick.label, X(tick.x), PAD.top + h + 3);
  else for (let x = 0; x <= xMax + 1e-9; x += xStep) ctx.fillText(String(Math.round(x)), X(x), PAD.top + h + 3);
  ctx.fillStyle = ink;
  ctx.fillText(spec.xLabel, PAD.left + w / 2, height - 13);
  ctx.save();
  ctx.translate(10, PAD.top + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(spec.yLabel, 0, 0);
  ctx.restore();
  ctx.strokeStyle = muted;
  ctx.strokeRect(PAD.left + 0.5, PAD.top + 0.5, w, h);
  // the band (e.g. the overfitting gap), between two polylines over their common x range
  const band = spec.band;
  if (band && band.upper.length > 1 && band.lower.length > 1) {
    ctx.fillStyle = band.color;
    ctx.beginPath();
    band.upper.forEach((p, i) => (i ? ctx.lineTo(X(p.x), Y(p.y)) : ctx.moveTo(X(p.x), Y(p.y))));
    for (let i = band.lower.length - 1; i >= 0; i--) ctx.lineTo(X(band.lower[i].x), Y(band.lower[i].y));
    ctx.closePath();
    ctx.fill();
  }
  // event markers
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  (spec.markers ?? []).forEach((m, i) => {
    ctx.strokeStyle = m.color;
    ctx.fillStyle = m.color;
    ctx.setLineDash([4, 3]);
    ctx.beginPath(); ctx.moveTo(X(m.x), PAD.top); ctx.lineTo(X(m.x), PAD.top + h); ctx.stroke();
    ctx.setLineDash([]);
    const tx = Math.min(X(m.x) + 3, PAD.left + w - ctx.measureText(m.label).width - 2);
    ctx.fillText(m.label, tx, PAD.top + 2 + 13 * (i % 3));
  });
  // series
  ctx.save();
  ctx.beginPath(); ctx.rect(PAD.left, PAD.top, w, h); ctx.clip();
  for (const s of spec.series) {
    if (!s.points.length) continue;
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = s.width ?? 1.5;
    ctx.setLineDash(s.dash ?? []);
    ctx.beginPath();
    s.points.forEach((p, i) => (i ? ctx.lineTo(X(p.x), Y(p.y)) : ctx.moveTo(X(p.x), Y(p.y))));
    ctx.stroke();
    if (s.dots) for (const p of s.points) { ctx.beginPath(); ctx.arc(X(p.x), Y(p.y), 2.5, 0, 2 * Math.PI); ctx.fill(); }
  }
  ctx.restore();
  if (spec.empty && !spec.series.some((s) => s.points.length)) {
    ctx.fillStyle = muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(spec.empty, PAD.left + w / 2, PAD.top + h / 2);
  }
}
