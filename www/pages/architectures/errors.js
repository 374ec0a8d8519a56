// The page's own sentence for an error of inferShapes(), in the page's language. The core's
// `message` is English (its API's contract); the page builds its sentence from the error's
// `code`, `param`, `got` and `limit`, and, for the errors the core reports while it walks the
// network (code invalid_value, no values: an empty output, a pooling padding over half the
// window, a residual add or concatenation whose shapes disagree), from what the core computes
// for the part of the network in front of the failing layer (upstream.js).

import { lectureShapeLabel as shapeLabel, sizeLabel } from '../../shared/format.js';
import { t } from '../../shared/i18n.js';
import { errorLayer } from './format.js';
import { lastShape, upstream } from './upstream.js';

/** The core's limit on whole-number parameters and output sizes (src/params.rs MAX_INT_PARAM). */
export const MAX_INT = 2 ** 20;

const PARAM = {
  stride: 'architectures.paramStride',
  padding: 'architectures.paramPadding',
  kernel: 'architectures.paramKernel',
  out: 'architectures.paramOut',
  params: 'architectures.paramParams',
  macs: 'architectures.paramMacs',
};
/** Smallest allowed value of each edited parameter (the form's min attributes say the same). */
const MIN = { inputSize: 1, stride: 1, padding: 0 };

/** `got` as shown: a number as it is, anything else as text. */
const shown = (v) => (typeof v === 'number' ? v : String(v));

/** The node of `spec` at `path` (blocks opened by their branches), or null. */
function nodeAt(spec, path) {
  let nodes = spec.layers ?? [];
  let prefix = '';
  for (;;) {
    const node = nodes.find((n) => path === `${prefix}${n.name}` || path.startsWith(`${prefix}${n.name}.`));
    if (!node) return null;
    if (path === `${prefix}${node.name}`) return node;
    prefix = `${prefix}${node.name}.`;
    nodes = [...(node.main ?? []), ...(node.shortcut ?? []), ...(node.gate ?? []), ...(node.branches ?? []).flatMap((b) => b.layers ?? [])];
  }
}

/** The enclosing residual or Inception blocks of `path`, innermost first. */
function enclosing(spec, path) {
  const out = [];
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const p = parts.slice(0, i).join('.');
    const n = nodeAt(spec, p);
    if (n && (n.kind === 'residual' || n.kind === 'inception')) out.push({ path: p, node: n });
  }
  return out;
}

/** The shape the core computes at the end of `path` (optionally of its branch `branchEnd`), or null. */
function shapeBefore(core, spec, path, options, branchEnd) {
  const part = upstream(spec, path, { branchEnd });
  if (!part) return null;
  try {
    const o = { overrides: part.mapOverrides(options.overrides) };
    if (options.inputSize != null) o.inputSize = options.inputSize;
    return lastShape(core.inferShapes(part.spec, o));
  } catch {
    return null;
  }
}

/**
 * An empty output at `layer`: the map it receives (from the core), the window, and the core's
 * output-size formula for the axis that has no room. Null when the layer's output is not empty.
 */
function emptyOutput(core, spec, layer, which, options) {
  const node = nodeAt(spec, layer);
  if (!node || (node.kind !== 'conv' && node.kind !== 'pool')) return null;
  const shape = shapeBefore(core, spec, layer, options);
  if (!shape) return null;
  const edit = options.overrides?.[layer] ?? {};
  for (const axis of [0, 1]) {
    const n = shape[axis + 1];
    const k = node.kernel[axis];
    const s = edit.stride ?? node.stride[axis];
    const p = edit.padding ?? node.padding[axis];
    const d = node.dilation?.[axis] ?? 1;
    const size = core.outputSize({ kind: node.kind, input: n, kernel: k, stride: s, padding: p, dilation: d });
    if (size.size < 1) {
      const key = node.kind === 'pool' ? 'architectures.errEmptyPool' : 'architectures.errEmptyConv';
      return { key, params: { k, n, p, padded: n + 2 * p, formula: size.formula } };
    }
    if (size.size > MAX_INT) return { key: 'architectures.errTooWide', params: { size: size.size, limit: MAX_INT } };
  }
  return null;
}

