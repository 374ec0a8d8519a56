// "Get one number using the filter": the arithmetic behind one unit, in the shape of
// PLAN.md contract 3 (`net.explainUnit(pixels, layer, c, y, x)`). TEMPORARY: until the core
// has `explainUnit` (branch rust-structure), it is computed here by routing the forward
// pass's layer data through the core (conv2d / conv1d / pool2d); with the core's method this
// file goes and explainUnit() below becomes `net.explainUnit(pixels, layer, c, y, x)`.
//
// The JS here only slices windows out of layer data (indexing, no arithmetic):
//   products  p_i = w_i · x_i   — a grouped 1×1 convolution (groups = number of terms);
//   sum, z    Σ p_i and Σ p_i + b — one conv of the window with the kernel used as two output
//                                 channels with biases 0 and b;
//   partial   per input map     — a grouped convolution, one group per input map;
//   pool      max/avg           — pool2d of the window.
import { layerOf } from './model.js';

const t = (data, shape) => ({ data, shape });

/** Copies rows [y0, y1) × cols [x0, x1) of `channels` out of a [C, H, W] row-major array. */
function sliceWindow(data, [, H, W], channels, { y0, y1, x0, x1 }) {
  const out = new Float32Array(channels.length * (y1 - y0) * (x1 - x0));
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
 * The input as the first convolution sees it: the image in a zero (background) border of
 * `pad`, normalised (p − mean) / std by the core as a 1×1 convolution.
 * @param {{side: number, pad: number, paddedSide: number, mean: number, std: number}} input
 *   the input's layerSpecs() entry
 */
function normalisedPaddedInput(core, input, pixels) {
  const { side, pad, paddedSide: P, mean, std } = input;
  const padded = new Float32Array(P * P);
  for (let y = 0; y < side; y++) padded.set(pixels.subarray(y * side, (y + 1) * side), (y + pad) * P + pad);
  const weight = t(new Float32Array([1 / std]), [1, 1, 1, 1]);
  return core.conv2d(t(padded, [1, P, P]), weight, { bias: new Float32Array([-mean / std]) }).data;
}

/** Element-wise products x_i · w_i via a grouped 1×1 convolution (one group per pair). */
function products(core, x, w) {
  const n = x.length;
  return core.conv2d(t(x, [n, 1, 1]), t(w, [n, 1, 1, 1]), { groups: n }).data;
}

/** Σ w·x without and with the bias `b`, in one core call (the kernel as two output channels). */
function sumAndZ(core, input, kernel, kshape, bias, op) {
  const twice = new Float32Array(2 * kernel.length);
  twice.set(kernel, 0);
  twice.set(kernel, kernel.length);
  const out = core[op](input, t(twice, [2, ...kshape]), { bias: new Float32Array([0, bias]) }).data;
  return [out[0], out[1]];
}

function convUnit(ctx, u) {
  const { core, result, weights, rf, specs } = ctx;
  const w = weights.get(u.layer);
  const [, C, KH, KW] = w.weight.shape;
  const k = KH * KW;
  const below = specs.find((s) => s.name === u.below);
  let window;
  let region;
  if (below.kind === 'input') {
    region = rf.padded;
    const P = below.paddedSide;
    window = sliceWindow(normalisedPaddedInput(core, below, layerOf(result, below.name).data), [1, P, P], [0], region);
  } else {
    const lower = layerOf(result, below.name);
    region = rf.regions.find((r) => r.layer === below.name).full;
    window = sliceWindow(lower.data, lower.shape, [...Array(C).keys()], region);
  }
  const kernel = w.weight.data.slice(u.c * C * k, (u.c + 1) * C * k);
  const bias = w.bias.data[u.c];
  const prods = products(core, window, kernel);
  const [sum, z] = sumAndZ(core, t(window, [C, KH, KW]), kernel, [C, KH, KW], bias, 'conv2d');
  const partial = C > 1 ? core.conv2d(t(window, [C, KH, KW]), t(kernel, [C, 1, KH, KW]), { groups: C }).data : [sum];
  const channels = [];
  for (let c = 0; c < C; c++) {
    const part = (a) => a.subarray(c * k, (c + 1) * k);
    channels.push({ index: c, window: part(window), kernel: part(kernel), products: part(prods), partial: partial[c] });
  }
  return { region, kh: KH, kw: KW, channels, sum, bias, z };
}

function poolUnit(ctx, u) {
  const { core, result, rf, pooling } = ctx;
  const lower = layerOf(result, u.below);
  const region = rf.regions.find((r) => r.layer === u.below).full;
  const window = sliceWindow(lower.data, lower.shape, [u.c], region);
  const kh = region.y1 - region.y0;
  const kw = region.x1 - region.x0;
  const pooled = core.pool2d(t(window, [1, kh, kw]), { mode: pooling, kernel: [kh, kw] }).data[0];
  return { region, kh, kw, window, mode: pooling, pooled };
}

function denseUnit(ctx, u) {
  const { core, result, weights } = ctx;
  const w = weights.get(u.layer);
  const lower = layerOf(result, u.below);
  const inputs = lower.data;
  const n = inputs.length;
  const row = w.weight.data.slice(u.c * n, (u.c + 1) * n);
  const bias = w.bias.data[u.c];
  const prods = products(core, inputs, row);
  const [sum, z] = sumAndZ(core, t(inputs, [1, n]), row, [1, n], bias, 'conv1d');
  return { belowShape: lower.shape, inputs, weights: row, products: prods, sum, bias, z };
}

function inputUnit(ctx, u) {
  const { core, result, specs } = ctx;
  const input = specs[0];
  const data = layerOf(result, input.name).data;
  const normalised = normalisedPaddedInput(core, input, data)[(u.y + input.pad) * input.paddedSide + u.x + input.pad];
  return { raw: data[u.y * input.side + u.x], normalised };
}

/**
 * Contract 3's object for unit (layer, c, y, x): common {layer, kind, c, y, x, below,
 * activation, value} and the kind's fields. A convolution whose output is one position (its
 * window is the whole layer below) is explained as a dense unit.
 * @param {{core, result, weights: Map, pooling: 'max'|'avg', specs: object[]}} ctx the wasm
 *   exports, the forward result of the pixels, the variant's weights, pooling and layerSpecs()
 */
export function explainUnit(ctx, layer, c, y, x) {
  const spec = ctx.specs.find((s) => s.name === layer);
  const map = spec.shape[1] > 1 || spec.shape[2] > 1;
  const kind = spec.kind === 'conv' && !map ? 'dense' : spec.kind;
  const out = layerOf(ctx.result, layer);
  const i = out.shape.length === 3 ? (c * out.shape[1] + y) * out.shape[2] + x : c;
  const common = { layer, kind, c, y, x, below: spec.input, activation: spec.activation, value: out.data[i] };
  if (kind === 'input') return { ...common, ...inputUnit(ctx, common) };
  const rf = ctx.core.receptiveField(layer, y, x);
  const inner = { ...ctx, rf };
  const part = kind === 'conv' ? convUnit(inner, common) : kind === 'pool' ? poolUnit(inner, common) : denseUnit(inner, common);
  return { ...common, ...part };
}
