// www/shared/layer-specs.js on LeNet-5's layer table (tests/unit/lenet_specs.mjs, written out from
// the paper): the layers the training and transfer pages show maps of, the image size, shape
// labels and which layer's weights each layer follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseLayers, imageSize, layerShapeLabel, mapLayers, weightsOf } from '../../www/shared/layer-specs.js';
import { SPECS } from './lenet_specs.mjs';

test('mapLayers: the convolutions with maps larger than 1×1 (C1, C3; not C5, whose output is 120@1×1)', () => {
  assert.deepEqual(mapLayers(SPECS).map((s) => s.name), ['C1', 'C3']);
});

test('imageSize is the input layer\'s 28×28; layerShapeLabel writes the input as its size and the rest as C@H×W or N', () => {
  assert.deepEqual(imageSize(SPECS), [28, 28]);
  assert.deepEqual(SPECS.map(layerShapeLabel), ['28×28', '6@28×28', '6@14×14', '16@10×10', '16@5×5', '120', '84', '10']);
});

test('weightsOf: a layer with weights is its own, a pooling layer follows the convolution below it, the input has none', () => {
  assert.deepEqual(SPECS.map((s) => weightsOf(s, SPECS)), [null, 'C1', 'C1', 'C3', 'C3', 'C5', 'F6', 'output']);
});

test('baseLayers: the layers with weights below the output layer (what a transfer run can freeze)', () => {
  assert.deepEqual(baseLayers(SPECS), ['C1', 'C3', 'C5', 'F6']);
});
