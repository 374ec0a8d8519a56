// Paints the training lab from its state: the status line and buttons, the curves, filters,
// probe digit and maps, confusion matrix and the kept runs. Each part repaints only when the
// state it shows changed (or the language did), once per animation frame.
import { $, el, setText } from '../../shared/dom.js';
import { themeColor } from '../../shared/canvas.js';
import { formatNumber, t } from '../../shared/i18n.js';
import { drawRunCharts, drawCompareChart, RUN_COLORS } from './views/curves.js';
import { drawDigit, drawFilters, drawImages, drawLayerMaps, drawProbabilities } from './views/maps.js';
import { shapeLabel, sizeLabel } from '../../shared/format.js';
import { drawConfusion } from './views/confusion.js';
import { latestValAccuracy } from './run.js';
import { eventLabel, runSummary, secondsLabel } from './text.js';

const percent = (v) => `${Math.round(v * 100)}`;

function chartText() {
  return { epoch: t('train.axisEpoch'), loss: t('train.axisLoss'), accuracy: t('train.axisAccuracy'), empty: t('train.chartEmpty'), eventLabel, percent };
}

function widthOf(node, fallback) {
  return Math.max(200, Math.floor(node?.clientWidth || fallback));
}

function stateSentence(run, phase) {
  if (phase !== 'ready' || !run) return '';
  if (run.running) return t('train.stateRunning');
  if (run.finished) return run.events.some((e) => e.type === 'earlyStop') ? t('train.stateStopped') : t('train.stateFinished');
  return run.imagesSeen > 0 ? t('train.statePaused') : t('train.stateIdle');
}

export /** Where the current run's weights come from, as a sentence. */
function initSentence(init) {
  if (!init) return t('train.initScratch');
  return init.shipped ? t('train.initShipped') : t('train.initWeights', { name: init.name });
}

function paintStatus(s) {
  const run = s.run;
  const ready = s.phase === 'ready' && Boolean(run);
  const running = Boolean(run?.running);
  $('#start').disabled = !ready || running || run.finished;
  setText($('#start'), run?.imagesSeen > 0 ? `▶ ${t('train.resume')}` : `▶ ${t('train.start')}`);
  $('#pause').disabled = !ready || !running;
  $('#step').disabled = !ready || running || run.finished;
  $('#reset').disabled = !ready;
  $('#export').disabled = !ready;
  $('#probe-next').disabled = !ready;
  setText($('#epoch'), String(run?.epoch ?? 0));
  setText($('#epochs-of'), run ? t('train.statusOf', { epochs: run.config.epochs }) : '');
  const acc = latestValAccuracy(run);
  setText($('#val-accuracy'), acc === null ? '–' : (acc * 100).toFixed(1));
  setText($('#ips'), String(Math.round(run?.imagesPerSecond ?? 0)));
  setText($('#epoch-time'), secondsLabel(run?.epochMs ?? null));
  setText($('#lr'), run?.lr ? formatNumber(run.lr, { maximumSignificantDigits: 3 }) : '–');
  setText($('#run-state'), stateSentence(run, s.phase));
  setText($('#init-from'), `${t('train.initFrom')}: ${initSentence(s.initWeights)}`);
  $('#init-scratch').hidden = !s.initWeights;
  $('#init-shipped').hidden = Boolean(s.initWeights?.shipped);
  const main = $('#tr');
  main.dataset.state = s.phase === 'ready' ? (running ? 'running' : 'idle') : s.phase;
  main.dataset.imagesSeen = String(run?.imagesSeen ?? 0); // test hooks: progress and curve sizes
  main.dataset.trainPoints = String(run?.train.length ?? 0);
  main.dataset.valPoints = String(run?.val.length ?? 0);
}

export function paintCharts(s) {
  if (!s.run) return;
  const width = widthOf($('#charts').firstElementChild?.parentElement, 600);
  const each = width >= 720 ? Math.floor((width - 12) / 2) : width;
  drawRunCharts({ loss: $('#chart-loss'), accuracy: $('#chart-accuracy') }, s.run, each, chartText());
}

/** The titles of the filter and feature-map canvases, from the layers the worker named (s.maps). */
export function paintMapTitles(s) {
  const filters = document.querySelectorAll('[data-maps-title="filters"]');
  const probe = document.querySelectorAll('[data-maps-title="probe"]');
  s.maps.forEach((m, i) => {
    const size = sizeLabel(m.kernel);
    if (filters[i]) setText(filters[i], m.inputs === 1 ? t('train.filtersRow', { name: m.name, count: m.shape[0], size }) : t('train.filtersGrid', { name: m.name, out: m.shape[0], in: m.inputs, size }));
    if (probe[i]) setText(probe[i], t('common.featureMapsOf', { name: m.name, shape: shapeLabel(m.shape) }));
  });
}

