// Every file the app loads at run time besides its own JS modules goes through here: the wasm
// modules, the data files, the training lab's worker and explain.css. Callers name a file by
// its path from the site root, always as a string literal (`resource('pkg/convscope_bg.wasm')`):
// scripts/build_offline.mjs finds those literals and embeds the files they name.
//
// This is the served edition: plain URLs, fetch(), a module Worker and a <link>, so the pages
// download exactly the files they name. The offline edition (dist/convscope-offline.zip, pages
// opened from file://) is bundled with scripts/offline/resources.js in place of this file: the
// same functions, serving the embedded bytes (no request at all), the worker from a blob: URL.

/** The site root (this file is www/shared/resources.js). */
const ROOT = new URL('../../', import.meta.url);

/** The app's root folder (the pages and sw.js live there); null in the offline edition. */
export const APP_ROOT = ROOT;

/** True in the offline edition (scripts/offline/resources.js). */
export const OFFLINE = false;

/**
 * The URL of the app's file at `path` (from the site root, e.g. 'www/assets/mnist-samples.bin').
 * Pass a string literal: the offline build looks for them.
 * @param {string} path
 * @returns {URL}
 */
export function resource(path) {
  return new URL(path, ROOT);
}

/**
 * Downloads `url` (a resource() URL; here any URL works).
 * @param {URL|string} url
 * @returns {Promise<Response>}
 */
export function fetchResource(url) {
  return fetch(url);
}

/**
 * A Worker running the module at `url` (a resource() URL).
 * @param {URL} url
 * @returns {Worker}
 */
export function startWorker(url) {
  return new Worker(url, { type: 'module' });
}

/**
 * Adds the stylesheet at `url` (a resource() URL) to the document, once. Resolves when it
 * applies (or failed to load).
 * @param {URL} url
 * @returns {Promise<void>}
 */
export function linkStylesheet(url) {
  const { href } = url;
  const settled = (link) => new Promise((ok) => {
    link.addEventListener('load', () => ok(), { once: true });
    link.addEventListener('error', () => ok(), { once: true });
  });
  const old = [...document.querySelectorAll('link[rel=stylesheet]')].find((l) => l.href === href);
  if (old) return old.sheet ? Promise.resolve() : settled(old);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = settled(link);
  document.head.append(link);
  return loaded;
}
