// Training speed of classic LeNet-5 in one Web Worker in headless Chromium: burn (pkg-train/,
// the training lab's trainer) side by side with TensorFlow.js (devDependencies @tensorflow/tfjs
// and @tensorflow/tfjs-backend-wasm) on its cpu and wasm backends, same architecture, same
// data (www/assets/mnist-train.bin.gz), same page setup, same run, served from 127.0.0.1.
// TF.js's webgl backend is not measured: this machine has no GPU (Chromium runs with
// --disable-gpu, and WebGL would fall back to software rendering).
//
//   node scripts/bench_train.mjs [--batches 32,128] [--seconds 8] [--engines burn,tfjs-cpu,tfjs-wasm]
//
// Each measurement: a fresh worker, a warm-up of 3 batches, then whole batches for up to
// --seconds or 8,000 images (less than one epoch, so no validation pass is timed).
// Prints one line per measurement and a table of images/s.
import { launch } from '../tests/browser/harness.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const batches = arg('batches', '32,128').split(',').map(Number);
const seconds = Number(arg('seconds', 8));
const engines = arg('engines', 'burn,tfjs-cpu,tfjs-wasm').split(',');
const ALLOW = ['node_modules/@tensorflow/tfjs/dist/tf.min.js', 'node_modules/@tensorflow/tfjs-backend-wasm/dist/*'];

const b = await launch({ allow: ALLOW });
// TF.js compiles its kernels with `new Function`, which the app's Content-Security-Policy
// header (no 'unsafe-eval') forbids; this benchmark page and its workers are served without it.
await b.context.route('**/*', async (route) => {
  const response = await route.fetch();
  const headers = { ...response.headers() };
  delete headers['content-security-policy'];
  await route.fulfill({ response, headers });
});
const page = await b.newPage();
await page.goto(`${b.url}tests/browser/blank.html`);
const rows = [];
for (const batch of batches) {
  for (const engine of engines) {
    const job = { engine, backend: engine.replace('tfjs-', ''), batch, budget: { images: 8000, ms: seconds * 1000 } };
    const r = await page.evaluate((j) => new Promise((resolve) => {
      const w = new Worker('/tests/browser/train_bench_worker.js');
      w.onmessage = ({ data }) => { w.terminate(); resolve(data); };
      w.onerror = (e) => { w.terminate(); resolve({ ok: false, error: e.message || 'worker error' }); };
      w.postMessage(j);
    }), job);
    rows.push({ engine, batch, ...r });
    console.log(JSON.stringify({ engine, batch, ...r }));
  }
}
if (page.offOrigin.length) console.log('off-origin requests:', page.offOrigin);
console.log('\nimages/s, classic LeNet-5, one worker, headless Chromium');
console.log(['engine', ...batches.map((n) => `batch ${n}`)].join('\t'));
for (const engine of engines) {
  console.log([engine, ...batches.map((n) => {
    const r = rows.find((x) => x.engine === engine && x.batch === n);
    return r.ok ? Math.round(r.imagesPerSecond) : `failed: ${r.error}`;
  })].join('\t'));
}
await b.close();
