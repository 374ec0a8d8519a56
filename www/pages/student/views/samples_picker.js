// "…or pick a real MNIST test digit": ten buttons, one per class; pressing a class again
// steps to its next example.
import { indicesOfClass } from '../state/samples.js';
import { t } from '../../../shared/i18n.js';

/**
 * @param {HTMLElement} root holds .sample-buttons and [data-testid=sample-info]
 * @param {{onPick: (index: number) => void}} options
 */
export function createSamplesPicker(root, { onPick }) {
  const buttons = root.querySelector('.sample-buttons');
  const info = root.querySelector('[data-testid="sample-info"]');
  let samples = null;
  const next = new Array(10).fill(0);
  let shown = null;
  /** Picks the next example of digit `d` (each press of the same digit steps to another). */
  function pickDigit(d) {
    if (!samples) return;
    const list = indicesOfClass(samples, d);
    const i = list[next[d] % list.length];
    next[d]++;
    onPick(i);
  }
  for (let d = 0; d < 10; d++) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = String(d);
    b.dataset.testid = `sample-${d}`;
    b.disabled = true;
    b.addEventListener('click', () => pickDigit(d));
    buttons.append(b);
  }
  /** Writes the note on the shown sample in the page's language. */
  function writeInfo() {
    info.textContent = shown === null || !samples ? ''
      : t('student.sampleInfo', { image: String(samples.indices[shown]), label: samples.labels[shown], index: shown });
  }
  /** Writes the buttons' labels and the note in the page's language (after a language switch). */
  function relabel() {
    buttons.querySelectorAll('button').forEach((b, d) => b.setAttribute('aria-label', t('student.sampleButton', { digit: d })));
    writeInfo();
  }
  relabel();
  return {
    pickDigit,
    relabel,
    setSamples(s) {
      samples = s;
      for (const b of buttons.querySelectorAll('button')) b.disabled = false;
    },
    /** Describes the shown sample (index into the file) or clears the note (null). */
    show(index) {
      shown = index;
      writeInfo();
    },
  };
}
