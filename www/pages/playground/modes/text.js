// 1-D convolution on text as a mode: a sentence as toy word vectors, three 3-gram detectors
// slid along it by conv1d, and the 3-gram each fires most for. One step per 3-gram.

import { $ } from '../../../shared/dom.js';
import { short as fmt } from '../../../shared/format.js';
import { t } from '../../../shared/i18n.js';
import { DETECTORS, VOCAB } from '../text-embedding.js';
import { textModel, textCount, planEmbedding, planDetector, planTextOutput } from './text-panels.js';
import { option, put } from '../form.js';

/** The text fieldset: the sentence (debounced by actions.setSentence) and the detector. */
const controls = {
  /** The fieldset (constant markup, inserted once into the settings form). */
  markup: `
  <fieldset class="panel" data-modes="text" id="fs-text">
    <legend data-i18n="playground.textLegend">1-D convolution on text</legend>
    <label class="field"><span data-i18n="playground.sentence">Sentence (up to 12 words)</span>
      <input type="text" id="sentence" data-testid="sentence" maxlength="200" autocomplete="off" spellcheck="false">
    </label>
    <label class="field"><span data-i18n="playground.detector">3-gram detector (kernel size 3)</span>
      <select id="detector" data-testid="detector"></select>
    </label>
    <p id="text-best" class="survival" data-testid="text-best" aria-live="polite"></p>
    <p id="text-unknown" class="info" data-testid="text-unknown"></p>
    <details>
      <summary data-i18n="playground.aboutEmbedding">About the toy embedding</summary>
      <p class="small" id="embedding-about"></p>
      <p class="small" id="vocab-list"></p>
    </details>
  </fieldset>
`,

  init(actions) {
    for (const d of DETECTORS) $('#detector').append(option(d.id, t(d.label)));
    this.relabel();
    const upd = actions.update;
    $('#sentence').addEventListener('input', (e) => actions.setSentence(e.target.value));
    $('#detector').addEventListener('change', (e) => upd((s) => { s.text.detector = e.target.value; }, { key: null }));
  },
  sync(s, info) {
    put($('#sentence'), s.text.sentence, info.force);
    put($('#detector'), s.text.detector, info.force);
  },

  /** Re-words the detector menu and the embedding's explanation after a language switch. */
  relabel() {
    for (const o of $('#detector').options) o.textContent = t(DETECTORS.find((d) => d.id === o.value).label);
    $('#embedding-about').textContent = t('playground.embeddingAbout');
    $('#vocab-list').textContent = t('playground.vocabulary', { list: Object.entries(VOCAB).map(([w, v]) => `${w} [${v.map((x) => fmt(x)).join(', ')}]`).join('; ') });
  },
};

/** The sentence as vectors, the detector with this step's products, every response. */
const panels = [
  { id: 'embedding', caption: 'playground.capEmbedding', exportTitle: 'playground.exportEmbedding', testid: 'text-embedding', wide: true,
    hoverFrom: ['responses'], label: 'playground.ariaEmbedding', plan: planEmbedding },
  { id: 'detector', caption: 'playground.capDetector', exportTitle: 'playground.exportDetector', testid: 'text-detector', wide: true,
    hoverFrom: ['responses'], text: 'text-equation', plan: planDetector },
  { id: 'responses', caption: 'playground.capResponses', exportTitle: 'playground.exportResponses', testid: 'text-output', wide: true,
    hoverFrom: ['responses'], label: 'playground.ariaResponses', plan: planTextOutput },
];

export const mode = {
  id: 'text',
  label: 'playground.modeText',
  controls,
  panels,

  key: (s) => `${s.text.sentence}|${s.text.detector}`,
  model: (s) => textModel(s),
  steps: (m) => textCount(m),
  stepLabel: (s, m, count) => t('playground.textStepLabel', { step: String(s.step + 1), count: String(count), gram: m.words.slice(s.step, s.step + 3).join(' ') }),

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
        ? t('playground.textFires', { detector: t(DETECTORS[d].label), gram: b.gram, value: fmt(b.value, 4) })
        : t('playground.textNoFire', { detector: t(DETECTORS[d].label), value: fmt(b.value, 4) });
      if (top !== d && m.best[top].value > 0) best.textContent += ` ${t('playground.textStrongest', { gram: m.best[top].gram, detector: t(DETECTORS[top].label), value: fmt(m.best[top].value, 4) })}`;
    } else best.textContent = '';
    $('#text-unknown').textContent = m.unknown.length ? t('playground.textUnknown', { words: [...new Set(m.unknown)].join(', ') }) : '';
  },

  /** Clicking a response moves the step to its 3-gram and selects its detector. */
  click(panel, hit, m, act) {
    if (panel !== 'responses') return;
    act.pause();
    act.update((s) => { s.step = hit.x; s.text.detector = DETECTORS[hit.y].id; });
  },
};
