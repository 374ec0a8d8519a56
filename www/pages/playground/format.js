// Number formatting for cells, formulas and the URL. Display only: rounding for text, no
// arithmetic on the data itself.

/**
 * Short text for a cell value: whole numbers as they are, others with up to `digits`
 * decimals and no trailing zeros; −0 shows as 0. Uses a real minus sign (U+2212) for slides.
 * @param {number} v
 * @param {number} [digits=2]
 */
export function fmt(v, digits = 2) {
  if (!Number.isFinite(v)) return String(v);
  let s;
  if (Number.isInteger(v)) s = String(v);
  else {
    s = v.toFixed(digits).replace(/\.?0+$/, '');
    if (Math.abs(v) >= 1000) s = v.toFixed(0);
  }
  if (s === '-0') s = '0';
  return s.replace('-', '−');
}

/** Value as plain ASCII for the URL: at most 4 decimals, no exponent, no trailing zeros. */
export function urlNumber(v) {
  if (!Number.isFinite(v)) return '0';
  const s = v.toFixed(4).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/**
 * Parses a number typed by a person: accepts "−" and "," as a decimal comma is NOT accepted
 * (commas separate values). Returns NaN for anything that is not a plain decimal number.
 * @param {string} text
 */
export function parseNumber(text) {
  const t = String(text).trim().replace(/\u2212/g, '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return NaN;
  return Number(t);
}

/** "2 × 3" for a shape. */
export function shapeText(h, w) {
  return `${h} × ${w}`;
}
