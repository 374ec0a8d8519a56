// The prediction: the top class large, the ten softmax probabilities as bars, and the other
// variant's probabilities as thin bars under them for comparison.
//
// Redrawn every animation frame while the student draws, so it never changes layout: each bar
// is a background gradient of its track sized by the custom properties --p and --q (a repaint
// of that track only; widths re-laid out the page, transforms re-built its compositing layers
// every frame), and texts are written only when they change and sit in size-contained boxes
// (student.css), so a new number re-lays out its own box, not the page.
import { fmt } from '../../../shared/format.js';
import { setText } from '../../../shared/dom.js';
import { t } from '../../../shared/i18n.js';

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
    li.innerHTML = `<span class="digit">${d}</span><span class="bar-track" data-testid="bar-${d}"></span><span class="pct mono"></span>`;
    list.append(li);
    rows.push({ li, track: li.querySelector('.bar-track'), pct: li.querySelector('.pct') });
  }

  /**
   * Sets row `r`'s bar `name` ('--p' this variant, '--q' the other) to probability `p`, at
   * 0.1 % steps (finer is invisible).
   */
  function setBar(r, name, p) {
    const v = Math.round(1000 * p) / 1000;
    if (r[name] === v) return;
    r[name] = v;
    r.track.style.setProperty(name, v);
  }

  /**
   * @param {Float32Array|null} probs this variant's probabilities (null: nothing drawn)
   * @param {Float32Array|null} otherProbs the other variant's
   * @param {{name: string, other: string}} names variant names, as shown
   */
  function render(probs, otherProbs, names) {
    if (!probs) {
      setText(top, '–');
      setText(conf, t('student.drawPrompt'));
      if (readout) setText(readout, '');
      setText(compare, '');
      for (const r of rows) {
        setBar(r, '--p', 0);
        setBar(r, '--q', 0);
        setText(r.pct, '');
        r.li.classList.remove('best');
      }
      return;
    }
    const best = topClass(probs);
    setText(top, String(best));
    setText(conf, t('student.sure', { pct: pct(probs[best]) }));
    if (readout) setText(readout, `→ ${best} (${pct(probs[best])})`);
    for (let d = 0; d < 10; d++) {
      const r = rows[d];
      setBar(r, '--p', probs[d]);
      setBar(r, '--q', otherProbs ? otherProbs[d] : 0);
      setText(r.pct, pct(probs[d]));
      if (r.li.classList.contains('best') !== (d === best)) r.li.classList.toggle('best', d === best);
    }
    if (otherProbs) {
      const ob = topClass(otherProbs);
      setText(compare, t('student.otherSays', { network: names.other, digit: ob, pct: pct(otherProbs[ob]) }));
    } else {
      setText(compare, '');
    }
  }
  return { render };
}
