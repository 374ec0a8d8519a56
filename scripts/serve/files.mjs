// Which files the server publishes, and how a request target becomes one of them.
//
// The server publishes what a deployment contains and nothing else: a clone also holds .git/,
// Cargo.toml, src/, tests/, scripts/, .ci/ and node_modules/, none of which a visitor may read.
// The list is declarative: one glob per line, relative to the served root. `*` matches within
// one path segment, `**` any number of segments (at least one). A path segment that starts with
// "." never matches (no .git, .DS_Store, .env under an allowed folder).

/** What a deployment contains. A new output folder is one more line here. */
export const DEPLOYMENT = [
  '*.html', // the pages: index.html, playground.html, architectures.html, later ones
  'pkg/*.js', // wasm-bindgen output (pkg/BUILD_INFO and *.d.ts stay private)
  'pkg/*.wasm',
  'pkg/snippets/**', // JS the bindings import (inline_js / module snippets)
  'pkg-*/*.js', // sibling wasm outputs, e.g. a trainer's pkg-train/
  'pkg-*/*.wasm',
  'pkg-*/snippets/**',
  'www/**', // the front end: ES modules, CSS, assets
  'dist/**', // a built edition (offline / bundled), when there is one
  'manifest.webmanifest', 'sw.js', 'sw-manifest.js', // installable, offline once loaded (sw.js)
];

/** A control character (U+0000-U+001F, U+007F) or a path separator inside one segment. */
function hasForbiddenChar(segment) {
  for (const ch of segment) {
    const c = ch.codePointAt(0);
    if (c < 0x20 || c === 0x7f || ch === '/' || ch === '\\') return true;
  }
  return false;
}

/** MIME type and whether compressing pays, by file extension. */
export const TYPES = {
  '.html': { type: 'text/html; charset=utf-8', compress: true },
  '.js': { type: 'text/javascript; charset=utf-8', compress: true },
  '.mjs': { type: 'text/javascript; charset=utf-8', compress: true },
  '.css': { type: 'text/css; charset=utf-8', compress: true },
  '.json': { type: 'application/json', compress: true },
  '.webmanifest': { type: 'application/manifest+json', compress: true },
  '.wasm': { type: 'application/wasm', compress: true },
  '.svg': { type: 'image/svg+xml', compress: true },
  '.txt': { type: 'text/plain; charset=utf-8', compress: true },
  '.md': { type: 'text/plain; charset=utf-8', compress: true },
  '.bin': { type: 'application/octet-stream', compress: true }, // the MNIST samples: 237 -> 47 KB
  '.png': { type: 'image/png', compress: false },
  '.jpg': { type: 'image/jpeg', compress: false },
  '.webp': { type: 'image/webp', compress: false },
  '.ico': { type: 'image/x-icon', compress: true },
  '.woff2': { type: 'font/woff2', compress: false },
};
const UNKNOWN = { type: 'application/octet-stream', compress: false };

/** The type entry for a file path. */
export function typeOf(path) {
  const dot = path.lastIndexOf('.');
  return (dot > path.lastIndexOf('/') && TYPES[path.slice(dot).toLowerCase()]) || UNKNOWN;
}

/** Compiles globs (see the top of this file) into one predicate on root-relative paths. */
export function allowList(globs) {
  const res = globs.map((glob) => new RegExp(`^${glob.split('/').map(segment).join('/')}$`));
  return (rel) => !rel.split('/').some((s) => s.startsWith('.')) && res.some((re) => re.test(rel));
}

function segment(glob) {
  if (glob === '**') return '[^/]+(?:/[^/]+)*';
  return glob.split('*').map((lit) => lit.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
}

/** Longest accepted path, and request target (path + query), in characters. */
export const MAX_PATH = 2048;
export const MAX_TARGET = 8192;

/**
 * Parses a request target into a root-relative file path: {rel} on success, {status, reason}
 * when the request is bad (400) or too long (414). "/" and ".../" name the folder's index.html.
 * Segments are decoded one by one, so %2F cannot join two, and "." / ".." are refused rather
 * than resolved (a traversal attempt is a bad request, not a redirect).
 */
export function parseTarget(target) {
  if (target.length > MAX_TARGET) return { status: 414, reason: 'request target too long' };
  if (!target.startsWith('/')) return { status: 400, reason: 'request target must be a path' };
  const end = target.search(/[?#]/);
  const raw = end < 0 ? target : target.slice(0, end);
  if (raw.length > MAX_PATH) return { status: 414, reason: 'path too long' };
  const parts = [];
  for (const enc of raw.slice(1).split('/')) {
    let s;
    try {
      s = decodeURIComponent(enc);
    } catch {
      return { status: 400, reason: 'malformed percent-encoding' };
    }
    if (hasForbiddenChar(s)) return { status: 400, reason: 'forbidden character in path' };
    if (s === '.' || s === '..') return { status: 400, reason: 'dot segment in path' };
    parts.push(s);
  }
  if (parts.at(-1) === '') parts[parts.length - 1] = 'index.html';
  return { rel: parts.join('/') };
}
