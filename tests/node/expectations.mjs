// What the reproductions of tests/node/repro.mjs must show, as assertions on their (plain,
// serialisable) results: shared by the Node tests and the Chromium tests, which run the same
// reproductions in a page and check what comes back here.
import assert from 'node:assert/strict';

const MiB = 2 ** 20;

/**
 * Asserts a measured reproduction threw a named Error of `op`/`param`/`code`. `ms` is a hang
 * guard, not a speed target (speed is measured by the benchmarks): far above what a loaded
 * machine needs, it only catches a call that never comes back in reasonable time.
 */
export function named(m, { op, param, code, ms = 10000, memory = MiB, table = 0 }, what) {
  assert.equal(m.returned, 0, `${what}: returned instead of throwing`);
  assert.equal(m.error.kind, 'Error', `${what}: ${JSON.stringify(m.error)}`);
  assert.equal(m.error.op, op, `${what}: ${m.error.message}`);
  if (param !== undefined) assert.equal(m.error.param, param, `${what}: ${m.error.message}`);
  if (code !== undefined) assert.equal(m.error.code, code, `${what}: ${m.error.message}`);
  assert.ok(m.ms < ms, `${what}: took ${m.ms.toFixed(1)} ms`);
  assert.ok(m.memoryGrowth <= memory, `${what}: wasm memory grew ${m.memoryGrowth} bytes`);
  assert.ok(m.tableGrowth <= table, `${what}: externref table grew ${m.tableGrowth} slots`);
}

const README = [15, 16, 6, 15];
/** 10,000 calls in a loop: the hang guard (they take 0.5-6 s here, depending on the load). */
const LOOP = { ms: 120000 };

/** Item 1 (repro.proxies). */
export function proxies(r) {
  named(r.proxyData, { op: 'conv2d', param: 'input', code: 'wrong_type', ...LOOP }, 'Proxy as data');
  named(r.revokedData, { op: 'conv2d', param: 'input', code: 'wrong_type', ...LOOP }, 'revoked Proxy as data');
  named(r.revokedTensor, { op: 'conv2d', param: 'input', code: 'wrong_type', ...LOOP }, 'revoked Proxy as tensor');
  named(r.revokedOptions, { op: 'conv2d', param: 'options', code: 'wrong_type', ...LOOP }, 'revoked Proxy as options');
  named(r.proxyShape, { op: 'conv2d', param: 'input', code: 'unreadable', ...LOOP }, 'throwing Proxy as shape');
  named(r.proxyPixels, { op: 'forward', param: 'pixels', code: 'wrong_type', ...LOOP }, 'Proxy as pixels');
  named(r.revokedPixels, { op: 'probabilities', param: 'pixels', code: 'wrong_type', ...LOOP }, 'revoked Proxy as pixels');
  named(r.proxyRgba, { op: 'preprocessDigit', param: 'rgba', code: 'wrong_type', ...LOOP }, 'Proxy as rgba');
  // A subclass's lying `length` getter does not change what is read: the 16 real values.
  assert.deepEqual(r.longLength, README);
  assert.deepEqual(r.shortLength, README);
  assert.deepEqual(r.after, README);
}

/** Item 2 (repro.craftedWeightsLoad). */
export function craftedWeights(r) {
  const expect = {
    misalignedC1: 'data_offsets [1, 301]', boolC1: 'dtype {Bool: Native}', f32C1: 'dtype F32',
    bf16C3: 'dtype BF16', u8C5: 'dtype U8', f64F6: 'dtype F64', shiftedC5: '`c5.weight` is stored',
    transposedF6: 'shape [84, 120]', trailing: 'its layout needs', reservedByte: 'reserved header bytes',
    padding: 'padding before tensor', nanC3Bias: 'parameter `c3.bias` holds NaN',
  };
  for (const [name, needle] of Object.entries(expect)) {
    // The wasm heap may keep one copy of the file (~125 KB); nothing else.
    named(r[name], { op: 'LeNet5.fromBytes', param: 'bytes', code: 'weights_corrupt', memory: 2 * MiB }, name);
    assert.ok(r[name].error.message.startsWith('LeNet5.fromBytes: invalid `bytes`: model weights: '), r[name].error.message);
    assert.ok(r[name].error.message.includes(needle), `${name}: ${r[name].error.message}`);
  }
  assert.equal(r.goodLoads, 10);
  assert.deepEqual(r.after, README);
}

