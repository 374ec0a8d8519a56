// The training lab (train.html): the page's state, its worker (worker.js, protocol.js) and its
// settings in the URL hash. The worker trains; this module keeps what it reports in one store
// and repaints what changed once per animation frame (render.js), so the main thread only draws.
import { $ } from '../../shared/dom.js';
import { createStore } from '../../shared/store.js';
import { showNotice } from '../../shared/header.js';
import { startPage } from '../../shared/page.js';
import { hashProblemMessage } from '../../shared/hash.js';
import { liveText, onLangChange, t } from '../../shared/i18n.js';
import { downloadBytes, startWorker } from '../../shared/worker_io.js';
import { createDrawPad } from '../student/views/draw_pad.js';
import { FROM_WORKER, TO_WORKER } from './protocol.js';
import { readSettings, writeSettings, toConfig } from './settings.js';
import { renderControls, syncControls } from './controls.js';
import { hasTrained, newRun, withEvaluation, withProgress } from './run.js';
import { errorSentence } from './text.js';
import { PAINTERS } from './render.js';
import { loadShippedWeights } from './data.js';
import { resource } from '../../shared/resources.js';

/** Most runs kept for comparison. */
const MAX_KEPT = 8;
/** The weights file's header: magic and the variant byte (src/lenet/weights.rs). */
const WEIGHTS_MAGIC = 'CSLENET5';
const WEIGHTS_VARIANTS = ['classic', 'modern'];

const store = createStore({
  phase: 'loading', // 'loading' | 'ready' | 'error'
  defaults: null, // the trainer's TrainConfig defaults
  values: null, // the settings, by hash key (settings.js)
  run: null, // run.js
  runs: [], // kept runs, oldest first
  maps: [], // the layers whose filters and feature maps are shown: [{name, shape, kernel, inputs}]
  filters: null,
  batch: null, // the last batch as trained
  probe: null,
  evalVersion: 0,
  initWeights: null, // {buffer, name, shipped} of the weights a run starts from (null: scratch)
});
let worker = null;
let runId = 0;

function post(msg, transfer) { worker.postMessage(msg, transfer ?? []); }

/** Shows a sentence (a function: written again after a language switch) in the error line, or hides it (null). */
const showError = liveText($('#error'), { hide: true });

/** Starts a new run with the current settings; a run that trained is kept for comparison. */
function newRunFromSettings() {
  const s = store.get();
  if (hasTrained(s.run)) store.set({ runs: [...s.runs, { ...s.run, running: false }].slice(-MAX_KEPT) });
  if (s.run?.running) post({ type: TO_WORKER.pause });
  const weights = s.initWeights?.buffer.slice(0);
  post({ type: TO_WORKER.configure, config: toConfig(s.values), init: weights ? 'weights' : 'scratch', weights }, weights ? [weights] : []);
  showError(null);
}

/** Takes `values` as the settings: the URL hash, the form and a new run follow. */
function applyValues(values) {
  store.set({ values });
  const hash = writeSettings(values, store.get().defaults);
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  syncControls($('#knobs'), values);
  newRunFromSettings();
}

function setValue(key, value) {
  const s = store.get();
  if (key === 'v' && s.initWeights?.shipped) {
    useShippedWeights(value); // the other variant's shipped weights, then a new run
    return;
  }
  if (key === 'v' && s.initWeights) store.set({ initWeights: null }); // imported weights are of one variant
  applyValues({ ...s.values, [key]: value });
}

/** Starts runs from the weights the student view ships with, for `variant`. */
async function useShippedWeights(variant) {
  let buffer;
  try {
    buffer = await loadShippedWeights(variant);
  } catch {
    showError(() => t('train.shippedUnavailable'));
    return;
  }
  store.set({ initWeights: { buffer, name: `lenet5-${variant}.bin`, shipped: true } });
  applyValues({ ...store.get().values, v: variant });
}

function startFromScratch() {
  store.set({ initWeights: null });
  newRunFromSettings();
}

async function importWeights(file) {
  const buffer = await file.arrayBuffer();
  const head = new Uint8Array(buffer, 0, Math.min(buffer.byteLength, 10));
  const variant = WEIGHTS_VARIANTS[head[9]];
  if (String.fromCharCode(...head.subarray(0, 8)) !== WEIGHTS_MAGIC || !variant) {
    showError(() => t('train.importNotWeights'));
    return;
  }
  store.set({ initWeights: { buffer, name: file.name } });
  applyValues({ ...store.get().values, v: variant });
}

const onMessage = {
  [FROM_WORKER.ready](m) {
    const { values, rejected, problems } = readSettings(location.hash, m.defaults);
    store.set({ defaults: m.defaults, maps: m.maps, values, phase: 'ready' });
    if (rejected.length) showNotice(() => t('train.settingsRejected', { keys: rejected.join(', ') }), 'settings');
    const problem = hashProblemMessage(problems);
    if (problem) showNotice(problem, 'hash');
    renderControls($('#knobs'), values, setValue);
    $('#loading').hidden = true;
    newRunFromSettings();
  },
  [FROM_WORKER.run](m) {
    store.set({ run: newRun(++runId, store.get().values, m.config, m.init), filters: null, batch: null });
  },
  [FROM_WORKER.progress](m) { if (store.get().run) store.set({ run: withProgress(store.get().run, m) }); },
  [FROM_WORKER.evaluation](m) {
    const s = store.get();
    if (s.run) store.set({ run: withEvaluation(s.run, m), evalVersion: s.evalVersion + 1 });
  },
  [FROM_WORKER.filters](m) { store.set({ filters: m }); },
  [FROM_WORKER.batch](m) {
    $('#batch-box').hidden = false;
    store.set({ batch: m });
  },
  [FROM_WORKER.probe](m) { store.set({ probe: m }); },
  [FROM_WORKER.weights](m) { downloadBytes(m.buffer, `lenet5-${m.variant}-trained.bin`); },
  [FROM_WORKER.error](m) {
    if (m.during === 'init') store.set({ phase: 'error' });
    if (m.during === 'configure' && store.get().initWeights) store.set({ initWeights: null });
    showError(() => errorSentence(m));
  },
};

