// A canvas sized once: the training lab repaints its canvases several times a second, and
// resizing a canvas (canvas.width = …) reallocates its backing store each time.
import { pixelRatio, setupCanvas } from '../../../shared/canvas.js';

/** The canvases whose context was created here. */
const contexts = new WeakSet();

/** The 2D context of `canvas` at CSS size `w`×`h` (high-DPI), resized only when that changed; cleared. */
export function fitCanvas(canvas, w, h) {
  // The first getContext fixes the context's kind: a CPU-backed one (willReadFrequently), so
  // putImageData is a copy into memory instead of an upload to the GPU process, which can
  // block the main thread for tens of ms on a busy machine.
  if (!contexts.has(canvas)) contexts.add(canvas.getContext('2d', { willReadFrequently: true }) && canvas);
  const dpr = pixelRatio();
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) return setupCanvas(canvas, w, h);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}
