// The transfer page's worker: its own instance of the training module (pkg-train/: Transfer,
// AdaptedNet, AlphabetSet, TransferExperiment, /work/coord/transfer-api.md), the demo alphabets,
// the MNIST-trained base weights, and the loops: one run trained in slices of ~SLICE_MS (as the
// training lab's worker does), the three-method comparison one cell at a time. Every message is
// documented in protocol.js; every call into the engine is in this file.
import initTrain, { AdaptedNet, AlphabetSet, Transfer, TransferExperiment, layerSpecs, preprocessDigit } from '../../../pkg-train/convscope.js';
import { FROM_WORKER, METHODS, REPORT_MS, TO_WORKER, errorMessage } from './protocol.js';
import { byClass, heldOutFor, loadAlphabets } from './alphabets.js';
import { ENGINE_METHOD, PAGE_METHOD, diagramLayers, plans } from './network.js';
import { summarize } from './stats.js';
import { serveRequests } from '../../shared/worker_io.js';
import { fetchResource, resource } from '../../shared/resources.js';
import { loadShippedWeights } from '../train/data.js';
import { imageSize, mapLayers } from '../../shared/layer-specs.js';


/** Target length of one training slice, ms (a stop waits at most this long). */
const SLICE_MS = 40;
const MAX_STEPS_PER_SLICE = 200;

let specs = null; // layerSpecs(): the network's layers, input first
let maps = []; // the names of the layers whose feature maps the page shows (mapLayers)
let IMAGE = 0; // values of one image (28·28)
let set = null; // AlphabetSet
let alphabets = []; // set.alphabets()
let defaults = null;
let base = null; // Uint8Array, the base weights of defaults.variant
const heldOutSplits = new Map(); // alphabet id → its held-out split
let run = null; // see startRun
let compare = null; // {experiment, cells, running, total, t0}
let pick = 0; // counter for "another example" / "a held-out image"

const post = (msg, transfer = []) => self.postMessage(msg, transfer);

const tick = new MessageChannel();
tick.port1.onmessage = () => (run?.running ? slice() : compare?.running ? compareCell() : undefined);
const yieldThen = () => tick.port2.postMessage(null);

const heldOutSplit = (id) => {
  if (!heldOutSplits.has(id)) heldOutSplits.set(id, set.split(id, 1, 0));
  return heldOutSplits.get(id);
};

function tensor(layer) {
  return { data: Float32Array.from(layer.data), shape: Array.from(layer.shape) };
}

/** The model "Try it" and the probe use: the run's Transfer or an imported AdaptedNet. */
const model = () => run?.t ?? run?.net ?? null;

/** A prediction with the feature maps of the layers `maps` names (in that order), ready to post. */
function predictOut(pixels) {
  const out = model().predict(pixels);
  const layers = maps.map((name) => tensor(out.layers.find((l) => l.name === name)));
  const probabilities = Float32Array.from(out.probabilities);
  return { msg: { pixels: Float32Array.from(pixels), probabilities, layers }, transfer: [probabilities.buffer, ...layers.map((l) => l.data.buffer)] };
}

/** The images the probe and "a held-out image" pick from: held-out ones, else the examples. */
function pool() {
  if (run.held) return { pixels: run.held.pixels, labels: run.held.labels, count: run.held.count };
  return { pixels: run.pixels, labels: run.labels, count: run.labels.length };
}

function sendProbe() {
  if (!model()) return;
  const p = pool();
  if (!p.count) return;
  const i = run.probeIndex % p.count;
  const { msg, transfer } = predictOut(p.pixels.subarray(i * IMAGE, (i + 1) * IMAGE));
  post({ type: FROM_WORKER.probe, index: i, label: p.labels[i], heldOut: Boolean(run.held), ...msg }, transfer);
}

/** Accuracy and confusion on the held-out images (or, for own classes, on the examples). */
function evaluate() {
  const p = pool();
  if (!p.count) return null;
  if (run.t) return run.t.evaluate(p.pixels, p.labels);
  const n = run.classes.length;
  const confusion = Array.from({ length: n }, () => new Array(n).fill(0));
  let right = 0;
  for (let i = 0; i < p.count; i++) {
    const probs = run.net.predict(p.pixels.subarray(i * IMAGE, (i + 1) * IMAGE)).probabilities;
    let best = 0;
    for (let c = 1; c < n; c++) if (probs[c] > probs[best]) best = c;
    confusion[p.labels[i]][best]++;
    if (best === p.labels[i]) right++;
  }
  return { accuracy: right / p.count, confusion, images: p.count };
}

