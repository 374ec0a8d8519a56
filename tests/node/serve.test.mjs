// scripts/serve.mjs over real HTTP (Node's http client, no browser): it publishes only the
// deployment's files, refuses other methods and bad paths, streams with Content-Length and
// Range, compresses with gzip and brotli into bytes that decompress to the file on disk,
// revalidates with 304, and closes silent connections. Expected bytes come from the files on
// disk and Node's zlib, not from the server's code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { access, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CSP, compressFor, parseArgs, serve } from '../../scripts/serve.mjs';
import { printLan } from '../../scripts/serve/lan.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
let app; // the repository served as the app is
let port;

before(async () => {
  app = await serve({ root: ROOT, port: 0, quiet: true, compress: true });
  port = app.server.address().port;
});
after(() => new Promise((ok) => app.server.close(ok)));

/** One request on a fresh connection: {status, headers, body: Buffer}. */
function get(path, { method = 'GET', headers = {}, to = port } = {}) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: to, path, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const disk = (rel, root = ROOT) => readFile(join(root, rel));

test('private files of the clone answer 404 although they exist on disk', async () => {
  for (const rel of ['.git', 'Cargo.toml', 'src/lib.rs', '.ci/run', 'scripts/serve.mjs', 'tests/browser/blank.html',
    'README.md', 'package.json', 'pkg/BUILD_INFO', 'node_modules/qrcode/package.json']) {
    await access(join(ROOT, rel)); // it is there ...
    const r = await get(`/${rel}`);
    assert.equal(r.status, 404, rel); // ... and not published
  }
  for (const path of ['/.git/config', '/.git/HEAD', '/src/', '/www/', '/pkg/']) {
    assert.equal((await get(path)).status, 404, path);
  }
});

test('the pages, pkg/ and www/ are served byte for byte with Content-Length', async () => {
  for (const rel of ['index.html', 'playground.html', 'architectures.html', 'pkg/convscope.js',
    'pkg/convscope_bg.wasm', 'www/style.css', 'www/assets/mnist-samples.bin']) {
    const r = await get(`/${rel}`);
    const bytes = await disk(rel);
    assert.equal(r.status, 200, rel);
    assert.equal(r.headers['content-encoding'], undefined, rel);
    assert.equal(Number(r.headers['content-length']), bytes.length, rel);
    assert.ok(r.body.equals(bytes), rel);
  }
  const home = await get('/');
  assert.ok(home.body.equals(await disk('index.html')));
  assert.equal((await get('/pkg/convscope_bg.wasm')).headers['content-type'], 'application/wasm');
  assert.equal((await get('/index.html')).headers['content-type'], 'text/html; charset=utf-8');
});

test('the allow option publishes extra globs (the browser tests\' blank page) and nothing more', async () => {
  const extra = await serve({ root: ROOT, port: 0, quiet: true, allow: ['tests/browser/*'] });
  try {
    const to = extra.server.address().port;
    const r = await get('/tests/browser/blank.html', { to });
    assert.equal(r.status, 200);
    assert.ok(r.body.equals(await disk('tests/browser/blank.html')));
    assert.equal((await get('/tests/lenet.rs', { to })).status, 404);
    assert.equal((await get('/Cargo.toml', { to })).status, 404);
  } finally {
    await new Promise((ok) => extra.server.close(ok));
  }
});

test('a symlink inside an allowed folder that points outside the root answers 404', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'convscope-serve-'));
  try {
    await mkdir(join(dir, 'site/www'), { recursive: true });
    await writeFile(join(dir, 'secret.txt'), 'secret');
    await writeFile(join(dir, 'site/Cargo.toml'), 'private');
    await writeFile(join(dir, 'site/www/ok.txt'), 'ok');
    await symlink(join(dir, 'secret.txt'), join(dir, 'site/www/out.txt'));
    await symlink(join(dir, 'site/Cargo.toml'), join(dir, 'site/www/in.txt'));
    const s = await serve({ root: join(dir, 'site'), port: 0, quiet: true });
    try {
      const to = s.server.address().port;
      assert.equal((await get('/www/ok.txt', { to })).body.toString(), 'ok');
      assert.equal((await get('/www/out.txt', { to })).status, 404);
      assert.equal((await get('/www/in.txt', { to })).status, 404); // inside, but not allowed
    } finally {
      await new Promise((ok) => s.server.close(ok));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('methods other than GET and HEAD answer 405 with Allow and without the file', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'TRACE', 'OPTIONS', 'PATCH']) {
    const r = await get('/index.html', { method });
    assert.equal(r.status, 405, method);
    assert.equal(r.headers.allow, 'GET, HEAD', method);
    assert.ok(!r.body.toString().includes('<html'), method);
  }
});

