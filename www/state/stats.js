// Counters for scripts/bench_student.mjs, on window.__convscopeStats:
// marks     {name: ms since navigation start} of start-up steps (mark());
// updates   prediction renders so far;
// firstPredictionMs  performance.now() (ms since navigation start) when the first prediction is
//   written into the page; firstPredictionFrameMs  at the start of the frame that paints it
//   (the next animation frame), the figure scripts/bench_student.mjs reports;
// lastForwardMs  duration of the last forward() call in ms;
// padUpdates, padMsTotal  drawing-pad changes handled and the ms they took in all (preprocess,
//   both networks, every view redrawn).
export const stats = { marks: {}, updates: 0, firstPredictionMs: null, firstPredictionFrameMs: null, lastForwardMs: null, forwardMsTotal: 0, padUpdates: 0, padMsTotal: 0 };
globalThis.__convscopeStats = stats;

/** Records one rendered prediction. */
export function countUpdate() {
  stats.updates++;
  if (stats.firstPredictionMs === null) {
    stats.firstPredictionMs = performance.now();
    performance.mark?.('convscope:first-prediction');
    requestAnimationFrame(() => { stats.firstPredictionFrameMs = performance.now(); });
  }
}

/** Records the duration of one forward pass. */
export function countForward(ms) {
  stats.lastForwardMs = ms;
  stats.forwardMsTotal += ms;
}

/** Records one handled drawing-pad change that took `ms`. */
export function countPadUpdate(ms) {
  stats.padUpdates++;
  stats.padMsTotal += ms;
}

/** Records a start-up step `name` at performance.now(). */
export function mark(name) {
  stats.marks[name] = performance.now();
}