function sendEvaluation() {
  const e = evaluate();
  if (!e) return;
  run.accuracy = run.held ? e.accuracy : null;
  post({ type: FROM_WORKER.evaluation, accuracy: run.accuracy, confusion: e.confusion, images: e.images, onExamples: !run.held });
}

function currentStep() {
  if (run.method !== 'finetune') return null;
  const next = run.t.procedure().find((s) => !s.done);
  return next ? next.step : null;
}

function sendProgress() {
  const m = run.last;
  post({
    type: FROM_WORKER.progress, running: run.running, stepsDone: m?.stepsDone ?? 0, totalSteps: run.totalSteps, loss: m?.loss ?? null,
    trainAccuracy: m?.accuracy ?? null, stage: run.t.stage, step: run.running ? currentStep() : null, trainMs: run.trainMs,
    layers: diagramLayers(specs, run.method, run.t.frozen(), run.classes.length),
  });
  run.reported.progress = run.trainMs;
}

function finish(stopped) {
  run.running = false;
  sendProgress();
  sendEvaluation();
  sendProbe();
  post({ type: FROM_WORKER.done, stopped, accuracy: run.accuracy, trainMs: run.trainMs });
}

function slice() {
  try {
    const t0 = performance.now();
    const m = run.t.step(run.stepsPerSlice);
    const ms = performance.now() - t0;
    run.trainMs += ms;
    if (m.steps > 0) run.stepsPerSlice = Math.max(1, Math.min(MAX_STEPS_PER_SLICE, Math.round(SLICE_MS / (ms / m.steps))));
    run.last = m;
    run.totalSteps = m.totalSteps;
    if (m.finished) { finish(false); return; }
    const r = run.reported;
    if (run.trainMs - r.evaluation >= REPORT_MS.evaluation) { sendEvaluation(); r.evaluation = run.trainMs; }
    if (run.trainMs - r.probe >= REPORT_MS.probe) { sendProbe(); r.probe = run.trainMs; }
    if (run.trainMs - r.progress >= REPORT_MS.progress) sendProgress();
    yieldThen();
  } catch (err) {
    run.running = false;
    post(errorMessage('train', err));
    sendProgress();
  }
}

function freeRun() {
  run?.t?.free();
  run?.net?.free();
  run = null;
}

function startRun({ method, classes, settings }) {
  const names = classes.map((c) => c.name);
  const k = classes.reduce((n, c) => n + c.examples.length, 0);
  const pixels = new Float32Array(k * IMAGE);
  const labels = new Uint8Array(k);
  let i = 0;
  classes.forEach((c, label) => c.examples.forEach((px) => { pixels.set(px, i * IMAGE); labels[i++] = label; }));
  // The engine checks the classes (names, counts, examples) and throws a named error; the
  // current run is kept until the new one exists.
  const t = new Transfer({ ...settings, method: ENGINE_METHOD[method] }, base, names, pixels, labels);
  freeRun();
  const held = heldOutFor(names, alphabets, heldOutSplit);
  run = {
    t, method, classes: names, pixels, labels, held, running: true, trainMs: 0, stepsPerSlice: 1, last: null, totalSteps: 0, accuracy: null,
    probeIndex: 0, reported: { progress: -Infinity, evaluation: 0, probe: 0 },
  };
  post({ type: FROM_WORKER.run, method, classes: names, layers: diagramLayers(specs, method, t.frozen(), names.length), heldOut: held?.count ?? 0 });
  sendEvaluation();
  sendProbe();
  yieldThen();
}

// ---- the comparison: one (method, shots, seed) cell per call, results folded into mean ± sd

const compareResult = () => ({ sizes: compare.sizes, methods: METHODS, rows: summarize(compare.cells, PAGE_METHOD) });

function compareCell() {
  try {
    const r = compare.experiment.runNext();
    if (r.cell) compare.cells.push(r.cell);
    post({ type: FROM_WORKER.compareProgress, done: r.completed, total: r.total });
    if (r.cell) post({ type: FROM_WORKER.compareResult, ...compareResult() });
    if (r.done) endCompare(false);
    else yieldThen();
  } catch (err) {
    post(errorMessage('compare', err));
    endCompare(true);
  }
}

