// The instructor view ("Convolution playground"): wires state, URL history, controls, the
// animation and the panels together. Computation happens in the wasm core (compute.js);
// this module decides what to show and when to repaint.

import { setupCanvas } from '../../shared/canvas.js';
import { setCore, memo } from './compute.js';
import { parseHash, serialize, cloneState, createHistory, LIMITS } from './state.js';
import { baseInput, applyEdits, decodeImage, DRAWING_KEY } from './inputs.js';
import { filterValues, resizeFilter, normaliseFilter, kernelExtent } from './kernels.js';
import { initControls, syncControls } from './controls.js';
import { createAnimator, installShortcuts } from './animation.js';
import { setTextScale } from './grid-draw.js';
import { openCellEditor } from './editor.js';
import { exportPlan } from './export.js';
import { fmt, shapeText } from './format.js';
import { tokenize, DETECTORS } from './text-embedding.js';
import * as conv from './panels-conv.js';
import * as pool from './panels-pool.js';
import * as tr from './panels-transposed.js';
import * as text from './panels-text.js';

const $ = (id) => document.getElementById(id);

/** Text scale of the "large text" toggle (projectors). */
const LARGE_TEXT_SCALE = 1.35;
const LARGE_KEY = 'convscope.playground.largeText';
/** Output cells listed in the accessible table before it gives up. */
const MAX_TABLE_CELLS = 4096;

let state;
const view = {
  hover: null,            // {panel, map, y, x}
  cursor: null,           // keyboard cell cursor {panel, map, y, x}
  focused: null,          // which editable canvas has focus
  upload: null,           // decoded upload tensor
  uploadFile: null,
  uploadVersion: 0,
  drawingVersion: 0,
  notices: [],
  controlError: '',
  kernelError: '',
  trError: '',
  perAxis: false,
  plans: {},
  stepFromUrl: true,
  forceSync: false,
  ready: false,
};

// ---------------------------------------------------------------- state and history

const hist = createHistory((hash) => {
  anim.pause();
  applyHash(hash);
  render();
});

function applyHash(hash) {
  const { state: s, notices } = parseHash(hash);
  state = s;
  view.perAxis = s.stride[0] !== s.stride[1] || s.padding[0] !== s.padding[1] || s.dilation[0] !== s.dilation[1];
  view.hover = null;
  view.controlError = '';
  view.kernelError = '';
  view.trError = '';
  view.stepFromUrl = true;
  view.forceSync = true;
  setNotices(notices);
}

/**
 * Applies `mutate` to a copy of the state, records it in the URL (coalescing repeated changes
 * of the same control) and repaints.
 */
function update(mutate, { key = null, resetStep = false, replace = false } = {}) {
  const next = cloneState(state);
  mutate(next);
  if (resetStep) next.step = 0;
  next.filter = Math.min(next.filter, next.filters.length - 1);
  state = next;
  view.hover = null;
  hist.commit(state, { key, replace });
  render();
}

function setNotices(list) {
  view.notices = list;
  const box = $('notices');
  $('notice-list').replaceChildren(...list.map((n) => {
    const li = document.createElement('li');
    li.textContent = n; // URL text is only ever shown as text
    return li;
  }));
  box.hidden = list.length === 0;
}

// ---------------------------------------------------------------- models (memoised)

const inputMemo = memo(() => {
  const b = baseInput(state.input, view.upload);
  return { ...b, tensor: applyEdits(b.tensor, state.input.edits) };
});
function currentInput() {
  const key = JSON.stringify([state.input.kind, state.input.size, state.input.seed, state.input.color, [...state.input.edits], view.uploadVersion, view.drawingVersion]);
  return inputMemo(key);
}

const convMemo = memo((inp) => conv.convModel(state, inp));
const poolMemo = memo((inp) => pool.poolModel(state, inp));
const trMemo = memo(() => tr.trModel(state));
const textMemo = memo(() => text.textModel(state));

