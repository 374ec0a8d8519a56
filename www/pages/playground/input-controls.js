// The input fieldset (convolution and pooling read the same input): source, size, seed,
// upload and its colour, and undoing hand edits.

import { $ } from '../../shared/dom.js';
import { t } from '../../shared/i18n.js';
import { say } from './say.js';
import { INPUT_KINDS, SIZED_KINDS } from './inputs.js';
import { LIMITS } from './settings.js';
import { option, put, readInt } from './form.js';

export const inputControls = {
  /** The input fieldset (constant markup, inserted once into the settings form). */
  markup: `
  <fieldset class="panel" data-modes="conv pool" id="fs-input">
    <legend data-i18n="playground.inputLegend">Input</legend>
    <label class="field"><span data-i18n="playground.inputSource">Source</span>
      <select id="input-kind" data-testid="input-kind"></select>
    </label>
    <label class="field" id="size-row"><span data-i18n="playground.inputSize">Size (cells per side)</span>
      <input type="number" id="input-size" data-testid="input-size" inputmode="numeric">
    </label>
    <div class="row" id="seed-row">
      <label><span data-i18n="playground.seed">Seed</span> <input type="number" id="input-seed" data-testid="input-seed" min="0" max="999999" inputmode="numeric"></label>
      <button type="button" id="reseed" data-testid="reseed" data-i18n="playground.reseed">New random</button>
    </div>
    <div class="field" id="upload-row">
      <span class="file-pick"><input type="file" id="upload" data-testid="upload" accept="image/*" class="visually-hidden"><label for="upload" data-i18n="playground.imageFile">Choose an image file…</label> <span id="upload-name" class="muted small"></span></span>
      <label><span data-i18n="playground.colour">Colour</span>
        <select id="upload-color" data-testid="upload-color">
          <option value="gray" data-i18n="playground.colourGray">Grayscale (1 channel)</option>
          <option value="rgb" data-i18n="playground.colourRgb">RGB (3 channels)</option>
        </select>
      </label>
    </div>
    <p id="input-message" class="info" data-testid="input-message"></p>
    <p class="hint muted" data-i18n="playground.editHint">Click a cell to type a number (or focus the grid, move with the arrow keys, press Enter).</p>
    <button type="button" id="clear-edits" data-testid="clear-edits" data-i18n="playground.clearEdits">Undo hand edits</button>
  </fieldset>
`,

  /** @param {object} actions see controls.js */
  init(actions) {
    for (const [k, label] of Object.entries(INPUT_KINDS)) $('#input-kind').append(option(k, t(label)));
    const err = actions.controlError;
    const upd = actions.update;
    $('#input-kind').addEventListener('change', (e) => upd((s) => {
      s.input.kind = e.target.value;
      s.input.edits = new Map();
      if (s.input.kind === 'upload') s.input.size = Math.min(LIMITS.uploadSize.max, Math.max(LIMITS.uploadSize.min, s.input.size < 32 ? 64 : s.input.size));
      else s.input.size = Math.min(LIMITS.size.max, s.input.size);
    }, { key: null, resetStep: true }));
    $('#input-size').addEventListener('input', (e) => {
      const kind = actions.state().input.kind;
      const lim = kind === 'upload' ? LIMITS.uploadSize : LIMITS.size;
      const v = readInt(e.target, lim, 'playground.whatSize', err);
      if (v !== null) upd((s) => { s.input.size = v; }, { key: 'size', resetStep: true });
    });
    $('#input-seed').addEventListener('input', (e) => {
      const v = readInt(e.target, LIMITS.seed, 'playground.whatSeed', err);
      if (v !== null) upd((s) => { s.input.seed = v; }, { key: 'seed' });
    });
    $('#reseed').addEventListener('click', () => upd((s) => { s.input.seed = (s.input.seed * 7919 + 17) % (LIMITS.seed.max + 1); s.input.edits = new Map(); }, { key: null }));
    // The browser's own file button speaks the browser's language: the page shows its own label
    // and the chosen file's name instead (the input stays in the tab order, visually hidden).
    $('#upload').addEventListener('change', (e) => { const f = e.target.files?.[0]; this.relabel(); if (f) actions.upload(f); });
    $('#upload-color').addEventListener('change', (e) => upd((s) => { s.input.color = e.target.value; }, { key: null, resetStep: true }));
    $('#clear-edits').addEventListener('click', () => upd((s) => { s.input.edits = new Map(); }, { key: null }));
    for (const id of ['input-size', 'input-seed']) $(`#${id}`).addEventListener('change', () => actions.resync());
  },

  sync(s, info) {
    put($('#input-kind'), s.input.kind, info.force);
    const sized = SIZED_KINDS.has(s.input.kind);
    $('#size-row').hidden = !sized;
    const lim = s.input.kind === 'upload' ? LIMITS.uploadSize : LIMITS.size;
    $('#input-size').min = lim.min;
    $('#input-size').max = lim.max;
    put($('#input-size'), s.input.size, info.force);
    $('#seed-row').hidden = s.input.kind !== 'random';
    put($('#input-seed'), s.input.seed, info.force);
    $('#upload-row').hidden = s.input.kind !== 'upload';
    put($('#upload-color'), s.input.color, info.force);
    $('#clear-edits').disabled = s.input.edits.size === 0;
    $('#input-message').textContent = say(info.inputMessage);
  },

  /** Re-words the source menu (its options are written from INPUT_KINDS) and the chosen file's line. */
  relabel() {
    for (const o of $('#input-kind').options) o.textContent = t(INPUT_KINDS[o.value]);
    $('#upload-name').textContent = $('#upload').files?.[0]?.name ?? t('playground.noFile');
  },
};