/** Item 3 (repro.hugeUnknownOptions). */
export function hugeUnknownOptions(r) {
  named(r.unknown, { op: 'conv2d', param: 'k0', code: 'unknown_option' }, 'unknown keys');
  assert.deepEqual(r.unknown.error.got, 'k0');
  assert.ok(r.unknown.error.expected.includes('stride'));
  named(r.knownHuge, { op: 'conv2d', param: 'bias', code: 'too_large' }, '64 MB bias');
  assert.deepEqual(r.after, README);
}

/** Item 4 (repro.inferShapesHugeInput). */
export function inferShapesHugeInput(r) {
  named(r.inputSize, { op: 'inferShapes', param: 'inputSize', code: 'too_large' }, 'inputSize');
  named(r.specArray, { op: 'inferShapes', param: 'spec', code: 'wrong_type' }, 'spec.input');
  assert.deepEqual(r.after, README);
}

/** Item 5 (repro.lengthMismatch). */
export function lengthMismatch(r) {
  for (const name of ['holes', 'typed']) {
    named(r[name], { op: 'conv2d', param: 'input', code: 'shape_mismatch' }, name);
    assert.equal(r[name].error.expected, 16);
    assert.equal(r[name].error.got, 2 ** 24);
    assert.match(r[name].error.message, /needs 16 values, but data has 16777216/);
  }
  assert.deepEqual(r.after, README);
}

/** Item 6 (repro.namedErrors). */
export function namedErrors(r) {
  const expect = {
    stringY: ['receptiveField', 'y', 'not_a_number'],
    nullYX: ['unitsSeeing', 'y', 'not_a_number'],
    hugeArrayY: ['receptiveField', 'y', 'not_a_number'],
    objectWidth: ['preprocessDigit', 'width', 'not_a_number'],
    infinityStride: ['conv2d', 'stride', 'invalid_value'],
    stringStride: ['conv2d', 'stride', 'not_a_number'],
    objectInputSize: ['inferShapes', 'inputSize', 'not_a_number'],
    garbageWeights: ['LeNet5.fromBytes', 'bytes', 'weights_corrupt'],
    weightsAsString: ['LeNet5.fromBytes', 'bytes', 'wrong_type'],
    badSpec: ['inferShapes', undefined, undefined],
    symbolLayer: ['receptiveField', 'layer', 'wrong_type'],
    bigintY: ['unitsSeeing', 'y', 'not_a_number'],
    pixelsString: ['forward', 'pixels', 'wrong_type'],
    outputSizeString: ['outputSize', 'input', 'not_a_number'],
  };
  for (const [name, [op, param, code]] of Object.entries(expect)) {
    named(r[name], { op, param, code }, name);
    const msg = r[name].error.message;
    assert.ok(msg.startsWith(`${op}: invalid \`${param ?? ''}`), `${name}: ${msg}`);
    assert.doesNotMatch(msg, /Semantic\(|Syntax\(|\binf\b|got a value of type got|\[object /, `${name}: ${msg}`);
  }
  assert.match(r.infinityStride.error.message, /got Infinity$/);
  assert.match(r.stringY.error.message, /expected a number, got string/);
  assert.deepEqual(r.after, README);
}

/** Item 7 (repro.throwingGetters). */
export function throwingGetters(r) {
  assert.deepEqual(r.before, README);
  named(r.data, { op: 'conv2d', param: 'input', code: 'unreadable', ...LOOP }, 'throwing .data');
  named(r.option, { op: 'conv2d', param: 'stride', code: 'unreadable', ...LOOP }, 'throwing option');
  named(r.spec, { op: 'inferShapes', param: 'spec', code: 'unreadable', ...LOOP }, 'throwing spec getter');
  named(r.keys, { op: 'conv2d', param: 'options', code: 'unreadable', ...LOOP }, 'throwing ownKeys trap');
  assert.deepEqual(r.after, README);
}

/** Item 1, use after free (repro.useAfterFree). */
export function useAfterFree(r) {
  named(r.forward, { op: 'forward', param: 'this', code: 'freed', ...LOOP }, 'forward after free');
  named(r.variant, { op: 'variant', param: 'this', code: 'freed', ...LOOP }, 'variant after free');
  named(r.forged, { op: 'probabilities', param: 'this', code: 'freed', ...LOOP }, 'forged this');
  // free() of a freed network does nothing: the test's own marker error is what was thrown.
  assert.equal(r.doubleFree.error.message, 'free() returned');
  assert.deepEqual(r.after, README);
}
