// The glossary: a dialog listing the concepts the current page shows, each with its name in
// Korean and English and one or two sentences in the page's language, in the lecture's words
// (messages: www/shared/i18n/<lang>/glossary.js, loaded on first use). The header puts its
// button on every page and imports this module on the button's first click.
import { el } from './dom.js';
import { LANGS, lang, onLangChange, t, useNamespace } from './i18n.js';

/** The terms each page shows, in the order a student meets them there. */
export const PAGE_TERMS = {
  'index.html': ['convolution', 'filter', 'featureMap', 'activation', 'pooling', 'receptiveField', 'zeroPadding', 'stride', 'fullyConnected', 'softmax', 'bias'],
  'playground.html': ['convolution', 'filter', 'featureMap', 'zeroPadding', 'stride', 'dilation', 'outputSize', 'pooling', 'maxPooling', 'averagePooling', 'conv1x1', 'transposedConvolution', 'receptiveField', 'embedding'],
  'train.html': ['epoch', 'batchSize', 'learningRate', 'loss', 'validation', 'overfitting', 'dropout', 'l2Regularization', 'batchNormalization', 'dataAugmentation', 'callback', 'earlyStopping', 'filter', 'featureMap'],
  'transfer.html': ['transferLearning', 'featureExtraction', 'fineTuning', 'convBase', 'frozenLayer', 'filter', 'featureMap', 'overfitting', 'learningRate', 'epoch'],
  'architectures.html': ['convolution', 'filter', 'featureMap', 'parameters', 'macs', 'receptiveField', 'stride', 'pooling', 'conv1x1', 'fullyConnected', 'batchNormalization', 'residual'],
};

/** Every term id that has glossary entries (tests check both catalogs have all of them). */
export const TERMS = [...new Set(Object.values(PAGE_TERMS).flat())];

let dialog = null;

function build(page) {
  const list = el('dl', { class: 'glossary-list' });
  const close = el('button', { type: 'button', 'data-testid': 'glossary-close' }, t('common.close'));
  // The close button comes first (where focus lands when the dialog opens), at the top.
  const d = el('dialog', { class: 'glossary-dialog', 'aria-labelledby': 'glossary-title', 'data-testid': 'glossary' },
    el('div', { class: 'glossary-head' }, el('h2', { id: 'glossary-title' }, t('common.glossaryTitle')), close),
    el('p', { class: 'muted' }, t('common.glossaryIntro')),
    list);
  for (const id of PAGE_TERMS[page] ?? TERMS) {
    // The term in the page's language, and its name in the other one (the lecture gives both).
    const other = LANGS.find((l) => l !== lang());
    list.append(
      el('dt', { 'data-term': id }, t(`glossary.${id}`), ' ',
        el('span', { class: 'glossary-other muted', lang: other }, `(${t(`glossary.${id}Other`)})`)),
      el('dd', null, t(`glossary.${id}Def`)));
  }
  close.addEventListener('click', () => d.close());
  d.addEventListener('click', (e) => { if (e.target === d) d.close(); });
  document.body.append(d);
  return d;
}

onLangChange(() => { if (dialog && !dialog.open) { dialog.remove(); dialog = null; } });

/** Opens the glossary of `page` (a page file name such as 'index.html'). */
export async function openGlossary(page) {
  const opener = document.activeElement;
  await useNamespace('glossary');
  dialog ??= build(page);
  dialog.addEventListener('close', () => { if (opener instanceof HTMLElement && opener.isConnected) opener.focus(); }, { once: true });
  if (!dialog.open) dialog.showModal();
  return dialog;
}
