// A seeded fuzzer for every export of pkg/convscope.js: thousands of hostile calls (wrong
// types, Proxies, revoked Proxies, throwing and shape-shifting getters, lying typed-array
// subclasses, detached buffers, views of wasm memory itself, huge and odd numbers, deep and
// cyclic objects, crafted weights files with fixed CRCs, use after free). Every call must
// return or throw; a trap (RuntimeError), a call slower than HANG_MS or a module that no longer
// computes the README example fails the run. Used by tests/node/fuzz.test.mjs.

import { LECTURE_INPUT, LECTURE_KERNEL, craftedWeights, fixCrc, readmeExample } from './repro.mjs';

/** A call slower than this counts as a hang. */
export const HANG_MS = 2000;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBERS = [0, -0, 1, 2, 3, 4, 28, -1, 1.5, 0.1, NaN, Infinity, -Infinity, 2 ** 20, 2 ** 20 + 1,
  2 ** 24, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, -(2 ** 31)];
const STRINGS = ['', 'classic', 'modern', 'C1', 'S2', 'C3', 'output', 'input', 'max', 'avg', 'conv',
  'pool', 'transposed', 'lenet5', 'alexnet', 'resnet50', '3', '1e3', 'NaN', '\u0000', '\ud800', 'x'.repeat(5000)];
const KEYS = ['bias', 'stride', 'padding', 'dilation', 'groups', 'outputPadding', 'mode', 'kernel', 'kind',
  'input', 'inputSize', 'overrides', 'strides', '__proto__', 'constructor', 'toString', 'k0', ''];
const TYPED = [Float32Array, Float64Array, Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
  Int32Array, Uint32Array];

/** Builds hostile values from a PRNG. */
export function generator(random, extras) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => random() < p;
  let depth = 0;

  const typed = (n) => {
    const T = pick(TYPED);
    const a = new T(n);
    for (let i = 0; i < n; i++) a[i] = chance(0.9) ? int(7) - 2 : pick(NUMBERS);
    return a;
  };
  const detached = () => {
    const a = new Float32Array(16);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    return a;
  };
  const throwing = (what) => new Proxy({}, { [what]() { throw new Error(`trap ${what}`); } });
  const revoked = () => { const r = Proxy.revocable(pick([{}, [], new Float32Array(4)]), {}); r.revoke(); return r.proxy; };
  class Lying extends Float32Array { get length() { return pick([0, 1, 2 ** 31, -1, NaN]); } }
  const shifting = (a, b) => { let n = 0; return { get data() { return n++ % 2 ? a : b; }, get shape() { return n++ % 2 ? [1, 4, 4] : [1, 1, 2 ** 20]; } }; };
  const deep = (n) => { let o = {}; for (let i = 0; i < n; i++) o = { kind: 'residual', main: [o] }; return o; };
  const cyclic = () => { const o = { name: 'x', input: [1, 8, 8] }; o.layers = [o]; return o; };

  // Arrays claiming 2^32 - 1, 2^24 and 17 elements, all holes (made once: V8 takes ~0.1 s).
  const holey = [2 ** 32 - 1, 2 ** 24, 17].map((n) => { const a = []; a.length = n; return a; });
  const hostile = () => {
    switch (int(30)) {
      case 0: return pick(NUMBERS);
      case 1: return pick(STRINGS);
      case 2: return pick([null, undefined, true, false]);
      case 3: return pick([1n, -(2n ** 64n), Symbol('s'), () => 1, class {}]);
      case 4: return typed(int(40));
      case 5: return new Proxy(typed(16), {});
      case 6: return revoked();
      case 7: return throwing(pick(['get', 'ownKeys', 'getPrototypeOf', 'has', 'getOwnPropertyDescriptor']));
      case 8: return new Lying(16);
      case 9: return detached();
      case 10: return pick(holey);
      case 11: return Array.from({ length: int(20) }, () => (chance(0.8) ? int(5) : pick([null, '1', {}, NaN])));
      case 12: return { get data() { throw 1; }, shape: [1, 4, 4] };
      case 13: return shifting(new Float32Array(16), new Float32Array(2 ** 10));
      case 14: return deep(pick([5, 50, 5000]));
      case 15: return cyclic();
      case 16: return { valueOf() { throw new Error('valueOf'); }, toString() { return 'C1'; } };
      case 17: return new Float32Array(extras.wasmMemory().buffer, 0, 16); // a view of wasm memory itself
      case 18: return new Uint8Array(extras.wasmMemory().buffer, 8, 784);
      case 19: return pick([new ArrayBuffer(int(64)), new DataView(new ArrayBuffer(8)), new Map(), new Date(), /x/]);
      case 20: return Object.fromEntries(Array.from({ length: pick([1, 33, 200]) }, (_, i) => [`k${i}`, typed(4)]));
      case 21: return new BigInt64Array(4);
      case 22: return tensor(pick([2, 3, 4]));
      case 23: return options();
      case 24: return pick(extras.weights);
      case 25: return new Uint8ClampedArray(int(3) === 0 ? 4 * 28 * 28 : int(100));
      case 26: return new Float32Array(784).fill(pick([0, 0.5, 1, NaN, -1, 1e30]));
      case 27: return { __proto__: new Proxy({}, { get() { throw new Error('proto'); } }) };
      case 28: return Object.create(null);
      default: return new Proxy([1, 4, 4], { get(t, k) { return k === 'length' ? pick([3, 2 ** 32, -1, '3', NaN]) : t[k]; } });
    }
  };

  /** A tensor that is valid with probability ~1/2, else has one hostile field. */
  function tensor(rank) {
    const shape = Array.from({ length: rank }, () => 1 + int(5));
    const n = shape.reduce((a, b) => a * b, 1);
    const t = { data: chance(0.5) ? typed(n) : Array.from({ length: n }, () => int(5)), shape };
    if (depth < 2 && chance(0.5)) {
      depth++;
      t[pick(['data', 'shape', 'extra'])] = hostile();
      depth--;
    }
    return t;
  }

  /** An options object with a few known or unknown keys and hostile values. */
  function options() {
    const o = {};
    for (let i = int(4); i > 0; i--) {
      const key = pick(KEYS);
      let value;
      if (depth < 2 && chance(0.4)) {
        depth++;
        value = hostile();
        depth--;
      } else {
        value = pick([1, 2, 0, [1, 2], 'max', new Float32Array(1), { stride: 2 }]);
      }
      // An own property even for '__proto__' (assignment would set the prototype instead).
      Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
    }
    if (chance(0.1)) Object.defineProperty(o, 'stride', { get() { throw new Error('getter'); }, enumerable: true });
    return o;
  }

  return { hostile, tensor, options, int, pick, chance };
}

