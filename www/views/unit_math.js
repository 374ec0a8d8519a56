// "Get one number using the filter": the panel that opens one unit's arithmetic — its input
// window, the kernel, the element-wise products, their sum, the bias, the pre-activation
// (checked against the forward pass) and the activation. Every number arrives computed
// (state/unit_math.js, via the wasm core); this module only lays them out.
import { absMax, diverging, css, textOn } from '../lib/colors.js';
import { fmt, unitName } from './labels.js';

/** Pre-activations from the unit arithmetic and the forward pass agree within this. */
export const AGREE_TOLERANCE = 1e-4;
/** How many of a dense unit's largest contributions are listed. */
const TOP_TERMS = 8;

const ACT_TEXT = {
  tanh: (z, v) => `tanh(${fmt(z, 4)}) = <strong>${fmt(v, 4)}</strong>`,
  relu: (z, v) => `ReLU(${fmt(z, 4)}) = max(0, ${fmt(z, 4)}) = <strong>${fmt(v, 4)}</strong>`,
  softmax: (z, v) => `softmax of the 10 logits: e<sup>${fmt(z, 3)}</sup> / Σ e<sup>logits</sup> = <strong>${fmt(v, 4)}</strong>`,
};

/** A k×k table of numbers on their diverging colours (scale ±limit). */
function gridTable(values, rows, cols, limit, caption, mark = () => false) {
  let html = `<figure class="um-grid"><figcaption>${caption}</figcaption><table class="mono"><tbody>`;
  for (let y = 0; y < rows; y++) {
    html += '<tr>';
    for (let x = 0; x < cols; x++) {
      const v = values[y * cols + x];
      const rgb = diverging(v, limit);
      html += `<td style="background:${css(rgb)};color:${textOn(rgb)}"${mark(y * cols + x) ? ' class="mark"' : ''}>${fmt(v)}</td>`;
    }
    html += '</tr>';
  }
  return `${html}</tbody></table></figure>`;
}

function agreeLine(z, forwardPre) {
  const ok = Math.abs(z - forwardPre) <= AGREE_TOLERANCE;
  return `<p class="um-check ${ok ? 'ok' : 'bad'}">forward pass pre-activation: <span class="mono" data-testid="unit-pre">${fmt(forwardPre, 4)}</span>
    ${ok ? '✓ agrees' : '✗ differs'} (|difference| ${ok ? '≤' : '>'} 10<sup>−4</sup>)</p>`;
}

function sumLines(m, terms) {
  return `<dl class="um-sum mono">
    <dt>Σ of all ${terms} products</dt><dd>${fmt(m.sum, 4)}</dd>
    <dt>+ bias</dt><dd>${fmt(m.bias, 4)}</dd>
    <dt>= pre-activation z</dt><dd data-testid="unit-z">${fmt(m.z, 4)}</dd>
  </dl>${agreeLine(m.z, m.forwardPre)}
  <p class="um-act">${ACT_TEXT[m.activation](m.forwardPre, m.value)} <span class="muted">(the unit's value)</span></p>`;
}