test('NUL, malformed escapes, encoded slashes and dot segments answer 400', async () => {
  for (const path of ['/%00', '/index.html%00.js', '/%zz', '/%E0%A4%A', '/%', '/www%2fstyle.css',
    '/a/../index.html', '/%2e%2e/Cargo.toml', '/www/..%2f..%2fCargo.toml', '/./index.html', '/www/%5c..%5cCargo.toml']) {
    assert.equal((await get(path)).status, 400, path);
  }
});

test('an 8 KB path answers 414 and a 2 KB one still gets an answer', async () => {
  assert.equal((await get(`/${'a'.repeat(8 * 1024)}`)).status, 414);
  assert.equal((await get(`/${'a'.repeat(2047)}`)).status, 404);
  assert.equal((await get(`/${'a'.repeat(2100)}`)).status, 414);
});

test('Range gives 206 with the requested bytes, suffix ranges work, and past the end is 416', async () => {
  const wasm = await disk('pkg/convscope_bg.wasm');
  const mid = await get('/pkg/convscope_bg.wasm', { headers: { range: 'bytes=1000-1999', 'accept-encoding': 'br, gzip' } });
  assert.equal(mid.status, 206);
  assert.equal(mid.headers['content-range'], `bytes 1000-1999/${wasm.length}`);
  assert.equal(Number(mid.headers['content-length']), 1000);
  assert.equal(mid.headers['content-encoding'], undefined);
  assert.ok(mid.body.equals(wasm.subarray(1000, 2000)));
  const tail = await get('/pkg/convscope_bg.wasm', { headers: { range: 'bytes=-100' } });
  assert.equal(tail.status, 206);
  assert.ok(tail.body.equals(wasm.subarray(wasm.length - 100)));
  const open = await get('/pkg/convscope_bg.wasm', { headers: { range: `bytes=${wasm.length - 10}-` } });
  assert.ok(open.body.equals(wasm.subarray(wasm.length - 10)));
  const past = await get('/pkg/convscope_bg.wasm', { headers: { range: `bytes=${wasm.length}-` } });
  assert.equal(past.status, 416);
  assert.equal(past.headers['content-range'], `bytes */${wasm.length}`);
  const stale = await get('/pkg/convscope_bg.wasm', { headers: { range: 'bytes=0-9', 'if-range': '"not-this-version"' } });
  assert.equal(stale.status, 200);
  assert.equal(stale.body.length, wasm.length);
});

/** Issue 17's policy, written out: the server's header and every page's meta must be exactly this. */
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
  + "object-src 'none'; base-uri 'none'; worker-src 'self'; connect-src 'self'; font-src 'self'; form-action 'none'";

