// The settings form: one field per knob (settings.js KNOBS), grouped, labelled in the page's
// language. It shows the values it is given and reports edits through `onChange(key, value)`;
// the page decides what an edit does.
import { el } from '../../shared/dom.js';
import { formatNumber, t } from '../../shared/i18n.js';
import { GROUPS, KNOBS } from './settings.js';

const GROUP_KEYS = { model: 'train.groupModel', optim: 'train.groupOptim', data: 'train.groupData', aug: 'train.groupAug', callbacks: 'train.groupCallbacks' };
/** Option labels of the choice knobs whose options are words. */
const OPTION_KEYS = {
  v: { classic: 'train.variantClassic', modern: 'train.variantModern' },
  opt: { sgd: 'train.optSgd', momentum: 'train.optMomentum', adam: 'train.optAdam' },
  sched: { constant: 'train.schedConstant', step: 'train.schedStep', cosine: 'train.schedCosine' },
};

function optionLabel(k, o) {
  if (OPTION_KEYS[k.key]) return t(OPTION_KEYS[k.key][o]);
  if (k.key === 'l2') return o === 0 ? t('train.l2None') : String(o);
  return formatNumber(o);
}

function field(k, value, onChange) {
  const id = `knob-${k.key}`;
  const attrs = { id, name: k.key, 'data-testid': id };
  let input;
  if (k.kind === 'toggle') {
    input = el('input', { ...attrs, type: 'checkbox' });
    input.checked = Boolean(value);
    input.addEventListener('change', () => onChange(k.key, input.checked));
    return el('label', { class: 'check tr-field' }, input, ' ', t(k.label));
  }
  if (k.kind === 'choice') {
    input = el('select', attrs, ...k.options.map((o) => el('option', { value: String(o) }, optionLabel(k, o))));
    if (value !== undefined) input.value = String(value);
    input.addEventListener('change', () => onChange(k.key, k.options.find((o) => String(o) === input.value)));
  } else {
    input = el('input', { ...attrs, type: 'number', min: k.min, max: k.max, step: k.step, inputmode: 'decimal' });
    if (value !== undefined) input.value = String(value);
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (input.value === '' || !Number.isFinite(v) || v < k.min || v > k.max) { input.setAttribute('aria-invalid', 'true'); return; }
      input.removeAttribute('aria-invalid');
      onChange(k.key, k.step === 1 ? Math.round(v) : v);
    });
  }
  return el('div', { class: 'tr-field' }, el('label', { for: id }, t(k.label)), input);
}

/**
 * Renders the form into `root` for `values` (by hash key; a missing value leaves its field
 * blank, as in the form shown, disabled, while the trainer loads); disabled while `disabled`.
 */
export function renderControls(root, values, onChange, { disabled = false } = {}) {
  root.replaceChildren(...GROUPS.map((g) => el('fieldset', { class: `tr-group tr-group-${g}` },
    el('legend', null, t(GROUP_KEYS[g])),
    ...KNOBS.filter((k) => k.group === g).map((k) => field(k, values[k.key], onChange)))));
  for (const input of root.querySelectorAll('input, select')) input.disabled = disabled;
}

/** Updates the fields to `values` without rebuilding (the focused one is left alone). */
export function syncControls(root, values, { disabled = false } = {}) {
  for (const k of KNOBS) {
    const input = root.querySelector(`#knob-${k.key}`);
    if (!input) continue;
    input.disabled = disabled;
    if (input === document.activeElement) continue;
    if (k.kind === 'toggle') input.checked = Boolean(values[k.key]);
    else input.value = String(values[k.key]);
  }
}
