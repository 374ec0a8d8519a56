// Benchmark (not a test): the cost of one test-time-augmentation prediction in WebAssembly
// (pkg/ in Node, the module the student page runs), next to a plain prediction: ms per call of
// net.probabilities and of net.predictTta with K copies, on the first MNIST test images, for
// both LeNet-5 variants. The native numbers: `cargo run --release --example tta_eval -- --timing`.
//
//   node scripts/bench_tta.mjs [--k 8] [--images 300]
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { load, ROOT } from '../tests/node/load.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const K = arg('k', 8);
const IMAGES = arg('images', 300);

/** The first `n` MNIST test images as Float32Array(784) each, ink in [0, 1] (IDX format). */
async function mnist(n) {
  const raw = gunzipSync(await readFile(`${ROOT}/tests/data/mnist/t10k-images-idx3-ubyte.gz`));
  const count = Math.min(n, raw.readUInt32BE(4));
  return Array.from({ length: count }, (_, i) => Float32Array.from(raw.subarray(16 + 784 * i, 16 + 784 * (i + 1)), (b) => b / 255));
}

/** ms per call of `fn` over `images`, after one warm-up pass. */
function msPer(images, fn) {
  for (const px of images) fn(px);
  const t0 = performance.now();
  for (const px of images) fn(px);
  return (performance.now() - t0) / images.length;
}

const { cs } = await load();
const images = await mnist(IMAGES);
console.log(`WebAssembly (pkg/, Node ${process.version}), ${images.length} MNIST test images, K = ${K}: ms per prediction`);
console.log('| variant | plain (probabilities) | TTA (predictTta) | ratio |');
console.log('|---|---|---|---|');
for (const variant of ['classic', 'modern']) {
  const net = cs.LeNet5.load(variant);
  const plain = msPer(images, (px) => net.probabilities(px));
  const tta = msPer(images, (px) => net.predictTta(px, { k: K }));
  console.log(`| ${variant} | ${plain.toFixed(3)} | ${tta.toFixed(3)} | ${(tta / plain).toFixed(1)} |`);
  net.free();
}