function endCompare(stopped) {
  compare.running = false;
  compare.experiment.free();
  post({ type: FROM_WORKER.compareDone, stopped, ms: performance.now() - compare.t0 });
}

const handlers = {
  async [TO_WORKER.init]() {
    await initTrain({ module_or_path: fetchResource(resource('pkg-train/convscope_bg.wasm')) });
    defaults = Transfer.defaults();
    specs = layerSpecs();
    maps = mapLayers(specs).map((s) => s.name);
    IMAGE = imageSize(specs).reduce((a, b) => a * b);
    const [loaded, weights] = await Promise.all([
      loadAlphabets(AlphabetSet),
      loadShippedWeights(defaults.variant), // the MNIST-trained weights (the student page's network)
    ]);
    set = loaded;
    base = new Uint8Array(weights);
    alphabets = set.alphabets().map((a, index) => ({ ...a, index, heldOut: heldOutSplit(a.id).testLabels.length }));
    post({ type: FROM_WORKER.ready, alphabets, defaults, plans: plans(specs), maps: mapLayers(specs).map(({ name, shape }) => ({ name, shape })) });
  },
  [TO_WORKER.demo]({ alphabet, perClass, seed }) {
    const s = set.split(alphabet, perClass, seed);
    const examples = byClass(s.trainPixels, s.trainLabels, s.classes.length);
    post({ type: FROM_WORKER.demo, alphabet, classes: s.classes.map((name, i) => ({ name, examples: examples[i] })) });
  },
  [TO_WORKER.preprocess]({ rgba, width, height, target }) {
    const pixels = preprocessDigit(rgba, width, height);
    if (!pixels) throw Object.assign(new Error('blank drawing'), { code: 'blank_drawing' });
    post({ type: FROM_WORKER.example, target, pixels });
  },
  [TO_WORKER.train]: startRun,
  [TO_WORKER.stop]() { if (run?.running) finish(true); },
  [TO_WORKER.probe]() {
    if (!run) return;
    run.probeIndex += 1 + (pick++ % 7) * 13; // a different image each time, spread over the classes
    sendProbe();
  },
  [TO_WORKER.predict]({ rgba, width, height }) {
    const pixels = model() ? preprocessDigit(rgba, width, height) : null;
    if (!pixels) { post({ type: FROM_WORKER.prediction, pixels: null, probabilities: null, layers: null }); return; }
    const { msg, transfer } = predictOut(pixels);
    post({ type: FROM_WORKER.prediction, ...msg }, transfer);
  },
  [TO_WORKER.sample]() {
    if (!run?.held) return;
    const i = (pick++ * 37) % run.held.count;
    const bytes = new Uint8Array(IMAGE);
    for (let j = 0; j < IMAGE; j++) bytes[j] = Math.round(run.held.pixels[i * IMAGE + j] * 255);
    post({ type: FROM_WORKER.sample, bytes, label: run.classes[run.held.labels[i]] });
  },
  [TO_WORKER.compare]({ alphabet, sizes, seeds, settings }) {
    if (compare?.running) return;
    const { seed, ...config } = settings;
    const experiment = new TransferExperiment({ shots: sizes, seeds: Array.from({ length: seeds }, (_, i) => seed + i), methods: METHODS.map((m) => ENGINE_METHOD[m]), config }, base, set, alphabet);
    compare = { experiment, cells: [], sizes, running: true, t0: performance.now() };
    yieldThen();
  },
  [TO_WORKER.compareStop]() { if (compare?.running) endCompare(true); },
  [TO_WORKER.export]() {
    const m = model();
    if (!m) return;
    const bytes = m.toBytes();
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    post({ type: FROM_WORKER.network, buffer, name: 'lenet5-adapted.bin' }, [buffer]);
  },
  [TO_WORKER.import]({ buffer }) {
    const net = AdaptedNet.fromBytes(new Uint8Array(buffer));
    freeRun();
    const names = Array.from(net.classes);
    const held = heldOutFor(names, alphabets, heldOutSplit);
    run = { net, method: null, classes: names, pixels: new Float32Array(0), labels: new Uint8Array(0), held, running: false, probeIndex: 0, accuracy: null };
    post({ type: FROM_WORKER.run, imported: true, method: null, classes: names, layers: diagramLayers(specs, null, [], names.length), heldOut: held?.count ?? 0 });
    sendEvaluation();
    sendProbe();
  },
};

serveRequests(handlers, errorMessage);
