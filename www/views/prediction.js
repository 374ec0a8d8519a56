// The prediction: the top class large, the ten softmax probabilities as bars, and the other
// variant's probabilities as thin bars under them for comparison.
import { fmt } from './labels.js';

/** Argmax of a probability vector (ties: the lower digit). Display only. */
export function topClass(p) {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

const pct = (v) => `${fmt(100 * v, v >= 0.995 || v < 0.1 ? 0 : 1)} %`;

/**
 * @param {HTMLElement} root the prediction panel (holds [data-testid=prediction],
 *   [data-testid=confidence], ol.bars, [data-testid=compare])
 */
export function createPrediction(root) {
  const top = root.querySelector('[data-testid="prediction"]');
  const conf = root.querySelector('[data-testid="confidence"]');
  const compare = root.querySelector('[data-testid="compare"]');
  const list = root.querySelector('ol.bars');
  const readout = document.querySelector('[data-testid="pad-readout"]'); // mirror beside the pad (phones)
  const rows = [];
  for (let d = 0; d < 10; d++) {
    const li = document.createElement('li');
    li.innerHTML = `<span class="digit">${d}</span><span class="bar-track"><span class="bar"></span><span class="bar other"></span></span><span class="pct mono"></span>`;
    list.append(li);
    rows.push({ li, bar: li.querySelector('.bar:not(.other)'), other: li.querySelector('.bar.other'), pct: li.querySelector('.pct') });
  }

  /**
   * @param {Float32Array|null} probs this variant's probabilities (null: nothing drawn)
   * @param {Float32Array|null} otherProbs the other variant's
   * @param {{name: string, other: string}} names variant names
   */
  function render(probs, otherProbs, names) {
    if (!probs) {
      top.textContent = '–';
      conf.textContent = 'draw a digit';
      if (readout) readout.textContent = '';
      compare.textContent = '';
      for (const r of rows) {
        r.bar.style.width = '0%';
        r.other.style.width = '0%';
        r.pct.textContent = '';
        r.li.classList.remove('best');
      }
      return;
    }
    const best = topClass(probs);
    top.textContent = String(best);
    conf.textContent = `${pct(probs[best])} sure`;
    if (readout) readout.textContent = `→ ${best} (${pct(probs[best])})`;
    for (let d = 0; d < 10; d++) {
      const r = rows[d];
      r.bar.style.width = `${(100 * probs[d]).toFixed(1)}%`;
      r.other.style.width = otherProbs ? `${(100 * otherProbs[d]).toFixed(1)}%` : '0%';
      r.pct.textContent = pct(probs[d]);
      r.li.classList.toggle('best', d === best);
    }
    if (otherProbs) {
      const ob = topClass(otherProbs);
      compare.textContent = `${names.other} network says ${ob} (${pct(otherProbs[ob])})`;
    } else {
      compare.textContent = '';
    }
  }
  return { render };
}
