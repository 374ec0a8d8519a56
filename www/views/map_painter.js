// Paints all feature maps of one layer with ONE ImageData: the maps are packed side by side
// into a small offscreen image (1 px per value), put once, then each map is scaled into its
// place with drawImage. Same idea as lib/canvas.js drawGrid (ImageData, never a fillRect per
// cell), batched per layer: drawGrid per map cost 44 putImageData calls and canvas resizes per
// frame. Colours come from lib/colors.js's scales through a lookup table of LUT_SIZE steps
// (1/1023 of the scale: far below what the eye separates).
import { diverging, sequential } from '../lib/colors.js';

/** Steps of the colour lookup tables. */
export const LUT_SIZE = 1024;
const tables = new Map();

/** [r, g, b] × LUT_SIZE of a scale kind, sampled from lib/colors.js over t ∈ [0, 1]. */
export function colourTable(kind) {
  if (!tables.has(kind)) {
    const t = new Uint8ClampedArray(LUT_SIZE * 3);
    for (let i = 0; i < LUT_SIZE; i++) {
      const u = i / (LUT_SIZE - 1);
      t.set(kind === 'diverging' ? diverging(2 * u - 1, 1) : sequential(u, 0, 1), 3 * i);
    }
    tables.set(kind, t);
  }
  return tables.get(kind);
}

/**
 * Position on the scale, t ∈ [0, 1]: diverging maps −limit…+limit, sequential lo…hi
 * (the same mapping as lib/colors.js).
 */
function scaleParams(scale) {
  return scale.kind === 'diverging'
    ? { a: 1 / (2 * scale.limit), b: 0.5 }
    : { a: 1 / (scale.hi - scale.lo), b: -scale.lo / (scale.hi - scale.lo) };
}

/** A painter with its own scratch canvas (one per layer, reused every frame). */
export function createMapPainter() {
  let src = null;
  let sctx = null;
  let img = null;
  return {
    /**
     * Draws maps c = 0…C−1 (each H×W, row-major in `data`) at `origins[c]` (CSS px) with
     * `cell` CSS px per value.
     */
    paint(ctx, data, C, H, W, origins, cell, scale) {
      const w = C * W;
      if (!img || img.width !== w || img.height !== H) {
        src = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, H) : Object.assign(document.createElement('canvas'), { width: w, height: H });
        sctx = src.getContext('2d');
        img = new ImageData(w, H);
      }
      const lut = colourTable(scale.kind);
      const { a, b } = scaleParams(scale);
      const px = img.data;
      const top = LUT_SIZE - 1;
      for (let c = 0; c < C; c++) {
        for (let y = 0; y < H; y++) {
          let o = 4 * (y * w + c * W);
          let i = (c * H + y) * W;
          for (let x = 0; x < W; x++, i++, o += 4) {
            let t = data[i] * a + b;
            t = t > 1 ? 1 : t < 0 || t !== t ? (t !== t ? 0.5 : 0) : t;
            const k = 3 * Math.round(t * top);
            px[o] = lut[k];
            px[o + 1] = lut[k + 1];
            px[o + 2] = lut[k + 2];
            px[o + 3] = 255;
          }
        }
      }
      sctx.putImageData(img, 0, 0);
      ctx.save();
      ctx.imageSmoothingEnabled = false;
      for (let c = 0; c < C; c++) ctx.drawImage(src, c * W, 0, W, H, origins[c].x, origins[c].y, W * cell, H * cell);
      ctx.restore();
    },
  };
}
