// The network as the diagram shows it: its layers from input to the new head (the core's
// layerSpecs()), each with its shape and whether it is frozen, from the engine's list of frozen
// layers (Transfer.frozen()). A layer without weights (pooling) follows the one below it. And the
// page's method ids ↔ the engine's. Pure: no DOM.
import { baseLayers, layerShapeLabel, weightsOf } from '../../shared/layer-specs.js';

export const ENGINE_METHOD = { extract: 'featureExtraction', finetune: 'fineTuning', scratch: 'scratch' };
export const PAGE_METHOD = Object.fromEntries(Object.entries(ENGINE_METHOD).map(([k, v]) => [v, k]));

/**
 * The diagram's layers (from the core's layerSpecs(), input first) for `method` ('extract' |
 * 'finetune' | 'scratch' | null for an imported network) with `frozen` frozen and `n` new
 * classes (the output layer's size).
 * @returns {{name: string, shape: string, frozen: boolean, isNew: boolean}[]}
 */
export function diagramLayers(specs, method, frozen, n) {
  const f = new Set(frozen);
  const output = specs.at(-1);
  return specs.map((spec) => {
    const weights = weightsOf(spec, specs);
    return {
      name: spec.name,
      shape: spec === output ? String(n) : layerShapeLabel(spec),
      frozen: Boolean(weights && f.has(weights)),
      isNew: spec === output && method !== 'scratch',
    };
  });
}

/**
 * The diagram of each method before it trains (the head's size not known yet: shown as n):
 * feature extraction and fine-tuning start with every layer below the new head frozen, a
 * network trained from scratch with none (the engine's plan, transfer-api.md).
 */
export function plans(specs) {
  const base = baseLayers(specs);
  const startFrozen = { extract: base, finetune: base, scratch: [] };
  return Object.fromEntries(Object.entries(startFrozen).map(([m, frozen]) => [m, diagramLayers(specs, m, frozen, 'n')]));
}
