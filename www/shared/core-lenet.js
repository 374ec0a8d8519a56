// The student page's core: the LeNet-5 module (pkg-lenet/, scripts/build.sh --lenet: the
// LeNet-5 API of pkg/ on the direct forward pass, without burn, the other ops or built-in
// weights) and the trained weights it reads (www/assets/weights/, one file a variant, each
// cached by the browser on its own). Each is downloaded once.
import init, * as wasm from '../../pkg-lenet/convscope.js';
import { fetchResource, resource } from './resources.js';

let ready = null;

/**
 * Initialises the LeNet-5 module (first call only) and resolves to its exports: LeNet5
 * (fromBytes), layerSpecs, receptiveField, unitsSeeing, preprocessDigit, backendName.
 * @param {Promise<Response>} [response] the module's download, if a page already started it
 *   (index.html does); fetched here when absent
 * @returns {Promise<typeof wasm>}
 */
export function loadLenetCore(response) {
  if (!ready) {
    ready = init({ module_or_path: response ?? fetchResource(resource('pkg-lenet/convscope_bg.wasm')) }).then(() => wasm);
    // A failed download or compile is tried again on the next call (with a fresh fetch: the
    // early response, once read, cannot be read again).
    ready.catch(() => { ready = null; });
  }
  return ready;
}

/** Each variant's weights file (string literals: the offline build embeds what they name). */
const WEIGHTS_URL = {
  classic: () => resource('www/assets/weights/lenet5-classic.bin'),
  modern: () => resource('www/assets/weights/lenet5-modern.bin'),
};

const weights = new Map();

/**
 * Resolves to the bytes of `variant`'s weights file, downloaded on the first call (index.html
 * preloads the classic one). A failed download rejects with a TypeError (fetch's), or an Error
 * with code `weights_http`.
 * @param {'classic'|'modern'} variant
 * @returns {Promise<Uint8Array>}
 */
export function fetchWeights(variant) {
  if (!weights.has(variant)) {
    const url = WEIGHTS_URL[variant]();
    const bytes = fetchResource(url).then(async (r) => {
      if (!r.ok) throw Object.assign(new Error(`${url.pathname}: HTTP ${r.status}`), { code: 'weights_http', status: r.status });
      return new Uint8Array(await r.arrayBuffer());
    });
    weights.set(variant, bytes);
    bytes.catch(() => weights.delete(variant)); // a failed download is tried again on the next call
  }
  return weights.get(variant);
}

/**
 * Resolves to the trained LeNet5 of `variant` (the module and the weights file, each loaded
 * once; a new network on every call).
 * @param {'classic'|'modern'} variant
 */
export async function loadNetwork(variant) {
  const [core, bytes] = await Promise.all([loadLenetCore(), fetchWeights(variant)]);
  return core.LeNet5.fromBytes(bytes, variant);
}
