// The settings form: fills the menus, writes the state into the controls, and turns control
// events into state changes (through `actions.update`, which also records browser history).
// Out-of-range typing is explained inline (actions.controlError), never silently dropped.

import { INPUT_KINDS, SIZED_KINDS } from './inputs.js';
import { PRESETS, MAX_KERNEL_SIDE, filterValues, filterLabel, filterToText, filterFromText, kernelExtent, resizeFilter, normaliseFilter } from './kernels.js';
import { LIMITS } from './settings.js';
import { DETECTORS, VOCAB } from './text-embedding.js';
import { parseNumber } from './numbers.js';
import { short as fmt } from '../../shared/format.js';
import { modeOf } from './modes/index.js';
import { $ } from '../../shared/dom.js';

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
function hyper(s, stride, padding, dilation) {
  s.stride = [stride, stride];
  s.padding = [padding, padding];
  s.dilation = [dilation, dilation];
  s.filter = 0;
}

function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

/** When true, syncControls overwrites even the focused control (history restore). */
let forceSync = false;

/** Sets a control's value unless the person is typing in it. */
function put(el, value) {
  if (document.activeElement === el && !forceSync) return;
  if (el.type === 'checkbox') el.checked = Boolean(value);
  else if (el.value !== String(value)) el.value = String(value);
}

/**
 * Reads a whole number typed in `el`; returns it when within lim, otherwise reports why
 * through `onError` and returns null. Empty input (mid-typing) returns null silently.
 */
function readInt(el, lim, what, onError) {
  if (el.value.trim() === '') return null;
  const v = parseNumber(el.value);
  if (!Number.isInteger(v) || v < lim.min || v > lim.max) {
    onError(`${what} must be a whole number from ${lim.min} to ${lim.max} (you typed "${el.value.slice(0, 12)}"). The previous value is kept.`);
    return null;
  }
  onError('');
  return v;
}

/**
 * Wires the form. `actions`: {state(): state, update(mutate, {key, resetStep}), controlError(msg),
 * kernelError(msg), trError(msg), upload(file), inputChannels(): number, setMode(mode),
 * setLarge(on), copyLink()}.
 */
