// "Teach it a new alphabet" (transfer.html): transfer learning from the MNIST-trained LeNet-5.
// The page keeps the new classes and their examples, the settings (in the URL hash) and what
// its worker (worker.js, protocol.js) reports, in one store; painters (render.js) repaint what
// changed once per animation frame, so the main thread only draws while the worker trains.
import { $ } from '../../shared/dom.js';
import { createStore } from '../../shared/store.js';
import { showNotice } from '../../shared/header.js';
import { startPage } from '../../shared/page.js';
import { hashProblemMessage } from '../../shared/hash.js';
import { liveText, onLangChange, t } from '../../shared/i18n.js';
import { downloadBytes, startWorker } from '../../shared/worker_io.js';
import { resource } from '../../shared/resources.js';
import { createDrawPad } from '../student/views/draw_pad.js';
import { COMPARE_SIZES, FROM_WORKER, METHODS, TO_WORKER } from './protocol.js';
import { readSettings, writeSettings, toEngine } from './settings.js';
import { addClass, addExample, forWorker, newClass, removeClass, removeExample } from './classes.js';
import { PAINTERS, classActions, selectedClass } from './render.js';
import { createPainter } from './paint.js';
import { alphabetName, errorSentence } from './text.js';
import { renderSettings } from './views/settings_form.js';

/** Seeds the comparison averages over (the issue: at least 3). */
const COMPARE_SEEDS = 3;

const store = createStore({
  phase: 'loading', // 'loading' | 'ready' | 'error'
  alphabets: [], // [{id, classes, perClass, heldOut}]
  plans: null, // the diagram of each method before a run: {method: layers}
  maps: [], // the layers whose feature maps are shown: [{name, shape}]
  defaults: null,
  values: null, // settings by hash key (settings.js)
  classes: [], // classes.js
  selected: null, // the class the pad adds to
  run: null, // {method, classes, layers, epochs, heldOut, running, epoch, loss, trainMs, step, accuracy, confusion, done, trained}
  probe: null,
  prediction: null,
  runClasses: null,
  runCount: 0,
  compare: { running: false, done: 0, total: 0, result: null, seeds: COMPARE_SEEDS, ms: null },
});
let worker = null;
let tryPending = false; // a prediction is on its way (the next drawing waits for it)
let tryAgain = null;

function post(msg, transfer) { worker.postMessage(msg, transfer ?? []); }

/** Shows a sentence (a function: written again after a language switch) in the error line, or hides it (null). */
const showError = liveText($('#error'), { hide: true });

function setValues(values) {
  const s = store.get();
  store.set({ values });
  const hash = writeSettings(values, s.defaults, s.alphabets);
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}
const setValue = (key, value) => setValues({ ...store.get().values, [key]: value });

function train() {
  const s = store.get();
  showError(null);
  post({ type: TO_WORKER.train, method: s.values.m, classes: forWorker(s.classes), settings: toEngine(s.values) });
}

function loadDemo() {
  const v = store.get().values;
  showError(null);
  post({ type: TO_WORKER.demo, alphabet: v.demo, perClass: v.k, seed: v.seed });
}

const patchRun = (patch) => { const run = store.get().run; if (run) store.set({ run: { ...run, ...patch } }); };
const patchCompare = (patch) => store.set({ compare: { ...store.get().compare, ...patch } });

