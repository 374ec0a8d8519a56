// The training module (pkg-train/) in Node: settings are refused with named errors before
// anything runs, a few steps on MNIST test images lower the loss with the metric fields the
// training page reads, a seed reproduces a run, and the exported weights load into LeNet5.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { load, ROOT, classicWeights } from './load.mjs';

let cs;
let train;
let val;
before(async () => {
  ({ cs } = await load('pkg-train'));
  const images = gunzipSync(await readFile(`${ROOT}/tests/data/mnist/t10k-images-idx3-ubyte.gz`)).subarray(16);
  const labels = gunzipSync(await readFile(`${ROOT}/tests/data/mnist/t10k-labels-idx1-ubyte.gz`)).subarray(8);
  train = [images.slice(0, 256 * 784), labels.slice(0, 256)];
  val = [images.slice(256 * 784, 384 * 784), labels.slice(256, 384)];
});

function refused(config, { param, code }, data = [...train, ...val]) {
  assert.throws(() => new cs.Trainer(config, ...data), (e) => {
    assert.equal(e.op, 'Trainer', e.message);
    assert.equal(e.param, param, e.message);
    assert.equal(e.code, code, e.message);
    return true;
  }, JSON.stringify(config));
}

test('bad settings and data throw Errors naming the setting, and the module keeps working', async () => {
  refused({ batchSize: 0 }, { param: 'batchSize', code: 'invalid_value' });
  refused({ batchSize: 1.5 }, { param: 'batchSize', code: 'invalid_value' });
  refused({ lr: 0 }, { param: 'lr', code: 'invalid_value' });
  refused({ lr: NaN }, { param: 'lr', code: 'invalid_value' });
  refused({ lr: '0.1' }, { param: 'lr', code: 'not_a_number' });
  refused({ dropout: 1 }, { param: 'dropout', code: 'invalid_value' });
  refused({ trainImages: 257 }, { param: 'trainImages', code: 'invalid_value' });
  refused({ learningRate: 0.1 }, { param: 'learningRate', code: 'unknown_option' });
  refused({ schedule: { kind: 'linear' } }, { param: 'schedule.kind', code: 'invalid_value' });
  refused({ augment: { shiftt: 1 } }, { param: 'augment.shiftt', code: 'unknown_option' });
  refused({ augment: { scale: 1 } }, { param: 'augment.scale', code: 'invalid_value' });
  refused({ variant: 'lenet' }, { param: 'variant', code: 'invalid_value' });
  refused({}, { param: 'trainPixels', code: 'shape_mismatch' }, [train[0].subarray(1), ...train.slice(1), ...val]);
  refused({}, { param: 'valLabels', code: 'shape_mismatch' }, [...train, val[0], val[1].subarray(1)]);
  refused({ variant: 'modern' }, { param: 'initWeights', code: 'weights_wrong_variant' },
    [...train, ...val, await classicWeights()]);
  refused({}, { param: 'initWeights', code: 'weights_corrupt' }, [...train, ...val, new Uint8Array(20)]);
  const t = new cs.Trainer({ trainImages: 64, batchSize: 32, lr: null }, ...train, ...val);
  assert.equal(t.config().lr, cs.Trainer.defaults().lr, 'null means the default');
  assert.throws(() => t.step(0), (e) => e.op === 'Trainer.step' && e.param === 'n');
  assert.throws(() => t.filters('S2'), (e) => e.param === 'layer' && e.code === 'invalid_value');
  t.free();
});

test('steps lower the loss and report what the page reads; the exported weights load into LeNet5', () => {
  const t = new cs.Trainer({ batchSize: 32, epochs: 2, seed: 3 }, ...train, ...val);
  const before = t.evaluate();
  assert.equal(before.confusion.length, 10);
  assert.equal(before.confusion.flat().reduce((a, b) => a + b, 0), 128);
  const m = t.step(8); // one epoch of 256 images: ends with an epochEnd event
  for (const key of ['batches', 'images', 'loss', 'accuracy', 'lr', 'epoch', 'batch',
    'batchesPerEpoch', 'imagesSeen', 'finished', 'events']) {
    assert.ok(key in m, key);
  }
  assert.deepEqual([m.batches, m.images, m.epoch, m.batch, m.imagesSeen], [8, 256, 1, 0, 256]);
  const end = m.events.find((e) => e.type === 'epochEnd');
  assert.ok(end && end.epoch === 1, JSON.stringify(m.events));
  assert.ok(end.valLoss < before.loss, `${before.loss} -> ${end.valLoss}`);
  const last = t.step(100);
  assert.equal(last.batches, 8, 'the second epoch is the last');
  assert.ok(last.finished && last.events.some((e) => e.type === 'finished'));
  assert.equal(t.step(1).batches, 0);
  const preview = t.lastBatch();
  assert.equal(preview.pixels.length, 16 * 784);
  const bytes = t.encode();
  const net = cs.LeNet5.fromBytes(bytes, t.config().variant);
  const after = t.evaluate();
  let correct = 0;
  for (let i = 0; i < 128; i++) {
    const p = net.probabilities(Float32Array.from(val[0].subarray(i * 784, (i + 1) * 784), (b) => b / 255));
    correct += p.indexOf(Math.max(...p)) === val[1][i] ? 1 : 0;
  }
  assert.ok(Math.abs(correct / 128 - after.accuracy) <= 2 / 128, `${correct / 128} vs ${after.accuracy}`);
  assert.deepEqual(t.filters('C1').weight.shape, [6, 1, 5, 5]);
  net.free();
  t.free();
});

test('a seed reproduces a run: the same filters after the same steps', () => {
  const run = () => {
    const t = new cs.Trainer({ batchSize: 16, seed: 9, dropout: 0.2, augment: { rotation: 10 } }, ...train, ...val);
    t.step(5);
    const w = t.filters('C3').weight.data;
    t.free();
    return w;
  };
  assert.deepEqual(run(), run());
});
