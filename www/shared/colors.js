// Colour scales. Pure functions: value in, [r, g, b] (0-255) out.
//
// Signed values (activations, kernels, products) use a diverging scale: ColorBrewer's RdBu
// (Brewer & Harrower, colorbrewer2.org, rated colour-blind safe), blue for negative, white-ish
// at zero, red for positive. Non-negative values (ink, probabilities) use a sequential scale
// from the same palette's blue side, so the two never read as each other.

/** ColorBrewer RdBu, 11 classes, from most negative (dark blue) to most positive (dark red). */
export const DIVERGING_STOPS = [
  [5, 48, 97], [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43], [103, 0, 31],
];

/** Sequential: white to dark blue-grey (ColorBrewer Greys-like, slightly blue for contrast). */
export const SEQUENTIAL_STOPS = [[255, 255, 255], [200, 210, 225], [120, 140, 170], [45, 60, 90], [8, 16, 32]];

/** Linear interpolation through `stops` at t in [0, 1]. */
function interpolate(stops, t) {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f));
}

/**
 * Diverging colour of `v` for a scale symmetric about zero: v = -limit is darkest blue,
 * 0 is near-white, +limit darkest red.
 * @param {number} v value
 * @param {number} limit half-width of the scale (> 0)
 */
export function diverging(v, limit) {
  return interpolate(DIVERGING_STOPS, limit > 0 ? 0.5 + v / (2 * limit) : 0.5);
}

/**
 * Sequential colour of `v` in [lo, hi]: lo is white, hi darkest.
 */
export function sequential(v, lo = 0, hi = 1) {
  return interpolate(SEQUENTIAL_STOPS, hi > lo ? (v - lo) / (hi - lo) : 0);
}

/** The largest |v| in `data` (at least `floor`, so an all-zero map still has a scale). */
export function absMax(data, floor = 1e-6) {
  let m = floor;
  for (const v of data) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/** CSS colour string of an [r, g, b] triple. */
export function css([r, g, b]) {
  return `rgb(${r} ${g} ${b})`;
}

/** Black or white, whichever reads better on [r, g, b] (WCAG relative luminance). */
export function textOn([r, g, b]) {
  const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return l > 0.4 ? '#111' : '#fff';
}

/** Steps of the colour lookup tables: 1/1023 of a scale, far below what the eye separates. */
const LUT_SIZE = 1024;
const tables = new Map();

/** [r, g, b] × LUT_SIZE of a scale kind, sampled from diverging() / sequential() over t ∈ [0, 1]. */
function colourTable(kind) {
  if (!tables.has(kind)) {
    const t = new Uint8ClampedArray(LUT_SIZE * 3);
    for (let i = 0; i < LUT_SIZE; i++) {
      const u = i / (LUT_SIZE - 1);
      t.set(kind === 'diverging' ? diverging(2 * u - 1, 1) : sequential(u, 0, 1), 3 * i);
    }
    tables.set(kind, t);
  }
  return tables.get(kind);
}

/**
 * Writes the colours of `n` values data[from…from+n) as opaque RGBA into `px` from byte
 * `at` on. `scale` is {kind: 'diverging', limit} (−limit…+limit) or {kind: 'sequential', lo, hi},
 * mapped as diverging() / sequential() do, through colourTable(): the per-frame painters use
 * this instead of one interpolate() (and its arrays) per value.
 */
export function paintValues(px, at, data, from, n, scale) {
  const lut = colourTable(scale.kind);
  const [a, b] = scale.kind === 'diverging'
    ? [scale.limit > 0 ? 1 / (2 * scale.limit) : 0, 0.5]
    : scale.hi > scale.lo ? [1 / (scale.hi - scale.lo), -scale.lo / (scale.hi - scale.lo)] : [0, 0];
  const top = LUT_SIZE - 1;
  let o = at;
  for (let i = from; i < from + n; i++, o += 4) {
    let t = data[i] * a + b;
    t = t !== t ? (scale.kind === 'diverging' ? 0.5 : 0) : t > 1 ? 1 : t < 0 ? 0 : t;
    const k = 3 * Math.round(t * top);
    px[o] = lut[k];
    px[o + 1] = lut[k + 1];
    px[o + 2] = lut[k + 2];
    px[o + 3] = 255;
  }
}
