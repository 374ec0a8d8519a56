// Helpers of the settings form shared by every group of controls: menu options, writing a
// value into a control without fighting the person typing in it, and reading a whole number
// with an inline explanation when it is out of range (never silently dropped).

import { parseNumber } from './numbers.js';
import { msg } from './say.js';

/** An <option>. */
export function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

/** Sets a control's value unless the person is typing in it (`force`: a history restore). */
export function put(el, value, force = false) {
  if (document.activeElement === el && !force) return;
  if (el.type === 'checkbox') el.checked = Boolean(value);
  else if (el.value !== String(value)) el.value = String(value);
}

/**
 * Reads a whole number typed in `el`; returns it when within lim, otherwise reports why
 * through `onError` (a message, say.js; `what` is the catalog key of the setting's name) and
 * returns null. Empty input (mid-typing) returns null silently.
 */
export function readInt(el, lim, what, onError) {
  if (el.value.trim() === '') return null;
  const v = parseNumber(el.value);
  if (!Number.isInteger(v) || v < lim.min || v > lim.max) {
    onError(msg('playground.errWholeNumber', { what: msg(what), min: lim.min, max: lim.max, typed: el.value.slice(0, 12) }));
    return null;
  }
  onError('');
  return v;
}
