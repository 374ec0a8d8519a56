// Numbers typed by a person or carried by a link: parsing (a real minus sign allowed, no
// exponent, no decimal comma) and the plain ASCII form written into the URL. Display
// formatting is shared/format.js `short`.

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
