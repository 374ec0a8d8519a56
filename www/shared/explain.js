// The one explain widget ("get one number using the filter"): one unit's arithmetic — its
// input window, the kernel, the element-wise products, the sum per input channel, the total,
// the bias, the pre-activation (checked against the value the page computed another way) and
// the activation. The student page shows LeNet-5's units with it, the playground the unit of a
// convolution it steps through. Every number arrives computed (`net.explainUnit`,
// `explainConv2d`, or the same object from JS); this module only lays them out.
//
// API: createExplain(root, labels?) → {render(m, reference?), error(message)}
//   root     an element holding `.um-title` and `.um-body`
//   m        {kind: 'conv'|'pool'|'dense'|'input', c, y, x, activation, value, …} (as `net.explainUnit` returns it;
//            the unit may also sit in `m.unit`), or null for the hint
//   reference  the same pre-activation computed another way (default m.forwardPre): shown
//            with ✓/✗ under the sum
//   labels   texts that differ per page (defaults: generic wording from the `explain` catalog):
//            {title(m), intro(m, channel), channel(m, i), window(m, channel), kernel(m, channel),
//             check, hint (strings, or functions called on every render: translated text),
//             format(v, places), onHover({channel, y, x} | null) — the pointer over a
//             window/kernel/products cell}
//
// Its own words come from the `explain` message catalog (www/shared/i18n/<lang>/explain.js);
// a page that shows it loads that namespace. Calling render() again after a language switch
// rebuilds it in the new language (the structure is keyed by the language too).
//
// The widget brings its own stylesheet (explain.css, linked once on first use), so a page that
// shows it needs no copy of its rules.
//
// The panel updates live while the student draws, so it is built once per unit (structure)
// and then only its numbers and colours change (fill): no re-layout of the page per frame.
import { absMax, diverging, css } from './colors.js';
import { textStyleOn } from './contrast.js';
import { fmt } from './format.js';
import { setText } from './dom.js';
import { lang, t } from './i18n.js';
import { linkStylesheet, resource } from './resources.js';

/** Pre-activations from the unit arithmetic and the forward pass agree within this. */
export const AGREE_TOLERANCE = 1e-4;
/** How many of a dense unit's largest contributions are listed. */
const TOP_TERMS = 8;
/** MNIST's normalisation of an input pixel p: x = (p − MEAN) / STD. */
const MNIST_MEAN = 0.1307;
const MNIST_STD = 0.3081;

const PRE = '<span data-f="pre"></span>';
const VALUE = '<strong data-f="value"></strong>';
const ACT_TEXT = {
  tanh: () => `tanh(${PRE}) = ${VALUE}`,
  relu: () => `ReLU(${PRE}) = max(0, ${PRE}) = ${VALUE}`,
  softmax: () => t('explain.softmax', { pre: '<sup data-f="pre"></sup>', logits: `<sup>${t('explain.logits')}</sup>`, value: VALUE }),
};

