// "What the network sees": the input image (28×28 for LeNet-5) after preprocessing, enlarged. Hovering a pixel
// probes it (which units see it); a unit's receptive field is boxed here too.
import { setupCanvas, drawGrid, strokeCells, themeColor } from '../../../shared/canvas.js';
import { unitOf } from '../state/model.js';

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{spec: object, px: number, onProbe: (u|null) => void, onSelect: (u) => void}} o `spec`: the
 *   input's layerSpecs() entry
 */
export function createInputPreview(canvas, { spec, px, onProbe, onSelect }) {
  const SIDE = spec.side;
  let size = px;
  let ctx = setupCanvas(canvas, size, size);
  let pixels = null;
  let hl = null;

  function unitAt(e) {
    const r = canvas.getBoundingClientRect();
    const x = Math.floor(((e.clientX - r.left) / r.width) * SIDE);
    const y = Math.floor(((e.clientY - r.top) / r.height) * SIDE);
    return x >= 0 && y >= 0 && x < SIDE && y < SIDE ? unitOf(spec, 0, y, x) : null;
  }
  canvas.addEventListener('pointermove', (e) => onProbe(unitAt(e)));
  canvas.addEventListener('pointerleave', () => onProbe(null));
  canvas.addEventListener('click', (e) => { const u = unitAt(e); if (u) onSelect(u); });

  function draw() {
    const cell = size / SIDE;
    ctx.clearRect(0, 0, size, size);
    drawGrid(ctx, pixels ?? new Float32Array(SIDE * SIDE), SIDE, SIDE, 0, 0, cell, { kind: 'sequential', lo: 0, hi: 1 });
    const h = hl?.byLayer.get(spec.name);
    if (h) strokeCells(ctx, 0, 0, cell, h.region, themeColor(h.self ? '--accent' : '--highlight'), 2);
  }

  return {
    /** New network input (Float32Array(784) or null). */
    setPixels(p) { pixels = p; draw(); },
    /** New highlights (state/probe.js) or null. */
    highlight(h) { hl = h; draw(); },
    resize(s) { if (s !== size) { size = s; ctx = setupCanvas(canvas, size, size); draw(); } },
  };
}
