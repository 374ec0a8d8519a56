// The side panel that holds one unit's arithmetic (the explain widget): closed until a unit is
// selected, then on the right edge (the page makes room for it) or, on phones, a sheet over the
// lower part of the screen. Opening it from the keyboard announces it and keeps focus on the
// layer, so the arrow keys go on moving between units; Escape or its Close button closes it.
// On the right edge it starts under the site header (and its notices) while they are on screen,
// so the header's language switch, glossary and share buttons stay usable.
import { t } from '../../../shared/i18n.js';

/**
 * @param {HTMLElement} panel the <aside data-testid=unit-math> (holds .um-close)
 * @param {(text: () => string) => void} say announces a text in a polite live region (a
 *   function: it is read again after a language switch)
 * @param {{onToggle: (open: boolean) => void}} options called after it opens or closes
 */
export function createUnitPanel(panel, say, { onToggle }) {
  const close = panel.querySelector('.um-close');
  let returnTo = null;
  /** The close button's texts in the page's language. */
  function relabel() {
    close.textContent = t('student.unitClose');
    close.setAttribute('aria-label', t('student.unitCloseLabel'));
  }
  relabel();

  /** The panel's top on the right edge (student.css --um-top): under the header while it shows. */
  function placeBelowHeader() {
    const above = document.querySelector('.site-notices') ?? document.querySelector('header.site');
    const bottom = above ? Math.max(0, Math.round(above.getBoundingClientRect().bottom)) : 0;
    panel.style.setProperty('--um-top', `${bottom}px`);
  }

  function setOpen(open) {
    if (panel.hidden === !open) return;
    panel.hidden = !open;
    document.body.classList.toggle('unit-open', open);
    if (open) {
      placeBelowHeader();
      addEventListener('scroll', placeBelowHeader, { passive: true });
      addEventListener('resize', placeBelowHeader);
    } else {
      removeEventListener('scroll', placeBelowHeader);
      removeEventListener('resize', placeBelowHeader);
    }
    onToggle(open);
  }

  close.addEventListener('click', () => {
    setOpen(false);
    returnTo?.focus();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || panel.hidden || e.defaultPrevented) return;
    if (e.target.closest?.('dialog')) return;
    setOpen(false);
    if (panel.contains(e.target)) returnTo?.focus();
  });

  /**
   * Phones: the sheet covers the lower part of the screen; scroll the layer `el` up above it
   * (its top kept on screen).
   */
  function keepAbove(el) {
    const p = panel.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (p.left >= r.right || p.top <= 0 || p.top >= r.bottom) return;
    scrollBy(0, Math.max(0, Math.min(r.bottom - p.top + 8, r.top - 8)));
  }

  return {
    get open() { return !panel.hidden; },
    relabel,
    /**
     * Opens the panel for the unit `name()` names (a function: the name in the page's language).
     * `how.keyboard`: announce it and scroll it (its top) into view; `how.from`: where Close
     * returns focus.
     */
    show(name, how = {}) {
      returnTo = how.from ?? null;
      setOpen(true);
      if (how.keyboard) {
        panel.scrollTop = 0;
        panel.scrollIntoView({ block: 'nearest' });
        say(() => t('student.unitOpened', { name: name() }));
        if (how.from) keepAbove(how.from);
      }
    },
    hide() { setOpen(false); },
  };
}
