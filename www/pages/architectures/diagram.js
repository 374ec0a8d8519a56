// Block diagrams (inline SVG): a residual block's main path and skip connection meeting at ⊕,
// an Inception module's four branches meeting at the filter concatenation, a squeeze-and-
// excitation gate meeting the identity at ⊗. Built from the rows inferShapes() returned, so
// the boxes show the computed shapes. Drawing only.

import { DIAGRAM } from './config.js';
import { actLabel, boxLabel, branchName } from './format.js';
import { lectureShapeLabel as shapeLabel } from '../../shared/format.js';
import { svgEl as el } from '../../shared/dom.js';
import { t } from '../../shared/i18n.js';
import { boxPalette, pageColors } from './palette.js';


/**
 * The columns of a block: `[{name, rows, identity}]` in drawing order, and its merge row.
 * Only direct children are boxes; a nested block (an SE block in a residual branch) is one box.
 * @param {object} block the block's header row
 * @param {object[]} rows all rows of the network
 */
function blockColumns(block, rows) {
  const children = rows.filter((r) => r.parent === block.path);
  const merge = children.find((r) => r.branch == null) ?? null;
  const byBranch = new Map();
  for (const r of children) {
    if (r.branch == null) continue;
    if (!byBranch.has(r.branch)) byBranch.set(r.branch, []);
    byBranch.get(r.branch).push(r);
  }
  const cols = [...byBranch].map(([name, rs]) => ({ name, rows: rs, identity: false }));
  if (block.kind === 'residual' && !byBranch.has('shortcut')) cols.push({ name: 'shortcut', rows: [], identity: true });
  if (block.kind === 'squeezeExcite') cols.unshift({ name: 'identity', rows: [], identity: true });
  return { cols, merge };
}

/**
 * About how wide `text` is in a box label (11.5 px, bold): Hangul syllables ~0.8 em, other
 * characters ~0.58 em (measured in Chromium with the page's font stack), so a box fits its label
 * in either language before anything is drawn.
 */
export function labelWidth(text) {
  let em = 0;
  for (const ch of text) em += /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(ch) ? 0.8 : 0.58;
  return Math.ceil(em * DIAGRAM.labelFont);
}

/**
 * An SVG diagram of `block`.
 * @returns {SVGSVGElement}
 */