const onMessage = {
  [FROM_WORKER.ready](m) {
    const { values, rejected, problems } = readSettings(location.hash, m.defaults, m.alphabets);
    store.set({ alphabets: m.alphabets, defaults: m.defaults, plans: m.plans, maps: m.maps, values, phase: 'ready' });
    if (rejected.length) showNotice(() => t('transfer.settingsRejected', { keys: rejected.join(', ') }), 'settings');
    const problem = hashProblemMessage(problems);
    if (problem) showNotice(problem, 'hash');
    fillPickers();
    renderSettings($('#knobs'), values, setValue);
    $('#loading').hidden = true;
  },
  [FROM_WORKER.demo](m) {
    const classes = m.classes.map((c) => newClass(c.name, c.examples));
    store.set({ classes, selected: classes[0]?.id ?? null });
  },
  [FROM_WORKER.example](m) {
    const s = store.get();
    if (!s.classes.some((c) => c.id === m.target)) return;
    store.set({ classes: addExample(s.classes, m.target, m.pixels) });
    pad.clear();
  },
  [FROM_WORKER.run](m) {
    store.set({
      run: { ...m, running: !m.imported, stepsDone: 0, totalSteps: 0, loss: null, trainMs: 0, step: null, accuracy: null, confusion: null, done: Boolean(m.imported), trained: Boolean(m.imported) },
      prediction: null,
      runClasses: m.classes, // a new list per run: "Try it" repaints its bars
      runCount: store.get().runCount + 1,
    });
    if (m.imported) {
      store.set({ classes: m.classes.map((name) => newClass(name)), selected: null });
      predictDrawing();
    }
  },
  [FROM_WORKER.progress](m) {
    patchRun({ running: m.running, stepsDone: m.stepsDone, totalSteps: m.totalSteps, loss: m.loss, trainMs: m.trainMs, step: m.step, layers: m.layers, trained: m.stepsDone > 0 });
  },
  [FROM_WORKER.evaluation](m) { patchRun({ accuracy: m.accuracy, confusion: m.confusion, onExamples: m.onExamples }); },
  [FROM_WORKER.done](m) {
    patchRun({ running: false, done: !m.stopped, accuracy: m.accuracy, trainMs: m.trainMs, step: null });
    predictDrawing();
  },
  [FROM_WORKER.probe](m) { store.set({ probe: m }); },
  [FROM_WORKER.prediction](m) {
    store.set({ prediction: m });
    tryPending = false;
    if (tryAgain) { const next = tryAgain; tryAgain = null; predict(next); }
  },
  [FROM_WORKER.compareProgress](m) { patchCompare({ done: m.done, total: m.total }); },
  [FROM_WORKER.compareResult](m) { patchCompare({ result: m }); },
  [FROM_WORKER.compareDone](m) { patchCompare({ running: false, ms: m.ms }); },
  [FROM_WORKER.sample](m) { showSample(m.bytes); },
  [FROM_WORKER.network](m) { downloadBytes(m.buffer, m.name); },
  [FROM_WORKER.error](m) {
    if (m.during === 'init') store.set({ phase: 'error' });
    if (m.during === 'predict') tryPending = false;
    if (m.during === 'compare') patchCompare({ running: false });
    if (m.during === 'train') patchRun({ running: false });
    showError(() => errorSentence(m));
  },
};

function fillPickers() {
  const s = store.get();
  const pick = $('#demo-pick');
  pick.replaceChildren(...s.alphabets.map((a) => new Option(alphabetName(a), a.id)));
  pick.value = s.values.demo ?? '';
  const k = $('#demo-k');
  k.replaceChildren(...COMPARE_SIZES.map((n) => new Option(String(n), String(n))));
  k.value = String(s.values.k);
}

const painter = createPainter(store, PAINTERS);

function predict(msg) {
  if (!store.get().run) return;
  if (tryPending) { tryAgain = msg; return; }
  tryPending = true;
  post({ type: TO_WORKER.predict, ...msg }, msg.rgba ? [msg.rgba.buffer] : []);
}

let pad = null;
let padImage = null; // the example pad's drawing (its last image), null when blank
let showSample = () => {};
let tryImage = null; // the "Try it" pad's drawing (its last image), null when blank

/** Reads the "Try it" drawing with the current network (a copy: the message takes its buffer). */
function predictDrawing() {
  if (tryImage) predict({ rgba: tryImage.data.slice(), width: tryImage.width, height: tryImage.height });
}