// ---- painting: once per frame at most, only what changed, and at most one canvas painter per
// frame (each its own task); a painter with a minimum interval (render.js PAINTERS) waits for
// it. So the main thread stays light while the worker trains.
const pending = new Set(); // painters to run
let frame = 0;
let later = 0;
const lastPainted = new Map();
const onScreen = new Set(); // panels in view (IntersectionObserver); the others wait
function schedule() { frame ||= requestAnimationFrame(paint); }
store.subscribe((_, changed) => {
  for (const entry of PAINTERS) if (entry[1].some((k) => changed.has(k))) pending.add(entry);
  schedule();
});
function paint() {
  frame = 0;
  const t0 = performance.now();
  const s = store.get();
  let canvasPainted = false;
  let waiting = false;
  for (const entry of PAINTERS) {
    const [painter, , { interval = 0, canvas = true, section = null } = {}] = entry;
    if (!pending.has(entry) || (section && !onScreen.has(section))) continue;
    if (t0 - (lastPainted.get(painter) ?? -Infinity) < interval) { waiting = true; continue; }
    if (canvas && canvasPainted) continue;
    canvasPainted ||= canvas;
    pending.delete(entry);
    lastPainted.set(painter, t0);
    const t1 = performance.now();
    painter(s);
    performance.measure(`train-paint:${painter.name}`, { start: t1 });
  }
  performance.measure('train-paint', { start: t0 });
  const due = [...pending].some(([, , { section = null } = {}]) => !section || onScreen.has(section));
  if (!due) return;
  if (!waiting) schedule();
  else if (!later) later = setTimeout(() => { later = 0; schedule(); }, 100);
}
function repaintAll() {
  for (const entry of PAINTERS) pending.add(entry);
  lastPainted.clear();
  schedule();
}

/** Paints a panel when it scrolls into view (what changed meanwhile is still pending). */
function watchPanels() {
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const key = PAINTERS.find(([, , o]) => o?.section && e.target.matches(o.section))?.[2].section;
      if (!key) continue;
      if (e.isIntersecting) onScreen.add(key);
      else onScreen.delete(key);
    }
    schedule();
  });
  for (const [, , o] of PAINTERS) if (o?.section) io.observe($(o.section));
}

function bind() {
  $('#start').addEventListener('click', () => {
    const run = store.get().run;
    if (!run) return;
    store.set({ run: { ...run, running: true } });
    post({ type: TO_WORKER.start });
  });
  $('#pause').addEventListener('click', () => post({ type: TO_WORKER.pause }));
  $('#step').addEventListener('click', () => post({ type: TO_WORKER.step }));
  $('#reset').addEventListener('click', () => newRunFromSettings());
  $('#export').addEventListener('click', () => post({ type: TO_WORKER.export }));
  $('#init-shipped').addEventListener('click', () => useShippedWeights(store.get().values.v));
  $('#init-scratch').addEventListener('click', startFromScratch);
  $('#import').addEventListener('change', (e) => {
    const file = e.target.files?.[0];
    if (file) importWeights(file);
    e.target.value = '';
  });
  $('#probe-next').addEventListener('click', () => post({ type: TO_WORKER.probe, index: Math.floor(Math.random() * 2000) }));
  $('#runs-clear').addEventListener('click', () => store.set({ runs: [] }));
  const pad = createDrawPad($('#pad'), {
    side: 168,
    onChange: ({ imageData, strokes, drawing }) => {
      if (!strokes || drawing) return;
      const rgba = imageData.data;
      post({ type: TO_WORKER.probe, rgba, width: imageData.width, height: imageData.height }, [rgba.buffer]);
    },
  });
  $('#pad-clear').addEventListener('click', () => pad.clear());
  addEventListener('resize', repaintAll);
  addEventListener('hashchange', () => {
    const s = store.get();
    if (!s.defaults) return;
    const { values } = readSettings(location.hash, s.defaults);
    store.set({ values });
    syncControls($('#knobs'), values);
    newRunFromSettings();
  });
  onLangChange(() => {
    const s = store.get();
    renderControls($('#knobs'), s.values ?? {}, setValue, { disabled: !s.values });
    repaintAll();
  });
}

async function main() {
  await startPage(['train']);
  // The form in its final shape at once (blank and disabled until the trainer's defaults are in),
  // so the page does not move when they arrive.
  renderControls($('#knobs'), {}, setValue, { disabled: true });
  bind();
  repaintAll();
  // Shown after the first paintStatus (train.css hides the page until then); the panels are
  // watched once shown (an IntersectionObserver does not see a hidden panel come into view).
  requestAnimationFrame(() => {
    $('#tr').dataset.built = '';
    watchPanels();
  });
  worker = startWorker(resource('www/pages/train/worker.js'), onMessage, (why) => {
    store.set({ phase: 'error' });
    showError(() => (why === null ? t('train.errNoWorker') : t('train.errLoad', { why })));
  });
  if (worker) post({ type: TO_WORKER.init });
}

main();
import('../../shared/sw-register.js').then((m) => m.registerServiceWorker(), () => {}); // offline copy (sw.js)
