// Click-a-cell-and-type editing: a small text box laid over a canvas cell. Enter or leaving
// the box commits, Escape cancels. Values are validated with parseNumber and a range.

import { parseNumber } from './numbers.js';
import { short as fmt } from '../../shared/format.js';
import { msg } from './say.js';

let open = null;

/**
 * Opens the editor over a cell.
 * @param {{wrap: HTMLElement, canvas: HTMLCanvasElement, x: number, y: number, size: number,
 *   value: number, label: string, min: number, max: number, onCommit: (v: number) => void,
 *   onInvalid: (message: object) => void, onClose?: () => void}} o x/y/size in canvas CSS px
 */
export function openCellEditor(o) {
  closeCellEditor(false);
  const input = document.createElement('input');
  input.type = 'text';
  input.inputMode = 'decimal';
  input.className = 'cell-editor mono';
  input.setAttribute('aria-label', o.label);
  input.dataset.testid = 'cell-editor';
  input.value = fmt(o.value, 4).replace('−', '-');
  const side = Math.max(56, o.size);
  const left = o.canvas.offsetLeft + o.x + o.size / 2 - side / 2;
  const top = o.canvas.offsetTop + o.y + o.size / 2 - 20;
  input.style.left = `${Math.max(0, left)}px`;
  input.style.top = `${Math.max(0, top)}px`;
  input.style.width = `${side}px`;
  o.wrap.append(input);
  input.focus();
  input.select();
  let done = false;
  const finish = (commit) => {
    if (done) return;
    done = true;
    if (commit) {
      const v = parseNumber(input.value);
      if (!Number.isFinite(v) || v < o.min || v > o.max) {
        o.onInvalid(msg('playground.errCellValue', { typed: input.value.slice(0, 20), min: o.min, max: o.max }));
      } else {
        o.onCommit(v);
      }
    }
    input.remove();
    open = null;
    o.onClose?.();
    o.canvas.focus({ preventScroll: true });
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); finish(true); }
    else if (e.key === 'Escape') { e.preventDefault(); finish(false); }
    e.stopPropagation();
  });
  input.addEventListener('blur', () => finish(true));
  open = { finish };
}

/** Closes an open editor, committing it when `commit`. */
export function closeCellEditor(commit = true) {
  open?.finish(commit);
}
