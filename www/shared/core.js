// Loads the WebAssembly core once and hands out its exports.
//
// Every number the pages show comes from here (pkg/convscope.js, built from src/ by
// scripts/build.sh); the JS modules only draw and handle input.
import init, * as wasm from '../../pkg/convscope.js';
import { fetchResource, resource } from './resources.js';

let ready = null;

/**
 * Initialises the wasm module (first call only) and resolves to its exports:
 * conv2d, conv1d, convTranspose2d, convTranspose1d, pool2d, outputSize, backendName,
 * LeNet5, layerSpecs, receptiveField, unitsSeeing, preprocessDigit, explainConv2d, architecture…
 * @param {Promise<Response>} [response] the module's download, if a page already started it
 *   (index.html does); fetched here when absent
 * @returns {Promise<typeof wasm>}
 */
export function loadCore(response) {
  ready ??= init({ module_or_path: response ?? fetchResource(resource('pkg/convscope_bg.wasm')) }).then(() => wasm);
  return ready;
}
