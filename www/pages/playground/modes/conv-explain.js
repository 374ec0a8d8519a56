// The convolution mode's "this step" panel: the focused output unit's arithmetic in the one
// explain widget (www/shared/explain.js) — window, kernel, products, the sum per input channel,
// total, bias and pre-activation, checked against conv2d's own output. Hovering a cell of its
// tables marks that tap in the input and kernel panels. The PNG export paints the same numbers
// with planProducts.

import { createExplain } from '../../../shared/explain.js';
import { short } from '../../../shared/format.js';
import { t } from '../../../shared/i18n.js';
import { productsOf } from './conv-panels.js';

/** The playground's wording for the widget (read on every render: a language switch re-words it). */
const LABELS = {
  title: (m) => t('playground.unitTitle', { map: m.c + 1, row: m.y, col: m.x }),
  intro(m) {
    const C = m.channels.length;
    const r = m.region;
    const dilated = r.y1 - r.y0 > m.kh || r.x1 - r.x0 > m.kw;
    const params = { size: `${C > 1 ? `${C}×` : ''}${m.kh}×${m.kw}`, y0: r.y0, y1: r.y1 - 1, x0: r.x0, x1: r.x1 - 1, f: m.c + 1 };
    // Catalog text only (no URL or user text), numbers from the core.
    return `<p>${t(dilated ? 'playground.unitIntroDilated' : 'playground.unitIntro', params)}</p>`;
  },
  channel: (m, i) => t('playground.chShort', { ch: i + 1 }),
  window: (m, channel) => (m.channels.length > 1 ? t('playground.unitWindowCh', { ch: channel + 1 }) : t('playground.unitWindow')),
  kernel: (m, channel) => (m.channels.length > 1 ? t('playground.unitFilterCh', { f: m.c + 1, ch: channel + 1 }) : t('playground.unitFilter', { f: m.c + 1 })),
  get check() { return t('playground.unitCheck'); },
  get hint() { return t('playground.productsLater'); },
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
