// convscope's service worker: the app keeps working offline once it has been loaded.
//
// Scope: the folder sw.js is in (the app's root, wherever it is hosted: /, /course/cnn/).
// What it caches: the files of sw-manifest.js (scripts/build_sw.mjs), each checked against its
// SHA-256 before it is stored, in one cache per version: "convscope <scope> <version>".
// - install: the new version's cache is filled completely (files unchanged since an older
//   version are copied from its cache, the rest downloaded) before the version can be used; a
//   file that fails or does not match its hash fails the install, and the old version stays.
//   A lazy group (the training module and its data) is filled too if the old version had it.
// - fetch: a GET for one of the app's files is answered from this version's cache only; a
//   miss (a lazy file, or an evicted one) is downloaded, checked and stored; bytes that do not
//   match this version (the server has moved on) give a 503, never a mix of versions.
//   Everything else (other paths, other origins, POST, Range) goes to the network untouched.
//   Where the browser has static routes (addRoutes below: Chromium), the precached files'
//   subresource GETs are answered from this version's cache by the browser itself, without
//   starting or waiting for this script; navigations and the lazy files still come here.
// - update: the browser checks sw.js and sw-manifest.js on navigations; a new version installs
//   in the background and waits. It takes over when no page of the app is open, or at the next
//   navigation (reload or link) of the only open page: that navigation gets an empty page that
//   reloads at once, by which time the new version is active. activate deletes this scope's
//   other caches.
// - a page tells the worker it is open (www/shared/sw-register.js); the lazy groups of that page
//   are then cached, so the training lab works offline after one visit too.
'use strict';

importScripts('sw-manifest.js');

const LIST = CONVSCOPE_PRECACHE;
const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;
const PREFIX = `convscope ${SCOPE} `;
const CACHE = PREFIX + LIST.version;

/** path → expected hash, for every file of the list; path → lazy group. */
const HASHES = new Map(Object.entries(LIST.files));
const GROUP_OF = new Map();
for (const group of LIST.lazy) {
  for (const [path, hash] of Object.entries(group.files)) {
    HASHES.set(path, hash);
    GROUP_OF.set(path, group);
  }
}

/** A response whose bytes are not this version's (the server holds another one). */
class VersionMismatch extends Error {}

/** The app path (e.g. 'www/style.css', 'index.html' for the folder) of a URL in the list, or null. */
function pathOf(url) {
  const u = new URL(url);
  if (u.origin !== self.location.origin || !u.pathname.startsWith(SCOPE_PATH)) return null;
  let path;
  try {
    path = decodeURIComponent(u.pathname.slice(SCOPE_PATH.length));
  } catch {
    return null;
  }
  if (path === '' || path.endsWith('/')) path += 'index.html';
  return HASHES.has(path) ? path : null;
}

const keyOf = (path) => new URL(path, SCOPE).href;

/** Whether `bytes` are this version's `path` (their SHA-256 starts with the listed digits). */
async function matches(bytes, path) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const expected = HASHES.get(path);
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('').slice(0, expected.length) === expected;
}

/** A cacheable copy of a response with `bytes` as its body (decoded: no transfer headers). */
function stored(res, bytes) {
  const headers = new Headers(res.headers);
  for (const h of ['content-encoding', 'content-length', 'transfer-encoding', 'content-range']) headers.delete(h);
  headers.set('content-length', String(bytes.byteLength));
  return new Response(bytes, { status: 200, statusText: 'OK', headers });
}

/**
 * The file downloaded and checked against this version's hash (throws when it does not match).
 * `priority` 'low' for the worker's own background fills, so they yield to what a page asks for.
 */
async function download(path, priority = 'auto') {
  const res = await fetch(keyOf(path), { cache: 'no-cache', credentials: 'same-origin', priority });
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  const bytes = await res.arrayBuffer();
  if (!(await matches(bytes, path))) throw new VersionMismatch(`${path}: not version ${LIST.version}`);
  return stored(res, bytes);
}

/** This version's copy of `path` from an older cache, when the bytes there are the same. */
async function fromOlder(olderCaches, path) {
  for (const cache of olderCaches) {
    const hit = await cache.match(keyOf(path));
    if (!hit) continue;
    const bytes = await hit.arrayBuffer();
    if (await matches(bytes, path)) return stored(hit, bytes);
  }
  return null;
}

/**
 * Downloads in flight (path → {job, priority}), shared by the install, the lazy groups and the
 * fetch handler.
 */
const inFlight = new Map();

/** This version's cache, opened once (every answered request used to open it again). */
let openCache = null;
function thisCache() {
  if (!openCache) {
    openCache = caches.open(CACHE);
    openCache.catch(() => { openCache = null; }); // opened again on the next request
  }
  return openCache;
}

/**
 * Puts `path` into this version's cache (from an older cache, else the network, at `priority`);
 * once, except that a request at a higher priority than a background fill's 'low' one does not
 * wait for it: it downloads the file itself (both store the same checked bytes).
 */
function cacheFile(cache, path, olderCaches = [], priority = 'auto') {
  const running = inFlight.get(path);
  if (!running || (running.priority === 'low' && priority !== 'low')) {
    const job = (async () => {
      const res = (await fromOlder(olderCaches, path)) ?? (await download(path, priority));
      await cache.put(keyOf(path), res.clone());
      return res;
    })();
    const entry = { job, priority };
    inFlight.set(path, entry);
    const done = () => { if (inFlight.get(path) === entry) inFlight.delete(path); };
    job.then(done, done);
  }
  return inFlight.get(path).job.then((res) => res.clone());
}

