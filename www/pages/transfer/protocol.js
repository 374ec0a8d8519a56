// The transfer page's worker protocol: every message between the page (main.js) and its worker
// (worker.js), both ways. Plain objects `{type, …}`; images are Float32Array(784) (28×28
// row-major, ink in [0, 1], centred as MNIST), tensors `{data: Float32Array, shape}`, network
// files transferable ArrayBuffers. Only the worker touches the transfer engine (pkg-train/) and
// the demo alphabets; the page only keeps the classes and draws. The training page's protocol
// (../train/protocol.js) is the model: same shapes, same error message.
//
// Page → worker (TO_WORKER):
//   init       {}                     load the training module and the demo alphabets; replies `ready`
//   demo       {alphabet, perClass, seed}   the first examples of a demo alphabet; replies `demo`
//   preprocess {rgba, width, height, target}  a drawing (RGBA, ink opaque) centred as MNIST;
//                                      replies `example` {target, pixels} (or `error` blank_drawing)
//   train      {method, classes: [{name, examples: Float32Array[]}], settings}
//                                      a new run (settings: Transfer config); replies `run`,
//                                      then `progress` ~10×/s, `evaluation` ~2×/s, `probe`
//                                      ~1×/s, `done`; held-out images are those of the demo
//                                      alphabet that has every class name
//   stop       {}                     stop after the current slice; replies `progress`
//   probe      {}                     another image for the feature maps; replies `probe`
//   predict    {rgba, width, height}  "Try it": replies `prediction` (null fields when blank)
//   compare    {alphabet, sizes, seeds, settings}   accuracy vs examples per class for the three
//                                      methods, in slices; replies `compareProgress` and
//                                      `compareResult` (also partial ones), then `compareDone`
//   compareStop {}
//   sample     {}                     a random held-out image of the run's classes; replies `sample`
//   export     {}                     replies `network`
//   import     {buffer}               replies `run` (an imported, trained run) or `error`
//
// Worker → page (FROM_WORKER):
//   ready        {alphabets: [{id, index, name, classes: string[], perClass, heldOut}], defaults, plans, maps}
//                maps: the layers whose feature maps the page shows (mapLayers of layerSpecs()), [{name, shape}]
//   demo         {alphabet, classes: [{name, examples: Float32Array[]}]}
//   example      {target, pixels}
//   run          {method, classes: string[], layers: [{name, shape, frozen, isNew}], heldOut, imported?}
//   progress     {running, stepsDone, totalSteps, loss, trainAccuracy, stage, step, trainMs, layers}
//                stage: the engine's ('head' | 'fineTune' | 'scratch' | 'done'); step: the
//                fine-tuning procedure's step (1–6) the run is in, or null; layers: the diagram
//   evaluation   {accuracy, confusion: number[n][n] (row: true class), images, onExamples}
//                on the held-out images (accuracy null and onExamples true for own classes:
//                then the confusion is on the examples)
//   probe        {index, label, heldOut, pixels, probabilities, layers: tensor[] (in the order of `maps`)}
//                heldOut: the image is a held-out one (else one of the examples)
//   prediction   {pixels, probabilities, layers: tensor[] (as probe's)}
//   done         {stopped, accuracy, trainMs}
//   compareProgress {done, total}
//   compareResult   {sizes, methods, rows: [{size, method, mean, sd, runs}]}
//   compareDone     {stopped, ms}
//   sample       {bytes: Uint8Array(784) (0 background … 255 ink), label}
//   network      {buffer, name}
//   error        {during, code, param, message, expected, got, limit}

export const TO_WORKER = Object.freeze({
  init: 'init', demo: 'demo', preprocess: 'preprocess', train: 'train', stop: 'stop', probe: 'probe',
  predict: 'predict', compare: 'compare', compareStop: 'compareStop', sample: 'sample', export: 'export', import: 'import',
});

export const FROM_WORKER = Object.freeze({
  ready: 'ready', demo: 'demo', example: 'example', run: 'run', progress: 'progress', evaluation: 'evaluation',
  probe: 'probe', prediction: 'prediction', done: 'done', compareProgress: 'compareProgress',
  compareResult: 'compareResult', compareDone: 'compareDone', sample: 'sample', network: 'network', error: 'error',
});

/** The three methods, in the order the page shows them (the engine's names: network.js). */
export const METHODS = ['extract', 'finetune', 'scratch'];

/** Examples per class the comparison measures (the list). */
export const COMPARE_SIZES = [1, 2, 5, 10, 20, 50];

/** How often the worker reports, in ms of training. */
export const REPORT_MS = { progress: 100, evaluation: 500, probe: 1000 };

export { errorMessage } from '../train/protocol.js';
