// A QR code of a text (the page's address), computed in the browser by the vendored
// qrcode-generator (www/vendor/, MIT; scripts/vendor.mjs copies it from node_modules) and drawn
// as an SVG of one path: no network, no canvas scaling blur, crisp on a projector.
import qrcode from '../vendor/qrcode-generator/qrcode.mjs';
import { svgEl } from './dom.js';

/** Error correction M (~15 % of the code can be damaged): a good margin for phones reading a projected code. */
export const QR_LEVEL = 'M';
/** The quiet zone the standard asks for around the code, in modules. */
export const QUIET = 4;

/**
 * The modules of `text`'s QR code (the smallest version that holds it in byte mode at QR_LEVEL):
 * `{size, dark: Uint8Array(size·size)}`, row-major, 1 = dark. `text` should be ASCII (an
 * address from `location.href` is: the browser percent-encodes the rest).
 */
export function qrMatrix(text) {
  const qr = qrcode(0, QR_LEVEL);
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const dark = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) dark[r * size + c] = qr.isDark(r, c) ? 1 : 0;
  return { size, dark };
}

/**
 * The matrix as an SVG element (dark modules on white with the quiet zone, 1 unit per module),
 * labelled `label` for screen readers; `data-modules` holds the module count.
 */
export function qrSvg({ size, dark }, label) {
  const side = size + 2 * QUIET;
  let d = '';
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) if (dark[r * size + c]) d += `M${c + QUIET} ${r + QUIET}h1v1h-1z`;
  }
  return svgEl('svg', {
    viewBox: `0 0 ${side} ${side}`, role: 'img', 'aria-label': label, 'shape-rendering': 'crispEdges',
    class: 'qr', 'data-testid': 'share-qr', 'data-modules': size,
  },
  svgEl('rect', { width: side, height: side, fill: '#fff' }),
  svgEl('path', { d, fill: '#000' }));
}
