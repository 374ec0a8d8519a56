// The reproductions of issue 12 (items 1-7) as plain functions of the loaded module, so the
// same code runs in Node (tests/node/hostile_inputs.test.mjs) and in headless Chromium
// (tests/browser/core_api.test.mjs loads this file's text as a module). Self-contained: no
// imports. Each check returns facts (what was thrown, how long it took, how much wasm memory
// and externref table grew); the tests assert on them.

export const LECTURE_INPUT = [1, 2, 3, 0, 0, 1, 2, 3, 3, 0, 1, 2, 2, 3, 0, 1];
export const LECTURE_KERNEL = [2, 0, 1, 0, 1, 2, 1, 0, 2];

/** The README example: conv2d of the lecture's 4x4 input → [15, 16, 6, 15]. */
export function readmeExample(cs) {
  const y = cs.conv2d({ data: new Float32Array(LECTURE_INPUT), shape: [1, 4, 4] },
    { data: new Float32Array(LECTURE_KERNEL), shape: [1, 1, 3, 3] }, {});
  return Array.from(y.data);
}

/** What a thrown value looks like: constructor name, message and the error-as-data fields. */
export function describeError(e) {
  if (!(e instanceof Error)) return { kind: `non-Error ${typeof e}`, message: String(e) };
  return {
    kind: e.constructor.name,
    message: e.message,
    op: e.op,
    param: e.param,
    code: e.code,
    expected: e.expected,
    got: e.got,
    limit: e.limit,
  };
}

/**
 * Runs `f` `times` times (all must throw), then returns the last error, the milliseconds all
 * calls took, and how much wasm memory (bytes) and the externref table (slots) grew. A single
 * call is timed as the fastest of three tries, so a garbage-collection pause of the test's own
 * big arrays is not charged to the module.
 */
export function measure(wasm, f, times = 1) {
  const mem0 = wasm.memory.buffer.byteLength;
  const table0 = wasm.__wbindgen_externrefs.length;
  let last = null;
  let returned = 0;
  let ms = Infinity;
  for (let round = 0; round < (times === 1 ? 3 : 1); round++) {
    const t0 = performance.now();
    for (let i = 0; i < times; i++) {
      try { f(i); returned++; } catch (e) { last = e; }
    }
    ms = Math.min(ms, performance.now() - t0);
  }
  return {
    error: last === null ? null : describeError(last),
    returned,
    ms,
    memoryGrowth: wasm.memory.buffer.byteLength - mem0,
    tableGrowth: wasm.__wbindgen_externrefs.length - table0,
  };
}

const K = () => ({ data: new Float32Array(LECTURE_KERNEL), shape: [1, 1, 3, 3] });
const IN = () => ({ data: new Float32Array(LECTURE_INPUT), shape: [1, 4, 4] });

/** Item 1: Proxies, revoked Proxies and lying typed-array subclasses, thousands of times. */
export function proxies(cs, wasm) {
  const revocable = () => { const r = Proxy.revocable(new Float32Array(16), {}); r.revoke(); return r.proxy; };
  class LongLength extends Float32Array { get length() { return 1e9; } }
  class ShortLength extends Float32Array { get length() { return 2; } }
  const out = {
    proxyData: measure(wasm, () => cs.conv2d({ data: new Proxy(new Float32Array(16), {}), shape: [1, 4, 4] }, K(), {}), 3000),
    revokedData: measure(wasm, () => cs.conv2d({ data: revocable(), shape: [1, 4, 4] }, K(), {}), 3000),
    revokedTensor: measure(wasm, () => cs.conv2d(revocable(), K(), {}), 3000),
    revokedOptions: measure(wasm, () => cs.conv2d(IN(), K(), revocable()), 3000),
    proxyShape: measure(wasm, () => cs.conv2d({ data: new Float32Array(16), shape: new Proxy([1, 4, 4], { get() { throw new Error('trap'); } }) }, K(), {}), 3000),
    proxyRgba: measure(wasm, () => cs.preprocessDigit(new Proxy(new Uint8ClampedArray(16), {}), 2, 2), 3000),
  };
  const net = cs.LeNet5.load('classic');
  out.proxyPixels = measure(wasm, () => net.forward(new Proxy(new Float32Array(784), {})), 3000);
  out.revokedPixels = measure(wasm, () => net.probabilities(revocable()), 3000);
  net.free();
  // A subclass's own `length` getter is not what the data holds: the real 16 values are read.
  const lying = (C) => Array.from(cs.conv2d({ data: new C(LECTURE_INPUT), shape: [1, 4, 4] }, K(), {}).data);
  out.longLength = lying(LongLength);
  out.shortLength = lying(ShortLength);
  out.after = readmeExample(cs);
  return out;
}

