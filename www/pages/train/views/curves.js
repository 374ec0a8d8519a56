// The chart specs (views/chart.js) of a run: loss and accuracy, training vs validation, with
// the overfitting gap (validation worse than training, per epoch) shaded and the callbacks
// marked; and the comparison of several runs. Turns run data into drawing instructions only.
import { drawChart } from './chart.js';

export const COLORS = { train: '#2166ac', val: '#c0392b', gap: 'rgba(192,57,43,0.16)' };
/** Colours of the compared runs (ColorBrewer Dark2). */
export const RUN_COLORS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'];
const EVENT_COLORS = { lrReduced: '#7570b3', earlyStop: '#d95f02', restoredBest: '#1b9e77', finished: '#666666' };

/** Exponential smoothing of a noisy training curve (factor per report). */
function smooth(points, key, a = 0.3) {
  let s = null;
  return points.map((p) => {
    s = s === null ? p[key] : s + a * (p[key] - s);
    return { x: p.x, y: s };
  });
}

function xMaxOf(run) {
  return Math.max(1, run.config?.epochs ?? 1, Math.ceil(run.train.at(-1)?.x ?? 0));
}

/** The overfitting band: where validation is worse than training at the same epoch end. */
function gapBand(run, trainKey, valKey, worseIsHigher) {
  if (run.epochs.length < 1) return null;
  const upper = [];
  const lower = [];
  for (const e of run.epochs) {
    const tv = e[trainKey];
    const vv = e[valKey];
    const worse = worseIsHigher ? Math.max(tv, vv) : Math.min(tv, vv);
    upper.push({ x: e.x, y: worseIsHigher ? worse : tv });
    lower.push({ x: e.x, y: worseIsHigher ? tv : worse });
  }
  if (upper.length === 1) { upper.unshift({ x: upper[0].x - 1e-3, y: upper[0].y }); lower.unshift({ x: lower[0].x - 1e-3, y: lower[0].y }); }
  return { upper, lower, color: COLORS.gap };
}

function markers(run, eventLabel) {
  return run.events.map((e) => ({ x: e.x, label: eventLabel(e), color: EVENT_COLORS[e.type] ?? '#666' }));
}

/**
 * Draws the loss chart and the accuracy chart of `run`.
 * @param {{loss: HTMLCanvasElement, accuracy: HTMLCanvasElement}} canvases
 * @param {{epoch: string, loss: string, accuracy: string, empty: string, eventLabel: (e: object) => string, percent: (v: number) => string}} text
 */
export function drawRunCharts(canvases, run, width, text) {
  const xMax = xMaxOf(run);
  const trainAt = run.epochs.map((e) => ({ x: e.x, y: e.trainLoss }));
  const maxLoss = Math.max(0.5, ...run.val.map((v) => v.loss), ...run.train.map((p) => p.loss).slice(-50));
  drawChart(canvases.loss, {
    width, height: 200, xMax, yMin: 0, yMax: Math.min(3, Math.ceil(maxLoss * 2) / 2), xLabel: text.epoch, yLabel: text.loss, empty: text.empty,
    band: gapBand(run, 'trainLoss', 'valLoss', true),
    markers: markers(run, text.eventLabel),
    series: [
      { points: smooth(run.train, 'loss'), color: COLORS.train, width: 1.5 },
      { points: trainAt, color: COLORS.train, width: 0, dots: true },
      { points: run.val.map((v) => ({ x: v.x, y: v.loss })), color: COLORS.val, width: 2, dots: true },
    ],
  });
  const accs = [...run.val.map((v) => v.accuracy), ...run.train.map((p) => p.accuracy)];
  const yMin = accs.length ? Math.max(0, Math.min(0.9, Math.floor(Math.min(...accs.slice(-40)) * 10) / 10)) : 0;
  drawChart(canvases.accuracy, {
    width, height: 200, xMax, yMin, yMax: 1, xLabel: text.epoch, yLabel: text.accuracy, empty: text.empty, yFormat: text.percent,
    band: gapBand(run, 'trainAccuracy', 'valAccuracy', false),
    markers: markers(run, text.eventLabel),
    series: [
      { points: smooth(run.train, 'accuracy'), color: COLORS.train, width: 1.5 },
      { points: run.epochs.map((e) => ({ x: e.x, y: e.trainAccuracy })), color: COLORS.train, width: 0, dots: true },
      { points: run.val.map((v) => ({ x: v.x, y: v.accuracy })), color: COLORS.val, width: 2, dots: true },
    ],
  });
}

/**
 * Draws the validation accuracy (solid) and training accuracy per epoch (dashed) of each run
 * in `runs` (the current one last), each in its colour.
 */
export function drawCompareChart(canvas, runs, width, text) {
  const xMax = Math.max(1, ...runs.map((r) => Math.max(r.config?.epochs ?? 1, r.val.at(-1)?.x ?? 0)));
  const accs = runs.flatMap((r) => r.val.filter((v) => v.x > 0).map((v) => v.accuracy));
  const yMin = accs.length ? Math.max(0, Math.min(0.9, Math.floor(Math.min(...accs) * 10) / 10)) : 0;
  drawChart(canvas, {
    width, height: 220, xMax, yMin, yMax: 1, xLabel: text.epoch, yLabel: text.accuracy, empty: text.empty, yFormat: text.percent,
    series: runs.flatMap((r) => [
      { points: r.epochs.map((e) => ({ x: e.x, y: e.trainAccuracy })), color: r.color, width: 1, dash: [4, 3] },
      { points: r.val.filter((v) => v.x > 0).map((v) => ({ x: v.x, y: v.accuracy })), color: r.color, width: 2, dots: true },
    ]),
  });
}
