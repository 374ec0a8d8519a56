// Content negotiation (Accept-Encoding) and a bounded cache of compressed files.
//
// Each file is compressed once per (encoding, size, mtime) and the bytes are shared by every
// response: 300 students asking for the 2.7 MB wasm at once cost one 0.75 MB brotli buffer, not
// 300 copies (requests that arrive while it is being compressed wait for the same promise). The
// cache holds at most `maxBytes` of compressed data (least recently used goes first) and skips
// files over `maxFileBytes` (they stream uncompressed). Compression runs on libuv's thread pool
// (async zlib), so the event loop keeps answering while it works.
//
// Large files are first compressed fast (brotli quality 5: the wasm in ~0.1 s, 2.7 MB -> 750 KB).
// With `upgrade` (the command line's default) a quality-11 pass then runs in the background
// (~7 CPU-s, -> 665 KB) and replaces the bytes when done. Both decode to the same file, so the
// compressed representations carry weak ETags (serve.mjs).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

/** Smallest file worth compressing (below it the headers dominate). */
export const MIN_BYTES = 1024;
/** Files up to this size get the slowest, smallest settings; larger ones fast settings. */
const SMALL = 128 * 1024;

/**
 * Picks 'br', 'gzip' or 'identity' from an Accept-Encoding header (q-values honoured; brotli
 * preferred when both are equally acceptable, since it is ~17% smaller on the wasm).
 */
export function negotiate(header) {
  if (!header) return 'identity';
  const q = new Map();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const of = (name) => q.get(name) ?? q.get('*') ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

function compressor(encoding, size, best) {
  if (encoding === 'gzip') return createGzip({ level: best || size <= SMALL ? 9 : 6 });
  // Brotli quality 11 takes ~7 s on the 2.7 MB wasm (665 KB) where quality 5 takes ~0.1 s
  // (750 KB); small files get 11 at once (~70 ms for the 40 KB JS glue).
  return createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: best || size <= SMALL ? 11 : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  });
}

/** Compresses one file into a Buffer; null when the file no longer has `stamp`. */
async function compressFile(file, encoding, stamp, best = false) {
  const chunks = [];
  const sink = async (source) => {
    for await (const c of source) chunks.push(c);
  };
  const info = await stat(file);
  if (stampOf(info) !== stamp) return null;
  await pipeline(createReadStream(file), compressor(encoding, info.size, best), sink);
  const after = await stat(file);
  return stampOf(after) === stamp ? Buffer.concat(chunks) : null;
}

/** What identifies one version of a file. */
export function stampOf(info) {
  return `${info.size}-${info.mtimeMs}`;
}

/**
 * A compressed-file cache. `get(file, info, encoding)` resolves to the compressed bytes of the
 * file as `info` (its fs.Stats) describes it, or null when the file changed meanwhile.
 * @param {{maxBytes?: number, maxFileBytes?: number, upgrade?: boolean}} options `upgrade`:
 *   recompress large files with brotli's best quality in the background
 */
export function createCompressedCache({ maxBytes = 64 * 2 ** 20, maxFileBytes = 16 * 2 ** 20, upgrade = false } = {}) {
  const entries = new Map(); // `${encoding} ${file}` -> {stamp, bytes, promise}; oldest first
  let total = 0;

  function drop(key) {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    total -= e.bytes;
  }

  function get(file, info, encoding) {
    if (info.size > maxFileBytes) return Promise.resolve(null);
    const key = `${encoding} ${file}`;
    const stamp = stampOf(info);
    const hit = entries.get(key);
    if (hit && hit.stamp === stamp) {
      entries.delete(key); // most recently used goes last
      entries.set(key, hit);
      return hit.promise;
    }
    drop(key);
    const entry = { stamp, bytes: 0, promise: null };
    entry.promise = compressFile(file, encoding, stamp).then(
      (buf) => {
        if (entries.get(key) !== entry) return buf; // replaced meanwhile: serve, do not count
        if (!buf) {
          entries.delete(key);
          return null;
        }
        entry.bytes = buf.length;
        total += buf.length;
        evict(key);
        if (upgrade && encoding === 'br' && info.size > SMALL) {
          compressFile(file, encoding, stamp, true).then((better) => {
            if (!better || entries.get(key) !== entry || better.length >= entry.bytes) return;
            total += better.length - entry.bytes;
            entry.bytes = better.length;
            entry.promise = Promise.resolve(better);
          }, () => {}); // a failed upgrade keeps the fast bytes
        }
        return buf;
      },
      (err) => {
        if (entries.get(key) === entry) entries.delete(key);
        throw err;
      },
    );
    entries.set(key, entry);
    return entry.promise;
  }

  /** Drops least recently used finished entries (never `keep`) until the total fits. */
  function evict(keep) {
    for (const [k, e] of entries) {
      if (total <= maxBytes) break;
      if (e.bytes > 0 && k !== keep) drop(k);
    }
  }

  return { get };
}
