import { t } from './i18n.js';

// Page state in the URL hash, one convention for every page: `#key=value&key=value`, keys and
// values percent-encoded; an item without `=` is a key with the empty value (`#vgg16`).
// Reading never throws: a malformed item (bad percent-encoding such as `#%` or `#%E0%A4%A`) is
// skipped and reported in `problems`, so a page can say so and work on with the rest. Pure
// (tested by tests/unit/hash.test.mjs).

/**
 * @param {string} hash e.g. location.hash, with or without the leading '#'
 * @returns {{values: Map<string, string>, problems: string[]}} values in hash order; for a
 *   repeated key the last one wins; problems are the unreadable items (cut at 40 characters)
 */
export function parseHash(hash) {
  const values = new Map();
  const problems = [];
  const raw = String(hash ?? '').replace(/^#/, '');
  for (const item of raw.split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    try {
      const key = decodeURIComponent(eq < 0 ? item : item.slice(0, eq));
      const value = eq < 0 ? '' : decodeURIComponent(item.slice(eq + 1));
      values.set(key, value);
    } catch {
      problems.push(item.length > 40 ? `${item.slice(0, 40)}…` : item);
    }
  }
  return { values, problems };
}

/**
 * The hash (with '#', or '' when empty) for `values` (a Map or a plain object), in their
 * order; null and undefined values are left out, an empty-string value is written as the bare key.
 */
export function serializeHash(values) {
  const entries = values instanceof Map ? [...values] : Object.entries(values);
  const items = [];
  for (const [k, v] of entries) {
    if (v === undefined || v === null) continue;
    const key = encodeURIComponent(k);
    items.push(v === '' ? key : `${key}=${encodeURIComponent(String(v))}`);
  }
  return items.length ? `#${items.join('&')}` : '';
}

/**
 * A sentence for a page to show when the hash had problems (null when it had none), in the
 * page's language: a function, so the notice line can ask again after a language switch.
 * @returns {(() => string)|null}
 */
export function hashProblemMessage(problems) {
  if (!problems.length) return null;
  return () => t('common.hashProblem', { items: problems.map((p) => `“${p}”`).join(', ') });
}
