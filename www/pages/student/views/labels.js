// Words for layers: what each one is and its shape, from layerSpecs() and the variant — by
// kind and position, never by a layer's name.
import { fmt, shapeLabel, sizeLabel, unitName } from '../../../shared/format.js';

const kernelOf = (spec) => (Array.isArray(spec.kernel) ? spec.kernel : [spec.kernel, spec.kernel]);

/**
 * One short sentence per layer, for students: what it does.
 * @param {object} spec a layerSpecs() entry
 * @param {object[]} specs all of them (for the layer it reads and the layers before)
 */
export function layerRole(spec, specs) {
  const below = specs.find((s) => s.name === spec.input);
  const earlier = specs.slice(0, specs.indexOf(spec));
  const [C, H] = spec.shape;
  switch (spec.kind) {
    case 'input':
      return `your digit, ${spec.side}×${spec.side} — the faint border is the ${spec.pad}-pixel zero padding`;
    case 'conv':
      if (H === 1) return `${C} units, each sees all of ${below.name} (the whole digit)`;
      if (below.kind === 'input') return `${C} filters scan the image for strokes and edges`;
      return `${C} filters combine all ${below.shape[0]} ${below.name} maps into parts of digits`;
    case 'pool': {
      const [kh, kw] = kernelOf(spec);
      const again = earlier.some((s) => s.kind === 'pool') ? ' again' : kh === 2 && kw === 2 ? ': half the size' : '';
      return `each ${sizeLabel([kh, kw])} block becomes one value${again}`;
    }
    default:
      return spec.activation === 'softmax'
        ? 'one score per digit, turned into probabilities by softmax'
        : `${C} units, each sees all of ${below.name}`;
  }
}

/**
 * The label of a layer: {name, op, shape} e.g. {name: 'C3', op: 'conv 5×5 + tanh', shape: '16@10×10'}.
 * @param {{name: string, kind: string, shape: number[], kernel?: number, activation?: string}} spec
 * @param {'tanh'|'relu'} activation
 * @param {'avg'|'max'} pooling
 */
export function layerLabel(spec, activation, pooling) {
  let op;
  if (spec.kind === 'input') op = 'pixels 0…1';
  else if (spec.kind === 'conv') op = `conv ${sizeLabel(kernelOf(spec))} + ${activation}`;
  else if (spec.kind === 'pool') op = `${pooling} pool ${sizeLabel(kernelOf(spec))}`;
  else op = spec.activation === 'softmax' ? 'dense + softmax' : `dense + ${activation}`;
  return { name: spec.name, op, shape: shapeLabel(spec.shape) };
}

/**
 * The explain widget's wording for LeNet-5's units (shared/explain.js `labels`), from
 * layerSpecs(): the input's padding and normalisation come from its entry, not from constants.
 * @param {object[]} specs layerSpecs() (entry 0: the input, with side, pad, paddedSide, mean, std)
 */
export function explainLabels(specs) {
  const input = specs[0];
  const P = input.paddedSide;
  const fromInput = (m) => m.below === input.name;
  return {
    title: (m) => unitName(m.unit ?? m),
    intro(m) {
      const C = m.channels.length;
      const r = m.region;
      const rows = `rows ${r.y0}–${r.y1 - 1}, cols ${r.x0}–${r.x1 - 1}`;
      const where = fromInput(m)
        ? `the ${sizeLabel([m.kh, m.kw])} window at ${rows} of the padded ${P}×${P} input`
        : `a ${C}×${m.kh}×${m.kw} window of ${m.below} (${rows}, all ${C} maps)`;
      let html = `<p>It multiplies ${where} element by element with its kernel, adds everything up, adds its bias and applies ${m.activation}.</p>`;
      if (fromInput(m)) {
        const { mean, std } = input;
        html += `<p class="muted small">The network normalises pixels first: x = (p − ${mean}) / ${std}, so background and padding are ${fmt(-mean / std, 4)} and full ink is ${fmt((1 - mean) / std, 4)}.</p>`;
      }
      return html;
    },
    channel: (m, i) => `${m.below} map ${i}`,
    window: (m, channel) => (fromInput(m) ? 'input window x (normalised)' : `window of ${m.below} map ${channel}`),
  };
}