/** Item 3: unknown option keys holding 64 MB typed arrays are refused before any copy. */
export function hugeUnknownOptions(cs, wasm) {
  const big = new Float32Array(2 ** 24);
  const o = {};
  for (let i = 0; i < 32; i++) o[`k${i}`] = big;
  const unknown = measure(wasm, () => cs.conv2d(IN(), K(), o));
  // A known key holding far more numbers than the op can use is refused before a copy too.
  const knownHuge = measure(wasm, () => cs.conv2d(IN(), K(), { bias: big }));
  return { unknown, knownHuge, after: readmeExample(cs) };
}

/** Item 4: inferShapes checks its size limits before it copies its options. */
export function inferShapesHugeInput(cs, wasm) {
  const big = new Float32Array(2 ** 24);
  return {
    inputSize: measure(wasm, () => cs.inferShapes('lenet5', { inputSize: big })),
    specArray: measure(wasm, () => cs.inferShapes({ name: 'x', input: big, layers: [] }, {})),
    after: readmeExample(cs),
  };
}

/** Item 5: a data length that disagrees with the shape is refused before copying. */
export function lengthMismatch(cs, wasm) {
  // Made before timing: allocating 2^24 elements in JS is the caller's cost, not the module's.
  const holes = new Array(2 ** 24);
  const typed = new Float32Array(2 ** 24);
  return {
    holes: measure(wasm, () => cs.conv2d({ data: holes, shape: [1, 4, 4] }, K(), {})),
    typed: measure(wasm, () => cs.conv2d({ data: typed, shape: [1, 4, 4] }, K(), {})),
    after: readmeExample(cs),
  };
}

/** Item 6: every failure names the op and the parameter; nothing is coerced. */
export function namedErrors(cs, wasm) {
  const hugeArray = [];
  hugeArray.length = 2 ** 32 - 1;
  const net = cs.LeNet5.load('modern');
  const calls = {
    stringY: () => cs.receptiveField('C1', '3', 0),
    nullYX: () => cs.unitsSeeing(null, null),
    hugeArrayY: () => cs.receptiveField('C1', hugeArray, 0),
    objectWidth: () => cs.preprocessDigit(new Uint8ClampedArray(16), { valueOf() { return 2; } }, 2),
    infinityStride: () => cs.conv2d(IN(), K(), { stride: Infinity }),
    stringStride: () => cs.conv2d(IN(), K(), { stride: '2' }),
    objectInputSize: () => cs.inferShapes('lenet5', { inputSize: {} }),
    garbageWeights: () => cs.LeNet5.fromBytes(new Uint8Array(500).fill(7), 'classic'),
    weightsAsString: () => cs.LeNet5.fromBytes('abc', 'classic'),
    badSpec: () => cs.inferShapes({ name: 'x', input: [1, 28, 28], layers: [{ kind: 'conv' }] }, {}),
    symbolLayer: () => cs.receptiveField(Symbol('C1'), 0, 0),
    bigintY: () => cs.unitsSeeing(1n, 0),
    pixelsString: () => net.forward('abc'),
    outputSizeString: () => cs.outputSize({ input: '8', kernel: 3 }),
  };
  const out = {};
  for (const [name, f] of Object.entries(calls)) out[name] = measure(wasm, f);
  net.free();
  out.after = readmeExample(cs);
  return out;
}

/** Item 7: a caught exception must not leave a slot in the externref table. */
export function throwingGetters(cs, wasm) {
  const before = readmeExample(cs);
  return {
    before,
    data: measure(wasm, () => cs.conv2d({ get data() { throw 1; } }, K(), {}), 10000),
    option: measure(wasm, () => cs.conv2d(IN(), K(), { get stride() { throw new Error('boom'); } }), 10000),
    spec: measure(wasm, () => cs.inferShapes({ name: 'x', get input() { throw 1; }, layers: [] }, {}), 3000),
    keys: measure(wasm, () => cs.conv2d(IN(), K(), new Proxy({}, { ownKeys() { throw 1; } })), 3000),
    after: readmeExample(cs),
  };
}

/**
 * Item 1, found while fuzzing: a freed network, a forged or foreign `this` and double free(),
 * 100,000 times in all (each used to leak wasm stack inside wasm-bindgen's null check; about
 * 100,000 such calls killed the module).
 */
export function useAfterFree(cs, wasm) {
  const net = cs.LeNet5.load('classic');
  net.free();
  const forged = Object.assign(Object.create(cs.LeNet5.prototype), { __wbg_ptr: 8 });
  const px = new Float32Array(784);
  const out = {
    forward: measure(wasm, () => net.forward(px), 40000),
    variant: measure(wasm, () => net.variant, 30000),
    forged: measure(wasm, () => forged.probabilities(px), 20000),
    doubleFree: measure(wasm, () => { net.free(); throw new Error('free() returned'); }, 10000),
  };
  out.after = readmeExample(cs);
  return out;
}

