// Writes www/assets/mnist-samples.bin: a few hundred real MNIST test digits for the student
// view's "pick a sample" buttons (Node, zlib only).
//
//   node scripts/make_samples.mjs [--per-class 30] [--mnist ../shared/mnist] [--out www/assets/mnist-samples.bin]
//
// Input: the gzipped IDX files of the MNIST test set (LeCun, Cortes, Burges; CC BY-SA 3.0).
// IDX: big-endian u32 magic (2051 images, 2049 labels), u32 count, [u32 rows, u32 cols],
// then one unsigned byte per pixel / label.
//
// Output format "CSMS" version 1 (all integers little-endian), see www/assets/README.md:
//   offset 0   4 bytes  ASCII "CSMS"
//          4   u32      version = 1
//          8   u32      N, number of digits
//         12   u16      rows = 28
//         14   u16      cols = 28
//         16   N bytes  labels (0-9)
//   16 + N     N × u32  index of each digit in the MNIST test set (t10k)
//   16 + 5N    N × rows × cols bytes, row-major pixels, 0 = background, 255 = ink
// Digits are the first `perClass` of each class in test-set order, kept in test-set order.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IDX_IMAGES_MAGIC = 2051;
const IDX_LABELS_MAGIC = 2049;
const HEADER_BYTES = 16;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Parses a gunzipped IDX file; returns {dims, bytes}. Throws on a wrong magic number. */
export function parseIdx(buf, magic) {
  const got = buf.readUInt32BE(0);
  if (got !== magic) throw new Error(`IDX: expected magic ${magic}, got ${got}`);
  const ndim = magic === IDX_IMAGES_MAGIC ? 3 : 1;
  const dims = [];
  for (let d = 0; d < ndim; d++) dims.push(buf.readUInt32BE(4 + 4 * d));
  const start = 4 + 4 * ndim;
  const size = dims.reduce((a, b) => a * b, 1);
  if (buf.length < start + size) throw new Error(`IDX: truncated (${buf.length} < ${start + size} bytes)`);
  return { dims, bytes: buf.subarray(start, start + size) };
}

/** Encodes the CSMS file described at the top of this script. */
export function encodeSamples(labels, indices, pixels, rows, cols) {
  const n = labels.length;
  const out = Buffer.alloc(HEADER_BYTES + 5 * n + n * rows * cols);
  out.write('CSMS', 0, 'ascii');
  out.writeUInt32LE(1, 4);
  out.writeUInt32LE(n, 8);
  out.writeUInt16LE(rows, 12);
  out.writeUInt16LE(cols, 14);
  for (let i = 0; i < n; i++) {
    out[HEADER_BYTES + i] = labels[i];
    out.writeUInt32LE(indices[i], HEADER_BYTES + n + 4 * i);
  }
  pixels.forEach((p, i) => out.set(p, HEADER_BYTES + 5 * n + i * rows * cols));
  return out;
}

function main() {
  const perClass = Number(arg('per-class', 30));
  const dir = resolve(ROOT, arg('mnist', '../shared/mnist'));
  const outPath = resolve(ROOT, arg('out', 'www/assets/mnist-samples.bin'));
  const images = parseIdx(gunzipSync(readFileSync(resolve(dir, 't10k-images-idx3-ubyte.gz'))), IDX_IMAGES_MAGIC);
  const labels = parseIdx(gunzipSync(readFileSync(resolve(dir, 't10k-labels-idx1-ubyte.gz'))), IDX_LABELS_MAGIC);
  const [count, rows, cols] = images.dims;
  if (labels.dims[0] !== count) throw new Error(`IDX: ${count} images but ${labels.dims[0]} labels`);
  const taken = new Array(10).fill(0);
  const keep = { labels: [], indices: [], pixels: [] };
  for (let i = 0; i < count && keep.labels.length < 10 * perClass; i++) {
    const y = labels.bytes[i];
    if (taken[y] >= perClass) continue;
    taken[y]++;
    keep.labels.push(y);
    keep.indices.push(i);
    keep.pixels.push(images.bytes.subarray(i * rows * cols, (i + 1) * rows * cols));
  }
  const out = encodeSamples(keep.labels, keep.indices, keep.pixels, rows, cols);
  writeFileSync(outPath, out);
  console.log(`wrote ${outPath}: ${keep.labels.length} digits (${taken.join(' ')} per class), ${out.length} bytes`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
