// The new classes' probabilities as bars (class name, bar, percent), the top one marked. Each
// bar's length is a custom property set through the CSSOM (the page's CSP forbids style
// attributes); texts are written only when they change.
import { el, setText } from '../../../shared/dom.js';
import { topClass } from '../../student/views/prediction.js';

export { topClass };

/**
 * @param {HTMLElement} root an <ol>
 * @param {string[]} names the classes
 * @param {ArrayLike<number>|null} probabilities one per class, or null (nothing to show)
 * @param {(p: number) => string} percent formats a probability
 */
export function renderBars(root, names, probabilities, percent) {
  if (root.children.length !== names.length || [...root.children].some((li, i) => li.dataset.name !== names[i])) {
    root.replaceChildren(...names.map((n) => el('li', { 'data-name': n },
      el('span', { class: 'tf-bar-name' }, n), el('span', { class: 'tf-bar-track' }), el('span', { class: 'tf-bar-pct mono' }))));
  }
  const best = probabilities ? topClass(probabilities) : -1;
  [...root.children].forEach((li, i) => {
    const p = probabilities ? probabilities[i] : 0;
    li.style.setProperty('--p', String(p));
    li.classList.toggle('tf-best', i === best);
    setText(li.lastElementChild, probabilities ? percent(p) : '');
  });
}