/** @param {HTMLElement} root the panel ([data-testid=unit-math]) */
export function createUnitMath(root) {
  const title = root.querySelector('.um-title');
  const body = root.querySelector('.um-body');
  let channel = null; // input channel shown in detail (conv units with several)
  let lastKey = '';
  let last = null;

  body.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-channel]');
    if (!b || !last) return;
    channel = Number(b.dataset.channel);
    render(last);
    body.querySelector(`button[data-channel="${channel}"]`)?.focus();
  });

  function conv(m) {
    const C = m.channels.length;
    const k = m.kh * m.kw;
    if (channel === null || channel >= C) {
      // Start with the input map that contributes most.
      channel = 0;
      for (const ch of m.channels) if (Math.abs(ch.partial) > Math.abs(m.channels[channel].partial)) channel = ch.index;
    }
    const ch = m.channels[channel];
    const r = m.region;
    const where = m.below === 'input'
      ? `the 5×5 window at rows ${r.y0}–${r.y1 - 1}, cols ${r.x0}–${r.x1 - 1} of the padded 32×32 input`
      : `a ${C}×${m.kh}×${m.kw} window of ${m.below} (rows ${r.y0}–${r.y1 - 1}, cols ${r.x0}–${r.x1 - 1}, all ${C} maps)`;
    let html = `<p>It multiplies ${where} element by element with its kernel, adds everything up, adds its bias and applies ${m.activation}.</p>`;
    if (m.below === 'input') {
      html += '<p class="muted small">The network normalises pixels first: x = (p − 0.1307) / 0.3081, so background and padding are −0.4242 and full ink is 2.8215.</p>';
    }
    if (C > 1) {
      html += `<div class="um-channels" role="group" aria-label="Input map shown">${m.channels.map((c) =>
        `<button type="button" data-channel="${c.index}" aria-pressed="${c.index === channel}">${m.below} map ${c.index}<span class="mono">Σ ${fmt(c.partial, 3)}</span></button>`).join('')}</div>`;
    }
    const lw = absMax(ch.window);
    const lk = absMax(ch.kernel);
    const lp = absMax(ch.products);
    const wcap = m.below === 'input' ? 'input window x (normalised)' : `window of ${m.below} map ${channel}`;
    const op = (sign) => `<span class="um-op" aria-hidden="true">${sign}</span>`;
    html += `<div class="um-tables">${gridTable(ch.window, m.kh, m.kw, lw, wcap)}
      <span class="um-step">${op('×')}${gridTable(ch.kernel, m.kh, m.kw, lk, C > 1 ? `kernel w, slice ${channel}` : 'kernel w')}</span>
      <span class="um-step">${op('=')}${gridTable(ch.products, m.kh, m.kw, lp, 'products x · w')}</span></div>`;
    html += `<p class="mono">Σ of these ${k} products = ${fmt(ch.partial, 4)}${C > 1 ? ` <span class="muted">(map ${channel} of ${C})</span>` : ''}</p>`;
    return html + sumLines(m, C * k);
  }

  function pool(m) {
    const isMax = m.mode === 'max';
    const html = `<p>It takes the ${m.kh}×${m.kw} window at rows ${m.region.y0}–${m.region.y1 - 1}, cols ${m.region.x0}–${m.region.x1 - 1} of ${m.below} map ${m.unit.c} and keeps ${isMax ? 'the largest value' : 'the average'}. No weights.</p>
      <div class="um-tables">${gridTable(m.window, m.kh, m.kw, absMax(m.window), `window of ${m.below} map ${m.unit.c}`, (i) => isMax && m.window[i] === m.pooled)}</div>
      <dl class="um-sum mono"><dt>${isMax ? 'max' : 'average'} of the ${m.kh * m.kw} values</dt><dd data-testid="unit-z">${fmt(m.pooled, 4)}</dd>
      <dt>forward pass value</dt><dd>${fmt(m.value, 4)}</dd></dl>
      <p class="um-act">value = <strong>${fmt(m.value, 4)}</strong></p>`;
    return html;
  }

  function dense(m) {
    const n = m.inputs.length;
    const order = [...m.products.keys()].sort((a, b) => Math.abs(m.products[b]) - Math.abs(m.products[a])).slice(0, TOP_TERMS);
    const maxAbs = Math.abs(m.products[order[0]]) || 1;
    const name = (i) => {
      if (m.below === 'S4') {
        const [, H, W] = m.belowShape;
        const c = Math.floor(i / (H * W));
        const r = i % (H * W);
        return `S4 map ${c} (${Math.floor(r / W)}, ${r % W})`;
      }
      return `${m.below} unit ${i}`;
    };
    const rows = order.map((i) => {
      const p = m.products[i];
      const width = (100 * Math.abs(p)) / maxAbs;
      return `<tr><td>${name(i)}</td><td class="mono">${fmt(m.inputs[i], 3)}</td><td class="mono">${fmt(m.weights[i], 3)}</td>
        <td class="mono">${fmt(p, 3)}</td><td class="um-bar-cell"><span class="um-bar ${p < 0 ? 'neg' : 'pos'}" style="width:${width.toFixed(1)}%"></span></td></tr>`;
    }).join('');
    const what = m.unit.layer === 'C5'
      ? `C5 is a 5×5 convolution over all 16 S4 maps of 5×5, so each unit sees all ${n} values: it works like a dense unit.`
      : `It multiplies each of the ${n} values of ${m.below} by its weight, adds everything up and adds its bias.`;
    return `<p>${what}</p>
      <table class="um-terms"><caption>The ${TOP_TERMS} largest contributions x · w (of ${n})</caption>
      <thead><tr><th>input</th><th>x</th><th>w</th><th>x · w</th><th><span class="visually-hidden">size</span></th></tr></thead><tbody>${rows}</tbody></table>
      ${sumLines(m, n)}`;
  }

  function input(m) {
    return `<p>An input pixel has no weights. Its ink is <strong class="mono">${fmt(m.raw, 4)}</strong> (0 = background, 1 = ink);
      the network sees it normalised: (${fmt(m.raw, 4)} − 0.1307) / 0.3081 = <strong class="mono" data-testid="unit-z">${fmt(m.normalised, 4)}</strong>.</p>
      <p class="muted">Hovering it shows which units of every layer see this pixel.</p>`;
  }

  /** Shows the arithmetic `m` (from state/unit_math.js unitMath), or the hint when null. */
  function render(m) {
    last = m;
    if (!m) {
      title.textContent = 'Click a unit in any layer (or focus a layer and press Enter) to see how its value is computed.';
      body.innerHTML = '';
      lastKey = '';
      return;
    }
    const key = `${m.unit.layer}/${m.unit.c}/${m.unit.y}/${m.unit.x}`;
    if (key !== lastKey) { channel = null; lastKey = key; }
    title.textContent = unitName(m.unit);
    root.dataset.kind = m.kind;
    body.innerHTML = { conv, pool, dense, input }[m.kind](m);
  }

  /** Shows an error message in the panel (invalid arguments from the core). */
  function error(message) {
    body.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = message;
    body.append(p);
  }

  render(null);
  return { render, error };
}
