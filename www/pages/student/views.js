// The student view after its first prediction (main.js loads this module then): the drawing
// pad, the preview, every layer, the filters, the unit arithmetic and the sample picker, wired
// to the page's store. Every number comes from the wasm core (state/model.js; one unit's
// arithmetic from net.explainUnit). Every text is in the page's language and is written again
// after a language switch (onLangChange), from the same state: nothing else changes.
import { otherVariant, layerOf } from './state/model.js';
import { saveDrawing } from '../../shared/persist.js';
import { showNotice } from '../../shared/header.js';
import { $ } from '../../shared/dom.js';
import { createUnitMath } from '../../shared/explain.js';
import { measureSince } from './state/marks.js';
import { highlights } from './state/probe.js';
import { createDrawPad } from './views/draw_pad.js';
import { createInputPreview } from './views/input_preview.js';
import { createFeatureMaps } from './views/feature_maps.js';
import { createFilters } from './views/filters.js';
import { createRfInfo } from './views/receptive_field.js';
import { createSamplesPicker } from './views/samples_picker.js';
import { renderLegend } from './views/legend.js';
import { createUnitPanel } from './views/unit_panel.js';
import { createKeysHelp } from './views/keys_help.js';
import { bindPresenterKeys } from '../../shared/keys.js';
import { onLangChange, t } from '../../shared/i18n.js';
import { explainLabels, unitLabel } from './views/labels.js';
import { errorText, networkLoadError, sampleRangeError } from './errors.js';
import { mountTta } from './tta.js';

/** Largest pad side, CSS px, and the preview's side (5 px per input pixel). */
const PAD_MAX = 300;
const PREVIEW_PX = 140;
/**
 * While the forward pass changes every frame (a stroke going on), the arithmetic panel is
 * rewritten at most this often, ms: its hundred-odd numbers cannot be read at 60 Hz, and
 * rewriting them costs frames (scripts/bench_student.mjs). The last result is always shown
 * (trailing update).
 */
const UNIT_MATH_EVERY_MS = 200;
/**
 * While a stroke goes on, the other network's probabilities (the thin comparison bars) are
 * recomputed every this many frames: they are a side note, and each costs ~0.3 ms.
 */
const OTHER_EVERY_FRAMES = 2;

/**
 * The explain widget's input: net.explainUnit's object plus the unit (its title) and the forward
 * pass's own pre-activation, which the widget shows beside z as a check.
 */
function forWidget(m, unit, result) {
  const layer = layerOf(result, m.layer);
  const pre = layer.preActivation;
  const i = layer.shape.length === 3 ? (m.c * layer.shape[1] + m.y) * layer.shape[2] + m.x : m.c;
  return { ...m, unit, forwardPre: pre ? pre[i] : undefined };
}

/**
 * Builds every view of the page but the prediction panel and wires it to `store`.
 * @param {{core: object, model: object, store: object, samples: object|null, hash: {sample: number|null},
 *   showError: (e: Error) => void}} page what main.js set up
 */
