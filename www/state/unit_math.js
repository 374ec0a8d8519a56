// "Get one number using the filter": the arithmetic behind one unit, every number computed by
// the wasm core (conv2d / conv1d / pool2d), then checked against the forward pass.
//
// The JS here only slices windows out of layer data (indexing, no arithmetic) and routes them
// through the core:
//   products  p_i = w_i · x_i   — a grouped 1×1 convolution (groups = number of terms), so each
//                                 output channel multiplies exactly one pair;
//   sum, z    Σ p_i and Σ p_i + b — one conv2d/conv1d of the window with the kernel used as
//                                 two output channels with biases 0 and b (z: pre-activation);
//   partial   per input map     — a grouped convolution, one group per input map;
//   pool      max/avg of 2×2    — pool2d of the window.
import { layerOf } from './model.js';

/** MNIST training-set mean and standard deviation of pixels in [0, 1] (as in src/lenet.rs). */
export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;
/** LeNet pads the 28×28 image by 2 on every side to 32×32 before C1. */
export const INPUT_SIDE = 28;
export const PAD = 2;
export const PADDED_SIDE = INPUT_SIDE + 2 * PAD;

/** The layer feeding each layer with weights or pooling. */
export const INPUT_OF = { C1: 'input', S2: 'C1', C3: 'S2', S4: 'C3', C5: 'S4', F6: 'C5', output: 'F6' };

const t = (data, shape) => ({ data, shape });

/**
 * Copies `h`×`w` rows/cols [y0, y1) × [x0, x1) of channels `channels` out of a [C, H, W]
 * row-major array. Returns Float32Array(channels.length · (y1−y0) · (x1−x0)).
 */
export function sliceWindow(data, [, H, W], channels, { y0, y1, x0, x1 }) {
  const h = y1 - y0;
  const w = x1 - x0;
  const out = new Float32Array(channels.length * h * w);
  let k = 0;
  for (const c of channels) {
    for (let y = y0; y < y1; y++) {
      const row = c * H * W + y * W;
      for (let x = x0; x < x1; x++) out[k++] = data[row + x];
    }
  }
  return out;
}

/**
 * The 32×32 input as C1 sees it: the 28×28 pixels placed in a zero (background) border of 2,
 * then normalised (p − 0.1307) / 0.3081 by the core as a 1×1 convolution with weight 1/0.3081
 * and bias −0.1307/0.3081 — so the border becomes −0.1307/0.3081 ≈ −0.4242, as in the network.
 * @returns {Float32Array} 32·32 values, row-major
 */
export function normalisedPaddedInput(core, pixels) {
  const padded = new Float32Array(PADDED_SIDE * PADDED_SIDE);
  for (let y = 0; y < INPUT_SIDE; y++) {
    padded.set(pixels.subarray(y * INPUT_SIDE, (y + 1) * INPUT_SIDE), (y + PAD) * PADDED_SIDE + PAD);
  }
  const weight = t(new Float32Array([1 / MNIST_STD]), [1, 1, 1, 1]);
  const bias = new Float32Array([-MNIST_MEAN / MNIST_STD]);
  return core.conv2d(t(padded, [1, PADDED_SIDE, PADDED_SIDE]), weight, { bias }).data;
}

/** Element-wise products x_i · w_i via a grouped 1×1 convolution (one group per pair). */
export function products(core, x, w) {
  const n = x.length;
  return core.conv2d(t(x, [n, 1, 1]), t(w, [n, 1, 1, 1]), { groups: n }).data;
}

/**
 * Σ w·x without and with the bias in one core call: the kernel is used twice as two output
 * channels, with biases 0 and b, so channel 0 is the plain sum and channel 1 is z = Σ + b.
 * @param {'conv2d'|'conv1d'} op
 * @param {number[]} kshape the kernel's shape without the output axis ([C, KH, KW] or [C, K])
 */
function sumAndZ(core, input, kernel, kshape, bias, op) {
  const twice = new Float32Array(2 * kernel.length);
  twice.set(kernel, 0);
  twice.set(kernel, kernel.length);
  const out = core[op](input, t(twice, [2, ...kshape]), { bias: new Float32Array([0, bias]) }).data;
  return [out[0], out[1]];
}

function flatIndex(shape, c, y, x) {
  return shape.length === 3 ? (c * shape[1] + y) * shape[2] + x : c;
}

/**
 * A conv unit (C1, C3): window [C, k, k] of the layer below, kernel [C, k, k], products,
 * per-channel partial sums, their total, the bias and z.
 */
