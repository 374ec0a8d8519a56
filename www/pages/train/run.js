// One training run as the page keeps it: its settings and the worker's reports folded into
// curves, events and the latest numbers. Pure functions returning new objects (the store holds
// them); no DOM, no drawing.

/** Most points kept per training curve (older ones are thinned, every other dropped). */
const MAX_POINTS = 2000;

/** A new, empty run for `values` (the settings by hash key) and `config` (the worker's, complete). */
export function newRun(id, values, config, init) {
  return {
    id, values, config, init, running: false, finished: false,
    epoch: 0, batch: 0, batchesPerEpoch: 0, imagesSeen: 0, lr: config?.lr ?? null,
    imagesPerSecond: null, epochMs: null, trainMs: 0,
    train: [], // {x: epochs, loss, accuracy}, as trained, per report
    epochs: [], // {x, trainLoss, trainAccuracy, valLoss, valAccuracy} at each epoch end
    val: [], // {x, loss, accuracy} at the start and at each evaluation
    events: [], // {x, type, …} callbacks that fired
    confusion: null,
  };
}

function thin(points) {
  return points.length > MAX_POINTS ? points.filter((_, i) => i % 2 === 0) : points;
}

/** The run after a `progress` report. */
export function withProgress(run, p) {
  const x = p.batchesPerEpoch ? p.epoch + p.batch / p.batchesPerEpoch : p.epoch;
  const next = {
    ...run, running: p.running, finished: p.finished, epoch: p.epoch, batch: p.batch, batchesPerEpoch: p.batchesPerEpoch,
    imagesSeen: p.imagesSeen, lr: p.lr, imagesPerSecond: p.imagesPerSecond, epochMs: p.epochMs, trainMs: p.trainMs,
  };
  if (p.loss !== null && Number.isFinite(p.loss)) next.train = thin([...run.train, { x, loss: p.loss, accuracy: p.accuracy }]);
  const events = p.events ?? [];
  const ends = events.filter((e) => e.type === 'epochEnd')
    .map((e) => ({ x: e.epoch, trainLoss: e.trainLoss, trainAccuracy: e.trainAccuracy, valLoss: e.valLoss, valAccuracy: e.valAccuracy }));
  if (ends.length) next.epochs = [...run.epochs, ...ends];
  const fired = events.filter((e) => e.type !== 'epochEnd').map((e) => ({ ...e, x: e.epoch }));
  if (fired.length) next.events = [...run.events, ...fired];
  return next;
}

/** The run after an `evaluation` report. */
export function withEvaluation(run, e) {
  const point = { x: e.epoch, loss: e.loss, accuracy: e.accuracy };
  const val = run.val.filter((v) => v.x !== point.x);
  return { ...run, val: [...val, point], confusion: e.confusion };
}

/** The latest validation accuracy (0…1) or null. */
export function latestValAccuracy(run) {
  return run?.val.length ? run.val[run.val.length - 1].accuracy : null;
}

/** Whether the run has trained at all (worth keeping for comparison). */
export function hasTrained(run) {
  return Boolean(run && run.imagesSeen > 0 && run.val.length > 1);
}