export function mountViews({ core, model, store, samples, hash, showError }) {
  const statusEl = $('[data-testid="status"]');
  // ---- views
  const probeOrNull = (u) => store.set({ probe: u });
  const select = (u, how) => {
    store.set({ selected: u, probe: u });
    unitSide.show(() => unitLabel(u, model.specs), how);
  };
  // Screen-reader announcements (a polite live region): the last one is kept as a function, so
  // that it reads in the new language after a switch.
  const unitLive = $('[data-testid="unit-announce"]');
  let lastSaid = null;
  const say = (text) => { lastSaid = text; unitLive.textContent = text(); };
  // The arithmetic opens on demand in its side panel; it is computed only while that is open.
  let unitVisible = false;
  const unitSide = createUnitPanel($('[data-testid="unit-math"]'), say, {
    onToggle(open) {
      unitVisible = open;
      if (open) renderUnitMathNow();
    },
  });
  const maps = createFeatureMaps($('[data-testid="layers"]'), { specs: model.specs, onProbe: probeOrNull, onSelect: select });
  const preview = createInputPreview($('[data-testid="input-preview"]'), { spec: model.specs[0], px: PREVIEW_PX, onProbe: probeOrNull, onSelect: select });
  const filters = createFilters($('[data-testid="filters"]'), model.specs);
  // Shown once built: below the layers, it would otherwise move as they fill in.
  $('[data-testid="filters"]').hidden = false;
  // The wording comes from the specs (shared/explain.js takes it as its `labels`).
  const unitPanel = createUnitMath($('[data-testid="unit-math"]'), explainLabels(model.specs));
  const rfInfo = createRfInfo($('[data-testid="rf-info"]'), model.specs);
  const picker = createSamplesPicker($('.samples'), { onPick: (i) => pickSample(i) });
  renderLegend($('[data-testid="legend"]'));
  rfInfo.render(null, null);

  // Test-time augmentation (tta.js): off unless switched on (or #tta in the URL).
  const tta = mountTta({ model, store, showError, recompute: () => update(store.get().pixels) });

  // ---- computing
  let frames = 0;
  /**
   * Runs the network on `pixels` (null = nothing drawn) and publishes the result; `drawing`:
   * a stroke is going on (the comparison bars may then lag a frame).
   */
  function update(pixels, drawing = false) {
    const { variant } = store.get();
    try {
      const result = model.forward(variant, pixels);
      let { otherProbs } = store.get();
      if (!drawing || !otherProbs || ++frames % OTHER_EVERY_FRAMES === 0) {
        otherProbs = model.has(otherVariant(variant)) && pixels ? model.probabilities(otherVariant(variant), pixels) : null;
      }
      store.set({ pixels, result, otherProbs, tta: tta.run(variant, pixels) });
    } catch (e) {
      showError(e);
    }
  }

  /**
   * Hands the drawing to the playground (localStorage; an open playground tab follows it) once
   * a stroke ends, outside the frame: not while it goes on, where each save cost a frame's
   * slack.
   */
  let saveTimer = 0;
  let saveProblem = null;
  function save(pixels) {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      const problem = saveDrawing(pixels);
      if (problem && !saveProblem) showNotice(() => t('student.saveProblem', { why: t(problem) }), 'storage');
      saveProblem = problem;
    }, 0);
  }

  // ---- drawing
  const padCanvas = $('[data-testid="draw-pad"]');
  const pad = createDrawPad(padCanvas, {
    side: padSide(),
    onChange({ imageData, strokes, sample, drawing }) {
      const t0 = performance.now();
      let pixels;
      try {
        if (strokes === 0) pixels = sample ? samples.pixels(store.get().sample) : null;
        else pixels = core.preprocessDigit(imageData.data, imageData.width, imageData.height);
      } catch (e) {
        showError(e);
        return;
      }
      picker.show(strokes === 0 && sample ? store.get().sample : null);
      update(pixels, drawing);
      if (!drawing) save(pixels);
      measureSince('pad', t0);
    },
  });
  function padSide() {
    const w = $('.pad-wrap').clientWidth;
    return Math.max(160, Math.min(PAD_MAX, Math.floor(w || PAD_MAX)));
  }
  new ResizeObserver(() => pad.resize(padSide())).observe($('.pad-wrap'));

  function pickSample(i) {
    if (!samples || i < 0 || i >= samples.count) {
      showError(sampleRangeError(i, (samples?.count ?? 1) - 1));
      return;
    }
    store.set({ sample: i });
    picker.show(i);
    pad.setSample(samples.bytes(i));
    // Show it at once rather than on the next frame.
    update(samples.pixels(i));
  }

  $('[data-testid="undo"]').addEventListener('click', () => pad.undo());
  $('[data-testid="clear"]').addEventListener('click', () => { store.set({ sample: null }); picker.show(null); pad.clear(); });
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !e.target.closest('input, textarea')) {
      e.preventDefault();
      pad.undo();
    }
  });

  // ---- keys: presenter keys step through the sample digits, whatever has focus (shared/keys.js)
  const help = createKeysHelp();
  $('.pad-panel').append(help.button);
  function stepSample(to) {
    if (!samples) return;
    const n = samples.count;
    const i = ((to % n) + n) % n;
    pickSample(i);
    const label = samples.labels[i];
    say(() => t('student.sampleAnnounce', { label, index: i }));
  }
  bindPresenterKeys({
    next: () => stepSample((store.get().sample ?? -1) + 1),
    prev: () => stepSample((store.get().sample ?? 0) - 1),
    first: () => stepSample(0),
    last: () => stepSample(-1),
    digit: (d) => { if (samples) picker.pickDigit(d); },
    help: () => help.open(),
  });

  // ---- variant
  const variantButtons = [...document.querySelectorAll('[data-variant]')];
  // A variant is shown once its network is loaded (its weights file: usually long done); only
  // the last click counts (an earlier one whose download ends later is dropped).
  let lastClick = 0;
  for (const b of variantButtons) {
    b.addEventListener('click', () => {
      const { variant } = b.dataset;
      const click = ++lastClick;
      model.ready(variant).then(() => {
        if (click === lastClick) store.set({ variant });
      }, (e) => showError(networkLoadError(e)));
    });
  }

  function applyVariant(variant) {
    for (const b of variantButtons) b.setAttribute('aria-pressed', String(b.dataset.variant === variant));
    try {
      maps.setLabels(model.activation(variant), model.pooling(variant));
      filters.setWeights(model.weights(variant));
    } catch (e) {
      showError(e);
    }
    update(store.get().pixels);
  }


  // ---- reacting to state
  let rf = [null, null]; // the receptive-field read-out's unit and highlights
  let unitTimer = 0;
  let unitAt = -Infinity;
  function renderUnitMathNow() {
    clearTimeout(unitTimer);
    unitTimer = 0;
    unitAt = performance.now();
    renderUnitMath(store.get());
  }
  function renderUnitMathSoon() {
    if (unitTimer) return;
    const wait = unitAt + UNIT_MATH_EVERY_MS - performance.now();
    if (wait <= 0) renderUnitMathNow();
    else unitTimer = setTimeout(renderUnitMathNow, wait);
  }

  function renderUnitMath(s) {
    if (!unitVisible) return;
    if (!s.selected || !s.result) { unitPanel.render(null); return; }
    try {
      const u = s.selected;
      const m = model.net(s.variant).explainUnit(s.pixels ?? model.blank, u.layer, u.c, u.y, u.x);
      unitPanel.render(forWidget(m, u, s.result));
    } catch (e) {
      unitPanel.error(errorText(e)());
    }
  }

  store.subscribe((s, changed) => {
    if (changed.has('variant')) applyVariant(s.variant);
    if (changed.has('result')) {
      maps.render(s.result);
      preview.setPixels(s.pixels);
    }
    if (changed.has('probe') || changed.has('selected')) {
      const unit = s.probe ?? s.selected;
      let hl = null;
      try {
        hl = unit ? highlights(core, model.specs, unit) : null;
      } catch (e) {
        showError(e);
      }
      maps.highlight(hl, s.selected);
      preview.highlight(hl);
      rf = [unit, hl];
      rfInfo.render(unit, hl);
    }
    if (changed.has('selected')) filters.select(s.selected);
    if (changed.has('selected') || changed.has('variant')) renderUnitMathNow();
    else if (changed.has('result') && unitVisible) renderUnitMathSoon();
  });

  // ---- start: show what the store already holds (www/student.js may have shown a sample)
  const first = store.get();
  for (const b of variantButtons) b.setAttribute('aria-pressed', String(b.dataset.variant === first.variant));
  maps.setLabels(model.activation(first.variant), model.pooling(first.variant));
  maps.highlight(null, first.selected);
  if (samples) picker.setSamples(samples);
  if (first.sample !== null) {
    picker.show(first.sample);
    pad.setSample(samples.bytes(first.sample));
    maps.render(first.result);
    preview.setPixels(first.pixels);
    renderUnitMathNow();
  } else if (hash.sample !== null) {
    pickSample(hash.sample); // out of range: shows the error
  } else {
    update(null);
  }
  statusEl.hidden = true;

  // ---- language switch: every text again, from the same state (static HTML: i18n.js did it)
  onLangChange(() => {
    maps.relabel();
    filters.relabel();
    rfInfo.render(...rf);
    renderLegend($('[data-testid="legend"]'));
    picker.relabel();
    help.relabel();
    unitSide.relabel();
    if (lastSaid) unitLive.textContent = lastSaid();
    renderUnitMathNow();
  });
  setTimeout(() => {
    try {
      filters.setWeights(model.weights(store.get().variant));
      filters.select(store.get().selected);
    } catch (e) {
      showError(e);
    }
    // The other network (the comparison bars): its weights file is downloaded now.
    model.ready(otherVariant(store.get().variant)).then(() => {
      update(store.get().pixels);
    }).catch((e) => showError(networkLoadError(e)));
  }, 0);
}
