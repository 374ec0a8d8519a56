// The architecture view (architectures.html): pick a case-study network, read its layer table
// (shapes, parameters, multiply-adds, receptive fields, running totals), expand its blocks,
// compare all networks, and change the input size or one layer's stride/padding to see every
// shape below recompute. All numbers come from the wasm core's inferShapes(); this module
// keeps the state and decides what to repaint.

import { loadCore } from '../../shared/core.js';
import { $, el } from '../../shared/dom.js';
import { sizeLabel } from '../../shared/format.js';
import { parseHash, serializeHash, hashProblemMessage } from '../../shared/hash.js';
import { showNotice } from '../../shared/header.js';
import { startPage } from '../../shared/page.js';
import { lang, onLangChange, t } from '../../shared/i18n.js';
import { createStore } from '../../shared/store.js';
import { DEFAULT_ARCH } from './config.js';
import { renderComparison, renderComparisonTable } from './compare.js';
import { ancestors, renderTable } from './table.js';
import { diagnose, sentence } from './errors.js';
import { errorLayer } from './format.js';
import { renderInfo, renderPicker, syncPicker, translatePicker } from './info.js';
import { networkText } from './text.js';
import { setupEmbed } from './embed-view.js';

const store = createStore({
  name: DEFAULT_ARCH,
  /** Pixels per side, or null for the paper's input. May be invalid: the core says why. */
  inputSize: null,
  /** {[path]: {stride?, padding?}} */
  overrides: {},
  /** Paths of the expanded blocks. */
  expanded: new Set(),
});

let core;
let names = [];
const specs = new Map();
const defaults = new Map();
/** The last table that computed; shown (marked stale) while the settings are invalid. */
let shown = null;
/** What is wrong with the current settings (null when they work: diagnose()), and the layer it names. */
let error = null;
let errorPath = null;

// ------------------------------------------------------------------ compute

function options() {
  const state = store.get();
  const o = {};
  if (state.inputSize !== null) o.inputSize = state.inputSize;
  if (Object.keys(state.overrides).length > 0) o.overrides = state.overrides;
  return o;
}

function compute() {
  const state = store.get();
  try {
    shown = core.inferShapes(state.name, options());
    error = null;
    errorPath = null;
  } catch (e) {
    error = diagnose(e, { core, spec: specs.get(state.name), options: options() });
    errorPath = errorLayer(e?.param);
    if (!shown || shown.name !== state.name) shown = defaults.get(state.name);
  }
}

// ------------------------------------------------------------------ render

/** The comparison entries: every network with its paper totals. */
function entries() {
  return names.map((n) => {
    const s = specs.get(n);
    const totals = defaults.get(n).totals;
    return { name: n, title: s.title, year: s.year, params: totals.params, macs: totals.macs, top5: s.top5Error, top5Note: networkText(s).entry };
  });
}

function renderCompare() {
  const all = entries();
  renderComparison($('#compare'), all, store.get().name, select);
  renderComparisonTable($('#compare-rows'), all);
}

const POOL_OPTION = { max: 'architectures.optionPoolMax', avg: 'architectures.optionPoolAvg' };

/** A layer's entry in the layer menu: "conv1 (conv 11×11)", "pool1 (max pool)". */
function optionLabel(r) {
  if (r.kind === 'conv') return t('architectures.optionConv', { path: r.path, k: sizeLabel(r.kernel) });
  return POOL_OPTION[r.variant] ? t(POOL_OPTION[r.variant], { path: r.path }) : r.path;
}

function renderEditor() {
  const state = store.get();
  const rows = (shown ?? defaults.get(state.name)).rows;
  const sel = $('#edit-layer');
  const keep = sel.value;
  const editable = rows.filter((r) => r.editable);
  if (sel.dataset.arch !== state.name || sel.dataset.lang !== lang()) {
    const sameArch = sel.dataset.arch === state.name;
    sel.replaceChildren(...editable.map((r) => el('option', { value: r.path }, optionLabel(r))));
    sel.dataset.arch = state.name;
    sel.dataset.lang = lang();
    if (sameArch && keep) sel.value = keep;
    else prefill(editable[0]?.path ?? '');
  } else if (keep) {
    sel.value = keep;
  }
  const ul = $('#edits');
  ul.replaceChildren(...Object.entries(state.overrides).map(([path, o]) => {
    const parts = [];
    if (o.stride !== undefined) parts.push(t('architectures.editStride', { n: String(o.stride) }));
    if (o.padding !== undefined) parts.push(t('architectures.editPadding', { n: String(o.padding) }));
    const b = el('button', { type: 'button', 'data-testid': `remove-${path}`, 'aria-label': t('architectures.removeEdit', { path }) }, '×');
    b.addEventListener('click', () => {
      const { [path]: removed, ...rest } = store.get().overrides;
      if (removed) store.set({ overrides: rest });
    });
    return el('li', null, `${t('architectures.editItem', { path, changes: parts.join(', ') })} `, b);
  }));
  const input = $('#input-size');
  if (document.activeElement !== input) {
    input.value = state.inputSize ?? specs.get(state.name).input[1];
  }
}

function renderError() {
  $('#edit-error').textContent = error ? sentence(error) : '';
  $('#stale').hidden = !error;
  const path = errorPath;
  const known = path && shown.rows.some((r) => r.path === path);
  const btn = $('#show-error-row');
  btn.hidden = !known;
  btn.dataset.path = known ? path : '';
  btn.textContent = known ? t('architectures.showRow', { path }) : '';
  document.querySelector('.layers-table').classList.toggle('stale', Boolean(error));
}