export function initControls(actions) {
  // Menus.
  for (const [k, label] of Object.entries(INPUT_KINDS)) $('#input-kind').append(option(k, label));
  for (const [k, p] of Object.entries(PRESETS)) $('#kernel-preset').append(option(k, p.label));
  $('#kernel-preset').append(option('custom', 'Custom (edited)'));
  for (let n = 1; n <= MAX_KERNEL_SIDE; n++) { $('#kernel-h').append(option(n, n)); $('#kernel-w').append(option(n, n)); }
  for (const d of DETECTORS) $('#detector').append(option(d.id, d.label));
  $('#vocab-list').textContent = `Vocabulary: ${Object.entries(VOCAB).map(([w, v]) => `${w} [${v.map((x) => fmt(x)).join(', ')}]`).join('; ')}.`;

  const err = actions.controlError;
  const upd = actions.update;

  // Mode tabs.
  document.querySelectorAll('.modes [data-mode]').forEach((b) => b.addEventListener('click', () => actions.setMode(b.dataset.mode)));

  // Input.
  $('#input-kind').addEventListener('change', (e) => upd((s) => {
    s.input.kind = e.target.value;
    s.input.edits = new Map();
    if (s.input.kind === 'upload') s.input.size = Math.min(LIMITS.uploadSize.max, Math.max(LIMITS.uploadSize.min, s.input.size < 32 ? 64 : s.input.size));
    else s.input.size = Math.min(LIMITS.size.max, s.input.size);
  }, { key: null, resetStep: true }));
  $('#input-size').addEventListener('input', (e) => {
    const kind = actions.state().input.kind;
    const lim = kind === 'upload' ? LIMITS.uploadSize : LIMITS.size;
    const v = readInt(e.target, lim, 'The size', err);
    if (v !== null) upd((s) => { s.input.size = v; }, { key: 'size', resetStep: true });
  });
  $('#input-seed').addEventListener('input', (e) => {
    const v = readInt(e.target, LIMITS.seed, 'The seed', err);
    if (v !== null) upd((s) => { s.input.seed = v; }, { key: 'seed' });
  });
  $('#reseed').addEventListener('click', () => upd((s) => { s.input.seed = (s.input.seed * 7919 + 17) % (LIMITS.seed.max + 1); s.input.edits = new Map(); }, { key: null }));
  $('#upload').addEventListener('change', (e) => { const f = e.target.files?.[0]; if (f) actions.upload(f); });
  $('#upload-color').addEventListener('change', (e) => upd((s) => { s.input.color = e.target.value; }, { key: null, resetStep: true }));
  $('#clear-edits').addEventListener('click', () => upd((s) => { s.input.edits = new Map(); }, { key: null }));

  // Scenario.
  $('#scenario').addEventListener('change', (e) => {
    const f = SCENARIOS[e.target.value];
    e.target.value = '';
    if (f) upd((s) => { s.mode = 'conv'; f(s); }, { key: null, resetStep: true });
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
  for (const [name, lim] of [['stride', LIMITS.stride], ['padding', LIMITS.padding], ['dilation', LIMITS.dilation]]) {
    const label = name[0].toUpperCase() + name.slice(1);
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
      const v = readInt(e.target, lim, `${label} (columns)`, err);
      if (v !== null) upd((s) => { s[name] = [s[name][0], v]; }, { key: `${name}-w`, resetStep: true });
    });
    $(`#${name}-w`).addEventListener('change', () => actions.resync());
  }
  $('#per-axis').addEventListener('change', (e) => {
    actions.setPerAxis(e.target.checked);
    if (!e.target.checked) upd((s) => { s.stride = [s.stride[0], s.stride[0]]; s.padding = [s.padding[0], s.padding[0]]; s.dilation = [s.dilation[0], s.dilation[0]]; }, { key: null, resetStep: true });
    else actions.resync();
  });

  // Pooling.
  $('#pool-window').addEventListener('input', (e) => {
    const v = readInt(e.target, LIMITS.window, 'The window', err);
    if (v !== null) upd((s) => { s.pool.window = v; s.pool.stride = v; s.pool.padding = Math.min(s.pool.padding, Math.floor(v / 2)); }, { key: 'pool-window' });
  });
  $('#pool-stride').addEventListener('input', (e) => {
    const v = readInt(e.target, LIMITS.pstride, 'The pooling stride', err);
    if (v !== null) upd((s) => { s.pool.stride = v; }, { key: 'pool-stride' });
  });
  $('#pool-padding').addEventListener('input', (e) => {
    const v = readInt(e.target, LIMITS.ppadding, 'The pooling padding', err);
    if (v !== null) upd((s) => { s.pool.padding = v; }, { key: 'pool-padding' });
  });
  for (const id of ['pool-window', 'pool-stride', 'pool-padding', 'input-size', 'input-seed', 't-stride', 't-padding', 't-outpad']) $(`#${id}`).addEventListener('change', () => actions.resync());
  $('#shift').addEventListener('click', () => upd((s) => { s.pool.shift = Math.min(LIMITS.shift.max, s.pool.shift + 1); }, { key: null }));
  $('#shift-reset').addEventListener('click', () => upd((s) => { s.pool.shift = 0; }, { key: null }));
  $('#shift-dir').addEventListener('change', (e) => upd((s) => { s.pool.dir = e.target.value; }, { key: null }));

  // Transposed convolution.
  $('#t-dim').addEventListener('change', (e) => upd((s) => { s.tr.dim = Number(e.target.value); }, { key: null, resetStep: true }));
  const trMatrix = (el, which) => {
    const dim = actions.state().tr.dim;
    const r = filterFromText(el.value, 1);
    let msg = r.error ?? '';
    if (!msg && (r.spec.h > LIMITS.tside.max || r.spec.w > (dim === 1 && which === 'in' ? 8 : LIMITS.tside.max))) msg = `At most ${LIMITS.tside.max}×${LIMITS.tside.max} here (8 values for a 1-D input).`;
    if (!msg && dim === 1 && r.spec.h !== 1) msg = 'A 1-D input or kernel is a single row of numbers.';
    if (!msg && r.spec.data.some((v) => Math.abs(v) > LIMITS.value.max)) msg = 'Values must lie within ±999.';
    actions.trError(msg);
    if (msg) return;
    const m = { h: r.spec.h, w: r.spec.w, data: r.spec.data };
    upd((s) => { s.tr[`${which}${dim}`] = m; }, { key: `t-${which}`, resetStep: true });
  };
  $('#t-input').addEventListener('input', (e) => trMatrix(e.target, 'in'));
  $('#t-kernel').addEventListener('input', (e) => trMatrix(e.target, 'k'));
  for (const [id, key, lim, what] of [['t-stride', 'stride', LIMITS.tstride, 'The stride'], ['t-padding', 'padding', LIMITS.tpadding, 'The padding'], ['t-outpad', 'outpad', LIMITS.toutpad, 'The output padding']]) {
    $(`#${id}`).addEventListener('input', (e) => {
      const v = readInt(e.target, lim, what, err);
      if (v !== null) upd((s) => { s.tr[key] = v; }, { key: id, resetStep: true });
    });
  }

  // Text.
  $('#sentence').addEventListener('input', (e) => actions.setSentence(e.target.value));
  $('#detector').addEventListener('change', (e) => upd((s) => { s.text.detector = e.target.value; }, { key: null }));

  // Bar.
  $('#large-text').addEventListener('change', (e) => actions.setLarge(e.target.checked));
  $('#copy-link').addEventListener('click', () => actions.copyLink());
}

