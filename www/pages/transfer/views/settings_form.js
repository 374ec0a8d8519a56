// The training settings form (steps, learning rates, which layers fine-tuning unfreezes, seed):
// one field per knob of settings.js FORM_KNOBS, labelled in the page's language. It shows the
// values it is given and reports a valid edit through `onChange(key, value)`.
import { el } from '../../../shared/dom.js';
import { t } from '../../../shared/i18n.js';
import { FORM_KNOBS } from '../settings.js';

function choice(k, value, onChange) {
  const id = `knob-${k.key}`;
  const select = el('select', { id, name: k.key, 'data-testid': id }, ...k.options.map((o) => el('option', { value: String(o) }, String(o))));
  if (value !== undefined && value !== null) select.value = String(value);
  select.addEventListener('change', () => onChange(k.key, k.options.find((o) => String(o) === select.value)));
  return el('div', { class: 'tr-field' }, el('label', { for: id }, t(k.label)), select);
}

function field(k, value, onChange) {
  if (k.kind === 'choice') return choice(k, value, onChange);
  const id = `knob-${k.key}`;
  const input = el('input', { id, name: k.key, 'data-testid': id, type: 'number', min: k.min, max: k.max, step: k.step, inputmode: 'decimal' });
  if (value !== undefined && value !== null) input.value = String(value);
  input.addEventListener('change', () => {
    const v = Number(input.value);
    const bad = input.value === '' || !Number.isFinite(v) || v < k.min || v > k.max;
    if (bad) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    if (!bad) onChange(k.key, k.step === 1 ? Math.round(v) : v);
  });
  return el('div', { class: 'tr-field' }, el('label', { for: id }, t(k.label)), input);
}

/** Renders the fields into `root` for `values` (blank while they are unknown); disabled while `disabled`. */
export function renderSettings(root, values, onChange, { disabled = false } = {}) {
  root.replaceChildren(...FORM_KNOBS.map((k) => field(k, values[k.key], onChange)));
  for (const input of root.querySelectorAll('input, select')) input.disabled = disabled;
}
