// The network picker and the info panel (title, source, totals and where the parameters and
// the compute live). Drawing only: the numbers come from inferShapes() and architecture().
import { $, el } from '../../shared/dom.js';
import { compact, exact, percent } from '../../shared/format.js';
import { t } from '../../shared/i18n.js';
import { networkText } from './text.js';

/** Names of the parameter/compute kinds in the share bars. */
const KIND_LABEL = { conv: 'architectures.kindConv', fc: 'architectures.kindFc', batchNorm: 'architectures.kindBatchNorm' };

/**
 * One button per network (title, year, parameters, multiply-adds).
 * @param {HTMLElement} ul
 * @param {{name: string, title: string, year: string, params: number, macs: number}[]} entries
 * @param {(name: string) => void} onSelect
 */
export function renderPicker(ul, entries, onSelect) {
  ul.replaceChildren(...entries.map((e) => {
    const b = el('button', { type: 'button', 'data-testid': `pick-${e.name}`, 'data-name': e.name, 'aria-pressed': 'false' },
      el('strong', { translate: 'no' }, e.title),
      // Three lines (title; year and parameters; multiply-adds) at every width, so the picker's
      // height is known before the core fills it in (architectures.css).
      el('span', { class: 'meta' }, el('span', { 'data-part': 'params' }), ' ', el('span', { 'data-part': 'macs' })));
    b.dataset.year = e.year;
    b.dataset.params = e.params;
    b.dataset.macs = e.macs;
    b.addEventListener('click', () => onSelect(e.name));
    return el('li', null, b);
  }));  translatePicker(ul);
}

/** Writes the picker's words (year and parameters, multiply-adds) in the current language. */
export function translatePicker(ul) {
  for (const b of ul.querySelectorAll('button')) {
    b.querySelector('[data-part=params]').textContent = t('architectures.pickerYearParams', { year: b.dataset.year, params: compact(Number(b.dataset.params)) });
    b.querySelector('[data-part=macs]').textContent = t('architectures.pickerMacs', { macs: compact(Number(b.dataset.macs)) });
  }
}

/** Marks the picker's button of `name` as pressed. */
export function syncPicker(ul, name) {
  for (const b of ul.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.name === name));
}

/** A stacked bar of `totals.byKind[…][key]` with its legend ("conv 6.0% · FC 94%"). */
function shareRow(label, totals, key) {
  const whole = totals[key];
  const parts = totals.byKind.filter((k) => k[key]);
  const stack = el('span', { class: 'stack', 'aria-hidden': 'true' }, ...parts.map((k) => {
    const seg = el('span', { class: `seg seg-${k.kind}` });
    seg.style.width = `${(100 * k[key]) / whole}%`;
    return seg;
  }));
  const legend = parts.map((k) => t('architectures.shareLegendPart', { kind: KIND_LABEL[k.kind] ? t(KIND_LABEL[k.kind]) : k.kind, percent: percent(k[key], whole) })).join(' · ');
  return el('div', { class: 'share-row' }, el('span', { class: 'share-label' }, label), stack, el('span', { class: 'share-legend' }, legend));
}

/** "62.4 M" with every digit on a second, smaller line. */
function setCount(dd, n) {
  dd.replaceChildren(compact(n), el('span', { class: 'exact' }, exact(n)));
}

/**
 * The info panel of network `spec` (architecture()) with `totals` (inferShapes().totals).
 */
export function renderInfo(spec, totals) {
  const text = networkText(spec);
  $('#arch-title').textContent = t('architectures.titleYear', { title: spec.title, year: spec.year });
  $('#arch-source').textContent = t('architectures.source', { source: text.source });
  $('#arch-notes').textContent = text.notes;
  setCount($('#total-params'), totals.params);
  setCount($('#total-macs'), totals.macs);
  $('#total-depth').textContent = String(totals.weightLayers);
  $('#top5').textContent = spec.top5Error != null
    ? t('architectures.top5Value', { error: String(spec.top5Error), entry: text.entry ?? '' })
    : t('architectures.top5None');
  $('#share').replaceChildren(
    shareRow(t('architectures.shareParams'), totals, 'params'),
    shareRow(t('architectures.shareMacs'), totals, 'macs'),
  );
}
