// The offline edition's www/shared/resources.js (scripts/build_offline.mjs bundles this file in
// its place): the same functions, serving the files the bundle embeds (the virtual module
// `convscope:embedded`, written by the build: path → {type, base64} or {type, text}) without
// any request, so the pages work opened from file://, where Chromium refuses fetch() and
// module scripts. The training lab's worker runs from a blob: URL of its own bundle.
/* global atob, Blob, CSS, document, Response, URL, Worker -- a browser module (ESLint's scripts/ config is Node's) */
import EMBEDDED from 'convscope:embedded';

/** resource() URLs are `convscope-offline:/<path>`: never requested, only looked up here. */
const BASE = 'convscope-offline:/';

/** The app's root folder: none in the offline edition (its pages are files). */
export const APP_ROOT = null;

/** True in the offline edition. */
export const OFFLINE = true;

/** The embedded file named by `url`, or an Error naming it. */
function lookup(url) {
  const href = String(url);
  const file = href.startsWith(BASE) ? EMBEDDED[href.slice(BASE.length)] : undefined;
  if (!file) throw new TypeError(`offline edition: ${href} is not embedded in this page`);
  return file;
}

/** The bytes of base64 text `b64`. */
function decode(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The URL of the app's file at `path` (from the site root): a key into the embedded files. */
export function resource(path) {
  return new URL(path, BASE);
}

/** A Response holding the embedded file of `url` (a rejected promise if it is not embedded). */
export async function fetchResource(url) {
  const file = lookup(url);
  const body = file.text ?? decode(file.base64);
  return new Response(body, { status: 200, headers: { 'Content-Type': file.type } });
}

/** A Worker running the embedded bundle of `url`, from a blob: URL. */
export function startWorker(url) {
  const file = lookup(url);
  return new Worker(URL.createObjectURL(new Blob([file.text], { type: file.type })));
}

/**
 * Adds the embedded stylesheet of `url` to the document once, as a <style> (the page's
 * Content-Security-Policy allows it by its hash).
 */
export function linkStylesheet(url) {
  const key = String(url);
  if (document.querySelector(`style[data-resource="${CSS.escape(key)}"]`)) return Promise.resolve();
  const style = document.createElement('style');
  style.dataset.resource = key;
  style.textContent = lookup(url).text;
  document.head.append(style);
  return Promise.resolve(); // an inline sheet applies at once
}