function model() {
  switch (state.mode) {
    case 'conv': {
      const inp = currentInput();
      return convMemo(JSON.stringify([serialize({ ...state, mode: 'conv', step: 0, filter: 0 }), view.uploadVersion, view.drawingVersion]), inp);
    }
    case 'pool': {
      const inp = currentInput();
      return poolMemo(JSON.stringify([serialize(state), view.uploadVersion, view.drawingVersion]), inp);
    }
    case 'transposed': return trMemo(serialize({ ...state, step: 0, speed: 1 }));
    default: return textMemo(`${state.text.sentence}|${state.text.detector}`);
  }
}

function stepCount(m) {
  switch (state.mode) {
    case 'conv': return conv.convCount(m);
    case 'transposed': return tr.trCount(m);
    case 'text': return text.textCount(m);
    default: return 0;
  }
}

// ---------------------------------------------------------------- panels

/** Panel key → planner(state, view, model, width), per mode. */
const PANELS = {
  conv: { input: conv.planInput, kernel: conv.planKernel, output: conv.planOutput, products: conv.planProducts },
  pool: { pinput: pool.planPoolInput, max: (s, v, m, w) => pool.planPooled(s, v, m, 'max', w), avg: (s, v, m, w) => pool.planPooled(s, v, m, 'avg', w) },
  transposed: { tin: tr.planTrInput, tout: tr.planTrOutput },
  text: { temb: text.planEmbedding, tdet: text.planDetector, tout2: text.planTextOutput },
};
const TITLES = {
  input: 'Input', kernel: 'Kernel', output: 'Output feature maps', products: 'Products of this step',
  pinput: 'Pooling input', max: 'Max pooling', avg: 'Average pooling',
  tin: 'Transposed convolution: input and kernel', tout: 'Transposed convolution: scatter and sum',
  temb: 'Sentence as word vectors', tdet: '3-gram detector', tout2: 'Detector responses',
};

function canvasOf(key) {
  return document.querySelector(`canvas[data-canvas="${key}"]`);
}

function paintPanels(m) {
  const panels = PANELS[state.mode];
  for (const [key, planner] of Object.entries(panels)) {
    const canvas = canvasOf(key);
    const wrap = canvas.parentElement;
    const width = Math.max(160, wrap.clientWidth - 2);
    const plan = planner(state, view, m, width);
    const ctx = setupCanvas(canvas, Math.ceil(plan.width), Math.ceil(plan.height));
    plan.paint(ctx);
    view.plans[key] = plan;
  }
}

// ---------------------------------------------------------------- render

let lastModel = null;

function render() {
  if (!view.ready) return;
  const m = model();
  lastModel = m;
  const count = stepCount(m);
  if (state.mode !== 'pool' && count > 0 && state.step > count - 1) {
    if (view.stepFromUrl) setNotices([...view.notices, `step=${state.step} is past the last position; showing step ${count - 1}.`]);
    state.step = count - 1;
    hist.commit(state, { replace: true });
  }
  view.stepFromUrl = false;
  syncControls(state, {
    inputMessage: state.mode === 'conv' || state.mode === 'pool' ? currentInput().message : '',
    channels: state.mode === 'conv' ? m.C : 1,
    kernelError: view.kernelError,
    trError: view.trError,
    perAxis: view.perAxis,
    force: view.forceSync,
    selectFilter: (i) => update((s) => { s.filter = i; }, { key: null }),
  });
  view.forceSync = false;
  const errors = [view.controlError, ...(m.errors ?? [])].filter(Boolean);
  $('error').textContent = [...new Set(errors)].join('\n');
  // The same explanation next to the settings that caused it (visible on phones too).
  document.querySelectorAll('[data-reason]').forEach((el) => { el.textContent = (m.errors ?? []).join('\n'); });
  paintPanels(m);
  renderCaptions(m);
  renderSizes(m);
  renderPlayer(m, count);
  renderReadout(m);
  if (state.mode === 'conv') renderTable(m);
  if (state.mode === 'pool') renderSurvival();
  if (state.mode === 'text') renderText(m);
  if (state.input.kind === 'upload' && (state.mode === 'conv' || state.mode === 'pool')) void refreshUpload();
}