function bind() {
  $('#train').addEventListener('click', train);
  $('#stop').addEventListener('click', () => post({ type: TO_WORKER.stop }));
  $('#methods').addEventListener('change', (e) => { if (METHODS.includes(e.target.value)) setValue('m', e.target.value); });
  $('#demo').addEventListener('click', loadDemo);
  $('#demo-pick').addEventListener('change', (e) => setValue('demo', e.target.value));
  $('#demo-k').addEventListener('change', (e) => setValue('k', Number(e.target.value)));
  $('#add-class').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('#class-name');
    const name = input.value.trim();
    const classes = addClass(store.get().classes, name);
    store.set({ classes, selected: classes.at(-1).id });
    input.value = '';
    showError(null);
  });
  Object.assign(classActions, {
    onSelect: (id) => store.set({ selected: id }),
    onRemove: (id) => {
      const s = store.get();
      const classes = removeClass(s.classes, id);
      store.set({ classes, selected: s.selected === id ? classes[0]?.id ?? null : s.selected });
    },
    onRemoveExample: (id, i) => store.set({ classes: removeExample(store.get().classes, id, i) }),
  });
  pad = createDrawPad($('#pad'), { side: 168, onChange: ({ imageData, strokes }) => { padImage = strokes ? imageData : null; } });
  $('#pad-clear').addEventListener('click', () => pad.clear());
  $('#pad-add').addEventListener('click', () => {
    const target = selectedClass(store.get());
    if (!target) return;
    if (!padImage) { showError(() => t('transfer.errBlank')); return; }
    const data = padImage;
    padImage = null;
    post({ type: TO_WORKER.preprocess, target: target.id, rgba: data.data, width: data.width, height: data.height }, [data.data.buffer]);
  });
  const tryPad = createDrawPad($('#try-pad'), {
    side: 168,
    onChange: ({ imageData, strokes, sample }) => {
      tryImage = strokes || sample ? imageData : null;
      if (!tryImage) { store.set({ prediction: null }); return; }
      predictDrawing();
    },
  });
  $('#try-clear').addEventListener('click', () => tryPad.clear());
  $('#try-sample').addEventListener('click', () => post({ type: TO_WORKER.sample }));
  showSample = (bytes) => tryPad.setSample(bytes);
  $('#probe-next').addEventListener('click', () => post({ type: TO_WORKER.probe, next: true }));
  $('#export').addEventListener('click', () => post({ type: TO_WORKER.export }));
  $('#import').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const buffer = await file.arrayBuffer();
    showError(null);
    post({ type: TO_WORKER.import, buffer }, [buffer]);
  });
  $('#compare-run').addEventListener('click', () => {
    const s = store.get();
    patchCompare({ running: true, done: 0, total: 0, result: null });
    post({ type: TO_WORKER.compare, alphabet: s.values.demo, sizes: COMPARE_SIZES, seeds: COMPARE_SEEDS, settings: toEngine(s.values) });
  });
  $('#compare-stop').addEventListener('click', () => post({ type: TO_WORKER.compareStop }));
  addEventListener('resize', painter.repaintAll);
  addEventListener('hashchange', () => {
    const s = store.get();
    if (s.phase !== 'ready') return;
    store.set({ values: readSettings(location.hash, s.defaults, s.alphabets).values });
    fillPickers();
    renderSettings($('#knobs'), store.get().values, setValue);
  });
  onLangChange(() => {
    const s = store.get();
    if (s.phase === 'ready') fillPickers();
    renderSettings($('#knobs'), s.values ?? {}, setValue, { disabled: s.phase !== 'ready' });
    painter.repaintAll();
  });
}

async function main() {
  await startPage(['transfer']);
  renderSettings($('#knobs'), {}, setValue, { disabled: true });
  bind();
  painter.repaintAll();
  requestAnimationFrame(() => { $('#tf').dataset.built = ''; });
  worker = startWorker(resource('www/pages/transfer/worker.js'), onMessage, (why) => {
    store.set({ phase: 'error' });
    showError(() => (why === null ? t('transfer.errNoWorker') : t('transfer.errLoad', { why })));
  });
  if (worker) post({ type: TO_WORKER.init });
}

main();
import('../../shared/sw-register.js').then((m) => m.registerServiceWorker(), () => {}); // offline copy (sw.js)
