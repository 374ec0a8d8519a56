// The settings form: the page-wide controls (mode tabs, large text, copy link, speed) and the
// loop over the groups of controls — the input fieldset (modes that read the input grid) and
// each mode's own fieldset (modes/*: `controls`), each with its markup, wiring and sync.
// Control events become settings changes through `actions.update`, which also records browser
// history; out-of-range typing is explained inline (actions.controlError), never silently
// dropped. Syncing writes only the current mode's controls.
//
// `actions`: {state() → settings, update(mutate, {key, resetStep}), controlError(msg),
// kernelError(msg), trError(msg), upload(file), inputChannels() → number, perAxis() → bool,
// setPerAxis(on), resync(), setMode(id), setLarge(on), copyLink(), setSentence(text)}.

import { $ } from '../../shared/dom.js';
import { t, translateDom } from '../../shared/i18n.js';
import { short as fmt } from '../../shared/format.js';
import { put } from './form.js';
import { inputControls } from './input-controls.js';
import { MODES, modeOf } from './modes/index.js';

/** Writes every group's fieldset into the settings form and wires its controls, once. */
export function initControls(actions) {
  document.querySelectorAll('.modes [data-mode]').forEach((b) => b.addEventListener('click', () => actions.setMode(b.dataset.mode)));
  // Each mode's own controls come first (on a projector they must be on screen with the grids),
  // then the input the convolution and pooling read.
  const groups = [...MODES.map((m) => m.controls), inputControls];
  // Each group's fieldset is constant markup of its module (no URL or user text in it).
  $('#controls').insertAdjacentHTML('beforeend', groups.map((g) => g.markup).join(''));
  translateDom($('#controls')); // the markup's data-i18n texts, in the page's language
  for (const g of groups) g.init(actions);
  $('#large-text').addEventListener('change', (e) => actions.setLarge(e.target.checked));
  $('#copy-link').addEventListener('click', () => actions.copyLink());
}

/**
 * Writes the settings into the current mode's controls, skipping the one being typed in
 * unless `info.force` (a history restore).
 */
export function syncControls(s, info) {
  const mode = modeOf(s.mode);
  document.querySelectorAll('.modes [data-mode]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mode === s.mode)));
  document.querySelectorAll('[data-modes]').forEach((el) => { el.hidden = !el.dataset.modes.split(' ').includes(s.mode); });
  document.title = t('playground.docTitle', { mode: t(mode.label) });
  $('#pg').dataset.mode = s.mode; // the layout differs per mode (playground.css)
  if (mode.usesInput) inputControls.sync(s, info);
  mode.controls.sync(s, info);
  put($('#speed'), s.speed, info.force);
  $('#speed-label').textContent = t('playground.speedValue', { count: s.speed, speed: fmt(s.speed) });
}

/** Re-words what the groups of controls fill in from code (menus' options), after a language switch. */
export function relabelControls() {
  for (const g of [...MODES.map((m) => m.controls), inputControls]) g.relabel?.();
}
