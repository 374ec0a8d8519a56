// The test-time augmentation panel: the switch, K, the rule and the ranges, and the strip of
// the K copies the network saw, each with its own top digit and confidence. It receives the
// settings and the core's TTA result (state/tta.js) and reports the user's changes; it
// computes nothing. Redrawn every frame while the student draws: each copy is one 28×28
// ImageData put into its own small canvas (scaled by CSS), texts are written only when they
// change.
import { fmt } from '../../../shared/format.js';
import { setText } from '../../../shared/dom.js';
import { paintValues } from '../../../shared/colors.js';
import { t } from '../../../shared/i18n.js';
import { TTA_LIMITS } from '../state/tta.js';

const INK = { kind: 'sequential', lo: 0, hi: 1 };
const pct = (v) => `${fmt(100 * v, v >= 0.995 || v < 0.1 ? 0 : 1)} %`;
/** Under a thumbnail (about 3 rem wide): whole percent, no space; the copy's label says it in full. */
const shortPct = (v) => `${fmt(100 * v, 0)}%`;

/** Argmax (ties: the lower digit). Display only: the core's `digit` is the combined one. */
function top(p, from, n) {
  let best = 0;
  for (let i = 1; i < n; i++) if (p[from + i] > p[from + best]) best = i;
  return best;
}

/** The form's number inputs: setting → how a value is shown in it and read back (scale in %). */
const FIELDS = {
  k: { show: (v) => v, read: (v) => v },
  shift: { show: (v) => v, read: (v) => v },
  rotation: { show: (v) => v, read: (v) => v },
  scale: { show: (v) => Math.round(v * 1000) / 10, read: (v) => Math.round(v * 10) / 1000 },
};

/** Sentences naming a setting in an error (literal keys; tests/unit/i18n_catalogs.test.mjs). */
const SETTING_NAMES = { k: 'student.ttaK', shift: 'student.ttaShift', rotation: 'student.ttaRotation', scale: 'student.ttaScale', rule: 'student.ttaRule', seed: 'student.ttaRule' };

/**
 * @param {HTMLElement} root the .tta-panel section of index.html
 * @param {{onChange: (settings: object) => void}} o called with the whole new settings object
 *   when the switch or a control changes (the caller checks them with the core)
 */
export function createTtaPanel(root, { onChange }) {
  const toggle = root.querySelector('[data-testid="tta-toggle"]');
  const body = root.querySelector('.tta-body');
  const strip = root.querySelector('[data-testid="tta-strip"]');
  const errorEl = root.querySelector('[data-testid="tta-error"]');
  const inputs = Object.fromEntries(Object.keys(FIELDS).map((k) => [k, root.querySelector(`[data-tta="${k}"]`)]));
  const ruleSelect = root.querySelector('[data-tta="rule"]');
  for (const [k, input] of Object.entries(inputs)) {
    const [min, max, step] = TTA_LIMITS[k];
    input.min = String(FIELDS[k].show(min));
    input.max = String(FIELDS[k].show(max));
    input.step = String(FIELDS[k].show(step));
  }

  let settings = null;
  let shown = null; // the last result drawn
  let error = null; // () => string, or null
  /** One strip cell per copy: {li, ctx, img, digit, conf}. */
  const cells = [];

  function read() {
    const s = { ...settings, on: toggle.checked, rule: ruleSelect.value };
    for (const [k, input] of Object.entries(inputs)) {
      s[k] = input.value.trim() === '' ? NaN : FIELDS[k].read(Number(input.value));
    }
    return s;
  }
  toggle.addEventListener('change', () => onChange(read()));
  ruleSelect.addEventListener('change', () => onChange(read()));
  for (const input of Object.values(inputs)) input.addEventListener('change', () => onChange(read()));

  function cell(i) {
    while (cells.length <= i) {
      const li = document.createElement('li');
      li.dataset.testid = 'tta-copy';
      const canvas = document.createElement('canvas');
      canvas.width = 28;
      canvas.height = 28;
      canvas.setAttribute('aria-hidden', 'true');
      const digit = document.createElement('span');
      digit.className = 'tta-digit';
      const conf = document.createElement('span');
      conf.className = 'tta-conf mono';
      li.append(canvas, digit, conf);
      cells.push({ li, ctx: canvas.getContext('2d'), img: new ImageData(28, 28), digit, conf, label: null });
    }
    return cells[i];
  }

  /** The copy's spoken label: which copy, what the network reads in it and how sure it is. */
  const copyLabel = (i, d, p) => (i === 0
    ? t('student.ttaCopyOriginal', { digit: d, pct: pct(p) })
    : t('student.ttaCopy', { index: i + 1, digit: d, pct: pct(p) }));

  function drawStrip(r) {
    const k = r ? r.k : 0;
    // The chosen copy under the max rule: the one whose probabilities are the combined ones.
    let chosen = -1;
    for (let i = 0; i < k; i++) {
      const c = cell(i);
      if (!c.li.isConnected) strip.append(c.li);
      for (let y = 0; y < 28; y++) paintValues(c.img.data, 4 * 28 * y, r.copies, i * 784 + 28 * y, 28, INK);
      c.ctx.putImageData(c.img, 0, 0);
      const d = top(r.probabilities, 10 * i, 10);
      const p = r.probabilities[10 * i + d];
      setText(c.digit, String(d));
      setText(c.conf, shortPct(p));
      const label = copyLabel(i, d, p);
      if (c.label !== label) { c.label = label; c.li.setAttribute('aria-label', label); }
      if (chosen < 0 && r.rule === 'max' && r.probabilities[10 * i + d] === r.combined[r.digit]) chosen = i;
    }
    for (let i = 0; i < cells.length; i++) {
      if (i >= k && cells[i].li.isConnected) cells[i].li.remove();
      const on = i === chosen;
      if (cells[i].li.classList.contains('chosen') !== on) cells[i].li.classList.toggle('chosen', on);
    }
  }

  return {
    /** The settings the controls show (after a load from the URL or a refused change). */
    setSettings(s) {
      settings = { ...s };
      toggle.checked = s.on;
      body.hidden = !s.on;
      root.classList.toggle('on', s.on);
      ruleSelect.value = s.rule;
      for (const [k, input] of Object.entries(inputs)) {
        const v = FIELDS[k].show(s[k]);
        if (Number(input.value) !== v || input.value === '') input.value = Number.isFinite(v) ? String(v) : '';
        input.removeAttribute('aria-invalid');
      }
    },
    /** A refused setting: the sentence (a function, for a language switch) and the setting. */
    showError(text, param) {
      error = text;
      setText(errorEl, text ? text() : '');
      if (param && inputs[param]) inputs[param].setAttribute('aria-invalid', 'true');
    },
    /** The TTA result to show (null: off or nothing drawn). */
    render(r) {
      shown = r;
      drawStrip(r);
    },
    /** Texts again in the page's language (static ones: i18n.js). */
    relabel() {
      if (error) setText(errorEl, error());
      for (const c of cells) c.label = null;
      drawStrip(shown);
    },
    settingName: (param) => t(SETTING_NAMES[param] ?? 'student.ttaRule'),
  };
}
