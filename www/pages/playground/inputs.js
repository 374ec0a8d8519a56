// Input grids: the lecture's worked examples, the student's drawing, generated patterns and
// uploaded images. Each source yields a tensor {data: Float32Array, shape: [C, H, W]} plus how
// it should be drawn. Generating and decoding only; all convolution arithmetic is in wasm.

// The student's drawing (its key, format and reader) lives in shared/persist.js.
import { readDrawing } from '../../shared/persist.js';
import { msg } from './say.js';
export { DRAWING_KEY, DRAWING_SIDE, readDrawing } from '../../shared/persist.js';
import { mulberry32 } from '../../shared/random.js';
export { mulberry32 };

/** The lecture's 4×4 example (its 3×3 filter [[2,0,1],[0,1,2],[1,0,2]] gives 15 16 / 6 15). */
export const LECTURE4 = [[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]];
/** The lecture's 8×8 example: a vertical edge between columns 2 and 3 in the lower half. */
export const LECTURE8 = [
  ...Array.from({ length: 4 }, () => [2, 2, 2, 2, 2, 1, 1, 1]),
  ...Array.from({ length: 4 }, () => [2, 2, 2, 9, 9, 9, 9, 9]),
];

/** Input kinds in the order the menu lists them (catalog keys of their names). */
export const INPUT_KINDS = {
  lecture4: 'playground.kindLecture4',
  lecture8: 'playground.kindLecture8',
  drawing: 'playground.kindDrawing',
  random: 'playground.kindRandom',
  blank: 'playground.kindBlank',
  rgb: 'playground.kindRgb',
  channels8: 'playground.kindChannels8',
  upload: 'playground.kindUpload',
};

/** Kinds whose size the person picks. */
export const SIZED_KINDS = new Set(['random', 'blank', 'rgb', 'channels8', 'upload']);

function fromRows(rows) {
  return { data: Float32Array.from(rows.flat()), shape: [1, rows.length, rows[0].length] };
}


/** Random whole numbers 0..9 on an n×n grid (easy to multiply in your head). */
export function randomGrid(n, seed) {
  const rnd = mulberry32(seed);
  return { data: Float32Array.from({ length: n * n }, () => Math.floor(rnd() * 10)), shape: [1, n, n] };
}

/**
 * A colourful n×n RGB test pattern, values 0..1: a red-to-blue horizontal ramp, a green disc
 * and a white bar, so colour edges exist in every direction.
 */
export function rgbPattern(n) {
  const data = new Float32Array(3 * n * n);
  const c = (n - 1) / 2;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const i = y * n + x;
      const t = n > 1 ? x / (n - 1) : 0;
      const inDisc = (y - c) ** 2 + (x - c) ** 2 <= (n / 4) ** 2;
      const bar = y >= Math.floor(n * 0.75) && y < Math.floor(n * 0.75) + Math.max(1, Math.floor(n / 8));
      data[i] = bar ? 1 : inDisc ? 0.1 : 1 - t;
      data[n * n + i] = bar ? 1 : inDisc ? 0.9 : 0.15;
      data[2 * n * n + i] = bar ? 1 : inDisc ? 0.2 : t;
    }
  }
  return { data, shape: [3, n, n] };
}

/**
 * Eight n×n feature maps standing for the output of an earlier layer: stripes at four angles,
 * two blobs and two checkerboards, values 0 or 1 (so a 1×1 convolution is easy to follow).
 */
export function featureStack(n) {
  const data = new Float32Array(8 * n * n);
  const tests = [
    (y, x) => x % 2 === 0,
    (y, x) => y % 2 === 0,
    (y, x) => (x + y) % 3 === 0,
    (y, x) => (x - y + 3 * n) % 3 === 0,
    (y, x) => y < n / 2 && x < n / 2,
    (y, x) => y >= n / 2 && x >= n / 2,
    (y, x) => (Math.floor(y / 2) + Math.floor(x / 2)) % 2 === 0,
    (y, x) => (y + x) % 2 === 0,
  ];
  tests.forEach((f, c) => {
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) data[(c * n + y) * n + x] = f(y, x) ? 1 : 0;
  });
  return { data, shape: [8, n, n] };
}

/**
 * Decodes an image file locally (createImageBitmap, nothing leaves the computer), scales its
 * longer side down to `maxSide` px and returns values 0..1: grayscale uses the browser's CSS
 * `grayscale(1)` filter (Rec. 709 luma); RGB keeps three channels.
 * @param {Blob} file
 * @param {number} maxSide
 * @param {'gray'|'rgb'} color
 */
export async function decodeImage(file, maxSide, color) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = '#fff'; // transparent pixels read as white paper
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingQuality = 'high';
  if (color === 'gray') ctx.filter = 'grayscale(1)';
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close?.();
  const px = ctx.getImageData(0, 0, w, h).data;
  const channels = color === 'gray' ? 1 : 3;
  const data = new Float32Array(channels * w * h);
  for (let i = 0; i < w * h; i++) {
    for (let c = 0; c < channels; c++) data[c * w * h + i] = px[4 * i + c] / 255;
  }
  return { data, shape: [channels, h, w] };
}

/**
 * The base tensor of an input setting (before hand edits). `upload` is the decoded image kept in
 * memory (null when none).
 * @returns {{tensor, natural: boolean, message?: string}}
 */
export function baseInput(input, upload) {
  switch (input.kind) {
    case 'lecture4': return { tensor: fromRows(LECTURE4), natural: false };
    case 'lecture8': return { tensor: fromRows(LECTURE8), natural: false };
    case 'drawing': return { ...readDrawing(), natural: false };
    case 'random': return { tensor: randomGrid(input.size, input.seed), natural: false };
    case 'blank': return { tensor: { data: new Float32Array(input.size * input.size), shape: [1, input.size, input.size] }, natural: false };
    case 'rgb': return { tensor: rgbPattern(input.size), natural: true };
    case 'channels8': return { tensor: featureStack(input.size), natural: false };
    case 'upload':
      if (upload) return { tensor: upload, natural: true };
      return { tensor: fromRows(LECTURE8), natural: false, message: msg('playground.chooseImage') };
    default: return { tensor: fromRows(LECTURE4), natural: false };
  }
}

/** Applies hand edits {"c.y.x": value} to a copy of `tensor`; edits outside the grid are skipped. */
export function applyEdits(tensor, edits) {
  if (!edits.size) return tensor;
  const [C, H, W] = tensor.shape;
  const data = tensor.data.slice();
  for (const [key, v] of edits) {
    const [c, y, x] = key.split('.').map(Number);
    if (c < C && y < H && x < W) data[(c * H + y) * W + x] = v;
  }
  return { data, shape: tensor.shape };
}

/**
 * Shifts every channel by `amount` pixels to the right ('x') or down ('y'), filling the
 * uncovered edge with zeros. Data movement only.
 */
export function shiftTensor(tensor, amount, dir) {
  const [C, H, W] = tensor.shape;
  const data = new Float32Array(tensor.data.length);
  for (let c = 0; c < C; c++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const sy = dir === 'y' ? y - amount : y;
        const sx = dir === 'x' ? x - amount : x;
        if (sy >= 0 && sx >= 0) data[(c * H + y) * W + x] = tensor.data[(c * H + sy) * W + sx];
      }
    }
  }
  return { data, shape: tensor.shape };
}
