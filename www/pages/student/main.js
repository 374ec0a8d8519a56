// Entry of the student view (index.html): draw a digit, watch LeNet-5 read it layer by layer.
//
// Start-up comes in two steps so that the first prediction does not wait for the whole page:
//  1. this module and its few imports wait for the network and the sample digits, which
//     start.js began loading while the page was parsed, and show the prediction for the
//     URL's sample (#sample=N) in the prediction panel;
//  2. after that frame is painted, the rest is loaded: views.js (the drawing pad, the preview,
//     every layer, the filters and the unit arithmetic, wired to the same store, with the
//     `explain` catalog), the footer and the embed registry (embed-view.js).
// Every module imported statically here is on the first prediction's path (index.html
// preloads them all), so anything else is imported where it is first needed: in an embed
// (`?embed=1`), embed-view.js before step 1; the share dialog and the glossary on their
// buttons' first click (header.js).
// scripts/bench_student.mjs measures step 1 (navigation → first prediction).
// Texts come from the message catalogs (start.js loads them beside the network); after a
// language switch everything with text is written again from the store (here: the prediction,
// its announcement and the error; views.js: the rest).
import { coreReady, samplesReady, networkReady, firstVariant, hash, i18nReady } from './start.js';
import { createStore } from '../../shared/store.js';
import { $ } from '../../shared/dom.js';
import { parseEmbed } from '../../shared/embed-query.js';
import { hashProblemMessage } from '../../shared/hash.js';
import { renderHeader, showNotice } from '../../shared/header.js';
import { liveText, onLangChange, t, translateDom, useNamespace } from '../../shared/i18n.js';
import { errorText, networkLoadError } from './errors.js';
import { createModel, otherVariant, unitOf } from './state/model.js';
import { loadNetwork } from '../../shared/core-lenet.js';
import { markPrediction, mark } from './state/marks.js';
import { createPrediction, topClass } from './views/prediction.js';

/**
 * The unit whose arithmetic is open at start: map 0 of the first convolution, two rows and
 * columns above and left of its middle (on a centred digit's stroke).
 */
function firstUnit(specs) {
  const conv = specs.find((s) => s.kind === 'conv');
  const mid = Math.floor(conv.shape[1] / 2) - 2;
  return unitOf(conv, 0, mid, mid);
}

const statusEl = $('[data-testid="status"]');

/** Shows the error `e` (its sentence is written again in the new language after a switch). */
const writeError = liveText($('[data-testid="error"]'));
const showError = (e) => writeError(errorText(e));

/** The variants' names as the page shows them. */
const VARIANT_NAMES = { classic: 'student.classicName', modern: 'student.modernName' };

/** Resolves after the browser has painted the current DOM (the next frame's paint). */
const afterPaint = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));

/**
 * Whether this is an embed (`?embed=1`): read from the address itself (embed-query.js), since
 * embed-early.js, which marks the document with `html.embed`, is async and may not have run yet.
 */
const embedded = () => parseEmbed(location.search).on;

async function boot() {
  mark('modules');
  // In an embed, the embed's own module is needed before the first prediction: fetched now,
  // beside the network.
  const embedModule = embedded() ? import('./embed-view.js') : null;
  // Loading since start.js ran (usually done before the network is).
  await i18nReady;
  mark('i18n');
  translateDom(document);
  // The header's skip link goes past the pad and the prediction to the layers.
  const layers = document.getElementById('layers');
  renderHeader(undefined, () => ({ skipTo: layers, skipLabel: t('student.skipToLayers') }));
  if (hash.problems.length) showNotice(hashProblemMessage(hash.problems), 'hash');
  let core;
  let firstNet;
  try {
    core = await coreReady;
    mark('core');
    firstNet = await networkReady;
    mark('network');
  } catch (e) {
    statusEl.hidden = true;
    showError(networkLoadError(e));
    return;
  }
  const model = createModel(core, { [firstVariant]: firstNet }, loadNetwork);
  const store = createStore({
    variant: firstVariant, pixels: null, result: null, otherProbs: null,
    probe: null, selected: firstUnit(model.specs), sample: null, tta: null,
  });
  // ?embed=1: one view alone in a course page's frame (embed-view.js), set up before the first
  // prediction (a layer embed picks its sample; the host hears every prediction). Elsewhere the
  // embed-code dialog's views are registered in step 2.
  let embedView = embedModule && (await embedModule).setupEmbed({ store, model, hash });

  // The prediction panel: the top digit, the ten probabilities and the other network's.
  const prediction = createPrediction($('.prediction-panel'));
  const announce = $('[data-testid="announce"]');
  let lastTop = null;
  const announcement = (top) => (top === null ? t('student.announceNothing') : t('student.announceDigit', { digit: top }));
  // With test-time augmentation on (tta.js), the combined probabilities are the prediction.
  const ttaNote = $('[data-testid="tta-on"]');
  const TTA_NOTES = { mean: 'student.ttaOnMean', max: 'student.ttaOnMax' };
  const renderPrediction = (s) => {
    const tta = s.pixels ? s.tta : null;
    const probs = s.pixels ? (tta?.combined ?? s.result.probabilities) : null;
    prediction.render(probs, s.otherProbs, { name: t(VARIANT_NAMES[s.variant]), other: t(VARIANT_NAMES[otherVariant(s.variant)]) });
    // One copy is the digit as drawn, whatever the rule.
    const note = tta ? t(tta.k === 1 ? 'student.ttaOnOne' : TTA_NOTES[tta.rule], { count: tta.k }) : '';
    if (ttaNote.textContent !== note) ttaNote.textContent = note;
    return probs;
  };
  store.subscribe((s, changed) => {
    if (!changed.has('result') && !changed.has('otherProbs') && !changed.has('tta')) return;
    const probs = renderPrediction(s);
    if (probs) markPrediction();
    const top = probs ? topClass(probs) : null;
    if (top !== lastTop) {
      lastTop = top;
      announce.textContent = announcement(top);
    }
  });
  onLangChange(() => {
    if (store.get().result) renderPrediction(store.get());
    if (announce.textContent) announce.textContent = announcement(lastTop);
  });

  const samples = await samplesReady.catch((e) => { showError(e); return null; });
  mark('samples');
  // Step 1: the URL's sample, classified before anything else is built.
  if (samples && hash.sample !== null && hash.sample < samples.count) {
    try {
      const pixels = samples.pixels(hash.sample);
      store.set({ sample: hash.sample, pixels, result: model.forward(firstVariant, pixels) });
    } catch (e) {
      showError(e);
    }
  }
  await afterPaint();

  // Step 2: the rest of the page.
  mark('views');
  const [{ mountViews }, { setupEmbed }, { renderFooter }] = await Promise.all([
    import('./views.js'), embedModule ?? import('./embed-view.js'), import('../../shared/footer.js'), useNamespace('explain'),
  ]);
  embedView ??= setupEmbed({ store, model, hash });
  mountViews({ core, model, store, samples, hash, showError });
  renderFooter();
  embedView.mounted();
}

boot().catch((e) => {
  statusEl.hidden = true;
  showError(e);
  // The footer (its offline download) stays reachable when the page could not start.
  import('../../shared/footer.js').then((m) => m.renderFooter(), () => {});
});
import('../../shared/sw-register.js').then((m) => m.registerServiceWorker(), () => {}); // offline copy (sw.js)
