// The `?` overlay: a modal <dialog> listing the page's keys (Escape closes it, focus returns to
// where it was), and a small button that opens it.
import { el } from '../../../shared/dom.js';
import { TEXT } from '../text.js';

/** Builds the dialog (once) and returns {open(), button}. */
export function createKeysHelp() {
  const list = el('dl', null, ...TEXT.keys.flatMap(([k, what]) => [el('dt', null, k), el('dd', null, what)]));
  const closeButton = el('button', { type: 'button', 'data-testid': 'keys-close' }, TEXT.keysClose);
  const dialog = el('dialog', { class: 'keys-dialog', 'aria-labelledby': 'keys-h', 'data-testid': 'keys-dialog' },
    el('h2', { id: 'keys-h' }, TEXT.keysTitle), list, closeButton);
  closeButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  document.body.append(dialog);
  const button = el('button', { type: 'button', class: 'keys-button', 'data-testid': 'keys-button', 'aria-haspopup': 'dialog' }, TEXT.keysButton);
  const open = () => { if (!dialog.open) dialog.showModal(); };
  button.addEventListener('click', open);
  return { open, button, dialog };
}