test('every response carries nosniff and COOP/COEP by default, errors and 304s included', async () => {
  for (const [path, method] of [['/index.html', 'GET'], ['/pkg/convscope_bg.wasm', 'HEAD'], ['/www/style.css', 'GET'], ['/Cargo.toml', 'GET'], ['/', 'POST'], ['/%zz', 'GET']]) {
    const r = await get(path, { method });
    assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
    assert.equal(r.headers['cross-origin-embedder-policy'], 'require-corp', path);
  }
  const first = await get('/index.html');
  const again = await get('/index.html', { headers: { 'if-none-match': first.headers.etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers['x-content-type-options'], 'nosniff');
});

test('by default, HTML and JS responses (pages, modules, the training worker) carry the strict CSP, and 304s too; other types do not; no frame-ancestors or X-Frame-Options, so course sites may frame the pages', async () => {
  assert.equal(CSP, POLICY);
  for (const path of ['/index.html', '/train.html', '/www/pages/train/worker.js', '/pkg/convscope.js']) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers['content-security-policy'], POLICY, path);
    assert.doesNotMatch(r.headers['content-security-policy'], /frame-ancestors/, path);
    assert.equal(r.headers['x-frame-options'], undefined, path);
    const again = await get(path, { headers: { 'if-none-match': r.headers.etag } });
    assert.equal(again.status, 304, path);
    assert.equal(again.headers['content-security-policy'], POLICY, `${path} 304`);
  }
  for (const path of ['/pkg/convscope_bg.wasm', '/www/style.css', '/www/assets/mnist-samples.bin', '/Cargo.toml']) {
    assert.equal((await get(path, { method: 'HEAD' })).headers['content-security-policy'], undefined, path);
  }
});

test('csp: false (--no-csp) drops the policy header and keeps nosniff; --csp is still accepted', async () => {
  assert.equal(parseArgs([]).csp, undefined, 'the command line leaves the default (on) alone');
  assert.equal(parseArgs(['--no-csp']).csp, false);
  assert.equal(parseArgs(['--csp']).csp, true);
  const loose = await serve({ root: ROOT, port: 0, quiet: true, csp: false });
  try {
    const r = await get('/index.html', { to: loose.server.address().port });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-security-policy'], undefined);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  } finally {
    await new Promise((ok) => loose.server.close(ok));
  }
});

test('every page at the root carries the same policy in a <meta>, before any script or stylesheet, and has no inline script or style attribute', async () => {
  const pages = (await readdir(ROOT)).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length >= 4, pages.join(' '));
  for (const page of pages) {
    const html = await disk(page);
    const text = html.toString('utf8');
    const metas = [...text.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/gi)].map((m) => m[1]);
    assert.deepEqual(metas, [POLICY], page);
    const at = text.indexOf('http-equiv="Content-Security-Policy"');
    for (const first of [/<script/i, /<link rel="stylesheet"/i, /<link rel="(module)?preload"/i]) {
      const m = first.exec(text);
      if (m) assert.ok(at < m.index, `${page}: the meta before ${m[0]}`);
    }
    assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/i, `${page}: inline script`);
    assert.doesNotMatch(text, /\sstyle=|<style[\s>]/i, `${page}: inline style`);
    // The server sends the file as it is on disk.
    assert.ok((await get(`/${page}`)).body.equals(html), page);
  }
});

test('gzip and brotli bodies decompress to the file bytes and are smaller', async () => {
  for (const rel of ['index.html', 'pkg/convscope.js', 'pkg/convscope_bg.wasm', 'www/assets/mnist-samples.bin']) {
    const bytes = await disk(rel);
    for (const [encoding, inflate] of [['gzip', gunzipSync], ['br', brotliDecompressSync]]) {
      const r = await get(`/${rel}`, { headers: { 'accept-encoding': encoding } });
      assert.equal(r.headers['content-encoding'], encoding, `${rel} ${encoding}`);
      assert.equal(Number(r.headers['content-length']), r.body.length);
      assert.match(r.headers.vary, /Accept-Encoding/);
      assert.ok(r.body.length < bytes.length * 0.6, `${rel} ${encoding}: ${r.body.length} of ${bytes.length}`);
      assert.ok(inflate(r.body).equals(bytes), `${rel} ${encoding}`);
    }
  }
  const chromium = await get('/pkg/convscope_bg.wasm', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
  assert.equal(chromium.headers['content-encoding'], 'br');
  const noBr = await get('/index.html', { headers: { 'accept-encoding': 'br;q=0, gzip' } });
  assert.equal(noBr.headers['content-encoding'], 'gzip');
  const none = await get('/index.html', { headers: { 'accept-encoding': 'identity' } });
  assert.equal(none.headers['content-encoding'], undefined);
});

test('concurrent compressed requests for the wasm all get the same correct bytes', async () => {
  const wasm = await disk('pkg/convscope_bg.wasm');
  const rs = await Promise.all(Array.from({ length: 40 }, () => get('/pkg/convscope_bg.wasm', { headers: { 'accept-encoding': 'br' } })));
  for (const r of rs) assert.ok(r.body.equals(rs[0].body));
  assert.ok(brotliDecompressSync(rs[0].body).equals(wasm));
});

test('If-None-Match with the ETag gives a bodiless 304; validators are sent with no-cache', async () => {
  for (const headers of [{}, { 'accept-encoding': 'br' }, { 'accept-encoding': 'gzip' }]) {
    const first = await get('/pkg/convscope_bg.wasm', { headers });
    assert.equal(first.headers['cache-control'], 'no-cache');
    assert.ok(first.headers['last-modified']);
    const again = await get('/pkg/convscope_bg.wasm', { headers: { ...headers, 'if-none-match': first.headers.etag } });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, first.headers.etag);
  }
  const since = await get('/index.html', { headers: { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() } });
  assert.equal(since.status, 304);
  const other = await get('/index.html', { headers: { 'if-none-match': '"something-else"' } });
  assert.equal(other.status, 200);
  assert.equal((await get('/www/style.css')).headers['cache-control'], 'no-cache');
});

