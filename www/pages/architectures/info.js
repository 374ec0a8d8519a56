// The network picker and the info panel (title, source, totals and where the parameters and
// the compute live). Drawing only: the numbers come from inferShapes() and architecture().
import { $, el } from '../../shared/dom.js';
import { compact, exact, percent } from '../../shared/format.js';

/** Names of the parameter/compute kinds in the share bars. */
const KIND_LABEL = { conv: 'conv', fc: 'FC', batchNorm: 'BN' };

/**
 * One button per network (title, year, parameters, multiply-adds).
 * @param {HTMLElement} ul
 * @param {{name: string, title: string, year: string, params: number, macs: number}[]} entries
 * @param {(name: string) => void} onSelect
 */
export function renderPicker(ul, entries, onSelect) {
  ul.replaceChildren(...entries.map((e) => {
    const b = el('button', { type: 'button', 'data-testid': `pick-${e.name}`, 'data-name': e.name, 'aria-pressed': 'false' },
      el('strong', null, e.title),
      // Three lines (title; year and parameters; multiply-adds) at every width, so the picker's
      // height is known before the core fills it in (architectures.css).
      el('span', { class: 'meta' }, el('span', null, `${e.year} · ${compact(e.params)} params`), ' ', el('span', null, `${compact(e.macs)} MACs`)));
    b.addEventListener('click', () => onSelect(e.name));
    return el('li', null, b);
  }));
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
  const legend = parts.map((k) => `${KIND_LABEL[k.kind] ?? k.kind} ${percent(k[key], whole)}`).join(' · ');
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
  $('#arch-title').textContent = `${spec.title} (${spec.year})`;
  $('#arch-source').textContent = `Layer table from: ${spec.source}`;
  $('#arch-notes').textContent = spec.notes;
  setCount($('#total-params'), totals.params);
  setCount($('#total-macs'), totals.macs);
  $('#total-depth').textContent = String(totals.weightLayers);
  $('#top5').textContent = spec.top5Error != null ? `${spec.top5Error}% — ${spec.top5Note ?? ''}` : 'not an ILSVRC entry the lecture quotes';
  $('#share').replaceChildren(
    shareRow('Where the parameters live', totals, 'params'),
    shareRow('Where the compute lives', totals, 'macs'),
  );
}
