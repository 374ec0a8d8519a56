// The drawing pad: pointer input (mouse, finger, pen) into smooth strokes, undo, clear, and a
// sample digit as background. Strokes are kept in [0, 1]² coordinates and drawn twice: on the
// visible canvas (theme colours, high-DPI) and on a fixed-size offscreen "model" canvas
// (opaque black ink on transparent) whose ImageData goes to preprocessDigit(). Changes are
// coalesced to one onChange per animation frame.
import { setupCanvas, themeColor } from '../../../shared/canvas.js';
import { inkStyle, drawPiece, drawTail, drawStroke } from './stroke.js';

/** Side of the offscreen canvas handed to preprocessDigit, px (independent of screen DPI). */
const MODEL_SIDE = 168;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{side: number, onChange: (state: {imageData: ImageData, strokes: number, sample: Uint8Array|null, drawing: boolean}) => void}} options
 *   `drawing` is true while a stroke goes on
 */
export function createDrawPad(canvas, { side, onChange }) {
  const strokes = [];
  let sample = null; // n×n bytes of a picked MNIST digit, drawn under the strokes
  let active = null; // {id, pts, rect} while a pointer is down
  let frame = 0;
  let cssSide = side;
  let view = setupCanvas(canvas, cssSide, cssSide);
  const model = typeof OffscreenCanvas === 'function'
    ? new OffscreenCanvas(MODEL_SIDE, MODEL_SIDE)
    : Object.assign(document.createElement('canvas'), { width: MODEL_SIDE, height: MODEL_SIDE });
  const mctx = model.getContext('2d', { willReadFrequently: true });
  let ink = themeColor('--fg', '#111');

  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      onChange({ imageData: mctx.getImageData(0, 0, MODEL_SIDE, MODEL_SIDE), strokes: strokes.length, sample, drawing: !!active });
    });
  }

  /** Paints the square sample (n×n bytes, 0-255 ink) in `color` onto ctx's `s`×`s` square, smoothed. */
  function paintSample(ctx, s, color) {
    const n = Math.round(Math.sqrt(sample.length));
    const rgb = parseColor(color);
    const img = new ImageData(n, n);
    for (let i = 0; i < n * n; i++) {
      img.data.set(rgb, 4 * i);
      img.data[4 * i + 3] = sample[i];
    }
    const tmp = new OffscreenCanvas(n, n);
    tmp.getContext('2d').putImageData(img, 0, 0);
    ctx.save();
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(tmp, 0, 0, s, s);
    ctx.restore();
  }

  /** Redraws everything from the stroke list (after undo, clear, resize, theme change). */
  function replay() {
    view.clearRect(0, 0, cssSide, cssSide);
    mctx.clearRect(0, 0, MODEL_SIDE, MODEL_SIDE);
    if (sample) {
      paintSample(view, cssSide, ink);
      paintSample(mctx, MODEL_SIDE, '#000');
    }
    inkStyle(view, cssSide, ink);
    inkStyle(mctx, MODEL_SIDE, '#000');
    for (const pts of strokes) {
      const finished = !active || pts !== active.pts;
      drawStroke(view, pts, cssSide, finished);
      drawStroke(mctx, pts, MODEL_SIDE, finished);
    }
    canvas.classList.toggle('has-ink', strokes.length > 0 || !!sample);
  }

  function point(e, rect) {
    const clamp = (v) => Math.min(1, Math.max(0, v));
    return [clamp((e.clientX - rect.left) / rect.width), clamp((e.clientY - rect.top) / rect.height)];
  }

  function addPoint(p) {
    const pts = active.pts;
    const last = pts[pts.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) return;
    pts.push(p);
    drawPiece(view, pts, pts.length - 1, cssSide);
    drawPiece(mctx, pts, pts.length - 1, MODEL_SIDE);
  }

  canvas.addEventListener('pointerdown', (e) => {
    if (active || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    canvas.setPointerCapture?.(e.pointerId);
    active = { id: e.pointerId, pts: [], rect: canvas.getBoundingClientRect() };
    strokes.push(active.pts);
    inkStyle(view, cssSide, ink);
    inkStyle(mctx, MODEL_SIDE, '#000');
    addPoint(point(e, active.rect));
    canvas.classList.add('has-ink');
    schedule();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!active || e.pointerId !== active.id) return;
    e.preventDefault();
    const events = e.getCoalescedEvents?.() ?? [];
    for (const ev of events.length ? events : [e]) addPoint(point(ev, active.rect));
    schedule();
  });
  const end = (e) => {
    if (!active || e.pointerId !== active.id) return;
    drawTail(view, active.pts, cssSide);
    drawTail(mctx, active.pts, MODEL_SIDE);
    active = null;
    schedule();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  // No scrolling, zooming or context menu while drawing with a finger or pen.
  canvas.addEventListener('touchstart', (e) => e.preventDefault(), { passive: false });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    ink = themeColor('--fg', '#111');
    replay();
  });

  return {
    /** Removes the last stroke (or, with none left, nothing). */
    undo() {
      if (active || !strokes.length) return;
      strokes.pop();
      replay();
      schedule();
    },
    /** Removes every stroke and the sample. */
    clear() {
      if (active) return;
      strokes.length = 0;
      sample = null;
      replay();
      schedule();
    },
    /** Shows a sample digit (n×n bytes, 0-255) as the new drawing. */
    setSample(bytes) {
      strokes.length = 0;
      sample = bytes;
      replay();
      schedule();
    },
    /** Resizes the visible pad to `s` CSS px (strokes are kept). */
    resize(s) {
      if (s === cssSide) return;
      cssSide = s;
      view = setupCanvas(canvas, cssSide, cssSide);
      replay();
    },
    get strokeCount() { return strokes.length; },
    get hasSample() { return !!sample; },
  };
}

/** [r, g, b] of any CSS colour, via a 1×1 canvas. */
function parseColor(color) {
  const c = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
  c.fillStyle = color;
  c.fillRect(0, 0, 1, 1);
  return c.getImageData(0, 0, 1, 1).data.subarray(0, 3);
}
