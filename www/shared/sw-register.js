// Registers the service worker (../../sw.js: the app works offline once loaded) and tells it
// which page is open, so it caches that page's on-demand files too (the training lab's module
// and data). Each page's main.js calls registerServiceWorker() once.
//
// Nothing happens where a service worker cannot or should not run: no support, an insecure
// origin (plain http to a LAN address: the browser has no navigator.serviceWorker there), a
// file:// page, or a page that is not at the app's root (a bundled or test copy of the code).
// Registration waits for the page's `load` event, so the worker's first download (the app's
// files, ~3 MB, mostly already in the HTTP cache) never competes with the page's own start.
// How updates apply is described at the top of sw.js.

import { APP_ROOT } from './resources.js';

export { APP_ROOT };

/**
 * Registers sw.js for the app's folder; resolves to the registration, or null when none is
 * made. Failures are reported as a console warning: the page works without the worker.
 */
export async function registerServiceWorker(win = window) {
  const nav = win.navigator;
  if (!APP_ROOT || !('serviceWorker' in nav) || win.location.protocol === 'file:') return null;
  if (new URL('./', win.location.href).href !== APP_ROOT.href) return null;
  if (win.document.readyState !== 'complete') {
    await new Promise((ok) => win.addEventListener('load', ok, { once: true }));
  }
  try {
    const registration = await nav.serviceWorker.register(new URL('sw.js', APP_ROOT), { scope: APP_ROOT.href, updateViaCache: 'none' });
    const ready = await nav.serviceWorker.ready;
    ready.active?.postMessage({ type: 'page-open' });
    return registration;
  } catch (e) {
    console.warn(`convscope: no offline copy (service worker): ${e?.message ?? e}`);
    return null;
  }
}
