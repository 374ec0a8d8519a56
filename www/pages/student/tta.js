// Test-time augmentation on the student page: the settings (from the URL hash, written back on
// every accepted change), the panel (views/tta_panel.js), and the run on each new drawing
// (state/tta.js → net.predictTta). A change the core refuses is named next to the controls and
// changes nothing; the combined probabilities become the page's prediction (main.js shows
// `tta.combined` when the store holds a TTA result).
import { $ } from '../../shared/dom.js';
import { parseHash } from '../../shared/hash.js';
import { onLangChange, t } from '../../shared/i18n.js';
import { TTA_DEFAULTS, TTA_LIMITS, isTtaSettingError, runTta, saveTtaToUrl, ttaFromHash } from './state/tta.js';
import { createTtaPanel } from './views/tta_panel.js';

/** The sentence for a refused setting (literal keys). */
const BAD = { k: 'student.ttaBadK', rule: 'student.ttaBadRule', seed: 'student.ttaBadRule' };

/**
 * @param {{model: object, store: object, showError: (e: Error) => void, recompute: () => void}} page
 *   recompute: runs the network again on the current drawing (views.js update)
 * @returns {{run: (variant: string, pixels: Float32Array|null) => object|null}}
 */
export function mountTta({ model, store, showError, recompute }) {
  const panel = createTtaPanel($('.tta-panel'), { onChange: apply });
  let settings = { ...TTA_DEFAULTS };

  /** Why the core refuses `s` (checked on a blank image), as {text, param}, or null. */
  function refusal(s) {
    if (!s.on) return null;
    try {
      runTta(model.net(store.get().variant), model.blank, s);
      return null;
    } catch (e) {
      if (!isTtaSettingError(e)) throw e;
      const [min, max] = TTA_LIMITS[e.param] ?? [0, 0];
      const shown = e.param === 'scale' ? (v) => 100 * v : (v) => v;
      const key = BAD[e.param] ?? 'student.ttaBadRange';
      return { param: e.param, text: () => t(key, { setting: panel.settingName(e.param), min: shown(min), max: shown(max) }) };
    }
  }

  function apply(s) {
    let problem;
    try {
      problem = refusal(s);
    } catch (e) {
      showError(e);
      return;
    }
    if (problem) {
      panel.showError(problem.text, problem.param);
      return;
    }
    settings = s;
    panel.setSettings(s);
    panel.showError(null);
    saveTtaToUrl(s);
    recompute();
  }

  // Start: the URL's settings, or the defaults where the core refuses them (said in the panel).
  const fromUrl = ttaFromHash(parseHash(location.hash).values);
  let problem = null;
  try {
    problem = refusal(fromUrl);
  } catch (e) {
    showError(e);
  }
  settings = problem ? { ...TTA_DEFAULTS, on: fromUrl.on } : fromUrl;
  panel.setSettings(settings);
  if (problem) panel.showError(problem.text, null);

  store.subscribe((s, changed) => { if (changed.has('tta')) panel.render(s.tta); });
  onLangChange(() => panel.relabel());

  return {
    /** The TTA result for `pixels` with `variant`'s network, or null (off, or nothing drawn). */
    run(variant, pixels) {
      return settings.on && pixels ? runTta(model.net(variant), pixels, settings) : null;
    },
  };
}
