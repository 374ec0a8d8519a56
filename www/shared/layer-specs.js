// What the training and transfer pages read from the core's layerSpecs() (LeNet-5 is described
// once, in Rust: src/lenet/layers.rs): the layers that show feature maps and filters, the input
// image's size, each layer's shape as the pages write it, and which layer's weights a layer
// follows. Pure: no DOM (tested by tests/unit/layer_specs.test.mjs).
import { shapeLabel, sizeLabel } from './format.js';

/** Layers with weights of their own (convolutions and dense layers). */
const WEIGHTED = new Set(['conv', 'dense']);

/** The convolutions whose output is a stack of maps larger than 1×1 (LeNet-5: C1, C3), input first. */
export function mapLayers(specs) {
  return specs.filter((s) => s.kind === 'conv' && s.shape[1] * s.shape[2] > 1);
}

/** The input image's `[height, width]` (LeNet-5: 28×28). */
export function imageSize(specs) {
  const [, h, w] = specs[0].shape;
  return [h, w];
}

/** A layer's shape as the pages write it: the input image as its size (`28×28`), maps as `C@H×W`, vectors as `N`. */
export function layerShapeLabel(spec) {
  return spec.kind === 'input' ? sizeLabel(spec.shape.slice(1)) : shapeLabel(spec.shape);
}

/**
 * The layer whose weights decide whether `spec` is trained: itself when it has weights, the
 * nearest one below it for a layer without (a pooling layer: the convolution before it); null
 * for the input.
 */
export function weightsOf(spec, specs) {
  let s = spec;
  while (s && !WEIGHTED.has(s.kind)) s = s.input ? specs.find((x) => x.name === s.input) : null;
  return s?.name ?? null;
}

/** The layers with weights below the output layer: what a transfer run can freeze (LeNet-5: C1, C3, C5, F6). */
export function baseLayers(specs) {
  return specs.filter((s) => WEIGHTED.has(s.kind)).slice(0, -1).map((s) => s.name);
}
