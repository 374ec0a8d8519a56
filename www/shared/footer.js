// The site footer of every page: in the served edition, the "download for offline use" link
// to the offline edition (dist/convscope-offline.zip, written by scripts/build_offline.mjs:
// every page as one self-contained HTML file that works opened from disk); in the offline
// edition itself, a line saying so. Each page's main.js calls renderFooter() once; the text
// follows the language switch.
import { el } from './dom.js';
import { onLangChange, t } from './i18n.js';
import { OFFLINE } from './resources.js';

/** The offline edition, relative to the root pages. */
export const OFFLINE_ZIP = 'dist/convscope-offline.zip';

function content() {
  if (OFFLINE) return [el('p', { 'data-testid': 'offline-edition' }, t('common.offlineEdition'))];
  return [el('p', null,
    el('a', { href: OFFLINE_ZIP, download: '', 'data-testid': 'offline-download' }, t('common.offlineDownload')),
    ' ', el('span', { class: 'muted' }, t('common.offlineDownloadNote')))];
}

/**
 * Adds the footer at the end of `<body>` (once; again after a language switch, in place).
 * @returns {HTMLElement}
 */
export function renderFooter() {
  let footer = document.querySelector('footer.site-footer');
  if (footer) return footer;
  footer = el('footer', { class: 'site-footer small', 'data-testid': 'site-footer' });
  footer.replaceChildren(...content());
  document.body.append(footer);
  onLangChange(() => footer.replaceChildren(...content()));
  return footer;
}
