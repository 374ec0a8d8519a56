// LeNet-5 as the network diagram shows it: its layers from input to the new head, each with its
// shape and whether it is frozen, from the engine's list of frozen layers (Transfer.frozen():
// names among C1, C3, C5, F6, output). The pooling layers have no weights: they follow the
// convolution before them. And the page's method ids ↔ the engine's. Pure: no DOM.

export const ENGINE_METHOD = { extract: 'featureExtraction', finetune: 'fineTuning', scratch: 'scratch' };
export const PAGE_METHOD = Object.fromEntries(Object.entries(ENGINE_METHOD).map(([k, v]) => [v, k]));

/** [name, the layer whose weights decide it is frozen, shape]. */
const LAYERS = [
  ['input', null, '28×28'], ['C1', 'C1', '6@28×28'], ['S2', 'C1', '6@14×14'], ['C3', 'C3', '16@10×10'], ['S4', 'C3', '16@5×5'],
  ['C5', 'C5', '120'], ['F6', 'F6', '84'], ['output', 'output', null],
];

/** The frozen layers at the start of each method (the engine's plan, transfer-api.md). */
const START_FROZEN = { extract: ['C1', 'C3', 'C5', 'F6'], finetune: ['C1', 'C3', 'C5', 'F6'], scratch: [] };

/**
 * The diagram's layers for `method` ('extract' | 'finetune' | 'scratch' | null for an imported
 * network) with `frozen` frozen and `n` new classes.
 * @returns {{name: string, shape: string, frozen: boolean, isNew: boolean}[]}
 */
export function diagramLayers(method, frozen, n) {
  const f = new Set(frozen);
  return LAYERS.map(([name, weights, shape]) => ({
    name, shape: shape ?? String(n), frozen: Boolean(weights && f.has(weights)), isNew: name === 'output' && method !== 'scratch',
  }));
}

/** The diagram of each method before it trains (the head's size not known yet: shown as n). */
export function plans() {
  return Object.fromEntries(Object.entries(START_FROZEN).map(([m, frozen]) => [m, diagramLayers(m, frozen, 'n')]));
}
