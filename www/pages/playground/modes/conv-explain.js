// The convolution mode's "this step" panel: the focused output unit's arithmetic in the one
// explain widget (www/shared/explain.js) — window, kernel, products, the sum per input channel,
// total, bias and pre-activation, checked against conv2d's own output. Hovering a cell of its
// tables marks that tap in the input and kernel panels. The PNG export paints the same numbers
// with planProducts.

import { createExplain } from '../../../shared/explain.js';
import { short } from '../../../shared/format.js';
import { productsOf } from './conv-panels.js';

/** The playground's wording for the widget. */
const LABELS = {
  title: (m) => `Map ${m.c + 1}, row ${m.y}, col ${m.x}`,
  intro(m) {
    const C = m.channels.length;
    const r = m.region;
    const dilated = r.y1 - r.y0 > m.kh || r.x1 - r.x0 > m.kw ? ' (every dilation-th cell of that span)' : '';
    return `<p>conv2d multiplies the ${C > 1 ? `${C}×` : ''}${m.kh}×${m.kw} window at rows ${r.y0}–${r.y1 - 1}, cols ${r.x0}–${r.x1 - 1} of the input${dilated} element by element with filter ${m.c + 1} and adds everything up. Cells outside the input are padding zeros.</p>`;
  },
  channel: (m, i) => `ch ${i + 1}`,
  window: (m, channel) => (m.channels.length > 1 ? `input window, ch ${channel + 1}` : 'input window'),
  kernel: (m, channel) => (m.channels.length > 1 ? `filter ${m.c + 1}, ch ${channel + 1}` : `filter ${m.c + 1}`),
  check: 'conv2d output',
  hint: 'The products appear here once there is an output.',
  format: short,
};

export const explainPanel = {
  mount: (el, actions) => {
    el.innerHTML = '<p class="um-title"></p><div class="um-body"></div>';
    return createExplain(el, {
      ...LABELS,
      onHover: (tap) => actions.hover(tap ? { panel: 'products', map: tap.channel, y: tap.y, x: tap.x } : null),
    });
  },
  /** Renders the focused unit; returns the panel's text (the equation) for screen readers. */
  update(widget, s, ui, m) {
    const pr = m.out ? productsOf(s, ui, m) : null;
    widget.render(pr?.unit ?? null, pr?.value);
    return { equation: pr?.equation ?? '' };
  },
};
