// The receptive-field read-out under the layers: which input patch a unit sees (size from the
// core's receptiveField()), or which units of each layer see a hovered input pixel
// (unitsSeeing()). The boxes themselves are drawn by feature_maps.js and input_preview.js.
import { unitName } from '../../../shared/format.js';

const span = (a, b) => (b - a === 1 ? `${a}` : `${a}–${b - 1}`);

/**
 * @param {HTMLElement} el the [data-testid=rf-info] paragraph
 * @param {object[]} specs layerSpecs() (entry 0: the input, with side, pad and paddedSide)
 */
export function createRfInfo(el, specs) {
  const input = specs[0];
  const hasMaps = (name) => specs.find((s) => s.name === name)?.shape[1] > 1;
  const hint = 'Hover or tap a unit to box its receptive field on every layer below it; hover an input pixel to see which units see it.';
  return {
    /** @param {object|null} unit the probed unit @param {object|null} hl highlights (state/probe.js) */
    render(unit, hl) {
      if (!unit || !hl) { el.textContent = hint; el.dataset.size = ''; return; }
      if (hl.seeing) {
        const parts = hl.seeing.map((r) => {
          const n = (r.y1 - r.y0) * (r.x1 - r.x0);
          return !hasMaps(r.layer)
            ? `${r.layer}: all units`
            : `${r.layer}: rows ${span(r.y0, r.y1)}, cols ${span(r.x0, r.x1)} of every map (${r.y1 - r.y0}×${r.x1 - r.x0} = ${n} positions)`;
        });
        el.innerHTML = '';
        el.append(`Input pixel (row ${unit.y}, col ${unit.x}) is seen by — `, parts.join('; '), '.');
        el.dataset.size = '';
        return;
      }
      const [h, w] = hl.size;
      const p = hl.padded;
      const inner = hl.byLayer.get(input.name)?.region;
      const inside = inner ? `${inner.y1 - inner.y0}×${inner.x1 - inner.x0}` : '0×0';
      el.innerHTML = '';
      const strong = document.createElement('strong');
      strong.textContent = `${h}×${w}`;
      strong.dataset.testid = 'rf-size';
      el.append(`${unitName(unit)} sees a `, strong,
        ` patch of the ${input.paddedSide}×${input.paddedSide} padded input (rows ${span(p.y0, p.y1)}, cols ${span(p.x0, p.x1)}); ${inside} of it lies inside the ${input.side}×${input.side} image.`);
      el.dataset.size = `${h}×${w}`;
    },
  };
}
