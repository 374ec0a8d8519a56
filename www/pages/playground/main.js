// The instructor view ("Convolution playground"): one store for everything the page shows,
// browser history for the settings, the step animator, and one render loop over the modes
// (modes/index.js). Computation happens in the wasm core (compute.js); the modes decide what
// each panel shows; this module decides when to repaint — a hover or cursor move repaints only
// the panels that draw it (panels.js signatures) and the readout, never the controls.

import { $ } from '../../shared/dom.js';
import { createStore } from '../../shared/store.js';
import { renderHeader } from '../../shared/header.js';
import { renderFooter } from '../../shared/footer.js';
import { initI18n, onLangChange, t, lang } from '../../shared/i18n.js';
import { msg, say, msgId } from './say.js';
import { memo } from './compute.js';
import { cloneState } from './settings.js';
import { parseHash, serialize } from './url.js';
import { createHistory } from './history.js';
import { baseInput, applyEdits } from './inputs.js';
import { initControls, syncControls, relabelControls } from './controls.js';
import { createAnimator, installPlayKey } from './animation.js';
import { bindPresenterKeys } from '../../shared/keys.js';
import { createKeysHelp } from './keys-help.js';
import { SCENARIO_ORDER, applyScenario } from './modes/conv-controls.js';
import { buildPanels, relabelPanels, paintPanels, canvasOf } from './panels.js';
import { installInteraction } from './interaction.js';
import { exportPlan } from './export.js';
import { createUploads, watchDrawing, initLargeText, copyLink, sentenceSetter } from './page-tools.js';
import { MODES, modeOf } from './modes/index.js';
import { setupEmbed } from './embed-view.js';

/** Store keys whose change repaints only panels that draw them, and the readout. */
const POINTER_KEYS = new Set(['hover', 'cursor', 'focused']);