/** Crafted weights files: the fixed set of repro.mjs plus random byte edits with fixed CRCs. */
export function weightsCorpus(good, random) {
  const files = Object.values(craftedWeights(good));
  for (let i = 0; i < 40; i++) {
    const f = Uint8Array.from(good);
    const edits = 1 + Math.floor(random() * 4);
    for (let e = 0; e < edits; e++) {
      // Mostly inside the burnpack header and CBOR metadata (the first ~750 bytes).
      const at = random() < 0.8 ? 20 + Math.floor(random() * 740) : Math.floor(random() * f.length);
      f[at] = Math.floor(random() * 256);
    }
    files.push(random() < 0.9 ? fixCrc(f) : f);
  }
  files.push(fixCrc(good.subarray(0, 400)), good, new Uint8Array(0));
  return files;
}

/**
 * Runs `calls` hostile calls spread over every export. Returns counts: calls, returned,
 * named (an Error with string `op` and `code`), unnamed (anything else thrown, listed in
 * `unnamedSamples`), traps, hangs, slowest call, and whether the README example still ran.
 */
export function fuzz(cs, wasm, { seed = 2026, calls = 3000, good }) {
  const random = rng(seed);
  const weights = weightsCorpus(good, random);
  const g = generator(random, { weights, wasmMemory: () => wasm.memory });
  const { hostile, tensor, options, int, pick, chance } = g;
  const arg = (valid) => (chance(0.5) ? valid() : hostile());
  // Adds options() to `base` without reading its (possibly throwing) getters here.
  const withOptions = (base) => (chance(0.5) ? Object.defineProperties(base, Object.getOwnPropertyDescriptors(options())) : base);
  const live = cs.LeNet5.load('classic');
  const freed = cs.LeNet5.load('modern');
  freed.free();

  // Every free function the module exports, plus LeNet5's statics and methods; a new export
  // gets random arguments even before it has a template here.
  const templates = {
    conv2d: () => [arg(() => tensor(3)), arg(() => tensor(4)), arg(options)],
    conv1d: () => [arg(() => tensor(2)), arg(() => tensor(3)), arg(options)],
    convTranspose2d: () => [arg(() => tensor(3)), arg(() => tensor(4)), arg(options)],
    convTranspose1d: () => [arg(() => tensor(2)), arg(() => tensor(3)), arg(options)],
    explainConv2d: () => [arg(() => tensor(3)), arg(() => tensor(4)), arg(options), arg(() => int(3)), arg(() => int(3)), arg(() => int(3))],
    pool2d: () => [arg(() => tensor(3)), arg(() => withOptions({ mode: pick(['max', 'avg']), kernel: 1 + int(3) }))],
    outputSize: () => [arg(() => withOptions({ input: int(40), kernel: int(6) }))],
    inferShapes: () => [arg(() => pick(['lenet5', 'alexnet', cs.architecture('lenet5')])), arg(() => ({ inputSize: pick([int(300), [int(300), int(300)]]), overrides: { [pick(['conv1', 'C1', 'features.0'])]: options() } }))],
    architecture: () => [arg(() => pick(cs.architectureNames()))],
    receptiveField: () => [arg(() => pick(['C1', 'S2', 'C3', 'S4', 'C5', 'F6'])), arg(() => int(30)), arg(() => int(30))],
    unitsSeeing: () => [arg(() => int(30)), arg(() => int(30))],
    preprocessDigit: () => { const w = 1 + int(40); const h = 1 + int(40); return [arg(() => new Uint8ClampedArray(w * h * 4).fill(int(256))), arg(() => w), arg(() => h)]; },
  };
  const exports = Object.entries(cs).filter(([name, f]) => typeof f === 'function' && !['default', 'initSync', 'LeNet5'].includes(name));
  const targets = exports.map(([name, f]) => [name, (...a) => f(...a), templates[name] ?? (() => Array.from({ length: int(5) }, hostile))]);
  targets.push(
    ['LeNet5.load', (...a) => cs.LeNet5.load(...a), () => [arg(() => pick(['classic', 'modern']))]],
    ['LeNet5.fromBytes', (...a) => cs.LeNet5.fromBytes(...a), () => [chance(0.8) ? pick(weights) : hostile(), arg(() => 'classic')]],
  );
  const methods = Object.getOwnPropertyNames(cs.LeNet5.prototype).filter((m) => m !== 'constructor' && m !== 'free' && !m.startsWith('__'));
  for (const m of methods) {
    const d = Object.getOwnPropertyDescriptor(cs.LeNet5.prototype, m);
    const call = d.get ? (self) => d.get.call(self) : (self, ...a) => d.value.call(self, ...a);
    const pixels = () => new Float32Array(784).fill(random());
    targets.push([`net.${m}`, (...a) => call(live, ...a), () => [arg(pixels), arg(() => pick(['C1', 'S2', 'C3', 'output'])), arg(() => int(6)), arg(() => int(28)), arg(() => int(28))]]);
    // A freed network or a foreign `this` (refused by read.js's guard, code 'freed'): two
    // methods suffice, a getter and a fallible method.
    if (m === 'forward' || m === 'variant') {
      targets.push(
        [`freed.${m}`, (...a) => call(freed, ...a), () => [arg(pixels)]],
        [`fake.${m}`, (...a) => call(pick([{}, Object.create(cs.LeNet5.prototype), null, 7]), ...a), () => [arg(pixels)]],
      );
    }
  }

  const counts = { calls: 0, returned: 0, named: 0, unnamed: 0, traps: 0, hangs: 0, slowestMs: 0, slowest: '', perTarget: {}, msPerTarget: {}, tableGrowth: {} };
  const unnamedSamples = [];
  const made = [];
  for (let i = 0; i < calls; i++) {
    const [name, f, args] = targets[i % targets.length];
    const a = args();
    const t0 = performance.now();
    const slots0 = wasm.__wbindgen_externrefs.length;
    let outcome;
    try {
      const r = f(...a);
      if (r instanceof cs.LeNet5) made.push(r);
      outcome = 'returned';
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) outcome = 'traps';
      else if (e instanceof Error && e.constructor === Error && typeof e.op === 'string' && typeof e.code === 'string') outcome = 'named';
      else {
        outcome = 'unnamed';
        if (unnamedSamples.length < 20) unnamedSamples.push(`${name}: ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
      }
    }
    const ms = performance.now() - t0;
    counts.calls++;
    counts[outcome]++;
    counts.perTarget[name] = (counts.perTarget[name] ?? 0) + 1;
    counts.msPerTarget[name] = (counts.msPerTarget[name] ?? 0) + ms;
    const grew = wasm.__wbindgen_externrefs.length - slots0;
    if (grew > 0) counts.tableGrowth[name] = (counts.tableGrowth[name] ?? 0) + grew;
    if (ms > counts.slowestMs) { counts.slowestMs = ms; counts.slowest = name; }
    if (ms > HANG_MS) counts.hangs++;
    if (outcome === 'traps') break;
    if (made.length > 8) made.splice(0).forEach((n) => n.free());
  }
  made.forEach((n) => n.free());
  live.free();
  let readme;
  try { readme = readmeExample(cs); } catch (e) { readme = String(e); }
  return { counts, unnamedSamples, readme };
}

export { LECTURE_INPUT, LECTURE_KERNEL };
