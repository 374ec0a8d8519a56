// Paints all feature maps of one layer with ONE ImageData: the maps are packed side by side
// into a small offscreen image (1 px per value), put once, then each map is scaled into its
// place with drawImage. Same idea as lib/canvas.js drawGrid (ImageData, never a fillRect per
// cell), batched per layer: drawGrid per map cost 44 putImageData calls and canvas resizes per
// frame. Colours come from lib/colors.js paintValues (a lookup table of the scales).
import { paintValues } from '../../../shared/colors.js';

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
      for (let c = 0; c < C; c++) {
        for (let y = 0; y < H; y++) paintValues(img.data, 4 * (y * w + c * W), data, (c * H + y) * W, W, scale);
      }
      sctx.putImageData(img, 0, 0);
      ctx.save();
      ctx.imageSmoothingEnabled = false;
      for (let c = 0; c < C; c++) ctx.drawImage(src, c * W, 0, W, H, origins[c].x, origins[c].y, W * cell, H * cell);
      ctx.restore();
    },
  };
}