function createPlayground() {
  const store = createStore({
    settings: null,        // what the link carries (settings.js, url.js)
    hover: null,           // {panel, map, y, x}
    cursor: null,          // keyboard cell cursor {panel, map, y, x}
    focused: null,         // which editable canvas has focus
    notices: [],           // what parseHash adjusted (messages, say.js)
    controlError: '',      // messages (say.js) or ''
    kernelError: '',
    trError: '',
    perAxis: false,
    upload: null,          // {tensor, version} of the decoded image
    drawingVersion: 0,
    playing: false,
    textScale: 1,          // the "large text" toggle (panels.js reads grid.js getTextScale)
    ready: false,
  });
  const painted = new Map();
  let forceSync = false;    // next controls sync overwrites even the focused control
  let stepFromUrl = true;   // a step past the end came from the link: say so
  let shown = { mode: null, model: null };

  const settings = () => store.get().settings;

  const hist = createHistory((hash) => { anim.pause(); applyHash(hash); });

  function applyHash(hash) {
    const { state: s, notices } = parseHash(hash);
    forceSync = true;
    stepFromUrl = true;
    store.set({
      settings: s, notices, hover: null, controlError: '', kernelError: '', trError: '',
      perAxis: s.stride[0] !== s.stride[1] || s.padding[0] !== s.padding[1] || s.dilation[0] !== s.dilation[1],
    });
  }

  /**
   * Applies `mutate` to a copy of the settings (it may return a patch of the rest of the
   * store), records it in the URL (coalescing repeated changes of one control) and renders.
   */
  function update(mutate, { key = null, resetStep = false, replace = false } = {}) {
    const next = cloneState(settings());
    const patch = mutate(next) ?? {};
    if (resetStep) next.step = 0;
    next.filter = Math.min(next.filter, next.filters.length - 1);
    hist.commit(next, { key, replace });
    store.set({ ...patch, settings: next, hover: null });
  }

  // ---- models (memoised)
  const inputMemo = memo((s, upload) => {
    const b = baseInput(s.input, upload?.tensor);
    return { ...b, tensor: applyEdits(b.tensor, s.input.edits) };
  });
  const inputKey = (s, ui) => JSON.stringify([lang(), s.input.kind, s.input.size, s.input.seed, s.input.color, [...s.input.edits], ui.upload?.version, ui.drawingVersion]);
  const currentInput = () => { const ui = store.get(); return inputMemo(inputKey(ui.settings, ui), ui.settings, ui.upload); };
  const models = new Map(MODES.map((m) => [m.id, memo((s, env) => m.model(s, env))]));

  function modelOf(mode, s, ui) {
    const env = mode.usesInput ? { input: currentInput(), inputVersion: inputKey(s, ui) } : {};
    return models.get(mode.id)(mode.key(s, env), s, env);
  }

  // ---- render
  function render(changed) {
    const ui = store.get();
    if (!ui.ready) return;
    const s = ui.settings;
    const mode = modeOf(s.mode);
    const m = modelOf(mode, s, ui);
    shown = { mode, model: m };
    const count = mode.steps(m);
    if (count > 0 && s.step > count - 1) {
      const next = { ...s, step: count - 1 };
      const notices = stepFromUrl ? [...ui.notices, msg('playground.noticeStepPast', { step: String(s.step), last: String(count - 1) })] : ui.notices;
      hist.commit(next, { replace: true });
      store.set({ settings: next, notices });
      return;
    }
    stepFromUrl = false;
    syncStepKeys();
    const pointerOnly = [...changed].every((k) => POINTER_KEYS.has(k));
    if (!pointerOnly) renderSettings(ui, mode, m, count);
    paintPanels(mode, s, ui, m, painted);
    $('#readout').textContent = (ui.hover && mode.readout(ui.hover, s, m)) || t('playground.readoutHint');
    for (const [id, text] of Object.entries(mode.texts?.(painted) ?? {})) $(`#${id}`).textContent = text;
  }

  function renderSettings(ui, mode, m, count) {
    const s = ui.settings;
    if (mode.usesInput) uploads.refresh(s);
    syncControls(s, {
      inputMessage: mode.usesInput ? currentInput().message : '',
      channels: m.C ?? 1, // input channels (the per-channel kernel checkbox)
      kernelError: ui.kernelError,
      trError: ui.trError,
      perAxis: ui.perAxis,
      force: forceSync,
      selectFilter: (i) => update((st) => { st.filter = i; }),
    });
    forceSync = false;
    $('#notice-list').replaceChildren(...ui.notices.map((n) => {
      const li = document.createElement('li');
      li.textContent = say(n); // URL text is only ever shown as text
      return li;
    }));
    $('#notices').hidden = ui.notices.length === 0;
    const errors = [ui.controlError, ...(m.errors ?? [])].filter(Boolean);
    const unique = errors.filter((e, i) => errors.findIndex((o) => msgId(o) === msgId(e)) === i);
    $('#error').textContent = unique.map(say).join('\n');
    // The same explanation next to the settings that caused it (visible on phones too).
    const reasons = (m.errors ?? []).map(say).join('\n');
    document.querySelectorAll('[data-reason]').forEach((el) => { el.textContent = reasons; });
    markInvalid(mode, m);
    mode.sizes(s, m);
    renderPlayer(s, mode, m, count, ui.playing);
  }

  /** Marks the controls of the parameters the core named in its errors (err.param). */
  function markInvalid(mode, m) {
    const ids = new Set((m.params ?? []).flatMap((p) => mode.paramControls?.[p] ?? []));
    for (const el of document.querySelectorAll('#controls [aria-invalid]')) if (!ids.has(el.id)) el.removeAttribute('aria-invalid');
    for (const id of ids) $(`#${id}`).setAttribute('aria-invalid', 'true');
  }

  function renderPlayer(s, mode, m, count, playing) {
    const scrub = $('#scrub');
    scrub.max = String(Math.max(0, count - 1));
    scrub.disabled = count < 2;
    if (document.activeElement !== scrub || scrub.value !== String(s.step)) scrub.value = String(s.step);
    for (const id of ['play', 'step-back', 'step-forward', 'step-first']) $(`#${id}`).disabled = count < 2;
    $('#play').textContent = playing ? t('playground.pauseButton') : t('playground.playButton');
    $('#play').setAttribute('aria-label', playing ? t('playground.pauseLabel') : t('playground.playLabel'));
    $('#step-label').textContent = count > 0 ? mode.stepLabel(s, m, count) : t('playground.noSteps');
  }

  // ---- animation
  const anim = createAnimator({
    count: () => (shown.model ? shown.mode.steps(shown.model) : 0),
    get: () => settings().step,
    set: (i, how) => {
      const next = { ...settings(), step: i };
      if (how !== 'play') hist.commit(next, { replace: true });
      store.set({ settings: next, hover: null });
    },
    speed: () => settings().speed,
    onPlayingChange: (playing) => {
      if (!playing) hist.commit(settings(), { replace: true });
      store.set({ playing });
    },
  });

  function initPlayer() {
    $('#play').addEventListener('click', () => anim.toggle());
    $('#step-back').addEventListener('click', () => anim.step(-1));
    $('#step-forward').addEventListener('click', () => anim.step(1));
    $('#step-first').addEventListener('click', () => { anim.pause(); anim.seek(0); });
    $('#scrub').addEventListener('input', (e) => { anim.pause(); anim.seek(Number(e.target.value)); });
    $('#speed').addEventListener('input', (e) => update((s) => { s.speed = Number(e.target.value); }, { key: 'speed' }));
    installPlayKey(document, { toggle: () => anim.toggle(), enabled: () => shown.mode?.player !== false });
  }

  // ---- presenter keys (shared/keys.js): they work whatever has focus, except text boxes,
  // menus, sliders and the grids' cell cursors. Stepping keys exist only in modes with steps
  // (elsewhere PageDown scrolls, as usual).
  let stepKeys = null;
  let help = null;
  const hasPlayer = () => Boolean(shown.mode) && shown.mode.player !== false;
  function initKeys() {
    const examples = () => [...document.querySelectorAll('#scenario option')].filter((o) => o.value).map((o) => o.textContent);
    help = createKeysHelp(document.body, examples);
    $('#keys-button').addEventListener('click', () => help.open());
    bindPresenterKeys({
      digit: (n) => {
        const id = SCENARIO_ORDER[n - 1];
        if (!id || !store.get().ready) return;
        anim.pause();
        applyScenario(update, id);
      },
      help: () => help.open(),
    });
  }
  function syncStepKeys() {
    if (hasPlayer() === Boolean(stepKeys)) return;
    if (stepKeys) { stepKeys(); stepKeys = null; return; }
    stepKeys = bindPresenterKeys({
      next: () => anim.step(1),
      prev: () => anim.step(-1),
      first: () => { anim.pause(); anim.seek(0); },
      last: () => { anim.pause(); anim.seek(anim.count() - 1); },
    });
  }

  function initExport() {
    document.querySelectorAll('button[data-export]').forEach((b) => b.addEventListener('click', () => {
      const { mode, model } = shown;
      const panel = mode.panels.find((p) => p.id === b.dataset.export);
      const width = Math.max(160, (canvasOf(panel.id)?.parentElement ?? b.closest('figure')).clientWidth - 2);
      const plan = panel.plan(settings(), store.get(), model, Math.max(width, 480));
      exportPlan(plan, t(panel.exportTitle), `convscope-${mode.id}-${panel.id}.png`);
    }));
  }

  const uploads = createUploads({ store, update });

  let backend = '…';
  /** The page's own texts outside the modes' controls: tabs, keys button, footer. */
  function relabel() {
    for (const b of document.querySelectorAll('.modes [data-mode]')) b.textContent = t(modeOf(b.dataset.mode).label);
    $('#keys-button').textContent = t('playground.keysButton');
    $('#keys-button').setAttribute('aria-label', t('playground.keysButtonLabel'));
    $('#footer').textContent = t('playground.footer', { backend });
    relabelPanels(MODES);
  }

  /** Ends the loading state (CSS keeps the page invisible, its space reserved, until then). */
  function reveal(state) {
    $('#loading').hidden = true;
    $('#pg').dataset.state = state;
  }

  async function start() {
    await initI18n(['playground', 'explain']);
    renderHeader();
    setupEmbed(); // ?embed=1: the grids alone in a course page's frame (embed-view.js)
    renderFooter();
    const tabs = document.querySelector('.modes');
    tabs.replaceChildren(...MODES.map((m) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.mode = m.id;
      b.dataset.testid = `mode-${m.id}`;
      return b;
    }));
    buildPanels($('#stage'), MODES, $('#readout'), { hover: (h) => store.set({ hover: h }) });
    relabel();
    store.subscribe((ui, changed) => render(changed));
    applyHash(location.hash);
    if (`#${serialize(settings())}` !== location.hash) history.replaceState(null, '', `#${serialize(settings())}`);
    hist.markApplied();
    initControls({
      state: settings,
      update,
      controlError: (msg) => store.set({ controlError: msg }),
      kernelError: (msg) => store.set({ kernelError: msg }),
      trError: (msg) => store.set({ trError: msg }),
      upload: uploads.upload,
      inputChannels: () => currentInput().tensor.shape[0],
      perAxis: () => store.get().perAxis,
      setPerAxis: (on) => store.set({ perAxis: on }),
      resync: () => { store.set({ controlError: '' }); render(new Set(['settings'])); },
      setMode: (id) => { anim.pause(); update((s) => { s.mode = id; }, { resetStep: true }); },
      setLarge: initLargeText(store),
      copyLink,
      setSentence: sentenceSetter(store, update),
    });
    initPlayer();
    initKeys();
    relabelControls();
    onLangChange(() => {
      relabel();
      relabelControls();
      help.relabel();
      render(new Set(['lang']));
    });
    installInteraction({ store, painted, modes: MODES, current: () => shown, update, pause: () => anim.pause(), seek: (i) => anim.seek(i) });
    initExport();
    $('#dismiss-notices').addEventListener('click', () => store.set({ notices: [] }));
    watchDrawing(store);

    try {
      // Imported dynamically so that a missing or broken pkg/ is reported on the page.
      const { loadCore } = await import('../../shared/core.js');
      const { setCore } = await import('./compute.js');
      const core = await loadCore();
      setCore(core);
      backend = core.backendName();
      relabel();
    } catch (e) {
      reveal('failed');
      const why = e instanceof Error ? e.message : String(e);
      const say0 = () => { $('#error').textContent = t('playground.coreFailed', { why }); };
      say0();
      onLangChange(say0);
      return;
    }
    store.set({ ready: true });
    // The page is shown once its first paint is in place (two frames: the resize observer's
    // repaint included), so nothing the core fills in moves what is already on screen.
    requestAnimationFrame(() => requestAnimationFrame(() => reveal('ready')));
    let pending = false;
    const resized = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; render(new Set(['size'])); });
    };
    new ResizeObserver(resized).observe($('#stage'));
    window.addEventListener('resize', resized); // a shorter screen gives the grids less height
  }

  return { start };
}

createPlayground().start();
import('../../shared/sw-register.js').then((m) => m.registerServiceWorker(), () => {}); // offline copy (sw.js)
