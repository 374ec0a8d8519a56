// Reads the training lab's data file (www/assets/mnist-train.bin.gz, format "CSMT" v1, see
// www/assets/README.md): gzip-inflated with DecompressionStream unless the host already did.
// The data file is read in the worker; the shipped weights are fetched by the page.
import { fetchResource, resource } from '../../shared/resources.js';

const HEADER_BYTES = 20;
const GZIP_MAGIC = [0x1f, 0x8b];

/** Inflates `bytes` when they start with the gzip magic (a host may have decoded them already). */
export async function gunzipIfNeeded(bytes) {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Parses a CSMT file into {train: {pixels, labels, count}, val: {…}} (views into `bytes`:
 * pixels 784 bytes per image, 0 background … 255 ink; labels one byte per image).
 */
export function parseSubset(bytes) {
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (magic !== 'CSMT' || view.getUint32(4, true) !== 1) throw new Error(`data file: expected CSMT v1, got ${JSON.stringify(magic)}`);
  const t = view.getUint32(8, true);
  const v = view.getUint32(12, true);
  const px = view.getUint16(16, true) * view.getUint16(18, true);
  const n = t + v;
  const pixelsAt = HEADER_BYTES + 5 * n;
  if (px !== 784 || bytes.length !== pixelsAt + n * px) throw new Error(`data file: ${bytes.length} bytes do not hold ${n} images of ${px} pixels`);
  return {
    train: { count: t, labels: bytes.subarray(HEADER_BYTES, HEADER_BYTES + t), pixels: bytes.subarray(pixelsAt, pixelsAt + t * px) },
    val: { count: v, labels: bytes.subarray(HEADER_BYTES + t, HEADER_BYTES + n), pixels: bytes.subarray(pixelsAt + t * px, pixelsAt + n * px) },
  };
}

/** The trained weights the student view ships with (www/assets/weights/), one file a variant. */
export const SHIPPED_WEIGHTS_URL = {
  classic: resource('www/assets/weights/lenet5-classic.bin'),
  modern: resource('www/assets/weights/lenet5-modern.bin'),
};

/** Fetches the shipped weights of `variant` ('classic' | 'modern') as an ArrayBuffer. */
export async function loadShippedWeights(variant) {
  const url = SHIPPED_WEIGHTS_URL[variant];
  if (!url) throw new Error(`variant: expected classic or modern, got ${JSON.stringify(variant)}`);
  const res = await fetchResource(url);
  if (!res.ok) throw new Error(`weights file: HTTP ${res.status}`);
  return res.arrayBuffer();
}

/** Fetches and parses the data file at `url` (a resource() URL, or any URL in the served edition). */
export async function loadSubset(url) {
  const res = await fetchResource(url);
  if (!res.ok) throw new Error(`data file: HTTP ${res.status}`);
  return parseSubset(await gunzipIfNeeded(new Uint8Array(await res.arrayBuffer())));
}
