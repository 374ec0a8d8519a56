// Messages as data: a message is `{key, params}` (a catalog key of the `playground` namespace,
// or any namespace, and its values; a value may itself be a message). Models, URL notices and
// control errors keep messages, not sentences, so a language switch re-words them in place
// (main.js formats them with say() on every render) and tests can read the values.

import { t } from '../../shared/i18n.js';

/**
 * A message: catalog key and its placeholder values.
 * @param {string} key e.g. 'playground.noOutputShort'
 * @param {Record<string, unknown>} [params]
 */
export const msg = (key, params = {}) => ({ key, params });

/** True for a message made by msg(). */
export const isMsg = (v) => Boolean(v) && typeof v === 'object' && typeof v.key === 'string' && 'params' in v;

/** The message in the current language ('' for none; a plain string is shown as it is). */
export function say(m) {
  if (m === null || m === undefined || m === '') return '';
  if (typeof m === 'string') return m;
  if (typeof m === 'number') return String(m);
  if (typeof m === 'function') return m();
  const params = {};
  for (const [k, v] of Object.entries(m.params ?? {})) {
    params[k] = isMsg(v) ? say(v) : Array.isArray(v) ? v.map(say).join(' ') : v;
  }
  return t(m.key, params);
}

/** A stable text for comparing messages (deduplication). */
export const msgId = (m) => (typeof m === 'string' ? m : JSON.stringify(m));
