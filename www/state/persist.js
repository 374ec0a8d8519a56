// Hands the current drawing to the other pages: the playground reads
// localStorage['convscope.drawing'] (a JSON array of the 784 preprocessed pixels, row-major).

export const DRAWING_KEY = 'convscope.drawing';
/** Decimal places kept per pixel (values are in [0, 1]; 4 places keep 1e-4 precision). */
const PLACES = 4;

/** Stores `pixels` (Float32Array(784)) or removes the key when nothing is drawn. */
export function saveDrawing(pixels) {
  try {
    if (!pixels) localStorage.removeItem(DRAWING_KEY);
    else localStorage.setItem(DRAWING_KEY, JSON.stringify(Array.from(pixels, (v) => +v.toFixed(PLACES))));
  } catch {
    // Storage may be disabled (private mode, file://): the page works without it.
  }
}
