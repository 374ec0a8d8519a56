// 1-D convolution on text as a mode: a sentence as toy word vectors, three 3-gram detectors
// slid along it by conv1d, and the 3-gram each fires most for. One step per 3-gram.

import { $ } from '../../../shared/dom.js';
import { short as fmt } from '../../../shared/format.js';
import { DETECTORS, VOCAB } from '../text-embedding.js';
import { textModel, textCount, planEmbedding, planDetector, planTextOutput } from './text-panels.js';
import { option, put } from '../form.js';

/** The text fieldset: the sentence (debounced by actions.setSentence) and the detector. */
const controls = {
  /** The fieldset (constant markup, inserted once into the settings form). */
  markup: `
  <fieldset class="panel" data-modes="text" id="fs-text">
    <legend>1-D convolution on text</legend>
    <label class="field">Sentence (up to 12 words)
      <input type="text" id="sentence" data-testid="sentence" maxlength="200" autocomplete="off" spellcheck="false">
    </label>
    <label class="field">3-gram detector (kernel size 3)
      <select id="detector" data-testid="detector"></select>
    </label>
    <p id="text-best" class="survival" data-testid="text-best" aria-live="polite"></p>
    <p id="text-unknown" class="info" data-testid="text-unknown"></p>
    <details>
      <summary>About the toy embedding</summary>
      <p class="small">Each word is 4 hand-set numbers: <span class="mono">positive, negative, negation, intensity</span> (e.g. <span class="mono">good = [1, 0, 0, 0]</span>, <span class="mono">not = [0, 0, 1, 0]</span>, <span class="mono">really = [0, 0, 0, 1]</span>). It is not learned; it is small enough to check every product by hand. Unknown words get zeros.</p>
      <p class="small" id="vocab-list"></p>
    </details>
  </fieldset>
`,

  init(actions) {
    for (const d of DETECTORS) $('#detector').append(option(d.id, d.label));
    $('#vocab-list').textContent = `Vocabulary: ${Object.entries(VOCAB).map(([w, v]) => `${w} [${v.map((x) => fmt(x)).join(', ')}]`).join('; ')}.`;
    const upd = actions.update;
    $('#sentence').addEventListener('input', (e) => actions.setSentence(e.target.value));
    $('#detector').addEventListener('change', (e) => upd((s) => { s.text.detector = e.target.value; }, { key: null }));
  },
  sync(s, info) {
    put($('#sentence'), s.text.sentence, info.force);
    put($('#detector'), s.text.detector, info.force);
  },
};

/** The sentence as vectors, the detector with this step's products, every response. */
const panels = [
  { id: 'embedding', caption: 'Words as vectors (embedding)', exportTitle: 'Sentence as word vectors', testid: 'text-embedding', wide: true,
    hoverFrom: ['responses'], label: 'Embedding matrix of the sentence', plan: planEmbedding },
  { id: 'detector', caption: "Detector and this step's products", exportTitle: '3-gram detector', testid: 'text-detector', wide: true,
    hoverFrom: ['responses'], text: 'text-equation', plan: planDetector },
  { id: 'responses', caption: 'Detector responses (conv1d)', exportTitle: 'Detector responses', testid: 'text-output', wide: true,
    hoverFrom: ['responses'], label: 'Responses of every 3-gram detector', plan: planTextOutput },
];

export const mode = {
  id: 'text',
  label: '1-D conv on text',
  controls,
  panels,

  key: (s) => `${s.text.sentence}|${s.text.detector}`,
  model: (s) => textModel(s),
  steps: (m) => textCount(m),
  stepLabel: (s, m, count) => `3-gram ${s.step + 1} / ${count}: “${m.words.slice(s.step, s.step + 3).join(' ')}”`,

  readout(h, s, m) {
    if (h.panel !== 'responses' || !m.out) return '';
    const OL = m.out.shape[1];
    return `“${m.words.slice(h.x, h.x + 3).join(' ')}” → ${fmt(m.out.data[h.y * OL + h.x], 4)}`;
  },

  texts: (plans) => ({ 'text-equation': plans.get('detector')?.plan.equation ?? '' }),

  /** The strongest 3-gram of the chosen detector (and of all), and the unknown words. */
  sizes(s, m) {
    const best = $('#text-best');
    if (m.best) {
      const d = m.det;
      const b = m.best[d];
      const top = m.best.reduce((a, x, i) => (x.value > m.best[a].value ? i : a), 0);
      best.textContent = b.value > 0
        ? `Fires most for “${DETECTORS[d].label}”: “${b.gram}” (${fmt(b.value, 4)}).`
        : `“${DETECTORS[d].label}” does not fire on this sentence (its best response is ${fmt(b.value, 4)}).`;
      if (top !== d && m.best[top].value > 0) best.textContent += ` Strongest of all detectors: “${m.best[top].gram}” for “${DETECTORS[top].label}” (${fmt(m.best[top].value, 4)}).`;
    } else best.textContent = '';
    $('#text-unknown').textContent = m.unknown.length ? `Not in the toy vocabulary (zero vectors): ${[...new Set(m.unknown)].join(', ')}.` : '';
  },

  /** Clicking a response moves the step to its 3-gram and selects its detector. */
  click(panel, hit, m, act) {
    if (panel !== 'responses') return;
    act.pause();
    act.update((s) => { s.step = hit.x; s.text.detector = DETECTORS[hit.y].id; });
  },
};
