// The convolution mode's controls: worked examples, the stack of filters and the selected
// filter's preset, size, values and channels; stride, padding and dilation (per axis if asked).

import { $ } from '../../../shared/dom.js';
import { t } from '../../../shared/i18n.js';
import { say } from '../say.js';
import { PRESETS, MAX_KERNEL_SIDE, filterValues, filterLabelMsg, filterToText, filterFromText, kernelExtent, resizeFilter, normaliseFilter } from '../kernels.js';
import { LIMITS } from '../settings.js';
import { option, put, readInt } from '../form.js';

/** Presets offered for new filters, in order. */
const NEW_FILTER_ORDER = ['sobel-x', 'sobel-y', 'laplacian', 'box3', 'sharpen', 'emboss', 'prewitt-x', 'prewitt-y', 'identity'];

/** Ready-made demos for the "Worked example" menu: they set input, filters and hyperparameters. */
export const SCENARIOS = {
  lecture4: (s) => { s.input = { ...s.input, kind: 'lecture4', edits: new Map() }; s.filters = [{ preset: 'lecture4' }]; hyper(s, 1, 0, 1); },
  lecture8: (s) => { s.input = { ...s.input, kind: 'lecture8', edits: new Map() }; s.filters = [{ preset: 'lecture8' }]; hyper(s, 1, 0, 1); },
  'sobel-stack': (s) => { s.input = { ...s.input, kind: 'drawing', edits: new Map() }; s.filters = [{ preset: 'sobel-x' }, { preset: 'sobel-y' }]; hyper(s, 1, 1, 1); },
  rgb: (s) => {
    s.input = { ...s.input, kind: 'rgb', size: 12, edits: new Map() };
    // Filter 2 compares colours: +1 on red, −1 on blue at the centre tap ("red minus blue").
    const redMinusBlue = [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0];
    s.filters = [{ preset: 'sobel-x' }, { c: 3, h: 3, w: 3, data: redMinusBlue }];
    hyper(s, 1, 1, 1);
  },
  reduce: (s) => {
    s.input = { ...s.input, kind: 'channels8', size: 8, edits: new Map() };
    s.filters = [{ c: 8, h: 1, w: 1, data: [1, 1, 0, 0, 0, 0, 0, 0] }, { c: 8, h: 1, w: 1, data: [0, 0, 0, 0, 1, -1, 0.5, 0.5] }];
    hyper(s, 1, 0, 1);
  },
  stride2: (s) => { s.input = { ...s.input, kind: 'lecture8', edits: new Map() }; s.filters = [{ preset: 'lecture8' }]; hyper(s, 2, 1, 1); },
};
/** The worked examples in menu order: number key n loads the n-th. */
export const SCENARIO_ORDER = Object.keys(SCENARIOS);

/** Loads worked example `id` (in the convolution mode) through the page's `update`. */
export function applyScenario(update, id) {
  const f = SCENARIOS[id];
  if (f) update((s) => { s.mode = 'conv'; f(s); }, { key: null, resetStep: true });
}

function hyper(s, stride, padding, dilation) {
  s.stride = [stride, stride];
  s.padding = [padding, padding];
  s.dilation = [dilation, dilation];
  s.filter = 0;
}

/** The label of each hyperparameter's number box: [one value for both axes, rows only]. */
const HYPER_LABELS = {
  stride: ['playground.stride', 'playground.strideRows'],
  padding: ['playground.paddingZeros', 'playground.paddingZerosRows'],
  dilation: ['playground.dilation', 'playground.dilationRows'],
};

