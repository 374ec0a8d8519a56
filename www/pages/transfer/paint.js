// When the painters run: a painter is due when a state key it shows changed; due painters run
// in the next animation frame, at most one canvas painter per frame (each its own frame, so no
// frame paints every canvas), none sooner than its `interval` after its last paint. The worker
// reports ~10×/s; the main thread only draws in short slices.

/**
 * @param {{get(): object, subscribe(fn: (s: object, changed: Set<string>) => void): void}} store
 * @param {[(s: object) => void, string[], {canvas?: boolean, interval?: number}][]} painters
 * @returns {{repaintAll(): void}}
 */
export function createPainter(store, painters) {
  const due = new Set();
  const last = new Map();
  let frame = 0;
  let timer = 0;
  const request = () => { frame ||= requestAnimationFrame(run); };

  function run() {
    frame = 0;
    const now = performance.now();
    let drewCanvas = false;
    let waitMs = Infinity;
    for (const entry of painters) {
      if (!due.has(entry)) continue;
      const [paint, , { canvas = true, interval = 0 } = {}] = entry;
      const wait = (last.get(paint) ?? -Infinity) + interval - now;
      if (wait > 0) { waitMs = Math.min(waitMs, wait); continue; }
      if (canvas && drewCanvas) { waitMs = 0; continue; }
      drewCanvas ||= canvas;
      due.delete(entry);
      last.set(paint, now);
      const t0 = performance.now();
      paint(store.get());
      performance.measure(`transfer-paint:${paint.name}`, { start: t0 });
    }
    if (waitMs === 0) request();
    else if (waitMs < Infinity && !timer) timer = setTimeout(() => { timer = 0; request(); }, waitMs);
  }

  store.subscribe((_, changed) => {
    for (const entry of painters) if (entry[1].some((k) => changed.has(k))) due.add(entry);
    request();
  });

  return {
    repaintAll() {
      for (const entry of painters) due.add(entry);
      last.clear();
      request();
    },
  };
}