// ---- crafted weights files (item 2) --------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3), as the weights header stores it. */
export function crc32(bytes) {
  let c = 0xFFFFFFFF;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >>> 8);
  return (c ^ 0xFFFFFFFF) >>> 0;
}

const HEADER = 20;
const text = (s) => [0x60 + s.length, ...new TextEncoder().encode(s)];

function indexOf(hay, needle, from = 0) {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function replaceBytes(hay, from, to, after = 0) {
  const at = indexOf(hay, from, after);
  if (at < 0) throw new Error(`pattern ${from} not found`);
  return Uint8Array.from([...hay.subarray(0, at), ...to, ...hay.subarray(at + from.length)]);
}

/** `{metadata, data}` of a weights file (the burnpack CBOR metadata and data section). */
function split(file) {
  const p = file.subarray(HEADER);
  const m = new DataView(p.buffer, p.byteOffset).getUint32(6, true);
  const dataStart = Math.ceil((10 + m) / 256) * 256;
  return { metadata: p.slice(10, 10 + m), data: p.slice(dataStart) };
}

/** A weights file with `original`'s header fields around `metadata` + `data`, length and CRC fixed. */
function rebuild(original, metadata, data) {
  const start = Math.ceil((10 + metadata.length) / 256) * 256;
  const p = new Uint8Array(start + data.length);
  p.set(original.subarray(HEADER, HEADER + 6));
  new DataView(p.buffer).setUint32(6, metadata.length, true);
  p.set(metadata, 10);
  p.set(data, start);
  return fixCrc(Uint8Array.from([...original.subarray(0, HEADER), ...p]));
}

/** `file` with its header's payload length and CRC-32 recomputed. */
export function fixCrc(file) {
  const f = Uint8Array.from(file);
  const v = new DataView(f.buffer);
  v.setUint32(12, f.length - HEADER, true);
  v.setUint32(16, crc32(f.subarray(HEADER)), true);
  return f;
}

/** Crafted variants of a real weights file, each with a correct header, length and CRC. */
export function craftedWeights(good) {
  const { metadata: m, data: d } = split(good);
  const entry = (name) => indexOf(m, text(name));
  const dtype = (name, bytes) => replaceBytes(m, text('F16'), bytes, entry(name));
  const files = {
    misalignedC1: rebuild(good, replaceBytes(m, [0x82, 0x00, 0x19, 0x01, 0x2C], [0x82, 0x01, 0x19, 0x01, 0x2D]), d),
    boolC1: rebuild(good, dtype('c1.weight', [0xA1, ...text('Bool'), ...text('Native')]), d),
    f32C1: rebuild(good, dtype('c1.weight', text('F32')), d),
    bf16C3: rebuild(good, dtype('c3.weight', text('BF16')), d),
    u8C5: rebuild(good, dtype('c5.weight', text('U8')), d),
    f64F6: rebuild(good, dtype('f6.weight', text('F64')), d),
    shiftedC5: rebuild(good, replaceBytes(m, [0x82, 0x19, 0x17, 0x00, 0x1A, 0x00, 0x01, 0x8E, 0x00], [0x82, 0x19, 0x18, 0x00, 0x1A, 0x00, 0x01, 0x8F, 0x00]), d),
    transposedF6: rebuild(good, replaceBytes(m, [0x82, 0x18, 120, 0x18, 84], [0x82, 0x18, 84, 0x18, 120], entry('f6.weight')), d),
    trailing: rebuild(good, m, Uint8Array.from([...d, ...new Uint8Array(256)])),
  };
  const reserved = Uint8Array.from(good);
  reserved[10] = 1;
  files.reservedByte = reserved;
  const padding = rebuild(good, m, d);
  padding[HEADER + 10 + m.length] = 7;
  files.padding = fixCrc(padding);
  const nan = Uint8Array.from(d);
  nan[5632] = 0x00; nan[5633] = 0x7E; // c3.bias[0] = f16 NaN
  files.nanC3Bias = rebuild(good, m, nan);
  return files;
}

/** Item 2: every crafted file is a named error; none traps; the module works afterwards. */
export function craftedWeightsLoad(cs, wasm, good) {
  const out = {};
  for (const [name, file] of Object.entries(craftedWeights(good))) {
    out[name] = measure(wasm, () => cs.LeNet5.fromBytes(file, 'classic'));
  }
  // The untouched file still loads and predicts.
  const net = cs.LeNet5.fromBytes(good, 'classic');
  out.goodLoads = net.probabilities(new Float32Array(784)).length;
  net.free();
  out.after = readmeExample(cs);
  return out;
}
