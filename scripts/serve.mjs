// A static file server for convscope on 127.0.0.1 (no dependencies: Node's http only).
//
//   node scripts/serve.mjs [--port N] [--root DIR]
//
// Sends Cross-Origin-Opener-Policy / Cross-Origin-Embedder-Policy so performance.now() has
// microsecond resolution for the benchmarks (../shared/TOOLCHAIN.md), and the right MIME type
// for .wasm so WebAssembly.instantiateStreaming works. Any static host serves the app as well;
// these headers only sharpen timing. Like most static hosts it sends validators (ETag,
// Last-Modified) with `Cache-Control: no-cache`: the browser asks again every time (an edit shows
// at once) but gets a bodiless 304 when nothing changed, and keeps its compiled code for the
// JS modules and the wasm module across visits.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** MIME types by file extension. */
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/**
 * Starts the server; resolves to {server, url} once it listens.
 * @param {{root?: string, port?: number, quiet?: boolean}} options port 0 picks a free port
 */
export function serve({ root = resolve(fileURLToPath(import.meta.url), '../..'), port = 8000, quiet = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-cache',
    };
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      headers.ETag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      headers['Last-Modified'] = info.mtime.toUTCString();
      headers['Content-Type'] = MIME[extname(file)] ?? 'application/octet-stream';
      if (req.headers['if-none-match'] === headers.ETag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      delete headers.ETag;
      delete headers['Last-Modified'];
      res.writeHead(e.code === 'ENOENT' || e.code === 'ENOTDIR' ? 404 : 500, { ...headers, 'Content-Type': 'text/plain' });
      res.end(e.code === 'ENOENT' || e.code === 'ENOTDIR' ? 'not found' : 'error');
    }
  });
  return new Promise((ok, fail) => {
    let attempt = port;
    server.on('error', (e) => {
      // A busy default port: try the next few.
      if (e.code === 'EADDRINUSE' && port !== 0 && attempt < port + 20) server.listen(++attempt, '127.0.0.1');
      else fail(e);
    });
    server.on('listening', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      if (!quiet) console.log(`convscope is served at ${url}  (Ctrl+C stops)`);
      ok({ server, url });
    });
    server.listen(attempt, '127.0.0.1');
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  await serve({ port: Number(opt('--port') ?? process.env.PORT ?? 8000), root: opt('--root') });
}