/** Figure captions that depend on the settings. */
function renderCaptions(m) {
  if (state.mode !== 'conv') return;
  const n = state.filters.length;
  const f = Math.min(state.filter, n - 1);
  const cap = document.querySelector('[data-panel="kernel"] figcaption span');
  cap.textContent = n > 1 ? `Kernel: filter ${f + 1} of ${n}` : 'Kernel';
  const out = document.querySelector('[data-panel="products"] figcaption span');
  out.textContent = m.wr.weight && m.wr.weight.shape[1] > 1 ? `This step: value × weight per channel, summed` : 'This step: products and their sum';
}

function formulaLines(el, axes) {
  el.replaceChildren(...axes.map(([name, r]) => {
    const div = document.createElement('div');
    div.textContent = r.error ? `${name}: ${r.error}` : `${name}: ${r.value.formula}`;
    if (r.error || r.value.size < 1) div.className = 'bad';
    return div;
  }));
}

function renderSizes(m) {
  if (state.mode === 'conv') {
    if (m.sizes) {
      formulaLines($('formula'), [['rows', m.sizes.rows], ['cols', m.sizes.cols]]);
      $('output-size').textContent = m.sizes.ok ? shapeText(m.sizes.rows.value.size, m.sizes.cols.value.size) : 'no output';
    } else {
      $('formula').replaceChildren();
      $('output-size').textContent = 'no output';
    }
    const O = state.filters.length;
    $('output-maps').textContent = m.out ? `× ${O} ${O === 1 ? 'map' : 'maps'} (one per filter)` : '';
  } else if (state.mode === 'pool') {
    formulaLines($('pool-formula'), [['rows', m.sizes.rows], ['cols', m.sizes.cols]]);
    $('pool-output-size').textContent = m.sizes.ok ? shapeText(m.sizes.rows.value.size, m.sizes.cols.value.size) : 'no output';
  } else if (state.mode === 'transposed') {
    formulaLines($('t-formula'), m.axes.map((a) => [a.name.toLowerCase(), a]));
    $('t-output-size').textContent = m.final ? (state.tr.dim === 2 ? shapeText(m.final.shape[1], m.final.shape[2]) : `${m.final.shape[2]}`) : 'no output';
  }
}

function renderPlayer(m, count) {
  const scrub = $('scrub');
  scrub.max = String(Math.max(0, count - 1));
  scrub.disabled = count < 2;
  if (document.activeElement !== scrub || scrub.value !== String(state.step)) scrub.value = String(state.step);
  for (const id of ['play', 'step-back', 'step-forward', 'step-first']) $(id).disabled = count < 2;
  $('play').textContent = anim.playing() ? '⏸ Pause' : '▶ Play';
  $('play').setAttribute('aria-label', anim.playing() ? 'Pause (space)' : 'Play (space)');
  let label = '';
  if (count > 0) {
    if (state.mode === 'conv') {
      const { oy, ox } = conv.positionOf(m, state.step);
      label = `${state.step + 1} / ${count} · map ${Math.min(state.filter, m.out.shape[0] - 1) + 1}, row ${oy}, col ${ox}`;
    } else if (state.mode === 'transposed') {
      label = `${state.step} / ${count - 1} inputs added`;
    } else if (state.mode === 'text') {
      label = `3-gram ${state.step + 1} / ${count}: “${m.words.slice(state.step, state.step + 3).join(' ')}”`;
    }
  } else label = 'no steps';
  $('step-label').textContent = label;
}

