// Every number the playground shows comes through here from the wasm core (pkg/convscope.js).
// Each wrapper catches the core's Error and returns {error: message, param, code, expected,
// got, limit} (the Error names the parameter and carries a stable code, README "The JavaScript
// API") so the page can explain the setting inline, in its own words (core-errors.js), next to
// its control, and keep working. No convolution, pooling or size arithmetic in JS.

import { msg, msgId } from './say.js';
import { coreErrorMsg, sizeReasonMsg } from './core-errors.js';

/** @typedef {{data: Float32Array, shape: number[]}} Tensor */

let core = null;

/** Hands the loaded wasm exports to this module (main.js calls it once). */
export function setCore(c) { core = c; }

/** The loaded core (for the backend name in the footer). */
export function getCore() { return core; }

function attempt(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return {
      error: e instanceof Error ? e.message : String(e),
      param: e?.param ?? null,
      code: e?.code ?? null,
      expected: e?.expected ?? null,
      got: e?.got ?? null,
      limit: e?.limit ?? null,
    };
  }
}

/**
 * Records a failed result `r` in model `m`: its message (say.js; coreErrorMsg with `context`)
 * once in `m.errors`, the parameter it names once in `m.params`. Returns true when `r` failed.
 */
export function report(m, r, context = {}) {
  if (!r.error) return false;
  const message = coreErrorMsg(r, context);
  if (!m.errors.some((e) => msgId(e) === msgId(message))) m.errors.push(message);
  if (r.param && !m.params.includes(r.param)) m.params.push(r.param);
  return true;
}

/**
 * Output size of one axis with its formula, via the core's `outputSize`.
 * @param {{kind?: 'conv'|'pool'|'transposed', input: number, kernel: number, stride?: number, padding?: number, dilation?: number, outputPadding?: number}} o
 * `reason` (the core's English) comes with `reasonMsg`, the page's words for it (say.js).
 * @returns {{value?: {size: number, formula: string, reason: string|null, reasonMsg: object|null}, error?: string}}
 */
export function axisSize(o) {
  const r = attempt(() => core.outputSize(o));
  if (r.value) r.value = { ...r.value, reasonMsg: r.value.reason ? sizeReasonMsg(o, r.value.size) : null };
  return r;
}

/**
 * Both axes of a 2-D op: rows from `h`/`kh`, cols from `w`/`kw`; stride/padding/dilation are
 * [rows, cols]. Returns {rows, cols, ok, reasons: messages (say.js)} where ok means both sizes ≥ 1.
 */
export function sizes2d({ kind = 'conv', h, w, kh, kw, stride, padding, dilation = [1, 1], outputPadding = [0, 0] }) {
  const one = (input, kernel, i) => {
    const o = { kind, input, kernel, stride: stride[i], padding: padding[i] };
    if (kind !== 'pool') o.dilation = dilation[i];
    if (kind === 'transposed') o.outputPadding = outputPadding[i];
    return axisSize(o);
  };
  const rows = one(h, kh, 0);
  const cols = one(w, kw, 1);
  const reasons = [];
  for (const [name, r] of [['playground.axisRows', rows], ['playground.axisCols', cols]]) {
    if (r.error) reasons.push(coreErrorMsg(r));
    else if (r.value.size < 1) reasons.push(msg('playground.axisReason', { axis: msg(name), reason: r.value.reasonMsg ?? msg('playground.noOutputShort') }));
  }
  return { rows, cols, ok: reasons.length === 0, reasons };
}

/** conv2d(input [C,H,W], weight [O,C,KH,KW], options) → {value: Tensor} | {error}. */
export function conv2d(input, weight, options) {
  return attempt(() => core.conv2d(input, weight, options));
}

/** conv1d(input [C,L], weight [O,C,K], options). */
export function conv1d(input, weight, options) {
  return attempt(() => core.conv1d(input, weight, options));
}

/** pool2d(input [C,H,W], {mode, kernel, stride, padding}). */
export function pool2d(input, options) {
  return attempt(() => core.pool2d(input, options));
}

/**
 * One output value of conv2d term by term: explainConv2d(input, weight, options,
 * c, y, x) → {value: {kind: 'conv', c, y, x, region, kh, kw, channels: [{index, window, kernel,
 * products, partial}], sum, bias, z}} | {error}.
 */
export function explainConv2d(input, weight, options, c, y, x) {
  return attempt(() => core.explainConv2d(input, weight, options, c, y, x));
}

/** convTranspose2d(input [C,H,W], weight [C,O,KH,KW], options). */
export function convTranspose2d(input, weight, options) {
  return attempt(() => core.convTranspose2d(input, weight, options));
}

/** convTranspose1d(input [C,L], weight [C,O,K], options). */
export function convTranspose1d(input, weight, options) {
  return attempt(() => core.convTranspose1d(input, weight, options));
}

/** A tiny memo: recomputes only when `key` changes. */
export function memo(fn) {
  let lastKey;
  let lastValue;
  return (key, ...args) => {
    if (key !== lastKey) {
      lastValue = fn(...args);
      lastKey = key;
    }
    return lastValue;
  };
}
