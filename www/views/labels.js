// Words for layers: what each one is and its shape, from layerSpecs() and the variant.

/** One short sentence per layer: what it does, for students. */
export const LAYER_ROLE = {
  input: 'your digit, 28×28 — the faint border is the 2-pixel zero padding',
  C1: '6 filters scan the image for strokes and edges',
  S2: 'each 2×2 block becomes one value: half the size',
  C3: '16 filters combine all 6 S2 maps into parts of digits',
  S4: 'each 2×2 block becomes one value again',
  C5: '120 units, each sees all of S4 (the whole digit)',
  F6: '84 units, each sees all of C5',
  output: 'one score per digit, turned into probabilities by softmax',
};

/**
 * The label of a layer: {name, op, shape} e.g. {name: 'C3', op: 'conv 5×5 + tanh', shape: '16@10×10'}.
 * @param {{name: string, kind: string, shape: number[], kernel?: number}} spec
 * @param {'tanh'|'relu'} activation
 * @param {'avg'|'max'} pooling
 */
export function layerLabel(spec, activation, pooling) {
  const [C, H, W] = spec.shape;
  const shape = H > 1 ? `${C}@${H}×${W}` : `${C}`;
  const k = spec.kernel;
  let op;
  if (spec.kind === 'input') op = 'pixels 0…1';
  else if (spec.kind === 'conv') op = `conv ${k}×${k} + ${activation}`;
  else if (spec.kind === 'pool') op = `${pooling} pool ${k}×${k}`;
  else op = spec.name === 'output' ? 'dense + softmax' : `dense + ${activation}`;
  return { name: spec.name, op, shape };
}
