// The playground's settings (the part of its state a link carries): defaults, limits and a
// deep copy. Their round trip through the URL hash is url.js.

import { DETECTORS } from './text-embedding.js';

/** The demos' ids, in tab order (modes/index.js holds the modes themselves). */
export const MODE_IDS = ['conv', 'pool', 'transposed', 'text'];

/** Ranges of every numeric setting (inclusive). Sizes in cells unless noted. */
export const LIMITS = {
  size: { min: 3, max: 64 },          // side of generated grids (cell view)
  uploadSize: { min: 8, max: 256 },   // longest side of a decoded upload, px (image view)
  seed: { min: 0, max: 999999 },
  stride: { min: 1, max: 8 },
  padding: { min: 0, max: 8 },
  dilation: { min: 1, max: 8 },
  filters: { min: 1, max: 8 },        // filters in the stack
  speed: { min: 0.25, max: 20 },      // animation, steps per second
  step: { min: 0, max: 1 << 20 },
  window: { min: 1, max: 8 },         // pooling window side
  pstride: { min: 1, max: 8 },
  ppadding: { min: 0, max: 4 },       // the core allows at most half the window
  shift: { min: 0, max: 8 },          // pixels
  tside: { min: 1, max: 5 },          // transposed-conv input and kernel sides
  tstride: { min: 1, max: 4 },
  tpadding: { min: 0, max: 4 },
  toutpad: { min: 0, max: 3 },
  value: { min: -999, max: 999 },     // a hand-typed cell
  edits: { min: 0, max: 512 },        // hand edits kept in the link
};

/** How long (ms) repeated changes of one control merge into one history entry. */
export const COALESCE_MS = 800;

/** Default settings: the lecture's 4×4 example. */
export function defaultState() {
  return {
    mode: 'conv',
    input: { kind: 'lecture4', size: 8, seed: 1, color: 'gray', edits: new Map() },
    filters: [{ preset: 'lecture4' }],
    stride: [1, 1],
    padding: [0, 0],
    dilation: [1, 1],
    filter: 0,
    step: 0,
    speed: 1,
    pool: { window: 2, stride: 2, padding: 0, shift: 0, dir: 'x' },
    tr: {
      dim: 2,
      in2: { h: 2, w: 2, data: [1, 2, 3, 4] },
      k2: { h: 3, w: 3, data: [1, 1, 1, 1, 1, 1, 1, 1, 1] },
      in1: { h: 1, w: 3, data: [1, 2, 3] },
      k1: { h: 1, w: 3, data: [1, 2, 1] },
      stride: 2,
      padding: 0,
      outpad: 0,
    },
    text: { sentence: 'the movie was not good at all', detector: DETECTORS[0].id },
  };
}

/** A deep copy (Maps and arrays included). */
export function cloneState(s) {
  return {
    ...s,
    input: { ...s.input, edits: new Map(s.input.edits) },
    filters: s.filters.map((f) => (f.preset ? { ...f } : { ...f, data: f.data.slice() })),
    stride: s.stride.slice(),
    padding: s.padding.slice(),
    dilation: s.dilation.slice(),
    pool: { ...s.pool },
    tr: { ...s.tr, in2: copyM(s.tr.in2), k2: copyM(s.tr.k2), in1: copyM(s.tr.in1), k1: copyM(s.tr.k1) },
    text: { ...s.text },
  };
}
const copyM = (m) => ({ h: m.h, w: m.w, data: m.data.slice() });
