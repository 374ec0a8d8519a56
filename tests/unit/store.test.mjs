// www/shared/store.js: the one store idiom, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore } from '../../www/shared/store.js';

test('set merges a shallow patch and tells subscribers exactly the keys that changed', () => {
  const store = createStore({ a: 1, b: 2, c: 3 });
  const calls = [];
  store.subscribe((s, changed) => calls.push([{ ...s }, [...changed].sort()]));
  store.set({ a: 1, b: 5 });
  assert.deepEqual(calls, [[{ a: 1, b: 5, c: 3 }, ['b']]]);
  assert.deepEqual(store.get(), { a: 1, b: 5, c: 3 });
});

test('a patch that changes nothing notifies nobody', () => {
  const store = createStore({ a: 1 });
  let n = 0;
  store.subscribe(() => n++);
  store.set({ a: 1 });
  store.set({});
  assert.equal(n, 0);
});

test('a set() made by a subscriber is delivered after the current round, with its own keys', () => {
  const store = createStore({ a: 0, b: 0 });
  const seen = [];
  store.subscribe((s, changed) => {
    seen.push([...changed].join());
    if (changed.has('a')) store.set({ b: s.a * 10 });
  });
  store.set({ a: 2 });
  assert.deepEqual(seen, ['a', 'b']);
  assert.deepEqual(store.get(), { a: 2, b: 20 });
});

test('the initial object is copied, and unsubscribe stops notifications', () => {
  const initial = { a: 1 };
  const store = createStore(initial);
  store.set({ a: 2 });
  assert.equal(initial.a, 1);
  let n = 0;
  const off = store.subscribe(() => n++);
  store.set({ a: 3 });
  off();
  store.set({ a: 4 });
  assert.equal(n, 1);
});

test('a subscriber that throws does not leave the store stuck', () => {
  const store = createStore({ a: 0 });
  const off = store.subscribe(() => { throw new Error('view failed'); });
  assert.throws(() => store.set({ a: 1 }), /view failed/);
  off();
  let n = 0;
  store.subscribe(() => n++);
  store.set({ a: 2 });
  assert.equal(n, 1);
});
