// The two trained LeNet-5 networks from the wasm core, loaded lazily and cached, plus the
// layer specs. Every number comes from the core; this module only routes calls. A network's
// weights are a file of their own (shared/core-lenet.js), so loading one is asynchronous
// (`ready`); `net` hands out one already loaded.
import { measureSince } from './marks.js';

/** The variant that is not `v`. */
export const otherVariant = (v) => (v === 'classic' ? 'modern' : 'classic');

/** A blank image the size of the network's input (specs: layerSpecs(); entry 0 is the input). */
export function blankInput(specs) {
  const [c, h, w] = specs[0].shape;
  return new Float32Array(c * h * w);
}

/**
 * @param {object} core the wasm exports (www/shared/core-lenet.js)
 * @param {Object<string, object>} loaded networks already loaded, by variant (start.js); the
 *   first one's layerSpecs() are the page's specs
 * @param {(variant: string) => Promise<object>} load loads the network of a variant
 *   (core-lenet.js loadNetwork)
 */
export function createModel(core, loaded, load) {
  const nets = new Map(Object.entries(loaded));
  const loading = new Map();
  const weights = new Map();

  /** The network of `variant`, once `ready(variant)` has resolved (else it throws). */
  function net(variant) {
    const n = nets.get(variant);
    if (!n) throw new Error(`the ${variant} network is not loaded yet`);
    return n;
  }

  /** Resolves to the network of `variant`, loaded on first use. */
  function ready(variant) {
    if (nets.has(variant)) return Promise.resolve(nets.get(variant));
    if (!loading.has(variant)) {
      loading.set(variant, load(variant).then((n) => { nets.set(variant, n); return n; }));
      loading.get(variant).catch(() => loading.delete(variant)); // a failed download may be retried
    }
    return loading.get(variant);
  }
  /** Whether the network of `variant` is loaded (its `ready` has resolved). */
  const has = (variant) => nets.has(variant);
  const specs = [...nets.values()][0]?.layerSpecs() ?? core.layerSpecs();
  const blank = blankInput(specs);

  return {
    core,
    /** layerSpecs() with each layer's input and activation and the input's side/pad/mean/std. */
    specs,
    /** The blank image (nothing drawn) the network is run on. */
    blank,
    net,
    has,
    ready,
    /** Full forward pass with every layer; `pixels` null = blank image. */
    forward(variant, pixels) {
      const n = net(variant);
      const t0 = performance.now();
      const result = n.forward(pixels ?? blank);
      measureSince('forward', t0);
      return result;
    },
    /** Probabilities only (for the other variant's comparison bars). */
    probabilities(variant, pixels) {
      return net(variant).probabilities(pixels ?? blank);
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
