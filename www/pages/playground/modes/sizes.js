// The "output size" lines every mode shows: one line per axis with the core's formula text,
// marked when that axis has no output, and the size itself.

import { t } from '../../../shared/i18n.js';
import { say } from '../say.js';
import { coreErrorMsg } from '../core-errors.js';

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
 *   [catalog key of the axis name, the core's outputSize result]
 */
export function formulaLines(el, axes) {
  el.replaceChildren(...axes.map(([name, r]) => {
    const div = document.createElement('div');
    div.textContent = t('playground.formulaLine', { axis: t(name), formula: r.error ? say(coreErrorMsg(r)) : r.value.formula });
    if (r.error || r.value.size < 1) div.className = 'bad';
    return div;
  }));
}