export const convControls = {
  /** The stride / padding / dilation and the kernel fieldsets (constant markup, inserted once into the settings form). */
  markup: `
  <fieldset class="panel" data-modes="conv" id="fs-hyper">
    <legend data-i18n="playground.hyperLegend">Stride, padding, dilation</legend>
    <div class="hp">
      <label for="stride">Stride</label>
      <input type="number" id="stride" data-testid="stride" min="1" max="8" step="1" inputmode="numeric">
      <input type="range" id="stride-range" aria-label="Stride" data-i18n-attr="aria-label:playground.stride" min="1" max="8" step="1">
    </div>
    <div class="hp">
      <label for="padding">Padding (zeros)</label>
      <input type="number" id="padding" data-testid="padding" min="0" max="8" step="1" inputmode="numeric">
      <input type="range" id="padding-range" aria-label="Padding" data-i18n-attr="aria-label:playground.padding" min="0" max="8" step="1">
    </div>
    <div class="hp">
      <label for="dilation">Dilation</label>
      <input type="number" id="dilation" data-testid="dilation" min="1" max="8" step="1" inputmode="numeric">
      <input type="range" id="dilation-range" aria-label="Dilation" data-i18n-attr="aria-label:playground.dilation" min="1" max="8" step="1">
    </div>
    <label class="check"><input type="checkbox" id="per-axis" data-testid="per-axis"> <span data-i18n="playground.perAxis">Different values for rows and columns</span></label>
    <div id="axis-w" class="axis-w" hidden>
      <p class="muted" data-i18n="playground.perAxisHint">The inputs above set rows; these set columns.</p>
      <div class="hp"><label for="stride-w" data-i18n="playground.strideCols">Stride (cols)</label><input type="number" id="stride-w" data-testid="stride-w" min="1" max="8" step="1"></div>
      <div class="hp"><label for="padding-w" data-i18n="playground.paddingCols">Padding (cols)</label><input type="number" id="padding-w" data-testid="padding-w" min="0" max="8" step="1"></div>
      <div class="hp"><label for="dilation-w" data-i18n="playground.dilationCols">Dilation (cols)</label><input type="number" id="dilation-w" data-testid="dilation-w" min="1" max="8" step="1"></div>
    </div>
    <div class="sizes">
      <p class="out-size"><span data-i18n="playground.outputSize">Output size:</span> <output id="output-size" data-testid="output-size"></output> <span id="output-maps" class="muted"></span></p>
      <div id="formula" data-testid="formula" class="formula mono"></div>
      <p class="error reason" data-reason></p>
      <p class="muted small" data-i18n="playground.convRule">⌊(input + 2·padding − dilation·(kernel−1) − 1) / stride⌋ + 1, per axis (PyTorch's rule), evaluated by the core.</p>
    </div>
  </fieldset>

  <fieldset class="panel" data-modes="conv" id="fs-kernel">
    <legend data-i18n="playground.kernelLegend">Kernel</legend>
    <label class="field"><span data-i18n="playground.scenario">Worked example</span>
      <select id="scenario" data-testid="scenario">
        <option value="" data-i18n="playground.scenarioChoose">Choose a ready-made demo…</option>
        <option value="lecture4" data-i18n="playground.scenarioLecture4">Lecture 4×4 example (15 16 / 6 15)</option>
        <option value="lecture8" data-i18n="playground.scenarioLecture8">Lecture 8×8 vertical edge</option>
        <option value="sobel-stack" data-i18n="playground.scenarioSobel">Sobel x + y stack on the student's drawing</option>
        <option value="rgb" data-i18n="playground.scenarioRgb">RGB input, multi-channel kernel</option>
        <option value="reduce" data-i18n="playground.scenarioReduce">1×1 convolution: 8 channels → 2</option>
        <option value="stride2" data-i18n="playground.scenarioStride2">8×8, 3×3, stride 2, padding 1 → 4×4</option>
      </select>
    </label>
    <div class="row filter-row">
      <div class="filter-tabs" role="group" aria-label="Filters (one output map each)" data-i18n-attr="aria-label:playground.filterTabs" id="filter-tabs"></div>
      <button type="button" id="add-filter" data-testid="add-filter" data-i18n="playground.addFilter">+ Add filter</button>
      <button type="button" id="remove-filter" data-testid="remove-filter" data-i18n="playground.removeFilter">Remove this filter</button>
    </div>
    <div class="row kernel-shape">
      <label class="field"><span data-i18n="playground.preset">Preset</span>
        <select id="kernel-preset" data-testid="kernel-preset"></select>
      </label>
      <label class="field"><span data-i18n="playground.kernelRows">Rows</span> <select id="kernel-h" data-testid="kernel-h"></select></label>
      <label class="field"><span data-i18n="playground.kernelCols">Columns</span> <select id="kernel-w" data-testid="kernel-w"></select></label>
    </div>
    <label class="field"><span data-i18n="playground.kernelValues">Values (rows of numbers; a blank line between channels)</span>
      <textarea id="kernel-text" data-testid="kernel-text" rows="4" spellcheck="false" class="mono"></textarea>
    </label>
    <label class="check"><input type="checkbox" id="per-channel" data-testid="per-channel"> <span data-i18n="playground.perChannel">Separate weights for each input channel</span></label>
    <p id="kernel-error" class="error" data-testid="kernel-error" role="alert"></p>
  </fieldset>
`,

  /** @param {object} actions see controls.js */
  init(actions) {
    for (const [k, p] of Object.entries(PRESETS)) $('#kernel-preset').append(option(k, t(p.label)));
    $('#kernel-preset').append(option('custom', t('playground.presetCustom')));
    for (let n = 1; n <= MAX_KERNEL_SIDE; n++) { $('#kernel-h').append(option(n, n)); $('#kernel-w').append(option(n, n)); }
    const err = actions.controlError;
    const upd = actions.update;

    // Scenario.
    $('#scenario').addEventListener('change', (e) => {
      const id = e.target.value;
      e.target.value = '';
      applyScenario(upd, id);
    });

    // Filters.
    $('#add-filter').addEventListener('click', () => upd((s) => {
      if (s.filters.length >= LIMITS.filters.max) return;
      const used = new Set(s.filters.map((f) => f.preset));
      const name = NEW_FILTER_ORDER.find((n) => !used.has(n)) ?? 'identity';
      s.filters.push({ preset: name });
      s.filter = s.filters.length - 1;
    }, { key: null }));
    $('#remove-filter').addEventListener('click', () => upd((s) => {
      if (s.filters.length <= 1) return;
      s.filters.splice(s.filter, 1);
      s.filter = Math.min(s.filter, s.filters.length - 1);
    }, { key: null }));
    $('#kernel-preset').addEventListener('change', (e) => {
      if (e.target.value === 'custom') return;
      upd((s) => { s.filters[s.filter] = { preset: e.target.value }; }, { key: null });
    });
    const resize = () => {
      const h = Number($('#kernel-h').value);
      const w = Number($('#kernel-w').value);
      upd((s) => { s.filters = s.filters.map((f) => normaliseFilter(resizeFilter(f, h, w))); }, { key: null, resetStep: true });
    };
    $('#kernel-h').addEventListener('change', resize);
    $('#kernel-w').addEventListener('change', resize);
    $('#kernel-text').addEventListener('input', (e) => {
      const r = filterFromText(e.target.value);
      if (r.error) { actions.kernelError(r.error); return; }
      actions.kernelError('');
      upd((s) => { s.filters[s.filter] = normaliseFilter(r.spec); }, { key: 'kernel-text' });
    });
    $('#kernel-text').addEventListener('change', () => actions.kernelError(''));
    $('#per-channel').addEventListener('change', (e) => {
      const C = actions.inputChannels();
      upd((s) => {
        const f = filterValues(s.filters[s.filter]);
        const per = f.h * f.w;
        if (e.target.checked && C > 1) {
          const first = f.data.slice(0, per);
          s.filters[s.filter] = { c: C, h: f.h, w: f.w, data: Array.from({ length: C }, () => first).flat() };
        } else {
          s.filters[s.filter] = normaliseFilter({ c: 1, h: f.h, w: f.w, data: f.data.slice(0, per) });
        }
      }, { key: null });
    });

    // Hyperparameters: number boxes, sliders (rows) and the per-axis boxes (columns).
    for (const [name, lim, label, labelCols] of [
      ['stride', LIMITS.stride, 'playground.stride', 'playground.strideColumns'],
      ['padding', LIMITS.padding, 'playground.padding', 'playground.paddingColumns'],
      ['dilation', LIMITS.dilation, 'playground.dilation', 'playground.dilationColumns'],
    ]) {
      const setRows = (v, key) => upd((s) => {
        s[name] = actions.perAxis() ? [v, s[name][1]] : [v, v];
      }, { key, resetStep: true });
      $(`#${name}`).addEventListener('input', (e) => {
        const v = readInt(e.target, lim, label, err);
        if (v !== null) setRows(v, name);
      });
      $(`#${name}`).addEventListener('change', () => actions.resync());
      $(`#${name}-range`).addEventListener('input', (e) => { err(''); setRows(Number(e.target.value), name); });
      $(`#${name}-w`).addEventListener('input', (e) => {
        const v = readInt(e.target, lim, labelCols, err);
        if (v !== null) upd((s) => { s[name] = [s[name][0], v]; }, { key: `${name}-w`, resetStep: true });
      });
      $(`#${name}-w`).addEventListener('change', () => actions.resync());
    }
    $('#per-axis').addEventListener('change', (e) => {
      actions.setPerAxis(e.target.checked);
      if (!e.target.checked) upd((s) => { s.stride = [s.stride[0], s.stride[0]]; s.padding = [s.padding[0], s.padding[0]]; s.dilation = [s.dilation[0], s.dilation[0]]; }, { key: null, resetStep: true });
      else actions.resync();
    });
  },

  sync(s, info) {
    // Filters.
    const tabs = $('#filter-tabs');
    const want = s.filters.map((f, i) => `${i}:${say(filterLabelMsg(f))}:${i === s.filter}`).join('|');
    if (tabs.dataset.sig !== want) {
      tabs.dataset.sig = want;
      tabs.replaceChildren(...s.filters.map((f, i) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = t('playground.filterTab', { f: i + 1 });
        b.title = say(filterLabelMsg(f));
        b.dataset.testid = `filter-tab-${i}`;
        b.setAttribute('aria-pressed', String(i === s.filter));
        b.addEventListener('click', () => info.selectFilter(i));
        return b;
      }));
    }
    $('#add-filter').disabled = s.filters.length >= LIMITS.filters.max;
    $('#remove-filter').disabled = s.filters.length <= 1;
    const spec = s.filters[s.filter];
    put($('#kernel-preset'), spec.preset ?? 'custom', info.force);
    const ext = kernelExtent(s.filters);
    put($('#kernel-h'), ext.kh, info.force);
    put($('#kernel-w'), ext.kw, info.force);
    const text = filterToText(spec);
    const ta = $('#kernel-text');
    if ((info.force || document.activeElement !== ta) && ta.value !== text) ta.value = text;
    ta.rows = Math.min(12, Math.max(3, text.split('\n').length));
    const pc = $('#per-channel');
    pc.disabled = info.channels < 2;
    put(pc, !spec.preset && spec.c > 1, info.force);
    $('#kernel-error').textContent = say(info.kernelError);

    // Hyperparameters.
    for (const name of ['stride', 'padding', 'dilation']) {
      put($(`#${name}`), s[name][0], info.force);
      put($(`#${name}-range`), s[name][0], info.force);
      put($(`#${name}-w`), s[name][1], info.force);
      $(`#${name}`).previousElementSibling.textContent = t(HYPER_LABELS[name][info.perAxis ? 1 : 0]);
    }
    put($('#per-axis'), info.perAxis, info.force);
    $('#axis-w').hidden = !info.perAxis;
  },

  /** Re-words the preset menu (written from PRESETS) after a language switch. */
  relabel() {
    for (const o of $('#kernel-preset').options) o.textContent = o.value === 'custom' ? t('playground.presetCustom') : t(PRESETS[o.value].label);
  },
};
