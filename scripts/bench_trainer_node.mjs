// Training speed of the wasm trainer (pkg-train/) in Node, one thread: images/s of
// `Trainer.step` for LeNet-5 at batch 32 and 128, on MNIST test images (tests/data/mnist).
// Node runs wasm SIMD like Chromium; the browser benchmark of the training page is separate.
//
//   node scripts/bench_trainer_node.mjs [--variant classic|modern] [--batches N (rounded up to tens)] [--defaults]   (TRAIN_PKG=dir: another build)
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const variant = opt('--variant', 'classic');
const batches = Number(opt('--batches', '60'));

const dir = resolve(process.env.TRAIN_PKG ?? resolve(ROOT, 'pkg-train'));
const cs = await import(pathToFileURL(`${dir}/convscope.js`).href);
await cs.default({ module_or_path: await readFile(`${dir}/convscope_bg.wasm`) });

const images = gunzipSync(await readFile(`${ROOT}/tests/data/mnist/t10k-images-idx3-ubyte.gz`)).subarray(16);
const labels = gunzipSync(await readFile(`${ROOT}/tests/data/mnist/t10k-labels-idx1-ubyte.gz`)).subarray(8);
const n = 8000;
const train = [images.subarray(0, n * 784), labels.subarray(0, n)];
const val = [images.subarray(n * 784, 10000 * 784), labels.subarray(n, 10000)];

// The benchmark is plain LeNet-5 (no batch norm); --defaults measures the page's
// default run instead (Trainer.defaults(): modern with batch norm, batch 64).
const configs = args.includes('--defaults')
  ? [{}]
  : [32, 128].map((batchSize) => ({ variant, batchSize, batchNorm: false }));
for (const config of configs) {
  const t = new cs.Trainer(config, ...train, ...val);
  const { variant: v, batchSize, batchNorm } = t.config();
  t.step(3); // warm-up
  // The CPU time of every slice of 10 steps: on a machine shared with other jobs the slices
  // that ran undisturbed (the fastest) show the trainer's own speed; the median is reported too.
  const t0 = performance.now();
  const slices = [];
  let seen = 0;
  let last;
  for (let i = 0; i < batches; i += 10) {
    const c0 = process.cpuUsage();
    let images = 0;
    for (let j = 0; j < 10; j++) {
      last = t.step(1);
      images += last.images;
    }
    const c = process.cpuUsage(c0);
    slices.push(((c.user + c.system) / 1e6) / images);
    seen += images;
  }
  const s = (performance.now() - t0) / 1000;
  slices.sort((a, b) => a - b);
  const [best, median] = [slices[0], slices[slices.length >> 1]];
  console.log(`${v}${batchNorm ? ' + batch norm' : ''} batch ${batchSize}: ${(1 / best).toFixed(0)} images per CPU-s ` +
    `(fastest slice of 10 steps; median ${(1 / median).toFixed(0)}), ${(seen / s).toFixed(0)} images/s wall ` +
    `(${((s * 1000) / slices.length / 10).toFixed(1)} ms/step, ${slices.length * 10} steps, loss ${last.loss.toFixed(3)})`);
  const e0 = performance.now();
  const ev = t.evaluate();
  console.log(`  evaluate ${ev.images} images: ${(performance.now() - e0).toFixed(0)} ms, accuracy ${(100 * ev.accuracy).toFixed(1)}%`);
  t.free();
}
