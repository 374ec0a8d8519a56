// What typing into a cell of the input grid or the kernel changes: the editor's starting value,
// label and range, and how the typed value enters the settings (a hand edit "c.y.x" of the
// input, or a weight of the selected filter).

import { LIMITS } from '../settings.js';
import { t } from '../../../shared/i18n.js';
import { msg } from '../say.js';
import { kernelExtent, resizeFilter, normaliseFilter } from '../kernels.js';

/**
 * @param {{data: Float32Array, shape: number[]}} tensor the input as shown (edits applied)
 * @param {{map: number, y: number, x: number}} hit
 */
export function inputCellEdit(tensor, hit) {
  const [, H, W] = tensor.shape;
  return {
    value: tensor.data[(hit.map * H + hit.y) * W + hit.x],
    label: t('playground.editInputCell', { row: hit.y, col: hit.x }),
    min: LIMITS.value.min,
    max: LIMITS.value.max,
    /** Returns an error message (say.js) when the edit is refused. */
    apply(s, v) {
      if (s.input.edits.size >= LIMITS.edits.max) return msg('playground.errTooManyEdits', { max: LIMITS.edits.max });
      s.input.edits.set(`${hit.map}.${hit.y}.${hit.x}`, v);
      return '';
    },
  };
}

/**
 * @param {{data: Float32Array, shape: number[]}} weight [O, C, KH, KW]
 * @param {number} f the selected filter
 */
export function kernelCellEdit(weight, f, hit) {
  const [, Cw, kh, kw] = weight.shape;
  return {
    value: weight.data[((f * Cw + hit.map) * kh + hit.y) * kw + hit.x],
    label: t('playground.editWeightCell', { row: hit.y, col: hit.x }),
    min: -999,
    max: 999,
    apply(s, v) {
      const { kh: h, kw: w } = kernelExtent(s.filters);
      const spec = resizeFilter(s.filters[s.filter], h, w);
      spec.data[(hit.map * h + hit.y) * w + hit.x] = v;
      s.filters[s.filter] = normaliseFilter(spec);
      return '';
    },
  };
}
