// The one store idiom of every page: one plain state object, shallow patches, subscribers told
// which keys changed so each view redraws only what it shows. Pure (tests/unit/store.test.mjs).

/**
 * @template T
 * @param {T} initial
 * @returns {{get(): T, set(patch: Partial<T>): void, subscribe(fn: (state: T, changed: Set<string>) => void): () => void}}
 */
export function createStore(initial) {
  let state = { ...initial };
  const subscribers = new Set();
  let pending = null; // keys changed by a set() made while subscribers run
  return {
    get: () => state,
    set(patch) {
      const changed = new Set();
      for (const [k, v] of Object.entries(patch)) if (state[k] !== v) changed.add(k);
      if (!changed.size) return;
      state = { ...state, ...patch };
      if (pending) { for (const k of changed) pending.add(k); return; }
      pending = changed;
      try {
        while (pending.size) {
          const keys = pending;
          pending = new Set();
          for (const fn of subscribers) fn(state, keys);
        }
      } finally {
        pending = null;
      }
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

