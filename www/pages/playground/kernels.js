// Kernel presets and filter specs: which numbers a filter holds, how it is written in the URL,
// and how several filters become one weight tensor [O, C, KH, KW] for conv2d. Data layout
// only: every product and sum is computed by the wasm core.

import { urlNumber, parseNumber } from './numbers.js';
import { msg } from './say.js';

/** Largest kernel side the page offers, cells. */
export const MAX_KERNEL_SIDE = 7;
/** Largest |weight| accepted from the URL or the editors. */
export const MAX_WEIGHT = 999;

const row5 = [1, 4, 6, 4, 1]; // binomial coefficients C(4, k): the 5-tap Gaussian approximation

/**
 * The presets. `data` is row-major h×w. Sources: Sobel/Prewitt/Laplacian/sharpen/emboss are
 * the textbook 3×3 forms (Gonzalez & Woods, Digital Image Processing, ch. 3); the Gaussians are
 * binomial approximations (weights sum to 1); the two "lecture" filters are the worked examples.
 */
export const PRESETS = {
  lecture4: { label: 'playground.presetLecture4', h: 3, w: 3, data: [2, 0, 1, 0, 1, 2, 1, 0, 2] },
  lecture8: { label: 'playground.presetLecture8', h: 3, w: 3, data: [-1, 0, 1, -1, 0, 1, -1, 0, 1] },
  identity: { label: 'playground.presetIdentity', h: 3, w: 3, data: [0, 0, 0, 0, 1, 0, 0, 0, 0] },
  'edge-v': { label: 'playground.presetEdgeV', h: 1, w: 3, data: [-1, 0, 1] },
  'edge-h': { label: 'playground.presetEdgeH', h: 3, w: 1, data: [-1, 0, 1] },
  'sobel-x': { label: 'playground.presetSobelX', h: 3, w: 3, data: [-1, 0, 1, -2, 0, 2, -1, 0, 1] },
  'sobel-y': { label: 'playground.presetSobelY', h: 3, w: 3, data: [-1, -2, -1, 0, 0, 0, 1, 2, 1] },
  'prewitt-x': { label: 'playground.presetPrewittX', h: 3, w: 3, data: [-1, 0, 1, -1, 0, 1, -1, 0, 1] },
  'prewitt-y': { label: 'playground.presetPrewittY', h: 3, w: 3, data: [-1, -1, -1, 0, 0, 0, 1, 1, 1] },
  laplacian: { label: 'playground.presetLaplacian', h: 3, w: 3, data: [0, 1, 0, 1, -4, 1, 0, 1, 0] },
  box3: { label: 'playground.presetBox3', h: 3, w: 3, data: Array(9).fill(1 / 9) },
  box5: { label: 'playground.presetBox5', h: 5, w: 5, data: Array(25).fill(1 / 25) },
  gauss3: { label: 'playground.presetGauss3', h: 3, w: 3, data: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16) },
  gauss5: { label: 'playground.presetGauss5', h: 5, w: 5, data: row5.flatMap((a) => row5.map((b) => (a * b) / 256)) },
  sharpen: { label: 'playground.presetSharpen', h: 3, w: 3, data: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
  emboss: { label: 'playground.presetEmboss', h: 3, w: 3, data: [-2, -1, 0, -1, 1, 1, 0, 1, 2] },
  ones3: { label: 'playground.presetOnes3', h: 3, w: 3, data: Array(9).fill(1) },
};

/**
 * A filter: `{preset}` or a custom `{c, h, w, data}` with `c` channels of h×w (c = 1 means
 * "the same 2-D kernel for every input channel").
 * @typedef {{preset: string} | {c: number, h: number, w: number, data: number[]}} FilterSpec
 */

/** The numbers of a filter spec as {c, h, w, data}. */
export function filterValues(spec) {
  if (spec.preset) {
    const p = PRESETS[spec.preset];
    return { c: 1, h: p.h, w: p.w, data: p.data.slice() };
  }
  return spec;
}

