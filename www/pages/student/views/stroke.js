// Smooth strokes (pure drawing helpers): a stroke is a list of points in [0, 1]² pad
// coordinates, drawn as quadratic Bézier curves through the midpoints of consecutive points
// (each input point is a control point), with round caps and joins — the usual way to turn
// jittery pointer samples into a smooth line without lagging behind the pointer.

/** Stroke width as a fraction of the pad's side (MNIST digits are ~1/10-1/7 of the box). */
const STROKE_FRACTION = 1 / 14;

const mid = (a, b) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

/** Sets up `ctx` for ink of `color` on a pad `side` px wide. */
export function inkStyle(ctx, side, color) {
  ctx.lineWidth = side * STROKE_FRACTION;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
}

/**
 * Draws the piece of `pts` that point `i` completes (call for i = 0, 1, 2, … as points
 * arrive): i = 0 a dot; i = 1 a line to the first midpoint; then the curve from
 * mid(i−2, i−1) through control point i−1 to mid(i−1, i).
 */
export function drawPiece(ctx, pts, i, side) {
  const p = (k) => [pts[k][0] * side, pts[k][1] * side];
  ctx.beginPath();
  if (i === 0) {
    const [x, y] = p(0);
    ctx.arc(x, y, ctx.lineWidth / 2, 0, 2 * Math.PI);
    ctx.fill();
    return;
  }
  if (i === 1) {
    ctx.moveTo(...p(0));
    ctx.lineTo(...mid(p(0), p(1)));
  } else {
    ctx.moveTo(...mid(p(i - 2), p(i - 1)));
    ctx.quadraticCurveTo(...p(i - 1), ...mid(p(i - 1), p(i)));
  }
  ctx.stroke();
}

/** Draws the tail of a finished stroke: from the last midpoint to the last point. */
export function drawTail(ctx, pts, side) {
  const n = pts.length;
  if (n < 2) return;
  const a = [pts[n - 2][0] * side, pts[n - 2][1] * side];
  const b = [pts[n - 1][0] * side, pts[n - 1][1] * side];
  ctx.beginPath();
  ctx.moveTo(...mid(a, b));
  ctx.lineTo(...b);
  ctx.stroke();
}

/** Draws a whole stroke (for replays after undo, clear or resize). */
export function drawStroke(ctx, pts, side, finished = true) {
  for (let i = 0; i < pts.length; i++) drawPiece(ctx, pts, i, side);
  if (finished) drawTail(ctx, pts, side);
}
