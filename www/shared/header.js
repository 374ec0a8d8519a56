// The site header of every page: a "Skip to content" link (the first thing Tab reaches), the
// name, the navigation between the pages, the "Share with the class" button (share.js) and a
// slot for the language switch (`[data-slot=lang]`, empty for now). Each page's HTML holds only
// an empty `<header class="site" data-page="…">`; style.css reserves its height, so rendering
// it moves nothing. A page also shows its notices (a malformed link, blocked storage) through
// showNotice(), in one place under the header.
import { el } from './dom.js';
import { shareButton } from './share.js';

/** Visible strings of the header (to the message catalogs in the next issue). */
export const STRINGS = {
  skip: 'Skip to content',
  nav: 'Views',
  pages: { 'index.html': 'Draw a digit', 'playground.html': 'Convolution playground', 'architectures.html': 'Architectures' },
};

/** The pages, in navigation order. New pages (training, transfer) are added here and to STRINGS.pages. */
const PAGES = ['index.html', 'playground.html', 'architectures.html'];

/**
 * The skip link to `target` (default: the page's `<main>`; given tabindex −1 if it has none, so
 * it can take focus), labelled `label`. It moves focus without touching the URL hash, which
 * holds the page's state.
 */
function skipLink(target, label = STRINGS.skip) {
  const a = el('a', { class: 'skip-link', href: `#${target?.id ?? ''}`, 'data-testid': 'skip-link' }, label);
  a.addEventListener('click', (e) => {
    if (!target) return;
    e.preventDefault();
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
  });
  return a;
}

/**
 * Fills `header` (default: the document's `header.site`) with the skip link, the name, the
 * navigation (the page named by its `data-page` marked current), the share button and the
 * language slot. A page whose content starts with something to skip past (the student page's
 * pad) names its own skip target: `{skipTo: element with an id, skipLabel}`.
 * @param {HTMLElement|null} [header]
 * @param {{skipTo?: HTMLElement|null, skipLabel?: string}} [options]
 */
export function renderHeader(header = document.querySelector('header.site'), { skipTo = null, skipLabel } = {}) {
  if (!header) return null;
  const main = document.querySelector('main');
  if (main && !main.id) main.id = 'main';
  const current = header.dataset.page;
  const nav = el('nav', { 'aria-label': STRINGS.nav },
    ...PAGES.map((href) => el('a', { href, 'aria-current': href === current ? 'page' : null }, STRINGS.pages[href])));
  header.replaceChildren(skipLink(skipTo ?? main, skipLabel), el('h1', null, 'convscope'), nav,
    el('div', { class: 'site-actions' }, shareButton(), el('div', { class: 'lang', 'data-slot': 'lang' })));
  return header;
}

/**
 * Shows `message` in the page's notice line (created under the header on first use), or hides
 * it when `message` is null. Not an alert: the page works on.
 */
export function showNotice(message, key = 'default') {
  let box = document.querySelector('.site-notices');
  if (!box && message === null) return;
  if (!box) {
    box = el('div', { class: 'site-notices', role: 'status', 'data-testid': 'notices' });
    const header = document.querySelector('header.site');
    if (header) header.after(box);
    else document.body.prepend(box);
  }
  let line = [...box.children].find((p) => p.dataset.key === key);
  if (message === null) { line?.remove(); return; }
  if (!line) {
    line = el('p', { 'data-key': key });
    box.append(line);
  }
  line.textContent = message;
}
