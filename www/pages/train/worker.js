// The training lab's worker: its own instance of the training module (pkg-train/: the trainer,
// and the same inference core as pkg/, for the probe digit's feature maps), the data set, and
// the training loop. It
// trains in slices of ~SLICE_MS and yields between them, so a pause arrives at once and the
// page hears about progress ~10×/s. Every message is documented in protocol.js; every call into
// the trainer is in this file.
// pkg-train/ holds every binding pkg/ has plus Trainer: one module to download, not two.
import initTrain, { LeNet5, Trainer, backendName, layerSpecs, preprocessDigit } from '../../../pkg-train/convscope.js';
import { FROM_WORKER, REPORT_MS, TO_WORKER, errorMessage } from './protocol.js';
import { loadSubset } from './data.js';
import { serveRequests } from '../../shared/worker_io.js';
import { fetchResource, resource } from '../../shared/resources.js';
import { imageSize, mapLayers } from '../../shared/layer-specs.js';

/** The data file the worker loads (scripts/mnist_subset.mjs, www/assets/README.md). */
const DATA_URL = resource('www/assets/mnist-train.bin.gz');

/** Target length of one training slice, ms (a pause waits at most this long). */
const SLICE_MS = 40;
const MAX_BATCHES_PER_SLICE = 64;
/** Images/s is averaged over the last this many slices (~1 s of training). */
const RATE_SLICES = 25;

let data = null;
let maps = []; // the layers whose filters and feature maps the page shows (mapLayers)
let IMAGE = 0; // values of one image (28·28)
let trainer = null;
let run = null; // {variant, running, batchesPerSlice, trainMs, epochStart, epochMs, acc: {...}, lastReport: {...}}
const probe = { index: 0, pixels: null, label: null };

const post = (msg, transfer = []) => self.postMessage(msg, transfer);

// A zero-delay yield between slices (setTimeout(0) is clamped to 4 ms when nested).
const tick = new MessageChannel();
tick.port1.onmessage = () => slice();
const yieldThen = () => tick.port2.postMessage(null);

function freshRun(variant) {
  return {
    variant, running: false, finished: false, batchesPerSlice: 1, trainMs: 0, epochStartMs: 0, epochMs: null,
    slices: [], pending: { images: 0, lossSum: 0, correct: 0, events: [] }, last: { epoch: 0, batch: 0, imagesSeen: 0, lr: 0 },
    reported: { progress: -Infinity, filters: 0, probe: 0 },
  };
}

function tensorOut(t) {
  const data = Float32Array.from(t.data);
  return { data, shape: Array.from(t.shape) };
}

function sendFilters() {
  const layers = maps.map(({ name }) => {
    const f = trainer.filters(name);
    return { weight: tensorOut(f.weight), bias: tensorOut(f.bias) };
  });
  const transfer = layers.flatMap((l) => [l.weight.data.buffer, l.bias.data.buffer]);
  post({ type: FROM_WORKER.filters, imagesSeen: run.last.imagesSeen, layers }, transfer);
  const batch = typeof trainer.lastBatch === 'function' ? trainer.lastBatch() : null; // newer trainers only
  if (batch?.labels.length) {
    const pixels = Float32Array.from(batch.pixels);
    const labels = Uint8Array.from(batch.labels);
    post({ type: FROM_WORKER.batch, pixels, labels }, [pixels.buffer, labels.buffer]);
  }
}

function probePixels() {
  if (probe.pixels) return probe.pixels;
  const px = new Float32Array(IMAGE);
  const src = data.val.pixels.subarray(probe.index * IMAGE, (probe.index + 1) * IMAGE);
  for (let i = 0; i < IMAGE; i++) px[i] = src[i] / 255;
  return px;
}

function sendProbe() {
  const net = LeNet5.fromBytes(trainer.encode(), run.variant);
  try {
    const pixels = probePixels();
    const out = net.forward(pixels);
    const layers = maps.map(({ name }) => tensorOut(out.layers.find((l) => l.name === name)));
    const probabilities = Float32Array.from(out.probabilities);
    post({
      type: FROM_WORKER.probe, index: probe.pixels ? null : probe.index, label: probe.pixels ? null : data.val.labels[probe.index],
      pixels: Float32Array.from(pixels), probabilities, layers,
    }, [...layers.map((l) => l.data.buffer), probabilities.buffer]);
  } finally {
    net.free();
  }
}

function sendEvaluation() {
  const e = trainer.evaluate();
  post({ type: FROM_WORKER.evaluation, epoch: run.last.epoch, imagesSeen: run.last.imagesSeen, loss: e.loss, accuracy: e.accuracy, confusion: e.confusion });
}

function imagesPerSecond() {
  run.slices = run.slices.slice(-RATE_SLICES);
  const ms = run.slices.reduce((a, s) => a + s.ms, 0);
  const images = run.slices.reduce((a, s) => a + s.images, 0);
  return ms > 0 ? (images * 1000) / ms : 0;
}