/** A human label for a filter, as a message (say.js): its preset's name, or "custom h×w". */
export function filterLabelMsg(spec) {
  if (spec.preset) return msg(PRESETS[spec.preset].label);
  return spec.c > 1 ? msg('playground.customFilterCh', { h: spec.h, w: spec.w, c: spec.c }) : msg('playground.customFilter', { h: spec.h, w: spec.w });
}

/** URL text of a filter: the preset name, or `HxW:v,...` / `CxHxW:v,...`. */
export function filterToUrl(spec) {
  if (spec.preset) return spec.preset;
  const dims = spec.c > 1 ? `${spec.c}x${spec.h}x${spec.w}` : `${spec.h}x${spec.w}`;
  return `${dims}:${spec.data.map(urlNumber).join(',')}`;
}

/**
 * Parses one filter from the URL. Returns {spec} or {error: message (say.js)}. Weights are clamped to
 * ±MAX_WEIGHT by the caller's notice logic (here: reported as an error).
 * @param {string} text
 * @param {number} maxChannels
 */
export function filterFromUrl(text, maxChannels = 8) {
  if (Object.hasOwn(PRESETS, text)) return { spec: { preset: text } };
  const m = /^(\d+)x(\d+)(?:x(\d+))?:([-0-9.,]*)$/.exec(text);
  if (!m) return { error: msg('playground.urlKernelUnknown', { text: text.slice(0, 40) }) };
  const [c, h, w] = m[3] ? [+m[1], +m[2], +m[3]] : [1, +m[1], +m[2]];
  if (c < 1 || c > maxChannels || h < 1 || h > MAX_KERNEL_SIDE || w < 1 || w > MAX_KERNEL_SIDE) {
    return { error: msg('playground.urlKernelSize', { size: `${c > 1 ? `${c}×` : ''}${h}×${w}`, max: MAX_KERNEL_SIDE, channels: maxChannels }) };
  }
  const values = m[4].split(',').map(parseNumber);
  if (values.length !== c * h * w || values.some((v) => !Number.isFinite(v))) {
    return { error: msg('playground.urlKernelCount', { size: `${h}×${w}`, n: c * h * w, got: m[4].slice(0, 40) }) };
  }
  const clamped = values.map((v) => Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, v)));
  return { spec: { c, h, w, data: clamped }, clamped: clamped.some((v, i) => v !== values[i]) };
}

/**
 * Re-sizes a filter to h×w by cropping or zero-padding around its centre (top-left bias
 * when the difference is odd). Pure index copying.
 */
export function resizeFilter(spec, h, w) {
  const f = filterValues(spec);
  const data = new Array(f.c * h * w).fill(0);
  const dy = Math.floor((h - f.h) / 2);
  const dx = Math.floor((w - f.w) / 2);
  for (let c = 0; c < f.c; c++) {
    for (let y = 0; y < f.h; y++) {
      for (let x = 0; x < f.w; x++) {
        const ty = y + dy;
        const tx = x + dx;
        if (ty >= 0 && ty < h && tx >= 0 && tx < w) data[(c * h + ty) * w + tx] = f.data[(c * f.h + y) * f.w + x];
      }
    }
  }
  return { c: f.c, h, w, data };
}

/** The kernel extent shared by all filters: the largest h and w among them. */
export function kernelExtent(filters) {
  let kh = 1;
  let kw = 1;
  for (const s of filters) {
    const f = filterValues(s);
    kh = Math.max(kh, f.h);
    kw = Math.max(kw, f.w);
  }
  return { kh, kw };
}

/**
 * Builds the weight tensor [O, C, KH, KW] for `channels` input channels. Filters smaller than
 * the largest are zero-padded around their centre (one layer has one kernel size); a 1-channel
 * filter is repeated for every input channel. When the filters disagree with each other about
 * their channel count, returns {error}; when they agree with each other but not with the input,
 * the weight keeps their count so conv2d can explain the mismatch.
 * @returns {{weight: {data: Float32Array, shape: number[]}, kh: number, kw: number, perChannel: number[][]} | {error: object}} error: a message (say.js)
 */
