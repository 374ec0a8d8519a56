// The site header of every page: the name, the navigation between the pages and a slot for
// the language switch (`[data-slot=lang]`, empty for now). Each page's HTML holds only an
// empty `<header class="site" data-page="…">`; style.css reserves its height, so rendering it
// moves nothing. A page also shows its notices (a malformed link, blocked storage) through
// showNotice(), in one place under the header.
import { el } from './dom.js';

/** The pages, in navigation order. New pages (training, transfer) are added here. */
const PAGES = [
  { href: 'index.html', label: 'Draw a digit' },
  { href: 'playground.html', label: 'Convolution playground' },
  { href: 'architectures.html', label: 'Architectures' },
];

/**
 * Fills `header` (default: the document's `header.site`) with the name, the navigation (the
 * page named by its `data-page` marked current) and the language slot.
 * @param {HTMLElement|null} [header]
 */
export function renderHeader(header = document.querySelector('header.site')) {
  if (!header) return null;
  const current = header.dataset.page;
  const nav = el('nav', { 'aria-label': 'Views' },
    ...PAGES.map((p) => el('a', { href: p.href, 'aria-current': p.href === current ? 'page' : null }, p.label)));
  header.replaceChildren(el('h1', null, 'convscope'), nav, el('div', { class: 'lang', 'data-slot': 'lang' }));
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
