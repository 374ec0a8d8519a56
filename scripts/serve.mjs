// The static file server for convscope: the app's files only, streamed, compressed, cached.
//
//   node scripts/serve.mjs [--port N] [--root DIR] [--lan | --host ADDR] [--no-csp]
//                          [--no-isolate] [--no-compress] [--fast-brotli] [--allow GLOB]...
//
// Why our own server and not a package: the app is a static folder, and what it needs from a
// server fits in ~300 lines of Node's own http, fs and zlib: an allow-list (a clone holds .git/,
// src/, tests/ that must not be published), streaming with Content-Length and Range, validators,
// gzip/brotli, timeouts and a few security headers. No dependency means nothing to install to
// serve a clone, nothing to audit or update, and tests that import `serve()` directly. (The
// optional QR code of --lan uses the npm `qrcode` package, loaded only for that; see serve/lan.mjs.)
//
// What it does:
// - Serves only the globs in serve/files.mjs DEPLOYMENT (+ `allow` globs, e.g. the tests' pages);
//   anything else is 404, dot-files included. Symlinks must stay inside the root and allowed.
// - GET and HEAD only (405 with Allow otherwise); 400 for malformed %-escapes, NUL/control bytes,
//   "." / ".." segments; 414 for paths over 2 KB. Silent or slow connections are closed: request
//   headers must arrive within `headersTimeout` (10 s), and a socket idle for `idleTimeout`
//   (20 s) is closed.
// - Streams files from disk with Content-Length; a single `Range: bytes=` range gives 206 (or 416).
// - gzip / brotli by Accept-Encoding for text, JS, wasm and the sample data, each file compressed
//   once per version and shared by all requests (serve/compress.mjs). Range requests get the
//   uncompressed bytes. From the command line, large files are then recompressed at brotli's
//   best quality in the background (--fast-brotli skips that: the wasm 750 KB instead of 665 KB).
// - Validators (ETag, Last-Modified) with `Cache-Control: no-cache`, as most static hosts do: the
//   browser asks again on each visit (an edit shows at once) but gets a bodiless 304 when
//   nothing changed, and keeps its compiled code for the JS modules and the wasm module across
//   visits. No file name carries a content hash, so a long max-age could pair a fresh
//   pkg/convscope.js with a stale .wasm; only names that do (`name.0123abcd.js`, as a bundler
//   writes) are cached for a year as immutable.
// - `X-Content-Type-Options: nosniff` always. Cross-Origin-Opener-Policy /
//   Cross-Origin-Embedder-Policy by default (`isolate`, --no-isolate turns them off), so
//   performance.now() has microsecond resolution for the benchmarks (../shared/TOOLCHAIN.md).
// - The Content-Security-Policy below on HTML and JS responses, by default (`csp: false` /
//   --no-csp turns it off): the policy every page's <meta> also carries, so a course site's
//   admin who sets it as a header loses nothing. Sent on JS too because a worker's policy comes
//   from its script's response: the training page's worker then runs under it as well. No
//   `frame-ancestors` (and no X-Frame-Options): the pages may be framed by any site, as a
//   course page's iframe does (issue 17's embed mode).
// - `host: '0.0.0.0'` (--lan) listens on every interface and prints the URL of each LAN address
//   and a QR code of the first, so a class can open the instructor's laptop.
import { createServer } from 'node:http';
import { open, realpath } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { DEPLOYMENT, allowList, parseTarget, typeOf } from './serve/files.mjs';
import { MIN_BYTES, createCompressedCache, negotiate } from './serve/compress.mjs';
import { printLan } from './serve/lan.mjs';

export { DEPLOYMENT } from './serve/files.mjs';

/**
 * The policy the server sends (unless `csp: false`), and every page's
 * `<meta http-equiv="Content-Security-Policy">` carries word for word (tests/node/serve.test.mjs
 * checks each page): issue 17's (courseware) policy. 'wasm-unsafe-eval' lets the pages compile
 * the wasm core; no inline script or style anywhere (tests/browser/csp.test.mjs).
 */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; worker-src 'self'; "
  + "connect-src 'self'; font-src 'self'; form-action 'none'";

/** The responses a browser applies a policy header to: documents and (worker) scripts. */
const POLICED = /^text\/(html|javascript);/;

