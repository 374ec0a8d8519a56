// The start of the student view, run as soon as index.html is parsed (an `async` module with
// a few small imports), before the page's other modules have arrived: it starts the wasm
// module, the network of the URL's variant, the sample digits and the page's message catalogs
// (Korean or English), so the first prediction waits for the slowest of them and not for
// their sum.
//
// The module is pkg-lenet/ (the LeNet-5 API alone, shared/core-lenet.js), and the network's
// weights are a file of their own: index.html preloads the classic one (the default variant).
//
// Why a forward pass on a blank image here: the browser compiles each wasm function on its
// first call (V8's lazy compilation), and LeNet5.fromBytes + forward touch most of the module.
// Doing that while the other JS modules are still downloading takes it off the path to the
// first prediction (scripts/bench_student.mjs measures that path).
import { loadLenetCore, loadNetwork } from '../../shared/core-lenet.js';
import { fetchResource, resource } from '../../shared/resources.js';
import { parseHash } from '../../shared/hash.js';
import { loadSamples } from './state/samples.js';
import { blankInput } from './state/model.js';
import { initI18n } from '../../shared/i18n.js';

/**
 * Resolves to the page's language once its catalogs (`common`, `student`) are loaded. Started
 * here, in parallel with the network: main.js awaits it where text is first needed. (The page
 * may not be fully parsed yet: main.js fills the static text again.) The `explain` catalog (the
 * unit arithmetic) is loaded with the views, after the first prediction.
 */
export const i18nReady = initI18n(['student']);

/**
 * The URL hash's start-up options (#sample=12&variant=modern; shared/hash.js): sample, variant
 * (null when absent or invalid) and the hash's problems (malformed items, for the page to show).
 */
export const hash = (() => {
  const { values, problems } = parseHash(location.hash);
  const s = values.get('sample') ?? null;
  const v = values.get('variant');
  return {
    sample: s !== null && /^\d+$/.test(s) ? Number(s) : null,
    variant: v === 'classic' || v === 'modern' ? v : null,
    problems,
  };
})();
/** The variant the page opens with. */
export const firstVariant = hash.variant ?? 'classic';

/**
 * Resolves to the wasm exports (www/shared/core-lenet.js). index.html starts the module's download
 * while it is parsed (`convscopeWasm`, fetch-wasm-early.js, an async script); if that has not
 * run yet (or a page has no such script), the download starts here, and the early script, when
 * it runs, finds it started.
 */
export const coreReady = loadLenetCore(globalThis.convscopeWasm ??= fetchResource(resource('pkg-lenet/convscope_bg.wasm')));

/** Resolves to the parsed samples file (state/samples.js). */
export const samplesReady = loadSamples();

/** Resolves to the LeNet5 of `firstVariant`, already run once. */
export const networkReady = loadNetwork(firstVariant).then((net) => {
  net.forward(blankInput(net.layerSpecs()));
  return net;
});

// The page attaches its own handlers later; until then a failure is not "unhandled".
for (const p of [coreReady, samplesReady, networkReady, i18nReady]) p.catch(() => {});
