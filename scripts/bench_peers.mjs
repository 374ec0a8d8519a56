#!/usr/bin/env node
// Runs the peer benchmark's two convscope adapters (and nothing else, unless --all) against
// this checkout's pkg/ and prints what issue 18 measures: forward / all-layers median ms,
// navigation -> first result, and the bytes the page downloads (raw and gzip -9), so a change
// can be checked without the whole peer set. Also prints pkg/'s own sizes (gzip -9, brotli).
//
//   node scripts/bench_peers.mjs [--bench DIR] [--pkg DIR] [--iters N] [--rounds R] [--all]
//                                [--compare DIR] [--floor] [--out FILE] [-- …extra run.mjs arguments]
//
// --bench  a writable copy of ../shared/bench-peers with `npm ci` done (default
//          /tmp/bench-peers; set it up with:
//            cp -r ../shared/bench-peers /tmp/bench-peers && npm ci --prefix /tmp/bench-peers)
// --pkg    the wasm-bindgen output to measure (default: this checkout's pkg/)
// --compare  a second pkg/ (e.g. a build of another branch), run in the same Chromium session
//          order as `convscope-lenet-b` / `convscope-ops-b`: an A/B within one run
// --floor  also run `convscope-ops-floor`: the ops adapter's own code with conv2d / pool2d
//          answering from a cache (the real results of the first pass over each image, copied
//          out as a fresh Float32Array per call, as the real calls return). What it measures is
//          the adapter's JS (tanh, softmax, objects) plus a copy per call: the floor that no
//          conv2d / pool2d implementation can go below in this adapter.
// --all    also run the peers the issue compares against (ONNX Runtime Web wasm, TF.js
//          wasm-SIMD, TF.js cpu, plain JS): the README command of the peer bench
// Compare ratios within one run only: the machine is shared and its load moves the numbers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIP_ALL = 'tfjs-webgl,tfjs-wasm-simd-mt2,tfjs-wasm-simd-mt,ort-wasm-mt2,tfjs-wasm';

function parseArgs(argv) {
  const o = { bench: '/tmp/bench-peers', pkg: path.join(ROOT, 'pkg'), iters: 1000, rounds: 1, all: false,
    out: path.join(os.tmpdir(), 'convscope-bench-peers.json'), compare: null, floor: false, extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === '--bench') o.bench = path.resolve(v());
    else if (a === '--pkg') o.pkg = path.resolve(v());
    else if (a === '--iters') o.iters = +v();
    else if (a === '--rounds') o.rounds = +v();
    else if (a === '--out') o.out = path.resolve(v());
    else if (a === '--compare') o.compare = path.resolve(v());
    else if (a === '--all') o.all = true;
    else if (a === '--floor') o.floor = true;
    else if (a === '--') { o.extra = argv.slice(i + 1); break; }
    else throw new Error(`bench_peers: unknown argument ${a} (see the header of this file)`);
  }
  return o;
}

function mnistFile() {
  const names = [path.join(ROOT, '..', 'shared'), path.join(ROOT, '..', '..', 'shared'), '/work/shared']
    .map((d) => path.join(d, 'mnist', 't10k-images-idx3-ubyte.gz'));
  return names.find((f) => fs.existsSync(f));
}

