// Words for layers: what each one is and its shape, from layerSpecs() and the variant — by
// kind and position, never by a layer's name — in the page's language (the `student` and
// `explain` message catalogs).
import { fmt, shapeLabel, sizeLabel } from '../../../shared/format.js';
import { t } from '../../../shared/i18n.js';
import { unitTitle } from '../../../shared/explain.js';

const kernelOf = (spec) => (Array.isArray(spec.kernel) ? spec.kernel : [spec.kernel, spec.kernel]);

/** A layer's name as the page shows it: the input and the softmax output in words, others as they are (C1, S2, …). */
export function layerName(spec) {
  if (spec.kind === 'input') return t('student.nameInput');
  if (spec.activation === 'softmax') return t('student.nameOutput');
  return spec.name;
}

/** `layerName` by a layer's name, for the layers of `specs`. */
export function layerNamer(specs) {
  return (name) => {
    const spec = specs.find((s) => s.name === name);
    return spec ? layerName(spec) : name;
  };
}

/** A unit in words ("C3 map 4, row 2, col 7"), with the page's layer names. */
export function unitLabel(u, specs) {
  return unitTitle(u, layerNamer(specs));
}

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
      return t('student.roleInput', { side: spec.side, pad: spec.pad });
    case 'conv':
      if (H === 1) return t('student.roleConvWhole', { count: C, below: layerName(below) });
      if (below.kind === 'input') return t('student.roleConvFirst', { count: C });
      return t('student.roleConv', { count: C, maps: below.shape[0], below: layerName(below) });
    case 'pool': {
      const [kh, kw] = kernelOf(spec);
      const size = sizeLabel([kh, kw]);
      if (earlier.some((s) => s.kind === 'pool')) return t('student.rolePoolAgain', { size });
      return t(kh === 2 && kw === 2 ? 'student.rolePoolHalf' : 'student.rolePool', { size });
    }
    default:
      return spec.activation === 'softmax'
        ? t('student.roleSoftmax')
        : t('student.roleDense', { count: C, below: layerName(below) });
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
  if (spec.kind === 'input') op = t('student.opInput');
  else if (spec.kind === 'conv') op = t('student.opConv', { size: sizeLabel(kernelOf(spec)), act: activation });
  else if (spec.kind === 'pool') op = t(pooling === 'max' ? 'student.opMaxPool' : 'student.opAvgPool', { size: sizeLabel(kernelOf(spec)) });
  else op = spec.activation === 'softmax' ? t('student.opDenseSoftmax') : t('student.opDense', { act: activation });
  return { name: layerName(spec), op, shape: shapeLabel(spec.shape) };
}

/**
 * The explain widget's wording for LeNet-5's units (shared/explain.js `labels`), from
 * layerSpecs(): the input's padding and normalisation come from its entry, not from constants.
 * Every entry is evaluated when the widget renders (so in the language of that moment).
 * @param {object[]} specs layerSpecs() (entry 0: the input, with side, pad, paddedSide, mean, std)
 */
export function explainLabels(specs) {
  const input = specs[0];
  const P = input.paddedSide;
  const fromInput = (m) => m.below === input.name;
  const name = layerNamer(specs);
  return {
    title: (m) => unitTitle(m.unit ?? m, name),
    intro(m) {
      const C = m.channels.length;
      const r = m.region;
      const at = { y0: r.y0, y1: r.y1 - 1, x0: r.x0, x1: r.x1 - 1, act: m.activation };
      let html = `<p>${fromInput(m)
        ? t('student.introInput', { ...at, size: sizeLabel([m.kh, m.kw]), padded: P })
        : t('student.introMaps', { ...at, count: C, kh: m.kh, kw: m.kw, below: name(m.below) })}</p>`;
      if (fromInput(m)) {
        const { mean, std } = input;
        html += `<p class="muted small">${t('student.normalises', { mean, std, background: fmt(-mean / std, 4), ink: fmt((1 - mean) / std, 4) })}</p>`;
      }
      return html;
    },
    channel: (m, i) => t('explain.channel', { below: name(m.below), i }),
    window: (m, channel) => (fromInput(m) ? t('student.windowInput') : t('explain.windowOfMap', { below: name(m.below), c: channel })),
    hint: () => t('student.unitHint'),
  };
}
