// The two trained LeNet-5 networks from the wasm core, loaded lazily and cached, plus the
// layer specs. Every number comes from the core; this module only routes calls.
import { countForward } from './stats.js';

export const VARIANTS = ['classic', 'modern'];
/** The variant that is not `v`. */
export const otherVariant = (v) => (v === 'classic' ? 'modern' : 'classic');
/** Pixels of the 28×28 input. */
export const INPUT_PIXELS = 28 * 28;
/** The network's answer to a blank canvas is still shown, computed on this image. */
export const BLANK = new Float32Array(INPUT_PIXELS);

/**
 * @param {object} core the wasm exports (www/lib/core.js)
 * @param {Object<string, object>} [loaded] networks already loaded, by variant (state/start.js)
 */
export function createModel(core, loaded = {}) {
  const nets = new Map(Object.entries(loaded));
  const weights = new Map();
  const specs = core.layerSpecs();

  /** The network of `variant`, loaded on first use. */
  function net(variant) {
    if (!nets.has(variant)) nets.set(variant, core.LeNet5.load(variant));
    return nets.get(variant);
  }

  return {
    core,
    specs,
    net,
    /** Full forward pass with every layer; `pixels` null = blank image. */
    forward(variant, pixels) {
      const n = net(variant);
      const t0 = performance.now();
      const result = n.forward(pixels ?? BLANK);
      countForward(performance.now() - t0);
      return result;
    },
    /** Probabilities only (for the other variant's comparison bars). */
    probabilities(variant, pixels) {
      return net(variant).probabilities(pixels ?? BLANK);
    },
    /** `weights()` of `variant`, as a map name → {weight, bias}; cached. */
    weights(variant) {
      if (!weights.has(variant)) {
        weights.set(variant, new Map(net(variant).weights().map((w) => [w.name, w])));
      }
      return weights.get(variant);
    },
    activation: (variant) => net(variant).activation,
    pooling: (variant) => net(variant).pooling,
  };
}

/**
 * A unit of the layer `spec` (a layerSpecs() entry) as the views pass it around:
 * {layer, c, y, x} plus what its name and arithmetic depend on (shared/format.js unitName):
 * kind, map (the layer is a stack of maps) and softmax (the layer ends in a softmax).
 */
export function unitOf(spec, c, y = 0, x = 0) {
  return { layer: spec.name, c, y, x, kind: spec.kind, map: spec.shape[1] > 1, softmax: spec.activation === 'softmax' };
}

/** The layer object named `name` of a forward result. */
export function layerOf(result, name) {
  return result.layers.find((l) => l.name === name);
}
