// The one explain widget ("get one number using the filter"): one unit's arithmetic — its
// input window, the kernel, the element-wise products, the sum per input channel, the total,
// the bias, the pre-activation (checked against the value the page computed another way) and
// the activation. The student page shows LeNet-5's units with it, the playground the unit of a
// convolution it steps through. Every number arrives computed (contract 3: `net.explainUnit`,
// `explainConv2d`, or the same object from JS); this module only lays them out.
//
// API: createExplain(root, labels?) → {render(m, reference?), error(message)}
//   root     an element holding `.um-title` and `.um-body`
//   m        {kind: 'conv'|'pool'|'dense'|'input', c, y, x, activation, value, …} (contract 3;
//            the unit may also sit in `m.unit`), or null for the hint
//   reference  the same pre-activation computed another way (default m.forwardPre): shown
//            with ✓/✗ under the sum
//   labels   texts that differ per page (defaults: the student page's LeNet wording):
//            {title(m), intro(m, channel), channel(i), window(m, channel), check, hint,
//             onHover({channel, y, x} | null) — the pointer over a window/kernel/products cell}
//
// The widget brings its own stylesheet (explain.css, linked once on first use), so a page that
// shows it needs no copy of its rules.
//
// The panel updates live while the student draws, so it is built once per unit (structure)
// and then only its numbers and colours change (fill): no re-layout of the page per frame.
import { absMax, diverging, css } from './colors.js';
import { textStyleOn } from './contrast.js';
import { fmt, unitName } from './format.js';
import { setText } from './dom.js';

/** Pre-activations from the unit arithmetic and the forward pass agree within this. */
export const AGREE_TOLERANCE = 1e-4;
/** How many of a dense unit's largest contributions are listed. */
const TOP_TERMS = 8;

const ACT_TEXT = {
  tanh: 'tanh(<span data-f="pre"></span>) = <strong data-f="value"></strong>',
  relu: 'ReLU(<span data-f="pre"></span>) = max(0, <span data-f="pre"></span>) = <strong data-f="value"></strong>',
  softmax: 'softmax of the 10 logits: e<sup data-f="pre"></sup> / Σ e<sup>logits</sup> = <strong data-f="value"></strong>',
};

/**
 * An empty rows×cols table whose cells fill() colours and numbers. Each number sits in a
 * size-contained span (student.css .um-grid .v), so rewriting it while the student draws
 * re-lays out that span only.
 */
function gridTable(rows, cols, caption, name) {
  const row = `<tr>${'<td><span class="v"></span></td>'.repeat(cols)}</tr>`;
  return `<figure class="um-grid" data-grid="${name}"><figcaption>${caption}</figcaption><table class="mono"><tbody>${row.repeat(rows)}</tbody></table></figure>`;
}

/**
 * Writes `values` into a table's cells on diverging colours scaled to the table's |max|.
 * Cells whose value and scale did not change are left alone (no style work while drawing).
 */
function fillGrid(cells, values, mark, format = fmt) {
  const limit = absMax(values);
  for (let i = 0; i < cells.length; i++) {
    const td = cells[i];
    if (mark) td.classList.toggle('mark', mark(i));
    if (td.v === values[i] && td.limit === limit) continue;
    td.v = values[i];
    td.limit = limit;
    const rgb = diverging(values[i], limit);
    setText(td.firstChild, format(values[i]));
    const bg = css(rgb);
    if (td.bg !== bg) {
      td.bg = bg;
      td.style.background = bg;
      td.style.color = textStyleOn(rgb); // >= 4.5:1 on any cell colour
    }
  }
}

const SUM_LINES = (terms, check) => `<dl class="um-sum mono">
    <dt>Σ of all ${terms} products</dt><dd data-f="sum"></dd>
    <dt>+ bias</dt><dd data-f="bias"></dd>
    <dt>= pre-activation z</dt><dd data-f="z" data-testid="unit-z"></dd>
  </dl><p class="um-check">${check}: <span class="mono" data-f="fpre" data-testid="unit-pre"></span>
    <span data-f="agree"></span></p>`;