function convUnit(ctx, unit) {
  const { core, result, weights, rf } = ctx;
  const w = weights.get(unit.layer);
  const [, C, KH, KW] = w.weight.shape;
  const k = KH * KW;
  const below = INPUT_OF[unit.layer];
  let window;
  let region;
  if (below === 'input') {
    // C1 runs on the padded, normalised 32×32 input.
    region = rf.padded;
    window = sliceWindow(normalisedPaddedInput(core, layerOf(result, 'input').data), [1, PADDED_SIDE, PADDED_SIDE], [0], region);
  } else {
    const lower = layerOf(result, below);
    region = rf.regions.find((r) => r.layer === below).full;
    window = sliceWindow(lower.data, lower.shape, [...Array(C).keys()], region);
  }
  const kernel = w.weight.data.slice(unit.c * C * k, (unit.c + 1) * C * k);
  const bias = w.bias.data[unit.c];
  const prods = products(core, window, kernel);
  const [sum, z] = sumAndZ(core, t(window, [C, KH, KW]), kernel, [C, KH, KW], bias, 'conv2d');
  // Per input map: the window of that map convolved with its kernel slice (groups = C).
  const partial = C > 1 ? core.conv2d(t(window, [C, KH, KW]), t(kernel, [C, 1, KH, KW]), { groups: C }).data : [sum];
  const layer = layerOf(result, unit.layer);
  const i = flatIndex(layer.shape, unit.c, unit.y, unit.x);
  const channels = [];
  for (let c = 0; c < C; c++) {
    channels.push({
      index: c,
      window: window.subarray(c * k, (c + 1) * k),
      kernel: kernel.subarray(c * k, (c + 1) * k),
      products: prods.subarray(c * k, (c + 1) * k),
      partial: partial[c],
    });
  }
  return {
    kind: 'conv', unit, below, region, kh: KH, kw: KW, channels, sum, bias, z,
    forwardPre: layer.preActivation[i], value: layer.data[i],
  };
}

/** A pooling unit (S2, S4): its 2×2 window on the map below and the core's max/avg of it. */
function poolUnit(ctx, unit) {
  const { core, result, rf, pooling } = ctx;
  const below = INPUT_OF[unit.layer];
  const lower = layerOf(result, below);
  const region = rf.regions.find((r) => r.layer === below).full;
  const window = sliceWindow(lower.data, lower.shape, [unit.c], region);
  const kh = region.y1 - region.y0;
  const kw = region.x1 - region.x0;
  const pooled = core.pool2d(t(window, [1, kh, kw]), { mode: pooling, kernel: [kh, kw] }).data[0];
  const layer = layerOf(result, unit.layer);
  return {
    kind: 'pool', unit, below, region, kh, kw, window, mode: pooling, pooled,
    value: layer.data[flatIndex(layer.shape, unit.c, unit.y, unit.x)],
  };
}

/** A fully connected unit (C5 over all of S4, F6, output): inputs, weights, products, z. */
function denseUnit(ctx, unit) {
  const { core, result, weights } = ctx;
  const w = weights.get(unit.layer);
  const below = INPUT_OF[unit.layer];
  const inputs = layerOf(result, below).data;
  const n = inputs.length;
  const row = w.weight.data.slice(unit.c * n, (unit.c + 1) * n);
  const bias = w.bias.data[unit.c];
  const prods = products(core, inputs, row);
  const [sum, z] = sumAndZ(core, t(inputs, [1, n]), row, [1, n], bias, 'conv1d');
  const layer = layerOf(result, unit.layer);
  return {
    kind: 'dense', unit, below, belowShape: layerOf(result, below).shape, inputs, weights: row, products: prods,
    sum, bias, z, forwardPre: layer.preActivation[unit.c], value: layer.data[unit.c],
  };
}

/** An input pixel: its value and what C1 sees there after normalisation. */
function inputUnit(ctx, unit) {
  const { core, result } = ctx;
  const raw = layerOf(result, 'input').data[unit.y * INPUT_SIDE + unit.x];
  const norm = normalisedPaddedInput(core, layerOf(result, 'input').data)[(unit.y + PAD) * PADDED_SIDE + unit.x + PAD];
  return { kind: 'input', unit, raw, normalised: norm };
}

/**
 * Everything the unit-arithmetic panel shows for `unit` = {layer, c, y, x}.
 * @param {{core, result, weights: Map, pooling: 'max'|'avg', activation: string}} env
 */
export function unitMath({ core, result, weights, pooling, activation }, unit) {
  const kind = { input: 'input', C1: 'conv', C3: 'conv', S2: 'pool', S4: 'pool' }[unit.layer] ?? 'dense';
  if (kind === 'input') return inputUnit({ core, result }, unit);
  const rf = core.receptiveField(unit.layer, unit.y, unit.x);
  const ctx = { core, result, weights, rf, pooling };
  const out = kind === 'conv' ? convUnit(ctx, unit) : kind === 'pool' ? poolUnit(ctx, unit) : denseUnit(ctx, unit);
  out.activation = unit.layer === 'output' ? 'softmax' : activation;
  return out;
}
