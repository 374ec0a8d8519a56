// Benchmarks the wasm module in headless Chromium (not a test: it prints numbers).
//
//   node scripts/bench.mjs [--pkg pkg] [--pkg target/pkg-ndarray] [--iterations 200]
//
// For each module: conv2d and pool2d time on 28×28 and 256×256 single-channel images with
// 3×3 and 5×5 kernels (median / p95 per call, including the copies across the JS/wasm
// boundary), LeNet-5 forward with all layers and probabilities only (median / p95 over 1000
// calls, when weights are built in), time to init the module, and the gzipped download size
// (the .wasm plus the JS glue). The server sends COOP/COEP so performance.now() has
// microsecond resolution.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launch, ROOT } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
const pkgs = [];
let iterations = 200;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--pkg') pkgs.push(args[++i]);
  else if (args[i] === '--iterations') iterations = Number(args[++i]);
}
if (pkgs.length === 0) pkgs.push('pkg');

async function gzSize(dir) {
  let total = 0;
  const parts = {};
  for (const f of ['convscope_bg.wasm', 'convscope.js']) {
    const raw = await readFile(join(ROOT, dir, f));
    const gz = gzipSync(raw, { level: 9 }).length;
    parts[f] = { raw: raw.length, gz };
    total += gz;
  }
  return { total, parts };
}

const browser = await launch();
try {
  for (const dir of pkgs) {
    const page = await browser.newPage();
    await page.goto(`${browser.url}tests/browser/blank.html`);
    const r = await page.evaluate(async ({ path, iterations }) => {
      const stats = (ts) => {
        const s = [...ts].sort((a, b) => a - b);
        return { median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)] };
      };
      const time = (n, f) => { for (let i = 0; i < 5; i++) f(); const ts = []; for (let i = 0; i < n; i++) { const t = performance.now(); f(); ts.push(performance.now() - t); } return stats(ts); };
      const t0 = performance.now();
      const cs = await import(path);
      await cs.default();
      const init = performance.now() - t0;
      const out = { backend: cs.backendName(), initMs: init, crossOriginIsolated, ops: [] };
      for (const side of [28, 256]) {
        const input = { data: Float32Array.from({ length: side * side }, (_, i) => Math.sin(i)), shape: [1, side, side] };
        for (const k of [3, 5]) {
          const weight = { data: Float32Array.from({ length: k * k }, (_, i) => (i % 3) - 1), shape: [1, 1, k, k] };
          out.ops.push({ op: 'conv2d', size: `${side}×${side}`, kernel: `${k}×${k}`, ...time(iterations, () => cs.conv2d(input, weight, { padding: (k - 1) / 2 })) });
        }
        for (const mode of ['max', 'avg']) {
          out.ops.push({ op: `pool2d ${mode}`, size: `${side}×${side}`, kernel: '2×2', ...time(iterations, () => cs.pool2d(input, { mode, kernel: 2 })) });
        }
      }
      try {
        const pixels = Float32Array.from({ length: 784 }, (_, i) => ((i % 28) > 10 && (i % 28) < 16 ? 1 : 0));
        for (const variant of ['classic', 'modern']) {
          const t = performance.now();
          const net = cs.LeNet5.load(variant);
          const loadMs = performance.now() - t;
          out[`lenet_${variant}`] = {
            loadMs,
            forwardAllLayers: time(1000, () => net.forward(pixels)),
            probabilitiesOnly: time(1000, () => net.probabilities(pixels)),
          };
          net.free();
        }
      } catch (e) {
        out.lenet = `unavailable: ${e.message}`;
      }
      return out;
    }, { path: `/${dir}/convscope.js`, iterations });
    const size = await gzSize(dir);
    console.log(`\n== ${dir} (burn-${r.backend}); crossOriginIsolated=${r.crossOriginIsolated}; init ${r.initMs.toFixed(1)} ms`);
    console.log(`download: ${(size.total / 1024).toFixed(1)} KiB gzipped (wasm ${(size.parts['convscope_bg.wasm'].raw / 1024).toFixed(0)} KiB raw / ${(size.parts['convscope_bg.wasm'].gz / 1024).toFixed(1)} KiB gz, js ${(size.parts['convscope.js'].gz / 1024).toFixed(1)} KiB gz)`);
    console.log('op            input     kernel  median ms  p95 ms');
    for (const o of r.ops) console.log(`${o.op.padEnd(13)} ${o.size.padEnd(9)} ${o.kernel.padEnd(7)} ${o.median.toFixed(3).padStart(9)}  ${o.p95.toFixed(3).padStart(6)}`);
    for (const v of ['classic', 'modern']) {
      const l = r[`lenet_${v}`];
      if (l) console.log(`LeNet-5 ${v}: load ${l.loadMs.toFixed(1)} ms; forward all layers median ${l.forwardAllLayers.median.toFixed(3)} ms p95 ${l.forwardAllLayers.p95.toFixed(3)} ms; probabilities only median ${l.probabilitiesOnly.median.toFixed(3)} ms p95 ${l.probabilitiesOnly.p95.toFixed(3)} ms`);
    }
    if (r.lenet) console.log(`LeNet-5: ${r.lenet}`);
  }
} finally {
  await browser.close();
}
