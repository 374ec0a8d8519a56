// Draws the app icons of manifest.webmanifest into www/assets/icons/ (committed; run again only
// to change the design):
//
//   node scripts/make_icons.mjs
//
// The motif is a convolution: a 4×4 input of light cells on the theme's accent blue
// (www/style.css --accent) with a 3×3 kernel window outlined in the highlight amber (--highlight).
// `icon-*.png` (purpose "any") is a rounded square on a transparent ground; `maskable-*.png`
// fills the whole square and keeps the motif inside the central 60 %, within the 80 % circle a
// launcher's mask may cut to. PNGs are written by hand (zlib from Node, no image library):
// 8-bit RGBA, filter 0 on every row, 4×4 supersampling at the rounded corners.
import { writeFile, mkdir } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = resolve(fileURLToPath(import.meta.url), '../../www/assets/icons');

const ACCENT = [0x0b, 0x6b, 0xcb];
const CELL = [0xfb, 0xfb, 0xfa];
const AMBER = [0xe8, 0xa4, 0x00];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of PNG chunks (ISO 3309). */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGBA image (Uint8Array, size×size×4) as PNG bytes. */
export function encodePng(rgba, size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Whether (x, y) (pixel units) lies inside the square of side `size` with corner radius `r`. */
function insideRounded(x, y, size, r) {
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The icon: `maskable` fills the square; otherwise a rounded square, transparent outside. */
export function drawIcon(size, maskable) {
  const px = new Uint8Array(size * size * 4);
  const set = (x, y, [r, g, b], a = 255) => {
    const i = (y * size + x) * 4;
    px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
  };
  const radius = size * 0.18;
  const SS = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let cover = SS * SS;
      if (!maskable) {
        cover = 0;
        for (let j = 0; j < SS; j++) for (let i = 0; i < SS; i++) cover += insideRounded(x + (i + 0.5) / SS, y + (j + 0.5) / SS, size, radius);
      }
      if (cover) set(x, y, ACCENT, Math.round(255 * cover / (SS * SS)));
    }
  }
  // The motif: 4×4 cells in a square of side `span`, centred.
  const span = Math.round(size * (maskable ? 0.56 : 0.7));
  const origin = Math.round((size - span) / 2);
  const pitch = span / 4;
  const gap = Math.max(1, Math.round(pitch * 0.14));
  const fill = (x0, y0, x1, y1, colour) => {
    for (let y = Math.round(y0); y < Math.round(y1); y++) for (let x = Math.round(x0); x < Math.round(x1); x++) set(x, y, colour);
  };
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const x0 = origin + c * pitch + gap / 2;
      const y0 = origin + r * pitch + gap / 2;
      fill(x0, y0, x0 + pitch - gap, y0 + pitch - gap, CELL);
    }
  }
  // The kernel window over the top-left 3×3 cells: an amber frame in the gaps and around them.
  const line = Math.max(2, Math.round(pitch * 0.16));
  const k0 = origin - line / 2;
  const k1 = origin + 3 * pitch + line / 2;
  fill(k0, k0, k1, k0 + line, AMBER);
  fill(k0, k1 - line, k1, k1, AMBER);
  fill(k0, k0, k0 + line, k1, AMBER);
  fill(k1 - line, k0, k1, k1, AMBER);
  return px;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await mkdir(OUT, { recursive: true });
  for (const size of [192, 512]) {
    for (const maskable of [false, true]) {
      const name = `${maskable ? 'maskable' : 'icon'}-${size}.png`;
      const png = encodePng(drawIcon(size, maskable), size);
      await writeFile(join(OUT, name), png);
      console.log(`${name}: ${png.length} bytes`);
    }
  }
}