/**
 * What went wrong, as a message key and its values: computed once, when the error happens, so
 * a language switch only re-reads the catalog.
 * @param {Error & {code?: string, param?: string, got?: unknown, limit?: number}} err thrown by inferShapes()
 * @param {{core: object, spec: object, options: {inputSize?: number, overrides?: object}}} ctx
 * @returns {{key: string, params: object}}
 */
export function diagnose(err, { core, spec, options }) {
  const param = String(err?.param ?? '').replace(/^overrides\./, '');
  const code = err?.code ?? 'internal';
  const other = { key: 'architectures.errOther', params: { param: param || '?', code, message: err instanceof Error ? err.message : String(err) } };
  const hasGot = err?.got !== undefined && err?.got !== null;
  if (param === 'inputSize') {
    if (code === 'too_large') return { key: 'architectures.errInputTooLarge', params: { limit: err.limit ?? MAX_INT, got: shown(err.got) } };
    if (hasGot) return { key: 'architectures.errInputWhole', params: { min: err.limit ?? MIN.inputSize, got: shown(err.got) } };
    return other;
  }
  const layer = errorLayer(param);
  const which = param.slice(param.lastIndexOf('.') + 1);
  if (!layer) return other;
  // The parameter's word is looked up when the sentence is written (sentence()): keep its key.
  const named = (key, params) => ({ key, params: { layer, param: PARAM[which] ?? which, ...params } });
  if (code === 'too_large' && hasGot) return named('architectures.errLayerTooLarge', { limit: err.limit ?? MAX_INT, got: shown(err.got) });
  if (hasGot && (which === 'stride' || which === 'padding')) return named('architectures.errLayerWhole', { min: err.limit ?? MIN[which], got: shown(err.got) });
  if (code !== 'invalid_value') return other;

  const node = nodeAt(spec, layer);
  const edit = options.overrides?.[layer] ?? {};
  if (node?.kind === 'pool' && which === 'padding' && edit.padding !== undefined) {
    const k = Math.max(...node.kernel);
    if (edit.padding > Math.floor(k / 2)) return named('architectures.errPoolPadding', { k, half: Math.floor(k / 2), got: edit.padding });
  }
  if (which === 'kernel' || which === 'padding') {
    const empty = emptyOutput(core, spec, layer, which, options);
    if (empty) return named(empty.key, empty.params);
  }
  if (which === 'stride' || which === 'padding') {
    const [block] = enclosing(spec, layer);
    if (block?.node.kind === 'residual') {
      const main = shapeBefore(core, spec, block.path, options, 'main');
      const shortcut = shapeBefore(core, spec, block.path, options, 'shortcut');
      if (main && shortcut && main.join() !== shortcut.join()) {
        return named('architectures.errResidual', { block: block.path, main: shapeLabel(main), shortcut: shapeLabel(shortcut) });
      }
    } else if (block?.node.kind === 'inception') {
      const shapes = block.node.branches.map((b) => shapeBefore(core, spec, block.path, options, b.name));
      if (shapes.every(Boolean) && new Set(shapes.map((s) => sizeLabel(s.slice(1)))).size > 1) {
        return named('architectures.errConcat', { block: block.path, shapes: shapes.map(shapeLabel).join(', ') });
      }
    }
  }
  if (['out', 'params', 'macs'].includes(which)) return named('architectures.errTooMany', {});
  if (['stride', 'kernel'].includes(which)) return named('architectures.errTooBig', {});
  return other;
}

/** The sentence of a diagnose() result in the current language. */
export function sentence({ key, params }) {
  const p = { ...params };
  if (p.param && p.param.startsWith('architectures.')) p.param = t(p.param);
  return t(key, p);
}
