// A page that hardens its globals (SES lockdown, `Object.freeze(Error)`) or turns
// `Error.stackTraceLimit` into an accessor must still have its ArrayBuffers read as
// ArrayBuffers: src/bindings/read.js lowers the stack-trace limit around its brand check only
// where the page lets it, and leaves the page's value as it found it. Its own process
// (node --test runs each file apart), since it freezes a global.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, classicWeights } from './load.mjs';

const { cs } = await load();
const bytes = await classicWeights();
const probe = new Float32Array(784).fill(0.5);
const reference = Array.from(cs.LeNet5.fromBytes(bytes.slice(), 'classic').probabilities(probe));

test('with Error.stackTraceLimit as a getter-only accessor, an ArrayBuffer weights file still loads and the accessor is left alone', () => {
  let reads = 0;
  Object.defineProperty(Error, 'stackTraceLimit', { configurable: true, get() { reads++; return 10; } });
  try {
    const net = cs.LeNet5.fromBytes(bytes.slice().buffer, 'classic');
    assert.deepEqual(Array.from(net.probabilities(probe)), reference);
    assert.equal(reads, 0, 'the page\'s getter never ran');
    assert.equal(typeof Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit').get, 'function');
  } finally {
    Object.defineProperty(Error, 'stackTraceLimit', { configurable: true, writable: true, value: 10 });
  }
});

test('with Error frozen, an ArrayBuffer weights file still loads and a plain object is still refused with a named error', () => {
  Error.stackTraceLimit = 7;
  Object.freeze(Error);
  const net = cs.LeNet5.fromBytes(bytes.slice().buffer, 'classic');
  assert.deepEqual(Array.from(net.probabilities(probe)), reference);
  assert.throws(() => cs.LeNet5.fromBytes({ length: 3 }, 'classic'), (e) => e.param === 'bytes' || /bytes/.test(e.message));
  assert.equal(Error.stackTraceLimit, 7);
});