export function blockDiagram(block, rows) {
  const { boxH, gapX, gapY, pad } = DIAGRAM;
  const { cols, merge } = blockColumns(block, rows);
  // Boxes as wide as their longest label needs ("3×3 conv, 1024 (32 groups) /2"), at least DIAGRAM.boxW.
  const boxW = Math.max(DIAGRAM.boxW, ...cols.flatMap((c) => c.rows.map((r) => labelWidth(boxLabel(r)) + 2 * DIAGRAM.labelPad)));
  const n = Math.max(1, cols.length);
  const depth = Math.max(1, ...cols.map((c) => c.rows.length));
  const width = 2 * pad + n * boxW + (n - 1) * gapX;
  const inH = 26;
  const top = pad + inH + 2 * gapY;
  const mergeY = top + depth * (boxH + gapY) + gapY;
  const height = mergeY + 24 + 3 * gapY + inH;
  const cx = width / 2;
  const colors = pageColors();
  const svg = el('svg', {
    viewBox: `0 0 ${width} ${height}`, width, class: 'block-svg', role: 'img',
    'aria-label': t('architectures.diagramAria', {
      name: block.name,
      columns: cols.map((c) => (c.identity
        ? t('architectures.diagramAriaIdentity', { name: branchName(c.name) })
        : t('architectures.diagramAriaColumn', { name: branchName(c.name), boxes: c.rows.map(boxLabel).join(', ') }))).join('; '),
    }),
    'data-testid': `diagram-${block.path}`,
  });

  // Input.
  svg.append(el('rect', { x: cx - 70, y: pad, width: 140, height: inH, rx: 13, class: 'io' }));
  svg.append(el('text', { x: cx, y: pad + inH * 0.68, 'text-anchor': 'middle', class: 'io-label' }, t('architectures.diagramIn', { shape: shapeLabel(block.inShape) })));
  const inBottom = pad + inH;

  cols.forEach((col, i) => {
    const x = pad + i * (boxW + gapX);
    const mid = x + boxW / 2;
    const main = col.rows.length > 0 ? col.rows.every((r) => r.mainPath) : col.name === 'identity';
    // From the input down to the column.
    svg.append(el('path', { d: `M${cx},${inBottom} L${mid},${top - gapY}  L${mid},${top}`, class: 'edge' }));
    if (col.identity) {
      svg.append(el('line', { x1: mid, x2: mid, y1: top, y2: mergeY - 12, class: 'edge skip' }));
      svg.append(el('text', { x: mid + 6, y: (top + mergeY) / 2, class: 'edge-label' }, block.kind === 'squeezeExcite' ? 'x' : t('architectures.diagramIdentity')));
    } else {
      let y = top;
      col.rows.forEach((r, j) => {
        const cls = `box kind-${r.kind}${main ? ' main' : ''}${r.edited ? ' edited' : ''}`;
        // The box's tint and its text colours (>= 4.5:1 on the tint): palette.js.
        const p = boxPalette(r.kind, colors);
        svg.append(el('rect', { x, y, width: boxW, height: boxH, rx: 5, class: cls, style: `fill: ${p.fill}` }));
        svg.append(el('text', { x: mid, y: y + 14, 'text-anchor': 'middle', class: 'box-label', style: `fill: ${p.text}` }, boxLabel(r)));
        const act = actLabel(r.act);
        svg.append(el('text', { x: mid, y: y + 28, 'text-anchor': 'middle', class: 'box-shape', style: `fill: ${p.muted}` },
          `${shapeLabel(r.outShape)}${act ? ` · ${act}` : ''}`));
        if (j < col.rows.length - 1) svg.append(el('line', { x1: mid, x2: mid, y1: y + boxH, y2: y + boxH + gapY, class: 'edge' }));
        y += boxH + gapY;
      });
      svg.append(el('line', { x1: mid, x2: mid, y1: y - gapY, y2: mergeY - 12, class: `edge${col.name === 'shortcut' ? ' skip' : ''}` }));
      if (col.name === 'shortcut') {
        svg.append(el('text', { x: mid + 6, y: y - gapY + 14, class: 'edge-label' }, t('architectures.diagramProjection')));
      }
    }
    svg.append(el('path', { d: `M${mid},${mergeY - 12} L${cx},${mergeY}`, class: 'edge' }));
  });

  // Merge.
  if (block.kind === 'inception') {
    svg.append(el('rect', { x: pad, y: mergeY - 12, width: width - 2 * pad, height: 24, rx: 4, class: 'merge' }));
    svg.append(el('text', { x: cx, y: mergeY + 4, 'text-anchor': 'middle', class: 'merge-label' }, t('architectures.diagramConcat')));
  } else {
    svg.append(el('circle', { cx, cy: mergeY, r: 12, class: 'merge' }));
    svg.append(el('text', { x: cx, y: mergeY + 5, 'text-anchor': 'middle', class: 'merge-sym' }, block.kind === 'squeezeExcite' ? '×' : '+'));
    const act = actLabel(merge?.act);
    if (act) svg.append(el('text', { x: cx + 18, y: mergeY + 4, class: 'edge-label' }, act));
  }
  const outY = mergeY + 12 + 2 * gapY;
  svg.append(el('line', { x1: cx, x2: cx, y1: mergeY + 12, y2: outY, class: 'edge' }));
  svg.append(el('rect', { x: cx - 70, y: outY, width: 140, height: inH, rx: 13, class: 'io' }));
  svg.append(el('text', { x: cx, y: outY + inH * 0.68, 'text-anchor': 'middle', class: 'io-label' }, t('architectures.diagramOut', { shape: shapeLabel(block.outShape) })));
  return svg;
}

const SUMMARY = { basic: 'architectures.summaryBasic', bottleneck: 'architectures.summaryBottleneck' };

/**
 * A one-line summary of a block for its table row: "bottleneck: 1×1 conv, 64 → 3×3 conv, 64 →
 * 1×1 conv, 256; projection shortcut 1×1 conv, 256".
 */
export function blockSummary(block, rows) {
  const { cols } = blockColumns(block, rows);
  const path = (c) => c.rows.filter((r) => r.kind !== 'batchNorm').map(boxLabel).join(' → ');
  switch (block.kind) {
    case 'residual': {
      const main = cols.find((c) => c.name === 'main');
      const sc = cols.find((c) => c.name === 'shortcut');
      const skip = !sc || sc.identity ? t('architectures.skipIdentity') : t('architectures.skipProjection', { path: path(sc) });
      const params = { main: main ? path(main) : '', skip };
      return SUMMARY[block.variant] ? t(SUMMARY[block.variant], params) : `${block.variant}: ${params.main}; ${skip}`;
    }
    case 'inception':
      return t('architectures.summaryInception', { count: cols.length, paths: cols.map(path).join(' | ') });
    case 'squeezeExcite': {
      const gate = cols.find((c) => c.name === 'gate');
      return t('architectures.summarySqueezeExcite', { gate: gate ? path(gate) : '' });
    }
    default:
      return block.kind;
  }
}
