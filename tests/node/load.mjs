// Loads pkg/convscope.js in Node with the wasm bytes read from disk (no server, no browser).
// CONVSCOPE_PKG picks another build directory (e.g. target/pkg-ndarray).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** `{cs, wasm}`: the module's exports and the wasm instance's exports (memory, table). */
export async function load(pkg = process.env.CONVSCOPE_PKG ?? 'pkg') {
  const dir = resolve(ROOT, pkg);
  const cs = await import(pathToFileURL(`${dir}/convscope.js`).href);
  const wasm = await cs.default({ module_or_path: await readFile(`${dir}/convscope_bg.wasm`) });
  return { cs, wasm };
}

/** The built-in classic weights file, as a Uint8Array. */
export async function classicWeights() {
  return new Uint8Array(await readFile(`${ROOT}/www/assets/weights/lenet5-classic.bin`));
}
