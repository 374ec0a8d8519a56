// Paints the transfer page from its state: the status line and buttons, the class list, the
// network diagram and the fine-tuning steps, the probe's feature maps, the confusion matrix,
// "Try it" and the comparison. Each painter runs only when the state it shows changed (or the
// language did), at most once per animation frame (main.js schedules them).
import { $, el, setText } from '../../shared/dom.js';
import { t } from '../../shared/i18n.js';
import { drawDigit, drawLayerMaps } from '../train/views/maps.js';
import { shapeLabel } from '../../shared/format.js';
import { drawConfusion } from '../train/views/confusion.js';
import { renderDiagram } from './views/diagram.js';
import { renderClasses } from './views/classes.js';
import { renderBars, topClass } from './views/bars.js';
import { drawCompare, renderCompareTable } from './views/compare.js';
import { COMPARE_SIZES, METHODS } from './protocol.js';
import { METHOD_KEYS, STEP_KEYS, alphabetName, methodHelp, methodName, percentText, secondsText, stateSentence } from './text.js';

/** The actions the class list's buttons call (main.js sets them). */
export const classActions = { onSelect() {}, onRemove() {}, onRemoveExample() {} };

const alphabetOf = (s) => s.alphabets.find((a) => a.id === s.values?.demo) ?? null;
const selectedClass = (s) => s.classes.find((c) => c.id === s.selected) ?? null;
const short = (name) => (name.length > 3 ? `${name.slice(0, 3)}…` : name);

export function paintStatus(s) {
  const ready = s.phase === 'ready';
  const run = s.run;
  const running = Boolean(run?.running);
  const busy = running || s.compare.running;
  $('#train').disabled = !ready || busy;
  setText($('#train'), `▶ ${t('transfer.train')}`);
  $('#stop').disabled = !running;
  for (const input of $('#methods').querySelectorAll('input')) input.disabled = !ready || busy;
  $('#demo').disabled = !ready || busy;
  $('#demo-pick').disabled = !ready || busy;
  $('#demo-k').disabled = !ready || busy;
  $('#export').disabled = !ready || !run || running || !run.trained;
  $('#probe-next').disabled = !ready || !run;
  $('#try-sample').disabled = !ready || !run?.heldOut;
  $('#compare-run').disabled = !ready || busy || !s.values?.demo;
  $('#compare-stop').disabled = !s.compare.running;
  const target = selectedClass(s);
  $('#pad-add').disabled = !ready || !target;
  setText($('#pad-add'), target ? t('transfer.addTo', { name: target.name }) : t('transfer.addNoClass'));
  setText($('#pad-target'), target ? t('transfer.padTarget', { name: target.name }) : t('transfer.padNoTarget'));
  setText($('#accuracy'), run?.accuracy === null || run?.accuracy === undefined ? '–' : (run.accuracy * 100).toFixed(1));
  setText($('#steps-done'), String(run?.stepsDone ?? 0));
  setText($('#steps-of'), run?.totalSteps ? t('transfer.statusOf', { total: run.totalSteps }) : '');
  setText($('#loss'), Number.isFinite(run?.loss) ? run.loss.toFixed(3) : '–');
  setText($('#time'), secondsText(run?.trainMs ?? null));
  setText($('#run-state'), stateSentence(s));
  const main = $('#tf');
  main.dataset.state = ready ? (running ? 'running' : 'idle') : s.phase;
  main.dataset.classes = String(s.classes.length);
  main.dataset.done = run?.done ? '1' : '0'; // test hooks: the run finished (not stopped); runs started
  main.dataset.runs = String(s.runCount);
}

export function paintMethods(s) {
  const box = $('#methods');
  const current = s.values?.m ?? METHODS[0];
  box.replaceChildren(box.firstElementChild, ...METHODS.map((m) => {
    const input = el('input', { type: 'radio', name: 'method', value: m, id: `method-${m}`, 'data-testid': `transfer-method-${m}` });
    input.checked = m === current;
    return el('label', { class: 'tf-method', for: `method-${m}` }, input, ' ', t(METHOD_KEYS[m]));
  }));
  $('#methods').firstElementChild.textContent = t('transfer.method');
}

export function paintClasses(s) {
  renderClasses($('#class-list'), s.classes, { selected: s.selected, ...classActions }, {
    count: (n) => t('transfer.exampleCount', { count: n }),
    more: (n) => t('transfer.moreExamples', { count: n }),
    select: (name) => t('transfer.selectClass', { name }),
    remove: (name) => t('transfer.removeClass', { name }),
    removeExample: (name, i) => t('transfer.removeExample', { name, i }),
    empty: t('transfer.noClasses'),
  });
}

export function paintNetwork(s) {
  const method = s.run?.method ?? s.values?.m ?? 'extract';
  const layers = s.run?.layers ?? s.plans?.[method] ?? [];
  renderDiagram($('#diagram'), layers, { frozen: t('transfer.frozen'), trained: t('transfer.trained'), isNew: t('transfer.isNew'), input: t('transfer.input'), output: t('transfer.output') });
  setText($('#net-note'), `${methodName(method)}: ${methodHelp(method)}`);
  const steps = $('#steps');
  steps.hidden = method !== 'finetune';
  if (steps.hidden) return;
  const at = s.run?.method === 'finetune' ? (s.run.step ?? (s.run.done ? 7 : 0)) : 0;
  const key = `${at} ${s.values?.flr} ${t(STEP_KEYS[0])}`;
  if (steps.dataset.key === key) return;
  steps.dataset.key = key;
  steps.replaceChildren(...STEP_KEYS.map((key, i) => {
    const n = i + 1;
    // step 6 (a small learning rate) is how step 5 trains: both are current together
    const state = n < at || (at === 7) ? 'done' : n === at || (n === 6 && at === 5) ? 'now' : 'todo';
    return el('li', { class: `tf-step tf-step-${state}`, 'data-testid': `transfer-step-${n}`, 'aria-current': state === 'now' ? 'step' : null },
      t(key, { lr: String(s.values?.flr ?? '') }));
  }));
}

