// The network diagram: LeNet-5's layers in a row, input to output, each box marked frozen (a
// closed lock), trained (an open lock) or new (the classifier head added for the new classes).
// DOM and inline SVG only; every text comes in already translated.
import { el, svgEl } from '../../../shared/dom.js';

/** A small padlock, closed or open (the shackle lifted to the right). */
function lock(closed) {
  const shackle = closed ? 'M5 8V5.5a3 3 0 0 1 6 0V8' : 'M5 8V5.5a3 3 0 0 1 6 0V4';
  return svgEl('svg', { class: 'tf-lock', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true' },
    svgEl('path', { d: shackle, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6 }),
    svgEl('rect', { x: 3, y: 8, width: 10, height: 7, rx: 1.5, fill: 'currentColor' }));
}

/**
 * Renders `layers` into the list `root`.
 * @param {HTMLElement} root an <ol>
 * @param {{name: string, shape?: string, frozen: boolean, isNew: boolean}[]} layers input first
 * @param {{frozen: string, trained: string, isNew: string, input: string, output: string}} text the state words and the
 *   names of the input and output layers
 */
export function renderDiagram(root, layers, text) {
  // Redrawn ~10×/s while training: rebuilt only when something it shows changed.
  const key = JSON.stringify([layers, text]);
  if (root.dataset.key === key) return;
  root.dataset.key = key;
  root.replaceChildren(...layers.map((l) => {
    const state = l.name === 'input' ? 'input' : l.frozen ? 'frozen' : l.isNew ? 'new' : 'trained';
    const word = { input: text.input, frozen: text.frozen, trained: text.trained, new: text.isNew }[state];
    return el('li', { class: `tf-layer tf-${state}`, 'data-testid': `transfer-layer-${l.name}`, 'data-frozen': String(l.frozen) },
      state === 'input' ? null : lock(l.frozen),
      el('span', { class: 'tf-layer-name' }, l.name === 'input' ? text.input : l.name === 'output' ? text.output : l.name),
      l.shape ? el('span', { class: 'tf-layer-shape mono' }, l.shape) : null,
      state === 'input' ? null : el('span', { class: 'tf-layer-state' }, word));
  }));
}