/** Writes the state into every control (skipping the one being typed in). */
export function syncControls(s, info) {
  forceSync = Boolean(info.force);
  document.querySelectorAll('.modes [data-mode]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mode === s.mode)));
  document.querySelectorAll('[data-modes]').forEach((el) => { el.hidden = !el.dataset.modes.split(' ').includes(s.mode); });
  document.title = `${modeOf(s.mode).label} · Convolution playground · convscope`;

  // Input.
  put($('#input-kind'), s.input.kind);
  const sized = SIZED_KINDS.has(s.input.kind);
  $('#size-row').hidden = !sized;
  const lim = s.input.kind === 'upload' ? LIMITS.uploadSize : LIMITS.size;
  $('#input-size').min = lim.min;
  $('#input-size').max = lim.max;
  put($('#input-size'), s.input.size);
  $('#seed-row').hidden = s.input.kind !== 'random';
  put($('#input-seed'), s.input.seed);
  $('#upload-row').hidden = s.input.kind !== 'upload';
  put($('#upload-color'), s.input.color);
  $('#clear-edits').disabled = s.input.edits.size === 0;
  $('#input-message').textContent = info.inputMessage ?? '';

  // Filters.
  const tabs = $('#filter-tabs');
  const want = s.filters.map((f, i) => `${i}:${filterLabel(f, i)}:${i === s.filter}`).join('|');
  if (tabs.dataset.sig !== want) {
    tabs.dataset.sig = want;
    tabs.replaceChildren(...s.filters.map((f, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = `Filter ${i + 1}`;
      b.title = filterLabel(f, i);
      b.dataset.testid = `filter-tab-${i}`;
      b.setAttribute('aria-pressed', String(i === s.filter));
      b.addEventListener('click', () => info.selectFilter(i));
      return b;
    }));
  }
  $('#add-filter').disabled = s.filters.length >= LIMITS.filters.max;
  $('#remove-filter').disabled = s.filters.length <= 1;
  const spec = s.filters[s.filter];
  put($('#kernel-preset'), spec.preset ?? 'custom');
  const ext = kernelExtent(s.filters);
  put($('#kernel-h'), ext.kh);
  put($('#kernel-w'), ext.kw);
  const text = filterToText(spec);
  const ta = $('#kernel-text');
  if ((forceSync || document.activeElement !== ta) && ta.value !== text) ta.value = text;
  ta.rows = Math.min(12, Math.max(3, text.split('\n').length));
  const pc = $('#per-channel');
  pc.disabled = info.channels < 2;
  put(pc, !spec.preset && spec.c > 1);
  $('#kernel-error').textContent = info.kernelError ?? '';

  // Hyperparameters.
  for (const name of ['stride', 'padding', 'dilation']) {
    put($(`#${name}`), s[name][0]);
    put($(`#${name}-range`), s[name][0]);
    put($(`#${name}-w`), s[name][1]);
    $(`#${name}`).previousElementSibling.textContent = `${name[0].toUpperCase()}${name.slice(1)}${info.perAxis ? ' (rows)' : ''}${name === 'padding' ? ' (zeros)' : ''}`;
  }
  put($('#per-axis'), info.perAxis);
  $('#axis-w').hidden = !info.perAxis;

  // Pooling.
  put($('#pool-window'), s.pool.window);
  put($('#pool-stride'), s.pool.stride);
  $('#pool-padding').max = Math.floor(s.pool.window / 2);
  put($('#pool-padding'), s.pool.padding);
  put($('#shift-dir'), s.pool.dir);
  $('#shift').disabled = s.pool.shift >= LIMITS.shift.max;
  $('#shift-reset').disabled = s.pool.shift === 0;

  // Transposed.
  put($('#t-dim'), s.tr.dim);
  const m = s.tr.dim === 2 ? [s.tr.in2, s.tr.k2] : [s.tr.in1, s.tr.k1];
  for (const [el, mat] of [[$('#t-input'), m[0]], [$('#t-kernel'), m[1]]]) {
    const t = filterToText({ c: 1, ...mat });
    if ((forceSync || document.activeElement !== el) && el.value !== t) el.value = t;
  }
  put($('#t-stride'), s.tr.stride);
  put($('#t-padding'), s.tr.padding);
  put($('#t-outpad'), s.tr.outpad);
  $('#t-edit-error').textContent = info.trError ?? '';

  // Text.
  put($('#sentence'), s.text.sentence);
  put($('#detector'), s.text.detector);

  // Player speed.
  put($('#speed'), s.speed);
  $('#speed-label').textContent = `${fmt(s.speed)} step${s.speed === 1 ? '' : 's'}/s`;
}
