// The `?` overlay: a modal <dialog> listing the page's keys (Escape closes it, focus returns to
// where it was), and a small button that opens it.
import { el } from '../../../shared/dom.js';
import { t } from '../../../shared/i18n.js';

/** The keys and what each does: message keys of the `student` catalog. */
const KEYS = [
  ['student.keyNext', 'student.keyNextWhat'],
  ['student.keyPrev', 'student.keyPrevWhat'],
  ['student.keyEnds', 'student.keyEndsWhat'],
  ['student.keyDigit', 'student.keyDigitWhat'],
  ['student.keyLayer', 'student.keyLayerWhat'],
  ['student.keyEnter', 'student.keyEnterWhat'],
  ['student.keyEscape', 'student.keyEscapeWhat'],
  ['student.keyUndo', 'student.keyUndoWhat'],
  ['student.keyHelp', 'student.keyHelpWhat'],
];

/** Builds the dialog (once) and returns {open(), relabel(), button}. */
export function createKeysHelp() {
  const list = el('dl');
  const title = el('h2', { id: 'keys-h' });
  const closeButton = el('button', { type: 'button', 'data-testid': 'keys-close' });
  const dialog = el('dialog', { class: 'keys-dialog', 'aria-labelledby': 'keys-h', 'data-testid': 'keys-dialog' },
    title, list, closeButton);
  closeButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  document.body.append(dialog);
  const button = el('button', { type: 'button', class: 'keys-button', 'data-testid': 'keys-button', 'aria-haspopup': 'dialog' });
  const open = () => { if (!dialog.open) dialog.showModal(); };
  button.addEventListener('click', open);
  /** Writes every text in the page's language. */
  function relabel() {
    list.replaceChildren(...KEYS.flatMap(([k, what]) => [el('dt', null, t(k)), el('dd', null, t(what))]));
    title.textContent = t('student.keysTitle');
    closeButton.textContent = t('student.keysClose');
    button.textContent = t('student.keysButton');
  }
  relabel();
  return { open, relabel, button, dialog };
}
