// The "?" overlay: a modal <dialog> listing the presenter keys and the worked examples the
// number keys load. The browser's modal dialog gives focus trapping and Esc to close; focus
// returns to what had it before.

import { el } from '../../shared/dom.js';
import { TEXT } from './text.js';

/**
 * Builds the dialog once (appended to `parent`) and returns {open, close, isOpen}.
 * @param {HTMLElement} parent
 * @param {() => string[]} examples labels of the worked examples, in number-key order
 */
export function createKeysHelp(parent, examples) {
  const list = el('ol', { class: 'keys-examples', 'data-testid': 'keys-examples' });
  const close = el('button', { type: 'button', class: 'keys-close', 'data-testid': 'keys-close' }, TEXT.keysClose);
  const dialog = el('dialog', { id: 'keys-help', class: 'keys-help', 'aria-labelledby': 'keys-title', 'data-testid': 'keys-help' },
    el('h2', { id: 'keys-title' }, TEXT.keysTitle),
    el('p', { class: 'muted' }, TEXT.keysIntro),
    el('dl', { class: 'keys-list' }, ...TEXT.keys.flatMap(([k, what]) => [el('dt', { class: 'mono' }, k), el('dd', null, what)])),
    el('h3', null, TEXT.examplesTitle),
    list,
    close);
  parent.append(dialog);
  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  return {
    open() {
      if (dialog.open) return;
      list.replaceChildren(...examples().map((label) => el('li', null, label)));
      dialog.showModal();
      close.focus();
    },
    close: () => dialog.close(),
    isOpen: () => dialog.open,
  };
}