const REPO = resolve(fileURLToPath(import.meta.url), '../..');
const IMMUTABLE = /\.[0-9a-f]{8,}\.[a-z0-9]+$/; // a content hash in the file name

/**
 * Starts the server; resolves to {server, url} once it listens (url: http://127.0.0.1:port/).
 * @param {{root?: string, port?: number, host?: string, quiet?: boolean, allow?: string[],
 *   csp?: boolean, isolate?: boolean, compress?: boolean | 'remote', bestBrotli?: boolean,
 *   headersTimeout?: number, idleTimeout?: number, cacheBytes?: number}} options port 0 picks a
 *   free port; `allow` adds globs to the DEPLOYMENT list (the tests' own pages); `csp: false`
 *   drops the Content-Security-Policy header; `bestBrotli`
 *   recompresses large files at brotli's best quality in the background (the command line's
 *   default; off for tests, ~7 CPU-s for the wasm); `compress` 'remote' (the default) compresses
 *   for clients on other machines only: on loopback the bytes cost nothing to move, and
 *   compressing them made the first prediction slower (scripts/bench_student.mjs: first visit
 *   1,348 vs 735 ms, repeat 454 vs 289 ms, same run); timeouts in ms
 */
/** Whether a response to `address` is compressed under the `compress` option. */
export function compressFor(compress, address = '') {
  if (compress !== 'remote') return Boolean(compress);
  return !(address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

export function serve({
  root = REPO, port = 8000, host = '127.0.0.1', quiet = false, allow = [], csp = true,
  isolate = true, compress = 'remote', bestBrotli = false, headersTimeout = 10_000,
  idleTimeout = 20_000, cacheBytes = 64 * 2 ** 20,
} = {}) {
  const base = resolve(root);
  const allowed = allowList([...DEPLOYMENT, ...allow]);
  const cache = createCompressedCache({ maxBytes: cacheBytes, upgrade: bestBrotli });
  const common = { 'X-Content-Type-Options': 'nosniff' };
  if (isolate) {
    common['Cross-Origin-Opener-Policy'] = 'same-origin';
    common['Cross-Origin-Embedder-Policy'] = 'require-corp';
  }
  let realBase; // resolved on first use (the root may be a symlink)

  function fail(res, status, message, extra = {}) {
    const body = `${status} ${message}\n`;
    res.writeHead(status, {
      ...common, ...extra, 'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store',
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }

  /** The file's real path when it exists, stays inside the root and is allowed there; else null. */
  async function locate(rel) {
    if (!allowed(rel)) return null;
    realBase ??= await realpath(base);
    let real;
    try {
      real = await realpath(join(base, rel));
    } catch {
      return null;
    }
    const inside = relative(realBase, real);
    if (inside.startsWith('..') || inside.startsWith(sep) || !allowed(inside.split(sep).join('/'))) return null;
    return real;
  }

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    const target = parseTarget(req.url);
    if (target.status) return fail(res, target.status, target.reason);
    const file = await locate(target.rel);
    if (!file) return fail(res, 404, 'not found');
    let fh;
    try {
      fh = await open(file, 'r');
    } catch {
      return fail(res, 404, 'not found');
    }
    let streaming = false;
    try {
      const info = await fh.stat();
      if (!info.isFile()) return fail(res, 404, 'not found');
      const kind = typeOf(target.rel);
      const compressible = compressFor(compress, req.socket.remoteAddress) && kind.compress && info.size >= MIN_BYTES;
      let encoding = compressible && !req.headers.range ? negotiate(req.headers['accept-encoding']) : 'identity';
      // Compressed bytes may change quality (bestBrotli) but not meaning: weak ETags for them.
      const version = `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}`;
      const tag = (enc) => (enc === 'identity' ? `"${version}"` : `W/"${version}-${enc}"`);
      const headers = {
        ...common,
        'Content-Type': kind.type,
        'Cache-Control': IMMUTABLE.test(target.rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ETag: tag(encoding),
        'Last-Modified': info.mtime.toUTCString(),
        'Accept-Ranges': 'bytes',
      };
      if (csp && POLICED.test(kind.type)) headers['Content-Security-Policy'] = CSP;
      if (compressible) headers.Vary = 'Accept-Encoding';
      if (notModified(req, headers.ETag, info.mtime)) {
        res.writeHead(304, headers);
        return res.end();
      }
      if (encoding !== 'identity') {
        const body = await cache.get(file, info, encoding);
        if (body) {
          res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length });
          return res.end(req.method === 'HEAD' ? undefined : body);
        }
        encoding = 'identity'; // the file changed while it was compressed: send it as it is now
        headers.ETag = tag(encoding);
      }
      let start = 0;
      let end = info.size - 1;
      let status = 200;
      const range = ifRange(req, headers.ETag, info.mtime) ? parseRange(req.headers.range, info.size) : null;
      if (range === 'unsatisfiable') {
        return fail(res, 416, 'range not satisfiable', { 'Content-Range': `bytes */${info.size}` });
      }
      if (range) {
        ({ start, end } = range);
        status = 206;
        headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
      }
      headers['Content-Length'] = end - start + 1;
      res.writeHead(status, headers);
      if (req.method === 'HEAD' || info.size === 0) return res.end();
      streaming = true;
      await pipeline(fh.createReadStream({ start, end, autoClose: true }), res);
    } finally {
      if (!streaming) await fh.close();
    }
  }

  const server = createServer({
    headersTimeout,
    requestTimeout: 2 * headersTimeout,
    connectionsCheckingInterval: Math.min(1000, Math.max(50, headersTimeout / 4)),
  }, (req, res) => {
    handle(req, res).catch((e) => {
      if (res.headersSent) res.destroy(); // a stream failed mid-body (or the client left)
      else fail(res, 500, `error: ${e.code ?? 'internal'}`);
    });
  });
  server.setTimeout(idleTimeout); // no callback: an idle socket is destroyed

  return new Promise((ok, reject) => {
    let attempt = port;
    server.on('error', (e) => {
      // A busy default port: try the next few.
      if (e.code === 'EADDRINUSE' && port !== 0 && attempt < port + 20) server.listen(++attempt, host);
      else reject(e);
    });
    server.once('listening', async () => {
      const p = server.address().port;
      const url = `http://127.0.0.1:${p}/`;
      if (!quiet) {
        console.log(`convscope is served at ${url}  (Ctrl+C stops)`);
        if (host === '0.0.0.0' || host === '::') await printLan(p);
      }
      ok({ server, url });
    });
    server.listen(attempt, host);
  });
}

/** True when the request's validators match: answer 304. */
function notModified(req, etag, mtime) {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    const weak = (t) => t.trim().replace(/^W\//, ''); // weak comparison (RFC 9110 13.1.2)
    return inm.split(',').some((t) => t.trim() === '*' || weak(t) === weak(etag));
  }
  const ims = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(ims) && Math.floor(mtime.getTime() / 1000) * 1000 <= ims;
}

/** True when a Range header may be honoured (no If-Range, or one naming this version). */
function ifRange(req, etag, mtime) {
  const v = req.headers['if-range'];
  if (v === undefined) return true;
  return v.startsWith('"') ? v === etag : v === mtime.toUTCString();
}

/**
 * One `bytes=` range → {start, end} (inclusive); 'unsatisfiable'; or null to ignore the header
 * (absent, malformed, or several ranges: then the whole file is sent, as RFC 9110 allows).
 */
export function parseRange(header, size) {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const n = Number(m[2]);
    return n === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

/** Command-line options → serve() options. */
export function parseArgs(args) {
  const o = { port: Number(process.env.PORT ?? 8000), allow: [], bestBrotli: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--port') o.port = Number(args[++i]);
    else if (a === '--root') o.root = args[++i];
    else if (a === '--host') o.host = args[++i];
    else if (a === '--lan') o.host = '0.0.0.0';
    else if (a === '--csp') o.csp = true; // the default; kept for old command lines
    else if (a === '--no-csp') o.csp = false;
    else if (a === '--no-isolate') o.isolate = false;
    else if (a === '--no-compress') o.compress = false;
    else if (a === '--fast-brotli') o.bestBrotli = false;
    else if (a === '--allow') o.allow.push(args[++i]);
    else throw new Error(`unknown option ${a} (see the top of scripts/serve.mjs)`);
  }
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new Error('--port takes 0-65535');
  return o;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  await serve(options);
}
