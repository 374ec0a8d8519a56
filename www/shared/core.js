// Loads the WebAssembly core once and hands out its exports.
//
// Every number the pages show comes from here (pkg/convscope.js, built from src/ by
// scripts/build.sh); the JS modules only draw and handle input.
import init, * as wasm from '../../pkg/convscope.js';

let ready = null;

/**
 * Initialises the wasm module (first call only) and resolves to its exports:
 * conv2d, conv1d, convTranspose2d, convTranspose1d, pool2d, outputSize, backendName,
 * LeNet5, layerSpecs, receptiveField, unitsSeeing, preprocessDigit, architecture…
 * @param {Promise<Response>} [response] the module's download, if a page already started it
 *   (index.html does); fetched here when absent
 * @returns {Promise<typeof wasm>}
 */
export function loadCore(response) {
  ready ??= init(response ? { module_or_path: response } : undefined).then(() => withContract(wasm));
  return ready;
}

// ---- TEMPORARY adapter (delete at the merge of branch rust-structure) ----------------------
// PLAN.md contract 2: every layerSpecs() entry carries `input` (the layer it reads) and
// `activation`, and the input entry `side, pad, paddedSide, mean, std`; `net.layerSpecs()` gives
// them per variant. Until the core's pkg/ has them, they are filled in here from today's specs
// (the numbers below are src/lenet.rs's). With the new pkg/ this returns the exports untouched.
const LENET_INPUT = { pad: 2, mean: 0.1307, std: 0.3081 };

function withContract(core) {
  const specs = core.layerSpecs();
  if (!specs.length || 'input' in specs[0]) return core;
  const complete = (list, activation) => list.map((s, i) => {
    const out = { ...s, input: i === 0 ? null : list[i - 1].name };
    if (s.kind === 'input') {
      Object.assign(out, LENET_INPUT, { side: s.shape[1], paddedSide: s.shape[1] + 2 * LENET_INPUT.pad });
    }
    out.activation = s.kind === 'conv' || s.kind === 'dense' ? (i === list.length - 1 ? 'softmax' : activation) : null;
    return out;
  });
  const LeNet5 = Object.create(core.LeNet5);
  LeNet5.load = (variant) => {
    const net = core.LeNet5.load(variant);
    if (!net.layerSpecs) {
      const own = complete(core.layerSpecs(), net.activation);
      net.layerSpecs = () => own.map((s) => ({ ...s }));
    }
    return net;
  };
  return { ...core, LeNet5, layerSpecs: () => complete(core.layerSpecs(), null) };
}
// ---- end of the TEMPORARY adapter ------------------------------------------------------------