/** A label that is a string or a function returning one (translated on every call). */
const text = (label) => (typeof label === 'function' ? label() : label);

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
    <dt>${t('explain.sumAll', { count: terms })}</dt><dd data-f="sum"></dd>
    <dt>${t('explain.plusBias')}</dt><dd data-f="bias"></dd>
    <dt>${t('explain.preActivation')}</dt><dd data-f="z" data-testid="unit-z"></dd>
  </dl><p class="um-check">${check}: <span class="mono" data-f="fpre" data-testid="unit-pre"></span>
    <span data-f="agree"></span></p>`;

/** The unit of `m` ({layer, c, y, x}): at the top of `m`, or in `m.unit`. */
const unitOf = (m) => m.unit ?? m;

/**
 * A unit in words, in the page's language: "C3 map 4, row 2, col 7" / "F6 unit 12" /
 * "output unit 3 (digit 3)" / "input pixel (row 3, col 5)". `u` = {layer, c, y, x, kind, map
 * (the layer is a stack of maps), softmax (the layer ends in a softmax over classes)};
 * `layerName` shows a layer's name (default: as it is).
 */
export function unitTitle(u, layerName = (name) => name) {
  if (u.kind === 'input') return t('explain.unitPixel', { y: u.y, x: u.x });
  const layer = layerName(u.layer);
  if (u.map) return t('explain.unitMap', { layer, c: u.c, y: u.y, x: u.x });
  return t(u.softmax ? 'explain.unitDigit' : 'explain.unitVector', { layer, c: u.c });
}

/** The widget's own wording (any page may replace each entry). */
const DEFAULT_LABELS = {
  title: (m) => unitTitle(unitOf(m)),
  intro: () => '',
  channel: (m, i) => t('explain.channel', { below: m.below, i }),
  window: (m, channel) => t('explain.windowOfMap', { below: m.below, c: channel }),
  kernel: (m, channel) => (m.channels.length > 1 ? t('explain.kernelSlice', { channel }) : t('explain.kernel')),
  check: () => t('explain.check'),
  hint: () => t('explain.hint'),
};

/**
 * @param {HTMLElement} root the panel (holds .um-title and .um-body)
 * @param {Partial<typeof DEFAULT_LABELS> & {onHover?: (tap: {channel: number, y: number, x: number} | null) => void}} [options]
 */
export function createExplain(root, options = {}) {
  linkStylesheet(resource('www/shared/explain.css'));
  const labels = { ...DEFAULT_LABELS, ...options };
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
      html += `<div class="um-channels" role="group" aria-label="${t('explain.channelsGroup')}">${m.channels.map((c) =>
        `<button type="button" data-channel="${c.index}" aria-pressed="${c.index === channel}">${labels.channel(m, c.index)}<span class="mono" data-f="partial${c.index}"></span></button>`).join('')}</div>`;
    }
    const op = (sign) => `<span class="um-op" aria-hidden="true">${sign}</span>`;
    const wcap = labels.window(m, channel);
    html += `<div class="um-tables">${gridTable(m.kh, m.kw, wcap, 'window')}
      <span class="um-step">${op('×')}${gridTable(m.kh, m.kw, labels.kernel(m, channel), 'kernel')}</span>
      <span class="um-step">${op('=')}${gridTable(m.kh, m.kw, t('explain.productsCaption'), 'products')}</span></div>`;
    const of = C > 1 ? ` <span class="muted">${t('explain.partialOf', { channel: labels.channel(m, channel), count: C })}</span>` : '';
    html += `<p class="mono">${t('explain.partialSum', { count: m.kh * m.kw, value: '<span data-f="partial"></span>' })}${of}</p>`;
    return html + SUM_LINES(C * m.kh * m.kw, text(labels.check)) + activationLine(m);
  }

  function poolStructure(m) {
    const isMax = m.mode === 'max';
    const c = unitOf(m).c;
    const r = m.region;
    const where = { size: `${m.kh}×${m.kw}`, y0: r.y0, y1: r.y1 - 1, x0: r.x0, x1: r.x1 - 1, below: m.below, c };
    return `<p>${t(isMax ? 'explain.poolMax' : 'explain.poolAvg', where)}</p>
      <div class="um-tables">${gridTable(m.kh, m.kw, t('explain.windowOfMap', { below: m.below, c }), 'window')}</div>
      <dl class="um-sum mono"><dt>${t(isMax ? 'explain.poolMaxOf' : 'explain.poolAvgOf', { count: m.kh * m.kw })}</dt><dd data-f="pooled" data-testid="unit-z"></dd>
      <dt>${t('explain.forwardValue')}</dt><dd data-f="fvalue"></dd></dl>
      <p class="um-act">${t('explain.valueIs', { value: VALUE })}</p>`;
  }

  function denseStructure(m) {
    const n = m.inputs.length;
    // A unit whose kernel covers the whole of the maps below (LeNet-5's C5) is a dense unit.
    const [maps, H, W] = m.belowShape ?? [n];
    const what = H > 1
      ? t('explain.denseConv', { layer: unitOf(m).layer, size: `${H}×${W}`, maps, below: m.below, n })
      : t('explain.dense', { n, below: m.below });
    const row = '<tr><td></td><td class="mono"></td><td class="mono"></td><td class="mono"></td><td class="um-bar-cell"><span class="um-bar"></span></td></tr>';
    return `<p>${what}</p>
      <table class="um-terms"><caption>${t('explain.termsCaption', { top: TOP_TERMS, n })}</caption>
      <thead><tr><th>${t('explain.termInput')}</th><th>x</th><th>w</th><th>x · w</th><th><span class="visually-hidden">${t('explain.termSize')}</span></th></tr></thead>
      <tbody>${row.repeat(Math.min(TOP_TERMS, n))}</tbody></table>
      ${SUM_LINES(n, text(labels.check))}${activationLine(m)}`;
  }

  function inputStructure() {
    return `<p>${t('explain.inputPixel', {
      raw: '<strong class="mono" data-f="raw"></strong>', raw2: '<span data-f="raw"></span>', mean: MNIST_MEAN, std: MNIST_STD,
      norm: '<strong class="mono" data-f="norm" data-testid="unit-z"></strong>',
    })}</p>
      <p class="muted">${t('explain.inputHover')}</p>`;
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
    set('agree', t(ok ? 'explain.agrees' : 'explain.differs'));
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
    const [, H = 1, W = 1] = m.belowShape ?? [];
    const name = (i) => {
      if (H * W === 1) return t('explain.termUnit', { below: m.below, i });
      const r = i % (H * W);
      return t('explain.termMapUnit', { below: m.below, map: Math.floor(i / (H * W)), y: Math.floor(r / W), x: r % W });
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
   * Shows the arithmetic `m`, or the hint when null; `ref` is the pre-activation
   * the page computed another way (default m.forwardPre, else z).
   */
  function render(m, ref) {
    last = m;
    if (!m) {
      title.textContent = text(labels.hint);
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
    const full = `${key}/${channel}/${lang()}`;
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

/** The student page's name for the widget. */
export const createUnitMath = createExplain;

function activationLine(m) {
  return m.activation ? `<p class="um-act">${ACT_TEXT[m.activation]()} <span class="muted">${t('explain.unitValue')}</span></p>` : '';
}
