// Browser history for the playground: every settings change is a history entry (repeated
// changes of one control within COALESCE_MS merge into one), back/forward restore settings.

import { serialize } from './url.js';
import { COALESCE_MS } from './settings.js';
import { lang, withLang } from '../../shared/i18n.js';

/**
 * Keeps the URL in step with the state. `commit` pushes a history entry (or replaces the
 * current one when the same control changed within COALESCE_MS, e.g. while a slider is
 * dragged, or when asked to); back/forward and hand-edited hashes call `onRestore(hash)`.
 * @param {(hash: string) => void} onRestore
 */
export function createHistory(onRestore) {
  let applied = location.hash;
  let lastKey = null;
  let lastTime = -Infinity;
  function commit(state, { key = null, replace = false } = {}) {
    const hash = `#${serialize(state)}`;
    if (hash === location.hash) { applied = hash; return; }
    const now = performance.now();
    if (replace || (key !== null && key === lastKey && now - lastTime < COALESCE_MS)) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
    if (!replace) { lastKey = key; lastTime = now; }
    applied = hash;
  }
  function restore() {
    // An entry made before a language switch has the other ?lang= in its address: the page stays
    // in its language (a switch is in place), so the address follows it.
    const u = new URL(location.href);
    if (u.searchParams.has('lang') && u.searchParams.get('lang') !== lang()) history.replaceState(history.state, '', withLang(location.href, lang()));
    if (location.hash === applied) return;
    applied = location.hash;
    lastKey = null;
    onRestore(location.hash);
  }
  window.addEventListener('popstate', restore);
  window.addEventListener('hashchange', restore);
  return { commit, markApplied: () => { applied = location.hash; } };
}
