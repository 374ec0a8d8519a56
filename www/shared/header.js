// The site header of every page: a "Skip to content" link (the first thing Tab reaches), the
// name, the navigation between the pages, the glossary, the "Share with the class" button
// (its dialog: share.js, loaded on the first click) and the language switch (한국어 / English). Each page's HTML holds only
// an empty `<header class="site" data-page="…">`; style.css reserves its height, so rendering
// it moves nothing. A page also shows its notices (a malformed link, blocked storage) through
// showNotice(), in one place under the header.
import { el } from './dom.js';
import { LANGS, LANG_NAMES, LANG_SHORT, lang, onLangChange, setLang, t, withLang } from './i18n.js';

/** The pages, in navigation order, with their names' message keys. New pages are added here. */
const PAGES = [
  ['index.html', 'common.pageStudent'],
  ['playground.html', 'common.pagePlayground'],
  ['architectures.html', 'common.pageArchitectures'],
  ['train.html', 'common.pageTrain'],
  ['transfer.html', 'common.pageTransfer'],
];

/**
 * A click handler that runs `open` (it imports a dialog's module on first use); when that
 * fails (the network dropped, a stale offline copy), the notice line says so in the page's
 * language instead of the click doing nothing.
 */
function lazily(open) {
  return async () => {
    try {
      await open();
      showNotice(null, 'lazy');
    } catch {
      showNotice(t('common.moduleLoadFailed'), 'lazy');
    }
  };
}

/**
 * The glossary button for `page`. The glossary (glossary.js and its catalog) is imported on the
 * first click, not with the header: it is not needed for a page's first paint.
 */
function glossaryButton(page) {
  const b = el('button', { type: 'button', class: 'glossary-open', 'aria-haspopup': 'dialog', 'data-testid': 'glossary-open' }, t('common.glossary'));
  b.addEventListener('click', lazily(async () => (await import('./glossary.js')).openGlossary(page)));
  return b;
}

/**
 * The "Share with the class" button ("Share" on phones). Its dialog (share.js, with the embed
 * registry and, later, the QR encoder) is imported on the first click, like the glossary: the
 * student page's first prediction waits for every module imported up front
 * (scripts/bench_student.mjs).
 */
function shareButton() {
  const b = el('button', { type: 'button', class: 'share-open', 'aria-haspopup': 'dialog', 'data-testid': 'share-open' },
    el('span', { class: 'share-short' }, t('common.shareButton')), el('span', { class: 'share-long' }, t('common.shareButtonLong')));
  b.addEventListener('click', lazily(async () => (await import('./share.js')).openShareDialog()));
  return b;
}

/**
 * The language switch: one button per language, each labelled in its own language (not
 * translated), the current one pressed. Switching happens in place (i18n.setLang).
 */
function langSwitch() {
  const group = el('div', { role: 'group', class: 'lang-switch', 'data-testid': 'lang-switch', 'aria-label': t('common.langSwitch') });
  for (const l of LANGS) {
    // The name is the visible label (the hidden one is display:none, so not part of it).
    const b = el('button', { type: 'button', lang: l, 'data-lang': l, 'data-testid': `lang-${l}`, 'aria-pressed': String(l === lang()), title: LANG_NAMES[l] },
      el('span', { class: 'lang-long' }, LANG_NAMES[l]), el('span', { class: 'lang-short' }, LANG_SHORT[l]));
    b.addEventListener('click', () => setLang(l));
    group.append(b);
  }
  return group;
}

/**
 * The skip link to `target` (default: the page's `<main>`; given tabindex −1 if it has none, so
 * it can take focus), labelled `label`. It moves focus without touching the URL hash, which
 * holds the page's state.
 */
function skipLink(target, label) {
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
 * navigation (the page named by its `data-page` marked current, links carrying the language),
 * the glossary and share buttons and the language switch; it renders itself again after a
 * language switch. A page whose content starts with something to skip past (the student page's
 * pad) names its own skip target: `{skipTo: element with an id, skipLabel}`, or a function
 * returning them (called again after a switch, so the label can be translated).
 * @param {HTMLElement|null} [header]
 * @param {{skipTo?: HTMLElement|null, skipLabel?: string}|(() => {skipTo?: HTMLElement|null, skipLabel?: string})} [options]
 */
export function renderHeader(header = document.querySelector('header.site'), options = {}) {
  if (!header) return null;
  const draw = () => {
    const { skipTo = null, skipLabel } = typeof options === 'function' ? options() : options;
    const main = document.querySelector('main');
    if (main && !main.id) main.id = 'main';
    const current = header.dataset.page;
    const nav = el('nav', { 'aria-label': t('common.nav') },
      ...PAGES.map(([href, key]) => el('a', { href: withLang(href), 'aria-current': href === current ? 'page' : null }, t(key))));
    header.replaceChildren(skipLink(skipTo ?? main, skipLabel ?? t('common.skip')), el('h1', null, 'convscope'), nav,
      el('div', { class: 'site-actions' }, glossaryButton(current), shareButton(),
        el('div', { class: 'lang', 'data-slot': 'lang' }, langSwitch())));
  };
  draw();
  if (!header.dataset.i18nBound) {
    header.dataset.i18nBound = '1';
    onLangChange(() => {
      // Keep focus on the switch a keyboard user just pressed.
      const focused = document.activeElement?.closest?.('header.site [data-lang]')?.dataset.lang;
      draw();
      if (focused) header.querySelector(`[data-lang="${focused}"]`)?.focus();
      refreshNotices();
    });
  }
  return header;
}

const noticeText = new Map();

function refreshNotices() {
  const box = document.querySelector('.site-notices');
  if (!box) return;
  for (const line of box.children) {
    const m = noticeText.get(line.dataset.key);
    if (typeof m === 'function') line.textContent = m();
  }
}

/**
 * Shows `message` in the page's notice line (created under the header on first use), or hides
 * it when `message` is null. Not an alert: the page works on. `message` may be a function
 * returning the text: it is called again after a language switch.
 * @param {string|(() => string)|null} message
 */
export function showNotice(message, key = 'default') {
  if (message === null) noticeText.delete(key);
  else noticeText.set(key, message);
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
  line.textContent = typeof message === 'function' ? message() : message;
}
