// Transfer learning in the training module (pkg-train/) in Node, as transfer.html's worker uses
// it: the demo alphabets load from the shipped file, feature extraction on 10 examples per class
// classifies held-out demo images, fine-tuning goes through the lecture's stages with the named
// frozen layers, bad tasks throw named errors and leave the module working, and an exported
// network predicts what the trainer predicts.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { load, ROOT } from './load.mjs';

let cs;
let set;
let base;
before(async () => {
  ({ cs } = await load('pkg-train'));
  const gz = await readFile(`${ROOT}/www/assets/alphabets.bin.gz`);
  set = cs.AlphabetSet.fromBytes(gunzipSync(gz));
  base = new Uint8Array(await readFile(`${ROOT}/www/assets/weights/lenet5-modern.bin`));
});

test('the demo set holds two alphabets of five classes with at least 300 images each', () => {
  const list = set.alphabets();
  assert.deepEqual(list.map((a) => a.id), ['hangul', 'math']);
  assert.deepEqual(list[0].classes, ['ㄱ', 'ㄴ', 'ㄷ', 'ㄹ', 'ㅁ']);
  assert.deepEqual(list[1].classes, ['+', '−', '×', '÷', '=']);
  for (const a of list) assert.ok(a.perClass >= 300, `${a.id}: ${a.perClass}`);
  const img = set.images('math', 0, 0, 2);
  assert.equal(img.length, 2 * 784);
  assert.ok(Math.max(...img) === 1 && Math.min(...img) === 0, 'ink stretched to 1 like a drawing');
  assert.throws(() => cs.AlphabetSet.fromBytes(new Uint8Array([0x1f, 0x8b, 8, 0])), (e) => e.code === 'data_corrupt');
});

test('feature extraction on 10 examples per class classifies held-out Hangul above 90%', () => {
  const s = set.split('hangul', 10, 1);
  assert.equal(s.trainLabels.length, 50);
  assert.equal(s.testLabels.length, 500);
  const t = new cs.Transfer({ method: 'featureExtraction' }, base, s.classes, s.trainPixels, s.trainLabels);
  assert.deepEqual(t.frozen(), ['C1', 'C3', 'C5', 'F6']);
  const first = t.step(10);
  assert.equal(first.events[0].type, 'stageStart');
  assert.equal(first.stage, 'head');
  const last = t.step(1000);
  assert.ok(last.finished && last.events.some((e) => e.type === 'finished'));
  assert.equal(last.stepsDone, t.config().headSteps);
  const m = t.evaluate(s.testPixels, s.testLabels);
  assert.equal(m.confusion.length, 5);
  assert.equal(m.confusion.flat().reduce((a, b) => a + b, 0), 500);
  assert.ok(m.accuracy > 0.9, `held-out accuracy ${m.accuracy}`);
  // Predict one held-out image; the exported network (f16 weights) agrees with the trainer.
  const img = s.testPixels.subarray(0, 784);
  const p = t.predict(img);
  assert.equal(p.probabilities.length, 5);
  assert.deepEqual(p.layers.map((l) => l.name), ['input', 'C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'output']);
  assert.deepEqual(p.layers[7].shape, [5]);
  const net = cs.AdaptedNet.fromBytes(t.toBytes());
  assert.deepEqual(net.classes, s.classes);
  const q = net.predict(img);
  assert.equal(q.top, p.top);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(q.probabilities[i] - p.probabilities[i]) < 0.02);
  assert.throws(() => net.predict(new Float32Array(784)), (e) => e.code === 'blank_drawing');
  net.free();
  t.free();
});

test('fine-tuning trains the head first, then unfreezes C5 and F6 at the smaller learning rate', () => {
  const s = set.split('math', 5, 2);
  const cfg = { method: 'fineTuning', headSteps: 20, fineTuneSteps: 10 };
  const t = new cs.Transfer(cfg, base, s.classes, s.trainPixels, s.trainLabels);
  assert.deepEqual(t.procedure().map((p) => p.done), [true, true, false, false, false, false]);
  const a = t.step(20);
  const unfrozen = a.events.find((e) => e.type === 'unfrozen');
  assert.deepEqual(unfrozen.layers, ['C5', 'F6']);
  assert.equal(unfrozen.lr, t.config().fineTuneLr);
  assert.equal(t.stage, 'fineTune');
  assert.deepEqual(t.frozen(), ['C1', 'C3']);
  assert.deepEqual(t.procedure().map((p) => p.done), [true, true, true, true, false, true]);
  const b = t.step(100);
  assert.equal(b.steps, 10);
  assert.ok(b.finished);
  assert.ok(t.procedure().every((p) => p.done));
  t.free();
});

test('bad tasks throw named errors and the module keeps working', () => {
  const s = set.split('math', 2, 3);
  const make = (names, pixels = s.trainPixels, labels = s.trainLabels, config = {}) =>
    () => new cs.Transfer(config, base, names, pixels, labels);
  const named = (f, code, param) => assert.throws(f, (e) => {
    assert.equal(e.code, code, e.message);
    if (param) assert.equal(e.param, param, e.message);
    return true;
  });
  named(make(['+']), 'too_few_classes', 'classNames');
  named(make(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']), 'too_many_classes', 'classNames');
  named(make(['+', ' ', 'x', '÷', '=']), 'empty_class_name', 'classNames');
  named(make(['+', '−', '+', '÷', '=']), 'duplicate_class_name', 'classNames');
  named(make([...s.classes, 'extra']), 'class_without_examples', 'labels');
  const blank = s.trainPixels.slice();
  blank.fill(0, 784, 2 * 784);
  named(make(s.classes, blank), 'blank_drawing', 'pixels');
  named(make(s.classes, s.trainPixels.subarray(1)), 'shape_mismatch', 'pixels');
  named(make(s.classes, undefined, undefined, { method: 'transfer' }), 'invalid_value', 'method');
  named(make(s.classes, undefined, undefined, { headStep: 3 }), 'unknown_option', 'headStep');
  named(() => new cs.Transfer({}, new Uint8Array(20), s.classes, s.trainPixels, s.trainLabels), 'weights_corrupt', 'baseWeights');
  const t = new cs.Transfer({ headSteps: 5 }, base, s.classes, s.trainPixels, s.trainLabels);
  assert.equal(t.step(5).steps, 5);
  named(() => t.predict(new Float32Array(784)), 'blank_drawing', 'pixels');
  t.free();
});

test('the experiment API fills the accuracy table cell by cell', () => {
  const e = new cs.TransferExperiment(
    { shots: [2], seeds: [1], methods: ['featureExtraction', 'scratch'], config: { headSteps: 30, fineTuneSteps: 0 } },
    base, set, 'math');
  let r = e.runNext();
  assert.deepEqual([r.done, r.completed, r.total, r.cell.method], [false, 1, 2, 'featureExtraction']);
  r = e.runNext();
  assert.ok(r.done);
  const table = e.table();
  assert.deepEqual(table.methods, ['featureExtraction', 'scratch']);
  assert.ok(table.mean.flat().every((v) => v > 0.2 && v <= 1), JSON.stringify(table.mean));
  e.free();
});