export function buildWeight(filters, channels) {
  const { kh, kw } = kernelExtent(filters);
  const sized = filters.map((s) => resizeFilter(s, kh, kw));
  const explicit = [...new Set(sized.filter((f) => f.c > 1).map((f) => f.c))];
  if (explicit.length > 1) {
    return { error: msg('playground.errFilterChannels', { counts: explicit.join(', ') }) };
  }
  const c = explicit.length === 1 ? explicit[0] : channels;
  const data = new Float32Array(filters.length * c * kh * kw);
  sized.forEach((f, o) => {
    for (let ch = 0; ch < c; ch++) {
      const src = f.c === 1 ? 0 : ch;
      data.set(f.data.slice(src * kh * kw, (src + 1) * kh * kw), (o * c + ch) * kh * kw);
    }
  });
  return { weight: { data, shape: [filters.length, c, kh, kw] }, kh, kw };
}

/** Text for the kernel editor: rows of numbers, channels separated by a blank line. */
export function filterToText(spec) {
  const f = filterValues(spec);
  const blocks = [];
  for (let c = 0; c < f.c; c++) {
    const rows = [];
    for (let y = 0; y < f.h; y++) rows.push(f.data.slice((c * f.h + y) * f.w, (c * f.h + y + 1) * f.w).map(urlNumber).join(' '));
    blocks.push(rows.join('\n'));
  }
  return blocks.join('\n\n');
}

/**
 * Parses the kernel editor's text. Returns {spec} or {error: message (say.js)}.
 * @param {string} text rows of numbers separated by spaces or commas; blank line between channels
 */
export function filterFromText(text, maxChannels = 8) {
  const blocks = text.replace(/\u2212/g, '-').trim().split(/\n\s*\n/);
  const channels = [];
  for (const b of blocks) {
    const rows = b.trim().split('\n').map((r) => r.trim().split(/[\s,;]+/).filter(Boolean).map(parseNumber));
    channels.push(rows);
  }
  const h = channels[0]?.length ?? 0;
  const w = channels[0]?.[0]?.length ?? 0;
  if (!h || !w) return { error: msg('playground.errKernelRows') };
  if (h > MAX_KERNEL_SIDE || w > MAX_KERNEL_SIDE) return { error: msg('playground.errKernelSide', { max: MAX_KERNEL_SIDE, size: `${h}×${w}` }) };
  if (channels.length > maxChannels) return { error: msg('playground.errKernelChannels', { max: maxChannels }) };
  for (const [ci, rows] of channels.entries()) {
    if (rows.length !== h || rows.some((r) => r.length !== w)) {
      return { error: msg('playground.errKernelRagged', { size: `${h}×${w}`, ch: ci + 1 }) };
    }
    if (rows.some((r) => r.some((v) => !Number.isFinite(v)))) return { error: msg('playground.errKernelNumbers', { ch: ci + 1 }) };
    if (rows.some((r) => r.some((v) => Math.abs(v) > MAX_WEIGHT))) return { error: msg('playground.errKernelWeights', { max: String(MAX_WEIGHT) }) };
  }
  return { spec: { c: channels.length, h, w, data: channels.flat(2) } };
}

/** True when two filter specs hold the same numbers in the same shape. */
export function sameFilter(a, b) {
  const fa = filterValues(a);
  const fb = filterValues(b);
  return fa.c === fb.c && fa.h === fb.h && fa.w === fb.w && fa.data.every((v, i) => v === fb.data[i]);
}

/** Turns a custom spec back into its preset when the numbers match one. */
export function normaliseFilter(spec) {
  if (spec.preset || spec.c !== 1) return spec;
  for (const name of Object.keys(PRESETS)) if (sameFilter(spec, { preset: name })) return { preset: name };
  return spec;
}
