// www/shared/persist.js: storage that never throws, with a blocked, a throwing, a full and a
// corrupt storage, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from '../../www/shared/i18n.js';
import enCommon from '../../www/shared/i18n/en/common.js';
import { safeStorage, saveDrawing, readDrawing, DRAWING_KEY, DRAWING_SIDE } from '../../www/shared/persist.js';

register('en', 'common', enCommon); // the sentences are the English catalog's

/** A Map-backed Storage. */
function memory() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), m };
}
const thrower = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };
const throwingMethods = { getItem: thrower, setItem: thrower, removeItem: thrower };

test('a drawing saved is read back (4 decimal places), and removed when nothing is drawn', () => {
  const mem = memory();
  const store = safeStorage(() => mem);
  const pixels = Float32Array.from({ length: DRAWING_SIDE ** 2 }, (_, i) => (i % 7) / 7);
  assert.equal(saveDrawing(pixels, store), null);
  const { tensor, message } = readDrawing(store);
  assert.equal(message, undefined);
  assert.deepEqual(tensor.shape, [1, DRAWING_SIDE, DRAWING_SIDE]);
  for (let i = 0; i < pixels.length; i++) assert.ok(Math.abs(tensor.data[i] - pixels[i]) <= 5e-5);
  assert.equal(saveDrawing(null, store), null);
  assert.equal(mem.m.has(DRAWING_KEY), false);
  assert.match(readDrawing(store).message, /No drawing yet/);
});

test('reading the storage object itself throws (site data blocked): no exception, a message, a blank drawing', () => {
  const store = safeStorage(thrower);
  assert.deepEqual(store.read(DRAWING_KEY).value, null);
  assert.match(store.read(DRAWING_KEY).error, /storage/);
  assert.match(store.write(DRAWING_KEY, '1'), /storage/);
  assert.match(saveDrawing(new Float32Array(DRAWING_SIDE ** 2), store), /storage/);
  const { tensor, message } = readDrawing(store);
  assert.match(message, /cannot be read/);
  assert.equal(tensor.data.length, DRAWING_SIDE ** 2);
  assert.ok(tensor.data.every((v) => v === 0));
});

test('every method throwing, or no storage at all, is reported the same way', () => {
  for (const get of [() => throwingMethods, () => undefined, () => null]) {
    const store = safeStorage(get);
    assert.match(store.read('k').error, /storage/);
    assert.match(store.remove('k'), /storage/);
    assert.match(readDrawing(store).message, /cannot be read/);
  }
});

test('a full storage (setItem throws QuotaExceededError) is reported, not thrown', () => {
  const mem = memory();
  mem.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  assert.match(saveDrawing(new Float32Array(DRAWING_SIDE ** 2), safeStorage(() => mem)), /storage/);
});

test('corrupt drawings (not JSON, wrong length, non-numbers) give a message and a blank drawing', () => {
  const n = DRAWING_SIDE ** 2;
  for (const raw of ['{', '[1,2,3]', JSON.stringify(Array(n).fill('x')), JSON.stringify(Array(n).fill(null)), '"text"', 'null']) {
    const mem = memory();
    mem.setItem(DRAWING_KEY, raw);
    const { tensor, message } = readDrawing(safeStorage(() => mem));
    assert.match(message, /could not be read/, raw.slice(0, 20));
    assert.ok(tensor.data.every((v) => v === 0));
  }
});

test('values outside [0, 1] are clamped', () => {
  const mem = memory();
  mem.setItem(DRAWING_KEY, JSON.stringify(Array.from({ length: DRAWING_SIDE ** 2 }, (_, i) => (i % 2 ? 5 : -5))));
  const { tensor } = readDrawing(safeStorage(() => mem));
  assert.equal(tensor.data[0], 0);
  assert.equal(tensor.data[1], 1);
});
