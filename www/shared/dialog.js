// The modal dialogs of the header's buttons (share.js, share-embed.js): built on first use, with
// the page's words of that moment, so a language switch makes them stale.
import { onLangChange } from './i18n.js';

/**
 * Adds the `<dialog>` `d` to the page: a click on its backdrop (outside the dialog's box) closes
 * it, as Esc does; after a language switch, if it is closed, it is removed and `forget()` is
 * called, so its module builds it again, in the new language, on next use (an open one is kept).
 * @param {HTMLDialogElement} d
 * @param {() => void} forget
 * @returns {HTMLDialogElement} d
 */
export function mountDialog(d, forget) {
  d.addEventListener('click', (e) => {
    if (e.target !== d) return;
    const r = d.getBoundingClientRect();
    if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) d.close();
  });
  document.body.append(d);
  const off = onLangChange(() => {
    if (d.open) return;
    off();
    d.remove();
    forget();
  });
  return d;
}