/** The unit of `m` ({layer, c, y, x}): contract 3 puts it at the top, older callers in `m.unit`. */
const unitOf = (m) => m.unit ?? m;

/** The student page's wording (LeNet-5 units). */
const STUDENT_LABELS = {
  title: (m) => unitName(unitOf(m)),
  intro(m, channel) {
    const C = m.channels.length;
    const r = m.region;
    const where = m.below === 'input'
      ? `the 5×5 window at rows ${r.y0}–${r.y1 - 1}, cols ${r.x0}–${r.x1 - 1} of the padded 32×32 input`
      : `a ${C}×${m.kh}×${m.kw} window of ${m.below} (rows ${r.y0}–${r.y1 - 1}, cols ${r.x0}–${r.x1 - 1}, all ${C} maps)`;
    let html = `<p>It multiplies ${where} element by element with its kernel, adds everything up, adds its bias and applies ${m.activation}.</p>`;
    if (m.below === 'input') {
      html += '<p class="muted small">The network normalises pixels first: x = (p − 0.1307) / 0.3081, so background and padding are −0.4242 and full ink is 2.8215.</p>';
    }
    return html;
  },
  channel: (m, i) => `${m.below} map ${i}`,
  window: (m, channel) => (m.below === 'input' ? 'input window x (normalised)' : `window of ${m.below} map ${channel}`),
  kernel: (m, channel) => (m.channels.length > 1 ? `kernel w, slice ${channel}` : 'kernel w'),
  check: 'forward pass pre-activation',
  hint: 'Click a unit in any layer (or focus a layer and press Enter) to see how its value is computed.',
};

/**
 * @param {HTMLElement} root the panel (holds .um-title and .um-body)
 * @param {Partial<typeof STUDENT_LABELS> & {onHover?: (tap: {channel: number, y: number, x: number} | null) => void}} [options]
 */
