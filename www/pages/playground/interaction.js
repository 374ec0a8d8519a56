// Pointer and keyboard on the panels' canvases: hover (linked highlights and the readout),
// clicks (a mode's click action, or the cell editor on editable panels), and the keyboard cell
// cursor of editable panels (arrows move, PageUp/PageDown change map, Enter/F2 edit).
// Hit-tests use the plans painted last (panels.js).

import { openCellEditor } from './editor.js';
import { cellRect } from '../../shared/grid.js';

const MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

function sameCell(a, b) {
  return (a === null && b === null) || Boolean(a && b && a.panel === b.panel && a.map === b.map && a.y === b.y && a.x === b.x);
}

/**
 * @param {{store: object, painted: Map<string, {plan: object}>, modes: object[], current: () => {mode: object, model: object},
 *   update: Function, pause: () => void, seek: (i: number) => void}} o
 */
export function installInteraction({ store, painted, modes, current, update, pause, seek }) {
  const planOf = (id) => painted.get(id)?.plan;
  const setHover = (h) => { if (!sameCell(store.get().hover, h)) store.set({ hover: h }); };

  function hitAt(canvas, e) {
    const r = canvas.getBoundingClientRect();
    return planOf(canvas.dataset.canvas)?.hit?.(e.clientX - r.left, e.clientY - r.top) ?? null;
  }

  /** Opens the cell editor on panel `id` at {map, y, x}. */
  function edit(canvas, id, hit) {
    const L = planOf(id)?.layout;
    if (!L || hit.y < 0 || hit.x < 0 || hit.y >= L.h || hit.x >= L.w) return;
    const { mode, model } = current();
    const spec = mode.cellEdit(id, hit, store.get().settings, model);
    if (spec.refused) { store.set({ controlError: spec.refused }); return; }
    const at = cellRect(L, hit.map, hit.y, hit.x);
    openCellEditor({
      wrap: canvas.parentElement, canvas, ...at, value: spec.value, label: spec.label, min: spec.min, max: spec.max,
      onInvalid: (msg) => store.set({ controlError: msg }),
      onCommit: (v) => update((s) => ({ controlError: spec.apply(s, v) })),
    });
  }

  for (const mode of modes) {
    for (const p of mode.panels) {
      if (p.dom) continue; // a DOM panel handles its own pointer (explain widget: onHover)
      const canvas = document.querySelector(`canvas[data-canvas="${p.id}"]`);
      canvas.addEventListener('pointermove', (e) => {
        const hit = hitAt(canvas, e);
        setHover(hit ? { panel: p.id, ...hit } : null);
      });
      canvas.addEventListener('pointerleave', () => setHover(null));
      canvas.addEventListener('click', (e) => {
        const hit = hitAt(canvas, e);
        if (!hit) return;
        if (p.editable) {
          store.set({ cursor: { panel: p.id, ...hit } });
          edit(canvas, p.id, hit);
        } else mode.click?.(p.id, hit, current().model, { pause, seek, update });
      });
      if (!p.editable) continue;
      canvas.addEventListener('focus', () => {
        const { cursor } = store.get();
        store.set({ focused: p.id, cursor: cursor?.panel === p.id ? cursor : { panel: p.id, map: 0, y: 0, x: 0 } });
      });
      canvas.addEventListener('blur', () => store.set({ focused: null }));
      canvas.addEventListener('keydown', (e) => {
        const L = planOf(p.id)?.layout;
        const { cursor } = store.get();
        if (!L || !cursor) return;
        const c = { ...cursor };
        if (MOVES[e.key]) {
          e.preventDefault();
          c.y = Math.min(L.h - 1, Math.max(0, c.y + MOVES[e.key][0]));
          c.x = Math.min(L.w - 1, Math.max(0, c.x + MOVES[e.key][1]));
          store.set({ cursor: c, hover: { ...c, panel: p.id } });
        } else if (e.key === 'PageDown' || e.key === 'PageUp') {
          e.preventDefault();
          c.map = Math.min(L.count - 1, Math.max(0, c.map + (e.key === 'PageDown' ? 1 : -1)));
          store.set({ cursor: c });
        } else if (e.key === 'Enter' || e.key === 'F2') {
          e.preventDefault();
          edit(canvas, p.id, c);
        }
      });
    }
  }
}