export function paintFilters(s) {
  const f = s.filters;
  if (!f) return;
  const canvases = document.querySelectorAll('[data-maps="filters"]');
  f.layers.forEach((l, i) => canvases[i] && drawFilters(canvases[i], l.weight));
}

export function paintBatch(s) {
  const b = s.batch;
  if (!b) return;
  const narrow = widthOf($('#batch-box'), 600) < 500; // 8 digits at 2 px per pixel need ~470 px
  drawImages($('#batch'), b.pixels, b.labels.length, 8, narrow ? 1 : 2);
  setText($('#batch-labels'), t('train.batchLabels', { labels: Array.from(b.labels).join(' ') }));
}

export function paintProbe(s) {
  const p = s.probe;
  if (!p) return;
  drawDigit($('#probe-digit'), p.pixels, 3);
  drawProbabilities($('#probe-probs'), p.probabilities, p.label, { width: 200, height: 60 });
  let best = 0;
  p.probabilities.forEach((v, i) => { if (v > p.probabilities[best]) best = i; });
  const who = p.label === null ? t('train.probeDrawn') : t('train.probeTrue', { label: p.label });
  setText($('#probe-caption'), `${who} · ${t('train.probePrediction', { digit: best, p: formatNumber(p.probabilities[best] * 100, { maximumFractionDigits: 1 }) })}`);
}

/** The probe digit's feature maps: a painter of their own, so no frame paints all five probe canvases. */
export function paintProbeMaps(s) {
  const p = s.probe;
  if (!p) return;
  // six 56-px maps in a row need ~350 px: train.css says how many fit (`--cols`, a container query)
  drawLayerMaps(document.querySelectorAll('[data-maps="probe"]'), p.layers);
}

export function paintConfusion(s) {
  drawConfusion($('#confusion'), s.run?.confusion ?? null, { trueLabel: t('train.confusionTrue'), predictedLabel: t('train.confusionPredicted'), cell: 24 });
}

export function paintCompare(s) {
  if (!s.defaults) return;
  const current = s.run ? [{ ...s.run, color: themeColor('--fg', '#222'), current: true }] : [];
  const runs = [...s.runs.map((r, i) => ({ ...r, color: RUN_COLORS[i % RUN_COLORS.length] })), ...current];
  drawCompareChart($('#compare-chart'), runs, widthOf($('#compare-chart').parentElement, 400) - 26, chartText());
  $('#runs').replaceChildren(...runs.map((r) => {
    const best = Math.max(0, ...r.val.filter((v) => v.x > 0).map((v) => v.accuracy));
    return el('li', { 'data-testid': 'run-item' },
      el('span', { class: 'swatch', style: `background:${r.color}` }), ' ',
      r.current ? el('strong', null, `${t('train.compareCurrent')}: `) : null,
      runSummary(r.values, s.defaults),
      best > 0 ? el('span', { class: 'muted' }, ` — ${t('train.compareBest', { p: formatNumber(best * 100, { maximumFractionDigits: 1 }) })}`) : null);
  }));
  $('#runs-clear').disabled = !s.runs.length;
}

/**
 * What each painter shows: the state keys that make it repaint; `interval`: its minimum time
 * between paints, ms; `canvas`: whether it draws canvases (one of those per frame); `section`:
 * the panel it draws in (painted only while on screen).
 */
export const PAINTERS = [
  [paintStatus, ['run', 'phase', 'initWeights'], { canvas: false }],
  [paintMapTitles, ['maps'], { canvas: false }],
  [paintCharts, ['run'], { interval: 250, section: '.tr-curves' }],
  [paintFilters, ['filters'], { section: '.tr-filters' }],
  [paintBatch, ['batch'], { section: '#batch-box' }],
  [paintProbe, ['probe'], { section: '.tr-probe' }],
  [paintProbeMaps, ['probe'], { section: '.tr-probe' }],
  [paintConfusion, ['evalVersion'], { section: '.tr-confusion' }],
  [paintCompare, ['runs', 'evalVersion', 'defaults'], { interval: 500, section: '.tr-compare' }],
];
