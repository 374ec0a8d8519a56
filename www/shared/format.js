// The one formatter for numbers and shapes on every page. Pure functions (tested by
// tests/unit/format.test.mjs).
//
// Shape notation: a stack of C maps of H×W is `C@H×W` ("16@10×10"), a vector of N values is
// `N`, a kernel or any other 2-D size is `H×W` ("5×5").

/** Fixed-point with a real minus sign (−), for numbers in tables and sums; −0.00 reads 0.00. */
export function fmt(v, places = 2) {
  if (!Number.isFinite(v)) return String(v);
  const s = Math.abs(v).toFixed(places);
  return (v < 0 && Number(s) !== 0 ? '−' : '') + s;
}

/** A `[C, H, W]` stack of maps as `C@H×W`; `[N]`, `[N, 1, 1]` as `N`. */
export function shapeLabel(shape) {
  const [c, h = 1, w = 1] = shape;
  return h === 1 && w === 1 ? `${c}` : `${c}@${h}×${w}`;
}

/** A 2-D size `[h, w]` (kernel, window, receptive field) or a number as `h×w` ("5×5"). */
export function sizeLabel(size) {
  const [h, w] = typeof size === 'number' ? [size, size] : size;
  return `${h}×${w}`;
}

/** A per-axis setting `[a, b]` (stride, padding) as `a` when both axes agree, else `a×b`. */
export function pairLabel(p) {
  return p[0] === p[1] ? `${p[0]}` : `${p[0]}×${p[1]}`;
}

/**
 * A `[C, H, W]` shape in the CS231n lecture's order `H×W×C` ("55×55×96", a vector `N`). Only the
 * architectures page uses it: its tables follow the lecture's AlexNet table (and its tests
 * assert that notation); everywhere else shapes are shapeLabel()'s `C@H×W`.
 */
export function lectureShapeLabel([c, h, w]) {
  return h === 1 && w === 1 ? `${c}` : `${h}×${w}×${c}`;
}

const UNITS = [[1e9, 'G'], [1e6, 'M'], [1e3, 'K']];

/**
 * A count with three significant digits and a K/M/G suffix: 34944 → "34.9 K", 62378344 →
 * "62.4 M", 1135256096 → "1.14 G". Below 1000 the number itself.
 */
export function compact(n) {
  for (const [size, unit] of UNITS) {
    if (n >= size) return `${Number((n / size).toPrecision(3))} ${unit}`;
  }
  return String(n);
}

/** Every digit, grouped by thousands: 62378344 → "62,378,344". */
export function exact(n) {
  return Number(n).toLocaleString('en-US');
}

/** `part / whole` as a percentage, one decimal below 10 % ("4.3%", "94%"); "0%" for an empty whole. */
export function percent(part, whole) {
  if (!whole) return '0%';
  const p = (100 * part) / whole;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)}%`;
}

/**
 * A unit in words: "C3 map 4, row 2, col 7" / "F6 unit 12" / "output unit 3 (digit 3)" /
 * "input pixel (row 3, col 5)". `u` = {layer, c, y, x, kind, map (the layer is a stack of maps),
 * softmax (the layer ends in a softmax over classes)}.
 */
export function unitName(u) {
  if (u.kind === 'input') return `input pixel (row ${u.y}, col ${u.x})`;
  if (u.map) return `${u.layer} map ${u.c}, row ${u.y}, col ${u.x}`;
  return `${u.layer} unit ${u.c}${u.softmax ? ` (digit ${u.c})` : ''}`;
}

/**
 * Short text for a value in a grid cell or an equation: whole numbers as they are, others with
 * up to `digits` decimals and no trailing zeros (0.5, 0.11, 1234); −0 reads 0; a real minus
 * sign. The playground's grids and sums use it, so the lecture's 15 16 / 6 15 read as written.
 */
export function short(v, digits = 2) {
  if (!Number.isFinite(v)) return String(v);
  let s = Number.isInteger(v) ? String(v) : v.toFixed(digits).replace(/\.?0+$/, '');
  if (!Number.isInteger(v) && Math.abs(v) >= 1000) s = v.toFixed(0);
  return s === '-0' ? '0' : s.replace('-', '−');
}
