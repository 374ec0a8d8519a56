// The training lab's settings in the URL hash (www/pages/train/settings.js): defaults come from
// the trainer's defaults, only changed values are written, invalid values are named and keep the
// default, and the TrainConfig built from them has the trainer's nested field names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSettings, writeSettings, toConfig, defaultValues } from '../../www/pages/train/settings.js';

// The shape Trainer.defaults() returns (src/train/config.rs), written out here by hand.
const DEFAULTS = {
  variant: 'classic', optimizer: { kind: 'adam', momentum: 0.9, beta1: 0.9, beta2: 0.999 }, lr: 0.001,
  schedule: { kind: 'constant', every: 2, gamma: 0.5, warmup: 0 }, batchSize: 32, trainImages: null, epochs: 10,
  dropout: 0, weightDecay: 0, batchNorm: false,
  augment: { rotation: 0, shift: 0, scale: 0, elastic: 0, elasticSigma: 4, noise: 0 }, seed: 1,
  earlyStopping: { enabled: false, patience: 3, minDelta: 0, restoreBest: true },
  reduceLr: { enabled: false, patience: 2, factor: 0.5, minLr: 1e-5, minDelta: 0 },
};

test('an empty hash gives the trainer defaults (all 10,000 images) and writes back as an empty hash', () => {
  const { values, rejected } = readSettings('', DEFAULTS);
  assert.deepEqual(rejected, []);
  assert.equal(values.lr, 0.001);
  assert.equal(values.bs, 32);
  assert.equal(values.n, 10000);
  assert.equal(values.opt, 'adam');
  assert.equal(writeSettings(values, DEFAULTS), '');
});

test('changed settings round-trip through the hash, and only they are written', () => {
  const values = { ...defaultValues(DEFAULTS), opt: 'sgd', lr: 0.05, bs: 128, n: 500, do: 0.25, bn: true, rot: 10, es: true };
  const hash = writeSettings(values, DEFAULTS);
  assert.equal(hash, '#bn=1&do=0.25&opt=sgd&lr=0.05&bs=128&n=500&rot=10&es=1');
  assert.deepEqual(readSettings(hash, DEFAULTS).values, values);
});

test('invalid values are named and keep their defaults; unknown keys are ignored', () => {
  const { values, rejected } = readSettings('#lr=-1&bs=33&opt=rmsprop&do=1.5&bn=yes&seed=abc&zzz=1&ep=3', DEFAULTS);
  assert.deepEqual(rejected, ['bn', 'do', 'opt', 'lr', 'bs', 'seed']); // in the form's order
  assert.equal(values.lr, 0.001);
  assert.equal(values.bs, 32);
  assert.equal(values.ep, 3);
});

test('toConfig nests the values under the trainer\'s camelCase field names', () => {
  const c = toConfig({ ...defaultValues(DEFAULTS), opt: 'momentum', sched: 'cosine', rot: 12, es: true, pat: 4, rlr: true, rfac: 0.2, l2: 1e-4 });
  assert.equal(c.optimizer.kind, 'momentum');
  assert.equal(c.schedule.kind, 'cosine');
  assert.equal(c.augment.rotation, 12);
  assert.deepEqual(c.earlyStopping, { enabled: true, patience: 4, restoreBest: true });
  assert.deepEqual(c.reduceLr, { enabled: true, patience: 2, factor: 0.2 });
  assert.equal(c.weightDecay, 1e-4);
  assert.equal(c.trainImages, 10000);
});
