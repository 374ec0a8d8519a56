// The training lab's worker protocol: every message between the page (main.js) and its worker
// (worker.js), both ways. Messages are plain objects `{type, …}`; numbers are plain numbers,
// tensors `{data: Float32Array, shape}`; weights files travel as transferable ArrayBuffers.
// Only the worker touches the trainer (pkg-train/) and the data; the page only draws.
//
// Page → worker (TO_WORKER):
//   init      {}                               load the data and the training module; replies `ready`
//   configure {config, init: 'scratch'|'weights', weights?: ArrayBuffer}
//                                              a new run (also: reset): a fresh Trainer with
//                                              `config` (a TrainConfig, camelCase; missing
//                                              settings take the trainer's defaults) from a
//                                              seeded random start or from a weights file;
//                                              replies `run` (or `error`), then `evaluation`,
//                                              `filters` and `probe` for the start
//   start     {}                               train in slices until paused or finished
//   pause     {}                               stop after the current slice; replies `progress`
//   step      {}                               train exactly one batch (when paused)
//   evaluate  {}                               replies `evaluation`
//   export    {}                               replies `weights`
//   probe     {index: number} | {rgba: Uint8ClampedArray, width, height}
//                                              the digit whose feature maps are shown: a
//                                              validation image, or a drawing (RGBA, ink
//                                              opaque; the core's preprocessDigit centres it
//                                              as MNIST does); replies `probe` now and
//                                              ~1×/s while training
//
// Worker → page (FROM_WORKER):
//   ready      {trainImages, valImages, defaults, backend, maps}  maps: the layers whose filters and
//              feature maps the page shows (mapLayers of layerSpecs()), [{name, shape, kernel, inputs}]
//   run        {config, batchesPerEpoch, init}  the run `configure` made (every default filled)
//   progress   {running, finished, epoch, batch, batchesPerEpoch, imagesSeen, lr, loss,
//               accuracy, imagesPerSecond, trainMs, epochMs, events}
//              ~10×/s while training: loss and accuracy averaged over the images since the last
//              report (as trained: augmented, with dropout); imagesPerSecond over the last
//              25 slices (~1 s of training); trainMs: training time of the run (pauses excluded, measured
//              with performance.now() in the worker); epochMs: duration of the last whole epoch
//              (null before one ends); events: the trainer's events since the last report
//              ({type: 'epochEnd'|'lrReduced'|'earlyStop'|'restoredBest'|'finished', epoch, …})
//   evaluation {epoch, imagesSeen, loss, accuracy, confusion: number[10][10] (row: true class)}
//              on the validation set: at the start and at each epoch end
//   filters    {imagesSeen, layers: [{weight, bias}] (in the order of `maps`)} ~2×/s while training
//   batch      {pixels: Float32Array(k·784), labels: Uint8Array(k)}  the first k ≤ 16 images of
//              the last training batch as the network saw them (augmented), with `filters`
//   probe      {index, pixels: Float32Array(784), label, probabilities: Float32Array(10),
//               layers: tensor[] (in the order of `maps`)}   ~1×/s while training, and on request
//   weights    {buffer: ArrayBuffer, variant}  (transferred) the run's weights file
//   error      {during, code, param, message, expected, got, limit}  a failed request: `during`
//              names it ('init', 'configure', 'step', …); code/param come from the wasm error

export const TO_WORKER = Object.freeze({
  init: 'init', configure: 'configure', start: 'start', pause: 'pause', step: 'step',
  evaluate: 'evaluate', export: 'export', probe: 'probe',
});

export const FROM_WORKER = Object.freeze({
  ready: 'ready', run: 'run', progress: 'progress', evaluation: 'evaluation', filters: 'filters',
  batch: 'batch', probe: 'probe', weights: 'weights', error: 'error',
});

/** How often the worker reports, in ms of training. */
export const REPORT_MS = { progress: 100, filters: 500, probe: 1000 };

/** An error as the protocol carries it (wasm errors keep their code and param). */
export function errorMessage(during, err) {
  const e = err ?? {};
  return {
    type: FROM_WORKER.error, during, code: e.code ?? null, param: e.param ?? null,
    message: String(e.message ?? e), expected: e.expected ?? null, got: e.got ?? null, limit: e.limit ?? null,
  };
}