function renderReadout(m) {
  const h = view.hover;
  let t = '';
  if (h && state.mode === 'conv') {
    if (h.panel === 'input') {
      const inside = h.y >= 0 && h.y < m.H && h.x >= 0 && h.x < m.W;
      const v = inside ? m.input.data[(h.map * m.H + h.y) * m.W + h.x] : 0;
      const n = conv.outputsReading(state, m, h.y, h.x).length;
      t = `Input${m.C > 1 ? ` ch ${h.map + 1}` : ''} row ${h.y}, col ${h.x} = ${fmt(v, 4)}${inside ? '' : ' (padding)'} · read by ${n} output ${n === 1 ? 'cell' : 'cells'} per map`;
    } else if (h.panel === 'output' && m.out) {
      const [, OH, OW] = m.out.shape;
      t = `Map ${h.map + 1} row ${h.y}, col ${h.x} = ${fmt(m.out.data[(h.map * OH + h.y) * OW + h.x], 4)} (conv2d)`;
    } else if (h.panel === 'kernel' && m.wr.weight) {
      const [, Cw, kh, kw] = m.wr.weight.shape;
      const f = Math.min(state.filter, state.filters.length - 1);
      t = `Weight row ${h.y}, col ${h.x}${Cw > 1 ? `, ch ${h.map + 1}` : ''} = ${fmt(m.wr.weight.data[((f * Cw + h.map) * kh + h.y) * kw + h.x], 4)}`;
    } else if (h.panel === 'products') {
      t = 'Product of this window value and this weight';
    }
  } else if (h && state.mode === 'pool' && (h.panel === 'max' || h.panel === 'avg') && m[h.panel]) {
    const [, OH, OW] = m[h.panel].shape;
    t = `${h.panel === 'max' ? 'Max' : 'Average'} of its window (ch ${h.map + 1}, row ${h.y}, col ${h.x}) = ${fmt(m[h.panel].data[(h.map * OH + h.y) * OW + h.x], 4)}`;
  } else if (h && state.mode === 'transposed' && h.panel === 'tin') {
    t = `Input row ${h.y}, col ${h.x} = ${fmt(m.inM.data[h.y * m.inM.w + h.x])}: its scaled kernel lands in the outlined output cells`;
  } else if (h && state.mode === 'text' && h.panel === 'tout2' && m.out) {
    const OL = m.out.shape[1];
    t = `“${m.words.slice(h.x, h.x + 3).join(' ')}” → ${fmt(m.out.data[h.y * OL + h.x], 4)}`;
  }
  $('readout').textContent = t || 'Hover or tap a cell to link input, kernel and output.';
  if (state.mode === 'conv') $('equation').textContent = view.plans.products?.equation ?? '';
  if (state.mode === 'text') $('text-equation').textContent = view.plans.tdet?.equation ?? '';
}