/** Runs `work` on each item, at most `width` at a time; rejects on the first failure. */
async function eachLimited(items, width, work) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** The caches of this scope other than this version's. */
async function olderCaches() {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  return Promise.all(names.map((n) => caches.open(n)));
}

/** Fills `paths` into this version's cache (those already there are kept), in the background. */
async function fill(paths, older = []) {
  const cache = await thisCache();
  const have = new Set((await cache.keys()).map((r) => r.url));
  await eachLimited(paths.filter((p) => !have.has(keyOf(p))), 6, (p) => cacheFile(cache, p, older, 'low'));
}

/** `path` as URLPattern pathname text that matches only itself (its special characters escaped). */
const literal = (path) => (SCOPE_PATH + path).replace(/[:*(){}+?\\]/g, '\\$&');

/**
 * Static routes (Chromium's ServiceWorker Static Routing API, where the browser has it): GETs
 * for this scope's files, except navigations and the lazy groups, are answered by the browser
 * from this version's cache without running this worker's JS; a miss goes to the network
 * unchecked. A precached file misses only when the cache has lost entries after an install filled
 * it completely; paths outside the list miss and go to the network, as the fetch handler lets them.
 * Navigations (a waiting version may take over: switchVersion) and the lazy files (fetched,
 * checked and stored on a miss) stay with the fetch handler below, as does everything in a
 * browser without the API.
 */
function addRoutes(event) {
  if (typeof event.addRoutes !== 'function') return;
  const lazy = LIST.lazy.flatMap((g) => Object.keys(g.files));
  const routes = [
    { condition: { requestMode: 'navigate' }, source: 'fetch-event' },
    ...(lazy.length ? [{ condition: { or: lazy.map((p) => ({ urlPattern: { pathname: literal(p), baseURL: SCOPE } })) }, source: 'fetch-event' }] : []),
    { condition: { urlPattern: { pathname: `${literal('')}*`, baseURL: SCOPE }, requestMethod: 'GET' }, source: { cacheName: CACHE } },
  ];
  // A browser that refuses a rule (an older form of the API) keeps the fetch handler for all.
  try {
    event.waitUntil(event.addRoutes(routes).catch(() => {}));
  } catch {
    // as above
  }
}

self.addEventListener('install', (event) => {
  addRoutes(event);
  event.waitUntil((async () => {
    const older = await olderCaches();
    const paths = Object.keys(LIST.files);
    // A lazy group the previous version had (any of its files cached) comes along whole.
    const had = new Set();
    for (const cache of older) {
      for (const req of await cache.keys()) had.add(GROUP_OF.get(pathOf(req.url)));
    }
    for (const group of LIST.lazy) if (had.has(group)) paths.push(...Object.keys(group.files));
    await fill(paths, older);
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const type = event.data?.type;
  if (type === 'skip-waiting') {
    self.skipWaiting();
  } else if (type === 'page-open' && event.source?.url) {
    // The lazy groups of the page that is open (e.g. the training lab's module and data), and
    // any precached file the cache has lost since the install (the static routes would send
    // its requests to the network unchecked).
    const page = pathOf(event.source.url);
    const groups = LIST.lazy.filter((g) => g.pages.includes(page));
    const paths = [...Object.keys(LIST.files), ...groups.flatMap((g) => Object.keys(g.files))];
    event.waitUntil(fill(paths).catch(() => {}));
  }
});

/**
 * The page that reloads itself (a real reload: a refresh to the same URL with a #fragment would
 * only scroll), under a policy that allows exactly its one script (by its SHA-256).
 */
const RELOAD_PAGE = '<!doctype html><meta name="color-scheme" content="light dark"><link rel="icon" href="data:,">'
  + '<script>location.reload()</script>';
const RELOAD_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; img-src data:; script-src 'sha256-9gOBGqEQINNDuds+tkXbNzih6klbz+KeCyxEj4KRLeM='",
};

/** Resolves once `worker` has left the waiting state (or after `ms`). */
async function leftWaiting(worker, ms) {
  for (let waited = 0; worker.state === 'installed' && waited < ms; waited += 25) {
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

/**
 * At a navigation, when a new version waits and the only open page of the app is the one
 * navigating (or none is open): activates it and answers with a page that reloads at once, so
 * the navigation lands on the new version. Null when the old version must stay.
 */
async function switchVersion() {
  const waiting = self.registration.waiting;
  if (!waiting) return null;
  // The navigating page is still open, and visible: one visible page is taken to be it (a
  // second tab, or a hidden one, keeps the old version until it is closed).
  const open = await self.clients.matchAll({ type: 'window' });
  if (open.length > 1 || open.some((c) => c.visibilityState !== 'visible')) return null;
  waiting.postMessage({ type: 'skip-waiting' });
  await leftWaiting(waiting, 3000);
  if (waiting.state === 'installed') return null; // it did not take over: stay on this version
  return new Response(RELOAD_PAGE, { headers: RELOAD_HEADERS });
}

async function respond(event, path) {
  if (event.request.mode === 'navigate') {
    const switched = await switchVersion();
    if (switched) return switched;
  }
  const cache = await thisCache();
  const hit = await cache.match(keyOf(path));
  if (hit) return hit;
  try {
    return await cacheFile(cache, path);
  } catch (e) {
    if (!(e instanceof VersionMismatch)) throw e;
    self.registration.update().catch(() => {});
    return new Response(`convscope was updated on the server (${e.message}): reload the page.\n`, {
      status: 503, statusText: 'Service Unavailable', headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || req.headers.has('range')) return;
  const path = pathOf(req.url);
  if (path) event.respondWith(respond(event, path));
});
