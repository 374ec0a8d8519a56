// Test-time augmentation (TTA) settings of the student page: their defaults, the form limits,
// how they sit in the URL hash (#tta&ttaK=12&ttaRule=max…, beside #sample and #variant) and
// the call into the wasm core (net.predictTta, src/lenet/tta.rs), which makes the copies,
// runs the network on them and checks every option. Nothing is augmented here.
import { parseHash, serializeHash } from '../../../shared/hash.js';

/** Off, K = 8 copies, the mean rule and the core's default ranges (README, "Test-time augmentation"). */
export const TTA_DEFAULTS = Object.freeze({ on: false, k: 8, rule: 'mean', shift: 1, rotation: 10, scale: 0.1 });

/**
 * The form's [min, max, step] per number setting: the core's limits (MAX_COPIES, MAX_SHIFT,
 * MAX_ROTATION, MAX_SCALE of src/lenet/tta.rs); the core checks again and names what is wrong.
 */
export const TTA_LIMITS = Object.freeze({ k: [1, 32, 1], shift: [0, 6, 0.5], rotation: [0, 45, 1], scale: [0, 0.5, 0.05] });

/** The rules the core knows. */
export const TTA_RULES = ['mean', 'max'];

/** The settings' keys in the URL hash. */
const HASH_KEYS = { on: 'tta', k: 'ttaK', rule: 'ttaRule', shift: 'ttaShift', rotation: 'ttaRotation', scale: 'ttaScale' };

/**
 * The settings in hash `values` (parseHash's Map); absent keys take the defaults. Numbers are
 * read as written (`ttaK=abc` gives NaN): the core refuses what is wrong, with a named error.
 */
export function ttaFromHash(values) {
  const s = { ...TTA_DEFAULTS };
  const on = values.get(HASH_KEYS.on);
  if (on !== undefined) s.on = on !== '0' && on !== 'off';
  for (const key of ['k', 'shift', 'rotation', 'scale']) {
    const v = values.get(HASH_KEYS[key]);
    if (v !== undefined) s[key] = v.trim() === '' ? NaN : Number(v);
  }
  const rule = values.get(HASH_KEYS.rule);
  if (rule !== undefined) s.rule = rule;
  return s;
}

/**
 * `values` (a Map of hash items) with the TTA items of `settings` written in: `tta` when on,
 * the others only where they differ from the defaults; the other items are kept.
 */
export function ttaIntoHash(values, settings) {
  const out = new Map([...values].filter(([k]) => !Object.values(HASH_KEYS).includes(k)));
  if (settings.on) out.set(HASH_KEYS.on, '');
  for (const key of ['k', 'rule', 'shift', 'rotation', 'scale']) {
    if (settings[key] !== TTA_DEFAULTS[key]) out.set(HASH_KEYS[key], String(settings[key]));
  }
  return out;
}

/** Writes `settings` into the page's URL hash (replacing the history entry; no scroll, no event). */
export function saveTtaToUrl(settings) {
  const hash = serializeHash(ttaIntoHash(parseHash(location.hash).values, settings));
  const url = new URL(location.href);
  url.hash = hash;
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}

/**
 * Runs TTA on `pixels` with `net` (a LeNet5). Seed 0 always: the same drawing gives the same
 * copies on every frame, so the strip changes only where the drawing does.
 * @returns {{copies: Float32Array, probabilities: Float32Array, combined: Float32Array, digit: number, rule: string, k: number}}
 */
export function runTta(net, pixels, settings) {
  const { k, shift, rotation, scale, rule } = settings;
  const r = net.predictTta(pixels, { k, shift, rotation, scale, rule, seed: 0 });
  return { copies: r.copies, probabilities: r.probabilities, combined: r.combined, digit: r.digit, rule: r.rule, k };
}

/** Whether error `e` is the core refusing one of the TTA settings (its `param` names it). */
export function isTtaSettingError(e) {
  return e?.op === 'predictTta' && ['k', 'shift', 'rotation', 'scale', 'rule', 'seed'].includes(e.param);
}
