// The page's own words for what the wasm core reports: an Error's `code` / `param` / `expected`
// / `got` / `limit` (README "The JavaScript API"; the core's message stays English, it is the
// API's contract) and the `reason` outputSize gives for an empty axis. Each becomes a message
// (say.js) built from the error's values or from the settings the page passed, so it reads in
// the page's language. Pure: no DOM.

import { msg } from './say.js';

/** The core's parameter names, as the page calls them (catalog keys). */
const PARAM_NAMES = {
  input: 'playground.paramInput',
  weight: 'playground.paramWeight',
  kernel: 'playground.paramKernel',
  stride: 'playground.paramStride',
  padding: 'playground.paramPadding',
  dilation: 'playground.paramDilation',
  outputPadding: 'playground.paramOutputPadding',
  bias: 'playground.paramBias',
};

/** The parameter `p` named for a reader (its API name when the page has no word for it). */
export const paramName = (p) => (Object.hasOwn(PARAM_NAMES, p ?? '') ? msg(PARAM_NAMES[p]) : String(p ?? '?'));

/** Numbers of an error value (a number, or the first of a list) for a sentence. */
const num = (v) => (Array.isArray(v) ? v.join(', ') : v ?? '?');

/**
 * The message for a failed core call `e` ({code, param, expected, got, limit, error}).
 * `context` may give sentences the page can say better from its own settings, by parameter:
 * `{padding: msg(…)}` (used for invalid_value, whose error carries no numbers).
 */
export function coreErrorMsg(e, context = {}) {
  const param = e.param ?? null;
  switch (e.code) {
    case 'shape_mismatch':
      if (param === 'weight') return msg('playground.errChannels', { expected: num(e.expected), got: num(e.got) });
      return msg('playground.errShape', { param: paramName(param), expected: num(e.expected), got: num(e.got) });
    case 'too_large':
      return e.limit !== undefined && e.limit !== null && e.got !== undefined && e.got !== null
        ? msg('playground.errTooLargeBy', { got: num(e.got), limit: num(e.limit) })
        : msg('playground.errTooLarge');
    case 'invalid_value':
    case 'not_a_number':
    case 'required':
      if (param && context[param]) return context[param];
      return msg('playground.errInvalid', { param: paramName(param) });
    default:
      // A code the page should never meet: the core's English words, inside a translated sentence.
      return msg('playground.errOther', { code: String(e.code ?? '?'), message: String(e.error ?? '') });
  }
}

/**
 * Why one axis has no output, in the page's words, from the values outputSize was called with
 * (`o`: {kind, input, kernel, stride, padding, dilation, outputPadding}) and its result `size`.
 * The same cases as the core's `reason` (src/ops/shape.rs); called only when it gave one.
 */
export function sizeReasonMsg(o, size) {
  const kind = o.kind ?? 'conv';
  const w = o.input;
  const k = o.kernel;
  const s = o.stride ?? 1;
  const p = o.padding ?? 0;
  const d = o.dilation ?? 1;
  if (kind === 'transposed') {
    const op = o.outputPadding ?? 0;
    if (op >= s && op >= d) return msg('playground.reasonOutpad', { op, s, d });
    return msg('playground.reasonCrop', { p, twoP: 2 * p, full: size + 2 * p });
  }
  if (kind === 'pool' && 2 * p > k) return msg('playground.reasonPoolPadding', { k, half: Math.floor(k / 2), p });
  const what = kind === 'pool' ? msg('playground.reasonWindow', { k })
    : d > 1 ? msg('playground.reasonDilatedKernel', { d, k, span: d * (k - 1) + 1 })
      : msg('playground.reasonKernel', { k });
  return msg('playground.reasonNoFit', { what, w, p, padded: w + 2 * p });
}
