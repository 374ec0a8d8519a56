// The "output size" lines every mode shows: one line per axis with the core's formula text,
// marked when that axis has no output, and the size itself.

/**
 * "2 × 3": an output size as the playground writes it, spaced for a projector (its tests read
 * this notation; shared/format.js sizeLabel is the compact "2×3" of the other pages).
 */
export function shapeText(h, w) {
  return `${h} × ${w}`;
}

/**
 * @param {HTMLElement} el
 * @param {Array<[string, {value?: {size: number, formula: string}, error?: string}]>} axes
 */
export function formulaLines(el, axes) {
  el.replaceChildren(...axes.map(([name, r]) => {
    const div = document.createElement('div');
    div.textContent = r.error ? `${name}: ${r.error}` : `${name}: ${r.value.formula}`;
    if (r.error || r.value.size < 1) div.className = 'bad';
    return div;
  }));
}