export function createExplain(root, options = {}) {
  linkStylesheet();
  const labels = { ...STUDENT_LABELS, ...options };
  const title = root.querySelector('.um-title');
  const body = root.querySelector('.um-body');
  let channel = null; // input channel shown in detail (conv units with several)
  let unitKey = '';
  let builtKey = '';
  let refs = null;
  let last = null;
  let reference = 0; // the pre-activation computed another way (checked against z)
  const num = labels.format ?? fmt;

  body.addEventListener('pointerover', (e) => {
    const td = e.target.closest('[data-grid] td');
    if (!td || !last || last.kind !== 'conv' || !options.onHover) return;
    const i = [...td.closest('tbody').querySelectorAll('td')].indexOf(td);
    options.onHover({ channel, y: Math.floor(i / last.kw), x: i % last.kw });
  });
  body.addEventListener('pointerleave', () => options.onHover?.(null));

  body.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-channel]');
    if (!b || !last) return;
    channel = Number(b.dataset.channel);
    render(last, reference);
    body.querySelector(`button[data-channel="${channel}"]`)?.focus();
  });

  // ---- structure (once per unit / channel)
  function convStructure(m) {
    const C = m.channels.length;
    let html = labels.intro(m, channel);
    if (C > 1) {
      html += `<div class="um-channels" role="group" aria-label="Input map shown">${m.channels.map((c) =>
        `<button type="button" data-channel="${c.index}" aria-pressed="${c.index === channel}">${labels.channel(m, c.index)}<span class="mono" data-f="partial${c.index}"></span></button>`).join('')}</div>`;
    }
    const op = (sign) => `<span class="um-op" aria-hidden="true">${sign}</span>`;
    const wcap = labels.window(m, channel);
    html += `<div class="um-tables">${gridTable(m.kh, m.kw, wcap, 'window')}
      <span class="um-step">${op('×')}${gridTable(m.kh, m.kw, labels.kernel(m, channel), 'kernel')}</span>
      <span class="um-step">${op('=')}${gridTable(m.kh, m.kw, 'products x · w', 'products')}</span></div>`;
    html += `<p class="mono">Σ of these ${m.kh * m.kw} products = <span data-f="partial"></span>${C > 1 ? ` <span class="muted">(${labels.channel(m, channel)}, ${C} in all)</span>` : ''}</p>`;
    return html + SUM_LINES(C * m.kh * m.kw, labels.check) + activationLine(m);
  }

  function poolStructure(m) {
    const isMax = m.mode === 'max';
    const c = unitOf(m).c;
    return `<p>It takes the ${m.kh}×${m.kw} window at rows ${m.region.y0}–${m.region.y1 - 1}, cols ${m.region.x0}–${m.region.x1 - 1} of ${m.below} map ${c} and keeps ${isMax ? 'the largest value' : 'the average'}. No weights.</p>
      <div class="um-tables">${gridTable(m.kh, m.kw, `window of ${m.below} map ${c}`, 'window')}</div>
      <dl class="um-sum mono"><dt>${isMax ? 'max' : 'average'} of the ${m.kh * m.kw} values</dt><dd data-f="pooled" data-testid="unit-z"></dd>
      <dt>forward pass value</dt><dd data-f="fvalue"></dd></dl>
      <p class="um-act">value = <strong data-f="value"></strong></p>`;
  }

  function denseStructure(m) {
    const n = m.inputs.length;
    const what = unitOf(m).layer === 'C5'
      ? `C5 is a 5×5 convolution over all 16 S4 maps of 5×5, so each unit sees all ${n} values: it works like a dense unit.`
      : `It multiplies each of the ${n} values of ${m.below} by its weight, adds everything up and adds its bias.`;
    const row = '<tr><td></td><td class="mono"></td><td class="mono"></td><td class="mono"></td><td class="um-bar-cell"><span class="um-bar"></span></td></tr>';
    return `<p>${what}</p>
      <table class="um-terms"><caption>The ${TOP_TERMS} largest contributions x · w (of ${n})</caption>
      <thead><tr><th>input</th><th>x</th><th>w</th><th>x · w</th><th><span class="visually-hidden">size</span></th></tr></thead>
      <tbody>${row.repeat(Math.min(TOP_TERMS, n))}</tbody></table>
      ${SUM_LINES(n, labels.check)}${activationLine(m)}`;
  }

  function inputStructure() {
    return `<p>An input pixel has no weights. Its ink is <strong class="mono" data-f="raw"></strong> (0 = background, 1 = ink);
      the network sees it normalised: (<span data-f="raw"></span> − 0.1307) / 0.3081 = <strong class="mono" data-f="norm" data-testid="unit-z"></strong>.</p>
      <p class="muted">Hovering it shows which units of every layer see this pixel.</p>`;
  }

  // ---- fill (every update)
  function set(name, text) {
    for (const el of refs.fields.get(name) ?? []) setText(el, text);
  }

  function fillSums(m) {
    set('sum', num(m.sum, 4));
    set('bias', num(m.bias, 4));
    set('z', num(m.z, 4));
    set('fpre', num(reference, 4));
    const ok = Math.abs(m.z - reference) <= AGREE_TOLERANCE;
    set('agree', ok ? '✓ agrees (|difference| ≤ 10⁻⁴)' : '✗ differs (|difference| > 10⁻⁴)');
    refs.check?.classList.toggle('bad', !ok);
    set('pre', num(reference, m.activation === 'softmax' ? 3 : 4));
    set('value', num(m.value, 4));
  }

  function fillConv(m) {
    const ch = m.channels[channel];
    fillGrid(refs.grids.window, ch.window, null, num);
    fillGrid(refs.grids.kernel, ch.kernel, null, num);
    fillGrid(refs.grids.products, ch.products, null, num);
    for (const c of m.channels) set(`partial${c.index}`, `Σ ${num(c.partial, 3)}`);
    set('partial', num(ch.partial, 4));
    fillSums(m);
  }

  function fillPool(m) {
    const isMax = m.mode === 'max';
    fillGrid(refs.grids.window, m.window, (i) => isMax && m.window[i] === m.pooled, num);
    set('pooled', num(m.pooled, 4));
    set('fvalue', num(m.value, 4));
    set('value', num(m.value, 4));
  }

  function fillDense(m) {
    const order = [...m.products.keys()].sort((a, b) => Math.abs(m.products[b]) - Math.abs(m.products[a])).slice(0, TOP_TERMS);
    const maxAbs = Math.abs(m.products[order[0]]) || 1;
    const name = (i) => {
      if (m.below !== 'S4') return `${m.below} unit ${i}`;
      const [, H, W] = m.belowShape;
      const r = i % (H * W);
      return `S4 map ${Math.floor(i / (H * W))} (${Math.floor(r / W)}, ${r % W})`;
    };
    order.forEach((i, k) => {
      const cells = refs.rows[k].cells;
      const p = m.products[i];
      cells[0].textContent = name(i);
      cells[1].textContent = num(m.inputs[i], 3);
      cells[2].textContent = num(m.weights[i], 3);
      cells[3].textContent = num(p, 3);
      const bar = cells[4].firstElementChild;
      bar.className = `um-bar ${p < 0 ? 'neg' : 'pos'}`;
      bar.style.width = `${((100 * Math.abs(p)) / maxAbs).toFixed(1)}%`;
    });
    fillSums(m);
  }

  function fillInput(m) {
    set('raw', num(m.raw, 4));
    set('norm', num(m.normalised, 4));
  }

  function build(m) {
    body.innerHTML = { conv: convStructure, pool: poolStructure, dense: denseStructure, input: inputStructure }[m.kind](m);
    const fields = new Map();
    for (const el of body.querySelectorAll('[data-f]')) {
      if (!fields.has(el.dataset.f)) fields.set(el.dataset.f, []);
      fields.get(el.dataset.f).push(el);
    }
    const grids = {};
    for (const g of body.querySelectorAll('[data-grid]')) grids[g.dataset.grid] = [...g.querySelectorAll('td')];
    refs = { fields, grids, rows: [...body.querySelectorAll('.um-terms tbody tr')], check: body.querySelector('.um-check') };
  }

  /**
   * Shows the arithmetic `m` (contract 3), or the hint when null; `ref` is the pre-activation
   * the page computed another way (default m.forwardPre, else z).
   */
  function render(m, ref) {
    last = m;
    if (!m) {
      title.textContent = labels.hint;
      body.innerHTML = '';
      unitKey = builtKey = '';
      delete root.dataset.kind;
      return;
    }
    reference = ref ?? m.forwardPre ?? m.z;
    const u = unitOf(m);
    const key = `${m.kind}/${u.layer}/${u.c}/${u.y}/${u.x}/${m.activation}/${m.mode ?? ''}/${m.kh}×${m.kw}×${m.channels?.length}`;
    if (key !== unitKey) {
      unitKey = key;
      channel = null;
    }
    setText(title, labels.title(m));
    if (m.kind === 'conv' && (channel === null || channel >= m.channels.length)) {
      // Start with the input map that contributes most.
      channel = 0;
      for (const ch of m.channels) if (Math.abs(ch.partial) > Math.abs(m.channels[channel].partial)) channel = ch.index;
    }
    const full = `${key}/${channel}`;
    if (full !== builtKey) {
      builtKey = full;
      build(m);
    }
    root.dataset.kind = m.kind;
    ({ conv: fillConv, pool: fillPool, dense: fillDense, input: fillInput })[m.kind](m);
  }

  /** Shows an error message in the panel (invalid arguments from the core). */
  function error(message) {
    builtKey = '';
    body.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = message;
    body.append(p);
  }

  render(null);
  return { render, error };
}

/** Adds explain.css to the document once (same origin: allowed under a strict CSP). */
function linkStylesheet() {
  const href = new URL('./explain.css', import.meta.url).href;
  if ([...document.querySelectorAll('link[rel=stylesheet]')].some((l) => l.href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

/** The student page's name for the widget. */
export const createUnitMath = createExplain;

function activationLine(m) {
  return m.activation ? `<p class="um-act">${ACT_TEXT[m.activation]} <span class="muted">(the unit's value)</span></p>` : '';
}
