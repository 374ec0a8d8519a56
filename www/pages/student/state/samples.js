// The MNIST sample digits shipped in www/assets/mnist-samples.bin (format: www/assets/README.md,
// written by scripts/make_samples.mjs). Failures carry a `code` (samples_file, samples_http,
// samples_fetch) for the page's translated sentence (errors.js); their messages stay English.
import { fetchResource, resource } from '../../../shared/resources.js';

const SAMPLES_URL = resource('www/assets/mnist-samples.bin');
const MAGIC = 'CSMS';
const HEADER_BYTES = 16;
/** Byte value of full ink in the file (MNIST stores 0-255). */
const INK_MAX = 255;

/** An Error with `message` and `code` (and more fields). */
const coded = (code, message, fields = {}) => Object.assign(new Error(message), { code, ...fields });

/**
 * Parses a CSMS file.
 * @param {ArrayBuffer} buffer
 * @returns {{count: number, rows: number, cols: number, labels: Uint8Array, indices: Uint32Array, bytes(i: number): Uint8Array, pixels(i: number): Float32Array}}
 */
export function parseSamples(buffer) {
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== MAGIC) throw coded('samples_file', `samples: invalid \`file\`: expected magic ${MAGIC}, got ${JSON.stringify(magic)}`);
  const version = view.getUint32(4, true);
  if (version !== 1) throw coded('samples_file', `samples: invalid \`file\`: expected version 1, got ${version}`);
  const count = view.getUint32(8, true);
  const rows = view.getUint16(12, true);
  const cols = view.getUint16(14, true);
  const size = rows * cols;
  const pixelStart = HEADER_BYTES + 5 * count;
  if (buffer.byteLength < pixelStart + count * size) {
    throw coded('samples_file', `samples: invalid \`file\`: expected ${pixelStart + count * size} bytes, got ${buffer.byteLength}`);
  }
  const labels = new Uint8Array(buffer, HEADER_BYTES, count);
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[i] = view.getUint32(HEADER_BYTES + count + 4 * i, true);
  const bytes = (i) => new Uint8Array(buffer, pixelStart + i * size, size);
  /** The network's input for sample i: pixel / 255, so ink = 1 (MNIST's own scaling). */
  const pixels = (i) => Float32Array.from(bytes(i), (b) => b / INK_MAX);
  return { count, rows, cols, labels, indices, bytes, pixels };
}

/** Fetches and parses the shipped samples. */
export async function loadSamples(url = SAMPLES_URL) {
  let res;
  try {
    res = await fetchResource(url);
  } catch (e) {
    throw coded('samples_fetch', `samples: could not load ${url.pathname ?? url} (${e.message})`);
  }
  if (!res.ok) throw coded('samples_http', `samples: could not load ${url.pathname ?? url} (HTTP ${res.status})`, { status: res.status });
  return parseSamples(await res.arrayBuffer());
}

/** The sample indices of class `digit`, in file order. */
export function indicesOfClass(samples, digit) {
  const out = [];
  for (let i = 0; i < samples.count; i++) if (samples.labels[i] === digit) out.push(i);
  return out;
}