export function paintProbe(s) {
  const p = s.probe;
  if (!p) return;
  drawDigit($('#probe-digit'), p.pixels, 3);
  const names = s.run?.classes ?? [];
  const who = t(p.heldOut ? 'transfer.probeTrue' : 'transfer.probeExample', { name: names[p.label] ?? '' });
  const best = p.probabilities ? topClass(p.probabilities) : -1;
  setText($('#probe-caption'), best < 0 ? who : `${who} · ${t('transfer.probePrediction', { name: names[best] ?? '', p: percentText(p.probabilities[best]) })}`);
  drawLayerMaps(document.querySelectorAll('[data-maps="probe"]'), p.layers);
}

/** The titles of the feature-map canvases, from the layers the worker named (s.maps). */
export function paintMapTitles(s) {
  for (const group of ['probe', 'try']) {
    const titles = document.querySelectorAll(`[data-maps-title="${group}"]`);
    s.maps.forEach((m, i) => titles[i] && setText(titles[i], t('common.featureMapsOf', { name: m.name, shape: shapeLabel(m.shape) })));
  }
}

let confusionShown = null; // what the confusion canvas shows: [confusion, names, language text]
export function paintConfusion(s) {
  const names = s.run?.classes ?? s.classes.map((c) => c.name);
  const shown = [s.run?.confusion ?? null, names.join('\n'), t('transfer.confusionTrue'), s.run?.heldOut];
  if (confusionShown && shown.every((v, i) => v === confusionShown[i])) return;
  confusionShown = shown;
  const n = Math.max(2, names.length);
  const cell = n <= 5 ? 36 : 26;
  drawConfusion($('#confusion'), s.run?.confusion ?? null, { trueLabel: t('transfer.confusionTrue'), predictedLabel: t('transfer.confusionPredicted'), cell, labels: names.length ? names.map(short) : ['', ''] });
  setText($('#confusion-note'), !s.run ? '' : s.run.heldOut ? t('transfer.confusionHeldOut', { n: s.run.heldOut }) : t('transfer.confusionOwn'));
}

export function paintTry(s) {
  const p = s.prediction;
  const names = s.run?.classes ?? [];
  renderBars($('#try-bars'), names, p?.probabilities ?? null, percentText);
  const best = p?.probabilities ? topClass(p.probabilities) : -1;
  setText($('#try-top'), best >= 0 ? names[best] ?? '–' : '–');
  setText($('#try-conf'), best >= 0 ? percentText(p.probabilities[best]) : (s.run ? t('transfer.tryDraw') : t('transfer.tryTrainFirst')));
  if (!p) return;
  drawLayerMaps(document.querySelectorAll('[data-maps="try"]'), p.layers);
}

export function paintCompare(s) {
  const c = s.compare;
  const text = {
    xLabel: t('transfer.axisExamples'), yLabel: t('transfer.axisAccuracy'), empty: t('transfer.compareEmpty'),
    percent: (v) => `${Math.round(v * 100)}`,
  };
  const width = Math.max(260, Math.min(560, $('.tf-compare-out').clientWidth || 560));
  drawCompare($('#compare-chart'), c.result, width, text, COMPARE_SIZES);
  renderCompareTable($('#compare-head'), $('#compare-body'), c.result, {
    size: t('transfer.tableSize'), method: methodName, value: (mean, sd) => `${(mean * 100).toFixed(1)} ± ${(sd * 100).toFixed(1)}`,
  }, COMPARE_SIZES, METHODS);
  const bar = $('#compare-progress');
  bar.max = Math.max(1, c.total);
  bar.value = c.done;
  setText($('#compare-state'), c.running ? t('transfer.compareRunning', { done: c.done, total: c.total })
    : c.result ? t('transfer.compareDone', { seeds: c.seeds, ms: secondsText(c.ms) }) : '');
  setText($('#compare-help'), t('transfer.compareHelp', { seeds: c.seeds, alphabet: alphabetOf(s) ? alphabetName(alphabetOf(s)) : '' }));
}

/**
 * What each painter shows: the state keys that make it repaint; `canvas`: whether it draws
 * canvases (one such painter per frame), `interval`: its minimum time between paints, ms.
 */
export const PAINTERS = [
  [paintStatus, ['phase', 'run', 'runCount', 'classes', 'selected', 'values', 'compare'], { canvas: false }],
  [paintMethods, ['values', 'phase'], { canvas: false }],
  [paintClasses, ['classes', 'selected'], { canvas: false }],
  [paintNetwork, ['run', 'values', 'plans'], { canvas: false }],
  [paintMapTitles, ['maps'], { canvas: false }],
  [paintProbe, ['probe'], { interval: 250 }],
  [paintConfusion, ['run', 'classes'], { interval: 250 }],
  [paintTry, ['prediction', 'runClasses'], {}],
  [paintCompare, ['compare', 'values', 'alphabets'], { interval: 250 }],
];

export { selectedClass };