// Sizes of pkg/'s files a page downloads (module, glue, weight files), as served compressed.
function pkgSizes(dir) {
  const rows = fs.readdirSync(dir, { recursive: true }).filter((f) => /\.(wasm|js|bin)$/.test(f)).map((f) => {
    const buf = fs.readFileSync(path.join(dir, f));
    return { file: f, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
  });
  return rows;
}

// The ops adapter with its conv2d / pool2d calls answered from a cache (see --floor). The
// adapter calls them in a fixed order per image, starting with C1's conv2d on the [1, 28, 28]
// input, so the cache is keyed by the input array and the call's position in that order.
function floorAdapter(src) {
  const importLine = "import init, { conv2d, pool2d, backendName } from './convscope.js';";
  if (!src.includes(importLine)) throw new Error('bench_peers --floor: the ops adapter no longer imports ' + importLine);
  return src.replace(importLine, `import init, { conv2d as realConv2d, pool2d as realPool2d, backendName } from './convscope.js';
const cache = new Map();
let results = null;
let call = 0;
function cached(real, input, ...rest) {
  if (input.shape.length === 3 && input.shape[0] === 1 && input.shape[1] === 28) {
    results = cache.get(input.data);
    if (!results) { results = []; cache.set(input.data, results); }
    call = 0;
  }
  let r = results[call];
  if (!r) { const t = real(input, ...rest); r = results[call] = { data: t.data.slice(), shape: t.shape }; }
  call++;
  return { data: r.data.slice(), shape: r.shape };
}
const conv2d = (...a) => cached(realConv2d, ...a);
const pool2d = (...a) => cached(realPool2d, ...a);`);
}

const kib = (b) => (b / 1024).toFixed(1);
const ms = (v) => (v == null ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(3));

function main() {
  const o = parseArgs(process.argv.slice(2));
  const run = path.join(o.bench, 'run.mjs');
  if (!fs.existsSync(run) || !fs.existsSync(path.join(o.bench, 'node_modules'))) {
    console.error(`bench_peers: no peer bench with node_modules at ${o.bench}; set it up with\n` +
      `  cp -r ../shared/bench-peers ${o.bench} && npm ci --prefix ${o.bench}`);
    process.exit(2);
  }
  const adapters = path.join(o.bench, 'convscope');
  const args = [run, '--iters', String(o.iters), '--rounds', String(o.rounds), '--out', o.out,
    '--peer', `convscope-lenet=${o.pkg}#${path.join(adapters, 'lenet_adapter.mjs')}`,
    '--peer', `convscope-ops=${o.pkg}#${path.join(adapters, 'ops_adapter.mjs')}`];
  if (o.compare) {
    args.push('--peer', `convscope-lenet-b=${o.compare}#${path.join(adapters, 'lenet_adapter.mjs')}`,
      '--peer', `convscope-ops-b=${o.compare}#${path.join(adapters, 'ops_adapter.mjs')}`);
  }
  if (o.floor) {
    const floor = path.join(adapters, 'ops_floor_adapter.mjs');
    fs.writeFileSync(floor, floorAdapter(fs.readFileSync(path.join(adapters, 'ops_adapter.mjs'), 'utf8')));
    args.push('--peer', `convscope-ops-floor=${o.pkg}#${floor}`);
  }
  args.push(...(o.all ? ['--skip', SKIP_ALL] : ['--no-builtin']));
  const mnist = mnistFile();
  if (mnist) args.push('--mnist', mnist);
  args.push(...o.extra);
  console.log(`$ node ${args.map((a) => (/[ #?]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (!fs.existsSync(o.out)) process.exit(r.status ?? 1);
  const res = JSON.parse(fs.readFileSync(o.out, 'utf8'));

  // Median over rounds of each figure, per peer.
  const med = (xs) => { const a = xs.filter((x) => x != null).sort((p, q) => p - q); return a.length ? a[(a.length - 1) >> 1] : null; };
  const ids = [...new Set(res.rounds.flat().map((x) => x.id))];
  console.log(`\n## convscope summary (median over ${res.rounds.length} round(s); ms; KiB)`);
  console.log('peer                 forward  all-layers  nav→1st  js+wasm gzip  model files gzip  check');
  for (const id of ids) {
    const rs = res.rounds.map((rr) => rr.find((x) => x.id === id)).filter((x) => x && x.ok);
    if (!rs.length) { console.log(`${id.padEnd(20)} ERROR`); continue; }
    const s = rs[0].sizes;
    console.log([id.padEnd(20), ms(med(rs.map((x) => x.forward.median))).padStart(7),
      ms(med(rs.map((x) => x.forwardAll?.median))).padStart(11), ms(med(rs.map((x) => x.marks.firstResult))).padStart(8),
      kib(s.jsWasmGzip).padStart(13), kib(s.otherGzip).padStart(17),
      rs.every((x) => x.compare.pass) ? '   ok' : '   FAIL (expected for convscope-lenet: own weights)'].join(' '));
  }
  for (const dir of [o.pkg, o.compare].filter(Boolean)) {
    console.log(`\n## ${dir}: bytes a page downloads`);
    const tot = { raw: 0, gzip: 0, brotli: 0 };
    for (const f of pkgSizes(dir)) {
      console.log(`${f.file.padEnd(40)} raw ${kib(f.raw).padStart(8)} KiB  gzip -9 ${kib(f.gzip).padStart(7)} KiB  brotli 11 ${kib(f.brotli).padStart(7)} KiB`);
      for (const k in tot) tot[k] += f[k];
    }
    console.log(`${'total'.padEnd(40)} raw ${kib(tot.raw).padStart(8)} KiB  gzip -9 ${kib(tot.gzip).padStart(7)} KiB  brotli 11 ${kib(tot.brotli).padStart(7)} KiB`);
  }
  // convscope-lenet fails the reference check by design (its own weights): that is not an error
  // here; convscope-ops must pass.
  const opsFail = res.rounds.flat().some((x) => x.id.startsWith('convscope-ops') && (!x.ok || !x.compare.pass));
  process.exit(opsFail ? 1 : 0);
}

main();
