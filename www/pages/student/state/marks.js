// Performance marks and measures of the student page, on the browser's performance timeline
// (nothing on `window`): scripts/bench_student.mjs and tests/browser/student.test.mjs read
// them with performance.getEntriesByName() or a PerformanceObserver.
//   convscope:<step>                   start-up steps (mark(): modules, core, network, samples, views)
//   convscope:first-prediction         the first prediction is written into the page;
//   convscope:first-prediction-frame   the start of the animation frame that paints it
//   convscope:prediction               every rendered prediction (a mark)
//   convscope:forward, convscope:pad   every forward pass / handled drawing-pad change (measures)
// The per-frame entries are cleared from the timeline every CLEAR_EVERY, so a long session
// does not grow it; observers still see every one.

const P = 'convscope:';
const CLEAR_EVERY = 600;
const counts = new Map();

function bounded(name) {
  const n = (counts.get(name) ?? 0) + 1;
  counts.set(name, n);
  if (n % CLEAR_EVERY === 0) {
    performance.clearMarks(name);
    performance.clearMeasures(name);
  }
}

/** Marks the start-up step `name`. */
export function mark(name) {
  performance.mark(P + name);
}

let first = true;
/** Marks one rendered prediction (and, the first time, the frame that paints it). */
export function markPrediction() {
  if (first) {
    first = false;
    performance.mark(`${P}first-prediction`);
    requestAnimationFrame(() => performance.mark(`${P}first-prediction-frame`));
  }
  performance.mark(`${P}prediction`);
  bounded(`${P}prediction`);
}

/** Measures `name` (forward, pad) from `start` (a performance.now() value) to now. */
export function measureSince(name, start) {
  performance.measure(P + name, { start, end: performance.now() });
  bounded(P + name);
}
