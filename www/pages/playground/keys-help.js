// The "?" overlay: a modal <dialog> listing the presenter keys and the worked examples the
// number keys load. The browser's modal dialog gives focus trapping and Esc to close; focus
// returns to what had it before.

import { el } from '../../shared/dom.js';
import { t } from '../../shared/i18n.js';
import { KEYS } from './text.js';

/**
 * Builds the dialog once (appended to `parent`) and returns {open, close, isOpen, relabel}
 * (relabel re-words it after a language switch).
 * @param {HTMLElement} parent
 * @param {() => string[]} examples labels of the worked examples, in number-key order
 */
export function createKeysHelp(parent, examples) {
  const list = el('ol', { class: 'keys-examples', 'data-testid': 'keys-examples' });
  const close = el('button', { type: 'button', class: 'keys-close', 'data-testid': 'keys-close', 'data-i18n': 'playground.keysClose' });
  const dialog = el('dialog', { id: 'keys-help', class: 'keys-help', 'aria-labelledby': 'keys-title', 'data-testid': 'keys-help' },
    el('h2', { id: 'keys-title', 'data-i18n': 'playground.keysTitle' }),
    el('p', { class: 'muted', 'data-i18n': 'playground.keysIntro' }),
    el('dl', { class: 'keys-list' }, ...KEYS.flatMap(([k, what]) => [el('dt', { class: 'mono' }, k), el('dd', { 'data-i18n': what })])),
    el('h3', { 'data-i18n': 'playground.examplesTitle' }),
    list,
    close);
  const fillList = () => list.replaceChildren(...examples().map((label) => el('li', null, label)));
  const relabel = () => {
    for (const node of dialog.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    if (dialog.open) fillList();
  };
  relabel();
  parent.append(dialog);
  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  return {
    open() {
      if (dialog.open) return;
      fillList();
      dialog.showModal();
      close.focus();
    },
    close: () => dialog.close(),
    isOpen: () => dialog.open,
    relabel,
  };
}
