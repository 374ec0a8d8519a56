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

/** "C3 · conv 5×5 + tanh · 16@10×10" */
export function layerLabelText(spec, activation, pooling) {
  const l = layerLabel(spec, activation, pooling);
  return `${l.name} · ${l.op} · ${l.shape}`;
}

/** A unit in words: "C3 map 4, row 2, col 7" / "F6 unit 12" / "input pixel row 3, col 5". */
export function unitName(u) {
  if (u.layer === 'input') return `input pixel (row ${u.y}, col ${u.x})`;
  if (['C5', 'F6'].includes(u.layer)) return `${u.layer} unit ${u.c}`;
  if (u.layer === 'output') return `output unit ${u.c} (digit ${u.c})`;
  return `${u.layer} map ${u.c}, row ${u.y}, col ${u.x}`;
}

/**
 * Sets `el`'s text only when it differs: an unchanged write still invalidates layout, and the
 * page rewrites its numbers every animation frame while the student draws.
 */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Fixed-point with a real minus sign, for numbers in tables and sums. */
export function fmt(v, places = 2) {
  if (!Number.isFinite(v)) return String(v);
  const s = Math.abs(v).toFixed(places);
  return (v < 0 && Number(s) !== 0 ? '−' : '') + s;
}
