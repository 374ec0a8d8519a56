// The class list: per class its name, how many examples it has, a button making it the pad's
// target, a remove button, and thumbnails of its first examples, each with a delete button.
// DOM only; the page passes the list, the selected class, the actions and the texts.
import { el } from '../../../shared/dom.js';
import { drawDigit } from '../../train/views/maps.js';

/** Thumbnails shown per class (the rest are counted). */
export const MAX_THUMBS = 12;

/** The thumbnail canvas of each example (an example never changes: drawn once, reused). */
const canvases = new WeakMap();
function canvasOf(pixels) {
  if (!canvases.has(pixels)) {
    const canvas = el('canvas', { class: 'tf-thumb', 'aria-hidden': 'true' });
    drawDigit(canvas, pixels, 1);
    canvases.set(pixels, canvas);
  }
  return canvases.get(pixels);
}

function thumb(pixels, label, onDelete) {
  const canvas = canvasOf(pixels);
  const del = el('button', { type: 'button', class: 'tf-thumb-del', 'aria-label': label, title: label }, '×');
  del.addEventListener('click', onDelete);
  return el('li', { class: 'tf-example', 'data-testid': 'transfer-example' }, canvas, del);
}

/**
 * @param {HTMLElement} root an <ol>
 * @param {{id: number, name: string, examples: Float32Array[]}[]} list
 * @param {{selected: number|null, onSelect: (id: number) => void, onRemove: (id: number) => void,
 *   onRemoveExample: (id: number, index: number) => void}} actions
 * @param {{count: (n: number) => string, more: (n: number) => string, select: (name: string) => string,
 *   remove: (name: string) => string, removeExample: (name: string, i: number) => string, empty: string}} text
 */
export function renderClasses(root, list, { selected, onSelect, onRemove, onRemoveExample }, text) {
  if (!list.length) {
    root.replaceChildren(el('li', { class: 'muted small tf-empty' }, text.empty));
    return;
  }
  root.replaceChildren(...list.map((c) => {
    const pick = el('button', { type: 'button', class: 'tf-class-pick', 'aria-pressed': String(c.id === selected), 'data-testid': 'transfer-class-pick', title: text.select(c.name) },
      el('span', { class: 'tf-class-name' }, c.name));
    pick.addEventListener('click', () => onSelect(c.id));
    const remove = el('button', { type: 'button', class: 'tf-class-remove', 'aria-label': text.remove(c.name), title: text.remove(c.name) }, '×');
    remove.addEventListener('click', () => onRemove(c.id));
    const thumbs = c.examples.slice(0, MAX_THUMBS).map((px, i) => thumb(px, text.removeExample(c.name, i + 1), () => onRemoveExample(c.id, i)));
    const rest = c.examples.length - MAX_THUMBS;
    return el('li', { class: `tf-class${c.id === selected ? ' tf-selected' : ''}`, 'data-testid': 'transfer-class', 'data-examples': String(c.examples.length) },
      el('div', { class: 'tf-class-head' }, pick, el('span', { class: 'muted small' }, text.count(c.examples.length)), remove),
      el('ol', { class: 'tf-examples' }, ...thumbs, rest > 0 ? el('li', { class: 'muted small tf-more' }, text.more(rest)) : null));
  }));
}
