// Colour legends: the diverging scale for signed values (activations, kernels, products) and
// the sequential one for ink and probabilities. renderLegend() again after a language switch.
import { DIVERGING_STOPS, SEQUENTIAL_STOPS, css } from '../../../shared/colors.js';
import { t } from '../../../shared/i18n.js';

/** CSS linear-gradient through `stops` ([r, g, b] triples), left to right. */
function gradientCss(stops) {
  return `linear-gradient(to right, ${stops.map((s, i) => `${css(s)} ${((100 * i) / (stops.length - 1)).toFixed(1)}%`).join(', ')})`;
}

/** Fills `root` with both legends. */
export function renderLegend(root) {
  root.innerHTML = `
    <div class="legend-item"><span class="legend-bar" data-scale="diverging"></span>
      <span class="legend-ticks"><span>−max</span><span>0</span><span>+max</span></span>
      <span class="legend-caption"></span></div>
    <div class="legend-item"><span class="legend-bar" data-scale="sequential"></span>
      <span class="legend-ticks"><span>0</span><span>1</span></span>
      <span class="legend-caption"></span></div>`;
  const [signed, ink] = root.querySelectorAll('.legend-caption');
  signed.textContent = t('student.legendSigned');
  ink.textContent = t('student.legendInk');
  root.querySelector('[data-scale="diverging"]').style.background = gradientCss(DIVERGING_STOPS);
  root.querySelector('[data-scale="sequential"]').style.background = gradientCss(SEQUENTIAL_STOPS);
}