function sendProgress() {
  const p = run.pending;
  post({
    type: FROM_WORKER.progress, running: run.running, finished: run.finished, ...run.last,
    loss: p.images ? p.lossSum / p.images : null, accuracy: p.images ? p.correct / p.images : null,
    imagesPerSecond: imagesPerSecond(), trainMs: run.trainMs, epochMs: run.epochMs, events: p.events,
  });
  run.pending = { images: 0, lossSum: 0, correct: 0, events: [] };
  run.reported.progress = run.trainMs;
}

/** Trains `batches` batches and accounts for them; returns the trainer's metrics. */
function train(batches) {
  const t0 = performance.now();
  const m = trainer.step(batches);
  const ms = performance.now() - t0;
  run.trainMs += ms;
  run.slices.push({ ms, images: m.images });
  if (m.batches > 0) run.batchesPerSlice = Math.max(1, Math.min(MAX_BATCHES_PER_SLICE, Math.round(SLICE_MS / (ms / m.batches))));
  const p = run.pending;
  if (m.images > 0) {
    p.images += m.images;
    p.lossSum += m.loss * m.images;
    p.correct += m.accuracy * m.images;
  }
  p.events.push(...m.events);
  run.last = { epoch: m.epoch, batch: m.batch, batchesPerEpoch: m.batchesPerEpoch, imagesSeen: Number(m.imagesSeen), lr: m.lr };
  run.finished = m.finished;
  if (m.events.some((e) => e.type === 'epochEnd')) {
    run.epochMs = run.trainMs - run.epochStartMs;
    run.epochStartMs = run.trainMs;
    sendEvaluation();
  }
  return m;
}

function reportIfDue(force = false) {
  const r = run.reported;
  if (force || run.trainMs - r.filters >= REPORT_MS.filters) { sendFilters(); r.filters = run.trainMs; }
  if (force || run.trainMs - r.probe >= REPORT_MS.probe) { sendProbe(); r.probe = run.trainMs; }
  if (force || run.trainMs - r.progress >= REPORT_MS.progress) sendProgress();
}

function slice() {
  if (!run?.running) return;
  try {
    train(run.batchesPerSlice);
    if (run.finished) run.running = false;
    reportIfDue(!run.running);
    if (run.running) yieldThen();
  } catch (err) {
    run.running = false;
    post(errorMessage('step', err));
    sendProgress();
  }
}

function configure({ config, init, weights }) {
  run = null;
  trainer?.free();
  trainer = null;
  const initWeights = init === 'weights' && weights ? new Uint8Array(weights) : undefined;
  trainer = new Trainer(config, data.train.pixels, data.train.labels, data.val.pixels, data.val.labels, initWeights);
  const full = trainer.config();
  run = freshRun(full.variant);
  Object.assign(run.last, { lr: full.lr, batchesPerEpoch: trainer.batchesPerEpoch });
  post({ type: FROM_WORKER.run, config: full, batchesPerEpoch: trainer.batchesPerEpoch, init: initWeights ? 'weights' : 'scratch' });
  sendEvaluation();
  reportIfDue(true);
}

const handlers = {
  async [TO_WORKER.init]() {
    const [subset] = await Promise.all([loadSubset(DATA_URL), initTrain({ module_or_path: fetchResource(resource('pkg-train/convscope_bg.wasm')) })]);
    data = subset;
    const specs = layerSpecs();
    IMAGE = imageSize(specs).reduce((a, b) => a * b);
    // What the page titles its filter and map canvases with: name, shape [C, H, W], kernel, input channels.
    maps = mapLayers(specs).map((s) => ({ name: s.name, shape: s.shape, kernel: s.kernel, inputs: specs.find((x) => x.name === s.input).shape[0] }));
    post({ type: FROM_WORKER.ready, trainImages: data.train.count, valImages: data.val.count, defaults: Trainer.defaults(), backend: backendName(), maps });
  },
  [TO_WORKER.configure]: configure,
  [TO_WORKER.start]() {
    if (!run || run.finished || run.running) return;
    run.running = true;
    sendProgress(); // the page hears "running" at once, after any older report
    yieldThen();
  },
  [TO_WORKER.pause]() {
    if (!run) return;
    run.running = false;
    reportIfDue(true);
  },
  [TO_WORKER.step]() {
    if (!run || run.running || run.finished) return;
    train(1);
    reportIfDue(true);
  },
  [TO_WORKER.evaluate]: () => sendEvaluation(),
  [TO_WORKER.export]() {
    const bytes = trainer.encode();
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    post({ type: FROM_WORKER.weights, buffer, variant: run.variant }, [buffer]);
  },
  [TO_WORKER.probe]({ index, rgba, width, height }) {
    if (rgba) {
      const pixels = preprocessDigit(rgba, width, height);
      if (!pixels) return; // nothing drawn
      probe.pixels = pixels;
    } else if (Number.isInteger(index) && index >= 0 && index < data.val.count) Object.assign(probe, { index, pixels: null });
    if (trainer) sendProbe();
  },
};

serveRequests(handlers, errorMessage);