test('an edited file gets a new ETag and freshly compressed bytes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'convscope-serve-'));
  try {
    const page = (word) => `<!doctype html><title>${word}</title>${`<p>${word} paragraph</p>`.repeat(200)}`;
    await writeFile(join(dir, 'index.html'), page('first'));
    const s = await serve({ root: dir, port: 0, quiet: true, compress: true });
    try {
      const to = s.server.address().port;
      const a = await get('/index.html', { to, headers: { 'accept-encoding': 'br' } });
      assert.equal(brotliDecompressSync(a.body).toString(), page('first'));
      await writeFile(join(dir, 'index.html'), page('second'));
      await utimes(join(dir, 'index.html'), new Date(), new Date(Date.now() + 5000));
      const b = await get('/index.html', { to, headers: { 'accept-encoding': 'br', 'if-none-match': a.headers.etag } });
      assert.equal(b.status, 200);
      assert.notEqual(b.headers.etag, a.headers.etag);
      assert.equal(brotliDecompressSync(b.body).toString(), page('second'));
    } finally {
      await new Promise((ok) => s.server.close(ok));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bestBrotli replaces a large file\'s fast brotli bytes by smaller ones with the same meaning', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'convscope-serve-'));
  try {
    // ~300 KB of text that brotli's best quality packs tighter than its fast one.
    let x = 1;
    const words = Array.from({ length: 40000 }, () => { x = (x * 48271) % 2147483647; return `w${x % 5000}`; });
    const text = Buffer.from(`<!doctype html><p>${words.join(' ')}</p>`);
    await writeFile(join(dir, 'index.html'), text);
    const s = await serve({ root: dir, port: 0, quiet: true, compress: true, bestBrotli: true });
    try {
      const to = s.server.address().port;
      const fast = await get('/index.html', { to, headers: { 'accept-encoding': 'br' } });
      assert.ok(brotliDecompressSync(fast.body).equals(text));
      let best = fast;
      for (let i = 0; i < 100 && best.body.length === fast.body.length; i++) {
        await new Promise((ok) => setTimeout(ok, 100));
        best = await get('/index.html', { to, headers: { 'accept-encoding': 'br' } });
      }
      assert.ok(best.body.length < fast.body.length, `${best.body.length} < ${fast.body.length}`);
      assert.ok(brotliDecompressSync(best.body).equals(text));
      assert.equal(best.headers.etag, fast.headers.etag);
      assert.equal(Number(best.headers['content-length']), best.body.length);
    } finally {
      await new Promise((ok) => s.server.close(ok));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('HEAD sends the GET headers and no body', async () => {
  for (const headers of [{}, { 'accept-encoding': 'br' }]) {
    const g = await get('/pkg/convscope.js', { headers });
    const h = await get('/pkg/convscope.js', { method: 'HEAD', headers });
    assert.equal(h.status, 200);
    assert.equal(h.body.length, 0);
    assert.equal(h.headers['content-length'], g.headers['content-length']);
    assert.equal(h.headers.etag, g.headers.etag);
  }
});

/** Opens a raw socket, lets `act(socket)` write (or not), resolves {ms, data} when it closes. */
function rawConnection(to, act) {
  return new Promise((ok, fail) => {
    const t0 = Date.now();
    const s = connect(to, '127.0.0.1');
    let data = '';
    s.on('data', (d) => { data += d; });
    s.on('error', fail);
    s.on('close', () => ok({ ms: Date.now() - t0, data }));
    s.on('connect', () => act(s));
  });
}

test('a silent connection is closed after the idle timeout; dribbled headers after the header timeout', async () => {
  const s = await serve({ root: ROOT, port: 0, quiet: true, idleTimeout: 300, headersTimeout: 1000 });
  try {
    const to = s.server.address().port;
    const silent = await rawConnection(to, () => {});
    assert.ok(silent.ms >= 250 && silent.ms < 2000, `closed after ${silent.ms} ms`);
    // One header line every 150 ms keeps the socket busy, so only the header timeout ends it.
    let timer;
    const slow = await rawConnection(to, (sock) => {
      let i = 0;
      timer = setInterval(() => { if (!sock.destroyed) sock.write(i++ ? `X-${i}: y\r\n` : 'GET / HTTP/1.1\r\n'); }, 150);
    });
    clearInterval(timer);
    assert.ok(slow.ms >= 900 && slow.ms < 3000, `closed after ${slow.ms} ms`);
    assert.match(slow.data, /^HTTP\/1\.1 408/);
  } finally {
    await new Promise((ok) => s.server.close(ok));
  }
});

test('--lan listens on every interface and prints a URL per LAN address, plus a QR code', async (t) => {
  assert.equal(parseArgs(['--lan']).host, '0.0.0.0');
  assert.equal(parseArgs(['--host', '10.0.0.5', '--port', '9000']).port, 9000);
  assert.throws(() => parseArgs(['--bogus']), /unknown option --bogus/);
  const addresses = Object.values(networkInterfaces()).flat().filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address);
  if (addresses.length === 0) return t.skip('this machine has no LAN address');
  const s = await serve({ root: ROOT, host: '0.0.0.0', port: 0, quiet: true });
  try {
    const to = s.server.address().port;
    const lines = [];
    const urls = await printLan(to, '/', (l) => lines.push(l));
    assert.deepEqual(urls, addresses.map((a) => `http://${a}:${to}/`));
    const printed = lines.join('\n');
    for (const u of urls) assert.ok(printed.includes(u), u);
    assert.ok(printed.split('\n').filter((l) => l.includes('\u2584') || l.includes('\u2588')).length >= 10, 'a QR code of block characters');
    const r = await fetch(urls[0]);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), (await disk('index.html')).toString());
  } finally {
    await new Promise((ok) => s.server.close(ok));
  }
});

test('by default responses are compressed for other machines only, not for a browser on this one', async () => {
  assert.equal(compressFor('remote', '127.0.0.1'), false);
  assert.equal(compressFor('remote', '::1'), false);
  assert.equal(compressFor('remote', '::ffff:127.0.0.1'), false);
  assert.equal(compressFor('remote', '192.168.1.20'), true);
  assert.equal(compressFor('remote', '::ffff:10.0.0.7'), true);
  assert.equal(compressFor(true, '127.0.0.1'), true);
  assert.equal(compressFor(false, '10.0.0.7'), false);
  const s = await serve({ root: ROOT, port: 0, quiet: true });
  try {
    const r = await fetch(`${s.url}pkg/convscope_bg.wasm`, { headers: { 'accept-encoding': 'br, gzip' } });
    await r.arrayBuffer();
    assert.equal(r.headers.get('content-encoding'), null);
  } finally {
    await new Promise((ok) => s.server.close(ok));
  }
});