let tableFor = null;
function renderTable(m) {
  if (tableFor === m) return;
  tableFor = m;
  const box = $('output-table');
  if (!m.out) { box.replaceChildren(); return; }
  const [O, OH, OW] = m.out.shape;
  if (O * OH * OW > MAX_TABLE_CELLS) {
    const p = document.createElement('p');
    p.textContent = `The output has ${O * OH * OW} values, too many to list; hover the maps to read them.`;
    box.replaceChildren(p);
    return;
  }
  box.replaceChildren(...Array.from({ length: O }, (_, f) => {
    const table = document.createElement('table');
    const cap = document.createElement('caption');
    cap.textContent = `Output map ${f + 1} (${OH} × ${OW})`;
    const body = document.createElement('tbody');
    for (let y = 0; y < OH; y++) {
      const tr = document.createElement('tr');
      for (let x = 0; x < OW; x++) {
        const td = document.createElement('td');
        td.dataset.testid = 'out-cell';
        td.dataset.map = String(f);
        td.textContent = fmt(m.out.data[(f * OH + y) * OW + x], 4);
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(cap, body);
    return table;
  }));
}

function renderSurvival() {
  const max = view.plans.max?.survival;
  const avg = view.plans.avg?.survival;
  const el = $('pool-survival');
  if (state.pool.shift === 0) el.textContent = 'Press “Shift by one pixel” to move the input and see which pooled values survive.';
  else if (max && avg) {
    el.textContent = `After shifting ${state.pool.shift} px ${state.pool.dir === 'x' ? 'right' : 'down'}: max pooling kept ${max.same} of ${max.total} values, average pooling kept ${avg.same} of ${avg.total}.`;
  } else el.textContent = '';
}

function renderText(m) {
  const best = $('text-best');
  if (m.best) {
    const d = m.det;
    const b = m.best[d];
    const top = m.best.reduce((a, x, i) => (x.value > m.best[a].value ? i : a), 0);
    best.textContent = b.value > 0
      ? `Fires most for “${DETECTORS[d].label}”: “${b.gram}” (${fmt(b.value, 4)}).`
      : `“${DETECTORS[d].label}” does not fire on this sentence (its best response is ${fmt(b.value, 4)}).`;
    if (top !== d && m.best[top].value > 0) best.textContent += ` Strongest of all detectors: “${m.best[top].gram}” for “${DETECTORS[top].label}” (${fmt(m.best[top].value, 4)}).`;
  } else best.textContent = '';
  $('text-unknown').textContent = m.unknown.length ? `Not in the toy vocabulary (zero vectors): ${[...new Set(m.unknown)].join(', ')}.` : '';
}

// ---------------------------------------------------------------- animation

const anim = createAnimator({
  count: () => (lastModel ? stepCount(lastModel) : 0),
  get: () => state.step,
  set: (i, how) => {
    state.step = i;
    view.hover = null;
    if (how !== 'play') hist.commit(state, { replace: true });
    render();
  },
  speed: () => state.speed,
  onPlayingChange: (playing) => {
    if (!playing) hist.commit(state, { replace: true });
    if (lastModel) render();
  },
});

function initPlayer() {
  $('play').addEventListener('click', () => anim.toggle());
  $('step-back').addEventListener('click', () => anim.step(-1));
  $('step-forward').addEventListener('click', () => anim.step(1));
  $('step-first').addEventListener('click', () => { anim.pause(); anim.seek(0); });
  $('scrub').addEventListener('input', (e) => { anim.pause(); anim.seek(Number(e.target.value)); });
  $('speed').addEventListener('input', (e) => update((s) => { s.speed = Number(e.target.value); }, { key: 'speed' }));
  installShortcuts(document, { step: (d) => anim.step(d), toggle: () => anim.toggle(), enabled: () => state.mode !== 'pool' });
}

// ---------------------------------------------------------------- canvas interaction

/** Panels whose cells can be edited by clicking / Enter. */
const EDITABLE = new Set(['input', 'kernel', 'pinput']);

function hitAt(key, e) {
  const canvas = canvasOf(key);
  const r = canvas.getBoundingClientRect();
  return view.plans[key]?.hit?.(e.clientX - r.left, e.clientY - r.top) ?? null;
}

function sameHover(a, b) {
  return (a === null && b === null) || (a && b && a.panel === b.panel && a.map === b.map && a.y === b.y && a.x === b.x);
}

function setHover(h) {
  if (sameHover(view.hover, h)) return;
  view.hover = h;
  render();
}

function initCanvases() {
  document.querySelectorAll('canvas[data-canvas]').forEach((canvas) => {
    const key = canvas.dataset.canvas;
    canvas.addEventListener('pointermove', (e) => {
      const hit = hitAt(key, e);
      setHover(hit ? { panel: key, ...hit } : null);
    });
    canvas.addEventListener('pointerleave', () => setHover(null));
    canvas.addEventListener('click', (e) => {
      const hit = hitAt(key, e);
      if (!hit) return;
      if (EDITABLE.has(key)) { view.cursor = { panel: key, ...hit }; edit(key, hit); }
      else if (key === 'output') { anim.pause(); const OW = lastModel.out.shape[2]; update((s) => { s.filter = hit.map; s.step = hit.y * OW + hit.x; }, { key: null }); }
      else if (key === 'tout2') { anim.pause(); update((s) => { s.step = hit.x; s.text.detector = DETECTORS[hit.y].id; }, { key: null }); }
      else if (key === 'tin') { anim.pause(); anim.seek(hit.y * lastModel.inM.w + hit.x + 1); }
    });
    if (!EDITABLE.has(key)) return;
    canvas.addEventListener('focus', () => {
      view.focused = key;
      if (!view.cursor || view.cursor.panel !== key) view.cursor = { panel: key, map: 0, y: 0, x: 0 };
      render();
    });
    canvas.addEventListener('blur', () => { view.focused = null; render(); });
    canvas.addEventListener('keydown', (e) => {
      const L = view.plans[key]?.layout;
      if (!L || !view.cursor) return;
      const c = { ...view.cursor };
      const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (moves[e.key]) {
        e.preventDefault();
        c.y = Math.min(L.h - 1, Math.max(0, c.y + moves[e.key][0]));
        c.x = Math.min(L.w - 1, Math.max(0, c.x + moves[e.key][1]));
        view.cursor = c;
        view.hover = { ...c, panel: key };
        render();
      } else if (e.key === 'PageDown' || e.key === 'PageUp') {
        e.preventDefault();
        c.map = Math.min(L.count - 1, Math.max(0, c.map + (e.key === 'PageDown' ? 1 : -1)));
        view.cursor = c;
        render();
      } else if (e.key === 'Enter' || e.key === 'F2') {
        e.preventDefault();
        edit(key, c);
      }
    });
  });
}

/** Opens the cell editor on panel `key` at {map, y, x}. */
function edit(key, hit) {
  const plan = view.plans[key];
  const L = plan?.layout;
  if (!L || hit.y < 0 || hit.x < 0 || hit.y >= L.h || hit.x >= L.w) return;
  const canvas = canvasOf(key);
  const p = L.positions[hit.map];
  const m = lastModel;
  const commitErr = (msg) => { view.controlError = msg; render(); };
  if (key === 'pinput' && state.pool.shift > 0) { commitErr('Reset the shift before editing cells (the grid shown is the shifted copy).'); return; }
  if (key === 'kernel') {
    const [, Cw, kh, kw] = m.wr.weight.shape;
    const f = state.filter;
    const value = m.wr.weight.data[((f * Cw + hit.map) * kh + hit.y) * kw + hit.x];
    openCellEditor({
      wrap: canvas.parentElement, canvas, x: p.x + hit.x * L.cell, y: p.y + hit.y * L.cell, size: L.cell, value,
      label: `Weight row ${hit.y}, column ${hit.x}`, min: -999, max: 999,
      onInvalid: commitErr,
      onCommit: (v) => update((s) => {
        const { kh: h, kw: w } = kernelExtent(s.filters);
        const spec = resizeFilter(s.filters[s.filter], h, w);
        spec.data[(hit.map * h + hit.y) * w + hit.x] = v;
        s.filters[s.filter] = normaliseFilter(spec);
        view.controlError = '';
      }, { key: null }),
    });
    return;
  }
  const inp = currentInput().tensor;
  const [, H, W] = inp.shape;
  openCellEditor({
    wrap: canvas.parentElement, canvas, x: p.x + hit.x * L.cell, y: p.y + hit.y * L.cell, size: L.cell,
    value: inp.data[(hit.map * H + hit.y) * W + hit.x],
    label: `Input row ${hit.y}, column ${hit.x}`, min: LIMITS.value.min, max: LIMITS.value.max,
    onInvalid: commitErr,
    onCommit: (v) => update((s) => {
      if (s.input.edits.size >= LIMITS.edits.max) { view.controlError = `At most ${LIMITS.edits.max} hand edits.`; return; }
      s.input.edits.set(`${hit.map}.${hit.y}.${hit.x}`, v);
      view.controlError = '';
    }, { key: null }),
  });
}

// ---------------------------------------------------------------- export, upload, misc

function initExport() {
  document.querySelectorAll('button[data-export]').forEach((b) => b.addEventListener('click', () => {
    const key = b.dataset.export;
    const canvas = canvasOf(key);
    const width = Math.max(160, canvas.parentElement.clientWidth - 2);
    const plan = PANELS[state.mode][key](state, view, lastModel, Math.max(width, 480));
    exportPlan(plan, TITLES[key], `convscope-${state.mode}-${key}.png`);
  }));
}

async function upload(file) {
  view.uploadFile = file;
  try {
    const s = state.input.kind === 'upload' ? state.input.size : 64;
    const color = state.input.color;
    view.upload = await decodeImage(file, s, color);
    decodedFor = `${s}:${color}`;
    view.uploadVersion++;
    view.controlError = '';
    update((st) => { st.input.kind = 'upload'; st.input.size = s; st.input.edits = new Map(); }, { key: null, resetStep: true });
  } catch (e) {
    view.controlError = `That file could not be read as an image (${e instanceof Error ? e.message : String(e)}).`;
    render();
  }
}

/** Re-decodes the uploaded file when its size or colour setting changes. */
let decodedFor = '';
async function refreshUpload() {
  if (!view.uploadFile || state.input.kind !== 'upload') return;
  const want = `${state.input.size}:${state.input.color}`;
  if (want === decodedFor) return;
  decodedFor = want;
  try {
    view.upload = await decodeImage(view.uploadFile, state.input.size, state.input.color);
    view.uploadVersion++;
    render();
  } catch { /* reported on first decode */ }
}

function setLarge(on) {
  document.documentElement.classList.toggle('large-text', on);
  setTextScale(on ? LARGE_TEXT_SCALE : 1);
  try { localStorage.setItem(LARGE_KEY, on ? '1' : '0'); } catch { /* private mode */ }
  $('large-text').checked = on;
  render();
}

let sentenceTimer = null;
function setSentence(value) {
  const { words } = tokenize(value);
  if (words.length < 3) { view.controlError = 'Type at least 3 words: a 3-gram detector needs three.'; render(); return; }
  view.controlError = '';
  clearTimeout(sentenceTimer);
  sentenceTimer = setTimeout(() => update((s) => { s.text.sentence = words.join(' '); }, { key: 'sentence', resetStep: true }), 150);
}

async function copyLink() {
  const status = $('copy-status');
  try {
    await navigator.clipboard.writeText(location.href);
    status.textContent = 'Link copied.';
  } catch {
    status.textContent = 'Copy the address bar: it holds every setting.';
  }
  setTimeout(() => { status.textContent = ''; }, 4000);
}

// ---------------------------------------------------------------- start

async function start() {
  applyHash(location.hash);
  if (`#${serialize(state)}` !== location.hash) history.replaceState(null, '', `#${serialize(state)}`);
  hist.markApplied();
  initControls({
    state: () => state,
    update,
    controlError: (msg) => { if (view.controlError !== msg) { view.controlError = msg; render(); } },
    kernelError: (msg) => { if (view.kernelError !== msg) { view.kernelError = msg; render(); } },
    trError: (msg) => { if (view.trError !== msg) { view.trError = msg; render(); } },
    upload,
    inputChannels: () => currentInput().tensor.shape[0],
    perAxis: () => view.perAxis,
    setPerAxis: (on) => { view.perAxis = on; },
    resync: () => { view.controlError = ''; render(); },
    setMode: (mode) => { anim.pause(); update((s) => { s.mode = mode; }, { key: null, resetStep: true }); },
    setLarge,
    copyLink,
    setSentence,
  });
  initPlayer();
  initCanvases();
  initExport();
  $('dismiss-notices').addEventListener('click', () => setNotices([]));
  window.addEventListener('storage', (e) => {
    if (e.key === DRAWING_KEY || e.key === null) { view.drawingVersion++; render(); }
  });
  let large = false;
  try { large = localStorage.getItem(LARGE_KEY) === '1'; } catch { large = false; }
  document.documentElement.classList.toggle('large-text', large);
  setTextScale(large ? LARGE_TEXT_SCALE : 1);
  $('large-text').checked = large;

  try {
    // Imported dynamically so that a missing or broken pkg/ is reported on the page.
    const { loadCore } = await import('../../shared/core.js');
    const core = await loadCore();
    setCore(core);
    $('backend').textContent = core.backendName();
  } catch (e) {
    $('loading').textContent = '';
    $('error').textContent = `The WebAssembly core could not be loaded (${e instanceof Error ? e.message : String(e)}). The page needs pkg/ (built by scripts/build.sh) and must be served over http (scripts/serve.sh).`;
    return;
  }
  $('loading').hidden = true;
  view.ready = true;
  render();
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; render(); });
  }).observe($('stage'));
}

start();