function renderRows() {
  renderTable($('#rows'), shown, {
    expanded: store.get().expanded,
    errorPath: error ? errorPath : null,
    onToggle: (path) => {
      const expanded = new Set(store.get().expanded);
      if (expanded.has(path)) expanded.delete(path);
      else expanded.add(path);
      store.set({ expanded });
      document.querySelector(`[data-testid="toggle-${CSS.escape(path)}"]`)?.focus();
    },
    onEdit: (path) => {
      $('#edit-layer').value = path;
      prefill(path);
      $('#edit-stride').focus();
      $('#edit-h').scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    },
  });
}

function render() {
  renderInfo(specs.get(store.get().name), shown.totals);
  renderEditor();
  renderError();
  renderRows();
}

function update() {
  compute();
  render();
}

// ------------------------------------------------------------------ actions

/** Fills the stride/padding fields with the layer's current values. */
function prefill(path) {
  const state = store.get();
  const row = (shown ?? defaults.get(state.name)).rows.find((r) => r.path === path);
  const o = state.overrides[path] ?? {};
  $('#edit-stride').value = o.stride ?? (row?.stride ? row.stride[0] : '');
  $('#edit-padding').value = o.padding ?? (row?.padding ? row.padding[0] : '');
}

function select(name) {
  if (!specs.has(name)) name = DEFAULT_ARCH;
  const hash = serializeHash({ [name]: '' });
  if (location.hash !== hash) history.replaceState(null, '', hash);
  if (name !== store.get().name) {
    shown = null;
    store.set({ name, inputSize: null, overrides: {}, expanded: new Set() }); // → update()
  } else {
    update();
  }
  syncPicker($('#picker'), store.get().name);
  renderCompare();
}

/**
 * The network the URL hash names (`#vgg16`, shared/hash.js), or the default; a malformed hash
 * is reported in the page's notice line, and the page opens the default.
 */
function nameFromHash() {
  const { values, problems } = parseHash(location.hash);
  showNotice(hashProblemMessage(problems), 'hash');
  for (const [key, value] of values) if (value === '' && specs.has(key)) return key;
  return DEFAULT_ARCH;
}

/** A number field's value as the core should see it: '' → undefined, else Number (NaN stays NaN, the core explains). */
function fieldNumber(input) {
  const v = input.value.trim();
  return v === '' ? undefined : Number(v);
}

function wire() {
  $('#input-size').addEventListener('input', () => {
    const v = fieldNumber($('#input-size'));
    store.set({ inputSize: v === undefined ? null : v });
  });
  $('#input-form').addEventListener('submit', (e) => e.preventDefault());
  $('#edit-layer').addEventListener('change', () => prefill($('#edit-layer').value));
  $('#layer-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const path = $('#edit-layer').value;
    if (!path) return;
    const o = {};
    const s = fieldNumber($('#edit-stride'));
    const p = fieldNumber($('#edit-padding'));
    if (s !== undefined) o.stride = s;
    if (p !== undefined) o.padding = p;
    store.set({ overrides: { ...store.get().overrides, [path]: o } });
  });
  $('#reset').addEventListener('click', () => {
    $('#input-size').value = specs.get(store.get().name).input[1];
    store.set({ inputSize: null, overrides: {} });
  });
  $('#expand-all').addEventListener('click', () => {
    store.set({ expanded: new Set(shown.rows.filter((r) => r.isBlock).map((r) => r.path)) });
  });
  $('#collapse-all').addEventListener('click', () => {
    store.set({ expanded: new Set() });
  });
  $('#show-error-row').addEventListener('click', () => {
    const path = $('#show-error-row').dataset.path;
    if (!path) return;
    store.set({ expanded: new Set([...store.get().expanded, ...ancestors(path, shown.rows)]) });
    const tr = document.querySelector(`[data-testid="row-${CSS.escape(path)}"]`);
    if (tr) {
      tr.scrollIntoView({ block: 'center' });
      const target = tr.querySelector('button.toggle') ?? tr.querySelector('th');
      if (target.tagName === 'TH') target.tabIndex = -1;
      target.focus();
    }
  });
  addEventListener('hashchange', () => select(nameFromHash()));
  store.subscribe((s, changed) => {
    if (changed.has('name') || changed.has('inputSize') || changed.has('overrides')) update();
    else if (changed.has('expanded')) renderRows();
  });
}

async function main() {
  await startPage(['architectures']);
  try {
    core = await loadCore();
    names = core.architectureNames();
    for (const n of names) {
      specs.set(n, core.architecture(n));
      defaults.set(n, core.inferShapes(n, {}));
    }
  } catch (e) {
    $('#loading').hidden = true;
    const why = e instanceof Error ? e.message : String(e);
    $('#fatal').textContent = t('architectures.fatal', { why });
    onLangChange(() => { $('#fatal').textContent = t('architectures.fatal', { why }); });
    return;
  }
  $('#loading').hidden = true;
  renderPicker($('#picker'), entries(), select);
  wire();
  // ?embed=1&net=…: the table alone in a course page's frame (embed-view.js); the embed-code dialog's view.
  setupEmbed(names, { title: (n) => specs.get(n).title, edited: () => store.get().inputSize !== null || Object.keys(store.get().overrides).length > 0 });
  select(nameFromHash());
  // A language switch rewrites every word in place; the network, the edits, the expanded
  // blocks, the input size and the URL hash are state and stay as they are.
  onLangChange(() => {
    translatePicker($('#picker'));
    renderCompare();
    render();
  });
}

main();
import('../../shared/sw-register.js').then((m) => m.registerServiceWorker(), () => {}); // offline copy (sw.js)
