// The receptive-field read-out under the layers: which input patch a unit sees (size from the
// core's receptiveField()), or which units of each layer see a hovered input pixel
// (unitsSeeing()). The boxes themselves are drawn by feature_maps.js and input_preview.js.
import { t } from '../../../shared/i18n.js';
import { layerNamer, unitLabel } from './labels.js';

const span = (a, b) => (b - a === 1 ? `${a}` : `${a}–${b - 1}`);
/** Splits a translated sentence at the spot of one placeholder (filled with this marker). */
const MARK = '\u0000';

/**
 * @param {HTMLElement} el the [data-testid=rf-info] paragraph
 * @param {object[]} specs layerSpecs() (entry 0: the input, with side, pad and paddedSide)
 */
export function createRfInfo(el, specs) {
  const input = specs[0];
  const hasMaps = (name) => specs.find((s) => s.name === name)?.shape[1] > 1;
  const name = layerNamer(specs);
  return {
    /** @param {object|null} unit the probed unit @param {object|null} hl highlights (state/probe.js) */
    render(unit, hl) {
      if (!unit || !hl) { el.textContent = t('student.rfHint'); el.dataset.size = ''; return; }
      if (hl.seeing) {
        const parts = hl.seeing.map((r) => {
          const n = (r.y1 - r.y0) * (r.x1 - r.x0);
          return !hasMaps(r.layer)
            ? t('student.rfAllUnits', { layer: name(r.layer) })
            : t('student.rfPart', { layer: name(r.layer), rows: span(r.y0, r.y1), cols: span(r.x0, r.x1), h: r.y1 - r.y0, w: r.x1 - r.x0, n });
        });
        el.textContent = t('student.rfSeenBy', { y: unit.y, x: unit.x, list: parts.join('; ') });
        el.dataset.size = '';
        return;
      }
      const [h, w] = hl.size;
      const p = hl.padded;
      const inner = hl.byLayer.get(input.name)?.region;
      const inside = inner ? `${inner.y1 - inner.y0}×${inner.x1 - inner.x0}` : '0×0';
      const strong = document.createElement('strong');
      strong.textContent = `${h}×${w}`;
      strong.dataset.testid = 'rf-size';
      const [before, after = ''] = t('student.rfSees', {
        unit: unitLabel(unit, specs), size: MARK, padded: input.paddedSide, side: input.side,
        rows: span(p.y0, p.y1), cols: span(p.x0, p.x1), inside,
      }).split(MARK);
      el.replaceChildren(before, strong, after);
      el.dataset.size = `${h}×${w}`;
    },
  };
}
