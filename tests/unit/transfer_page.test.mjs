// The transfer page's pure modules (www/pages/transfer/), without a browser: held-out images are
// picked and relabelled by class name; the diagram locks what the engine says is frozen (and the
// pooling layers with the convolution under them); the comparison's mean and standard deviation;
// the settings' URL hash round trip; the class list's edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byClass, heldOutFor } from '../../www/pages/transfer/alphabets.js';
import { diagramLayers, plans, ENGINE_METHOD, PAGE_METHOD } from '../../www/pages/transfer/network.js';
import { SPECS } from './lenet_specs.mjs';
import { summarize } from '../../www/pages/transfer/stats.js';
import { readSettings, writeSettings, toEngine } from '../../www/pages/transfer/settings.js';
import { addClass, addExample, removeClass, removeExample, forWorker } from '../../www/pages/transfer/classes.js';

/** k images whose every pixel is its index / 100, so a picked image says which one it was. */
function images(k) {
  const px = new Float32Array(k * 784);
  for (let i = 0; i < k; i++) px.fill(i / 100, i * 784, (i + 1) * 784);
  return px;
}

test('heldOutFor takes the alphabet holding every class name and relabels its held-out images to the page\'s order; null when none has them all', () => {
  const alphabets = [{ id: 'math', classes: ['+', '−'] }, { id: 'hangul', classes: ['ㄱ', 'ㄴ', 'ㄷ'] }];
  const split = { classes: ['ㄱ', 'ㄴ', 'ㄷ'], testPixels: images(6), testLabels: Uint8Array.from([0, 1, 2, 0, 1, 2]) };
  let asked = null;
  const held = heldOutFor(['ㄷ', 'ㄱ'], alphabets, (id) => { asked = id; return split; });
  assert.equal(asked, 'hangul');
  assert.equal(held.count, 4);
  assert.deepEqual([...held.labels], [1, 0, 1, 0], 'ㄱ is our class 1, ㄷ our class 0');
  assert.deepEqual([0, 1, 2, 3].map((j) => Math.round(held.pixels[j * 784] * 100)), [0, 2, 3, 5], 'images 0, 2, 3, 5 (ㄴ left out)');
  assert.equal(heldOutFor(['ㄱ', '+'], alphabets, () => split), null);
});

test('byClass splits k images by label, in order', () => {
  const out = byClass(images(4), Uint8Array.from([1, 0, 1, 1]), 2);
  assert.deepEqual(out.map((c) => c.map((px) => Math.round(px[0] * 100))), [[1], [0, 2, 3]]);
});

test('the diagram locks the layers the engine names frozen, S2/S4 with C1/C3; the head is new except from scratch', () => {
  const ft = diagramLayers(SPECS, 'finetune', ['C1', 'C3'], 5);
  assert.deepEqual(ft.map((l) => `${l.name}:${l.frozen ? 'F' : '-'}${l.isNew ? 'N' : ''}`), ['input:-', 'C1:F', 'S2:F', 'C3:F', 'S4:F', 'C5:-', 'F6:-', 'output:-N']);
  assert.equal(ft.at(-1).shape, '5');
  assert.deepEqual(ft.map((l) => l.shape), ['28×28', '6@28×28', '6@14×14', '16@10×10', '16@5×5', '120', '84', '5'], 'the paper\'s shapes');
  assert.equal(diagramLayers(SPECS, 'scratch', [], 3).some((l) => l.frozen || l.isNew), false);
  const p = plans(SPECS);
  assert.deepEqual(p.extract.filter((l) => l.frozen).map((l) => l.name), ['C1', 'S2', 'C3', 'S4', 'C5', 'F6'], 'feature extraction starts with the whole base frozen');
  assert.deepEqual(p.finetune.map((l) => l.frozen), p.extract.map((l) => l.frozen));
  assert.equal(p.scratch.some((l) => l.frozen), false);
  assert.equal(p.extract.at(-1).shape, 'n');
  assert.deepEqual(Object.keys(PAGE_METHOD).sort(), Object.values(ENGINE_METHOD).sort());
});

test('summarize gives the mean and the sample standard deviation over seeds per (shots, method)', () => {
  const cells = [
    { method: 'fineTuning', shots: 5, seed: 1, accuracy: 0.8 }, { method: 'fineTuning', shots: 5, seed: 2, accuracy: 0.9 },
    { method: 'fineTuning', shots: 5, seed: 3, accuracy: 1.0 }, { method: 'scratch', shots: 1, seed: 1, accuracy: 0.3 },
  ];
  const rows = summarize(cells, PAGE_METHOD);
  const ft = rows.find((r) => r.method === 'finetune');
  assert.equal(ft.size, 5);
  assert.equal(ft.runs, 3);
  assert.ok(Math.abs(ft.mean - 0.9) < 1e-12);
  assert.ok(Math.abs(ft.sd - 0.1) < 1e-12, `sd ${ft.sd}`);
  assert.deepEqual(rows.find((r) => r.method === 'scratch'), { size: 1, method: 'scratch', mean: 0.3, sd: 0, runs: 1 });
});

test('settings: only what differs from the engine\'s defaults goes into the hash, and reads back; a bad value keeps its default and is named', () => {
  const defaults = { headSteps: 100, headLr: 0.01, fineTuneSteps: 80, fineTuneLr: 0.001, unfreeze: 'C5', scratchLr: 0.003, seed: 1 };
  const alphabets = [{ id: 'hangul' }, { id: 'math' }];
  const { values } = readSettings('', defaults, alphabets);
  assert.equal(values.demo, 'hangul');
  assert.equal(values.m, 'extract');
  const changed = { ...values, m: 'finetune', demo: 'math', fs: 30, uf: 'C3' };
  const hash = writeSettings(changed, defaults, alphabets);
  assert.equal(hash, '#m=finetune&demo=math&fs=30&uf=C3');
  assert.deepEqual(readSettings(hash, defaults, alphabets).values, changed);
  assert.deepEqual(toEngine(changed), { headSteps: 100, headLr: 0.01, fineTuneSteps: 30, fineTuneLr: 0.001, unfreeze: 'C3', scratchLr: 0.003, seed: 1 });
  const bad = readSettings('#m=nope&demo=greek&hs=-3&k=7', defaults, alphabets);
  assert.deepEqual(bad.rejected, ['m', 'demo', 'k', 'hs']);
  assert.deepEqual(bad.values, values);
});

test('the class list: add, add examples, remove one example, remove a class; the worker gets names and examples only', () => {
  let list = addClass(addClass([], 'a'), 'b');
  const [a, b] = list;
  const px = [new Float32Array(784), new Float32Array(784).fill(1)];
  list = addExample(addExample(list, a.id, px[0]), a.id, px[1]);
  list = removeExample(list, a.id, 0);
  assert.deepEqual(forWorker(list), [{ name: 'a', examples: [px[1]] }, { name: 'b', examples: [] }]);
  assert.deepEqual(forWorker(removeClass(list, b.id)).map((c) => c.name), ['a']);
});
