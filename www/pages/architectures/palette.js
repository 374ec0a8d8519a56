// Colours of the architecture page's SVG drawings (block diagrams, comparison chart), resolved
// from the page's CSS custom properties (light or dark mode) and mixed here, so the text drawn
// on each fill is picked by shared/contrast.js: the preferred colour when it reaches 4.5:1 on
// that fill, else black or white (textOn), by construction and not by hand-tuned CSS.
import { contrastRatio, textOn } from '../../shared/contrast.js';

/** WCAG AA contrast for normal-size text. */
export const MIN_CONTRAST = 4.5;

/** Tints of the diagram boxes per layer kind: [custom property, share of it mixed into --panel]. */
export const BOX_TINT = {
  conv: ['--k-conv', 0.16],
  fc: ['--k-fc', 0.18],
  pool: ['--k-pool', 0.18],
  globalAvgPool: ['--k-pool', 0.18],
};
/** The selected row of the comparison chart: --highlight mixed into --panel. */
export const SELECTED_TINT = ['--highlight', 0.22];

/** [r, g, b] (0–255) of a CSS colour written as #rgb, #rrggbb or rgb(r, g, b) / rgb(r g b); null otherwise. */
export function parseColor(css) {
  const s = String(css).trim();
  let m = /^#([0-9a-f]{3})$/i.exec(s);
  if (m) return [...m[1]].map((h) => parseInt(h + h, 16));
  m = /^#([0-9a-f]{6})$/i.exec(s);
  if (m) return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(s);
  if (m) return [m[1], m[2], m[3]].map(Number);
  return null;
}

/** `t` of colour `a` and 1 − t of `b`, channel by channel (CSS `color-mix(in srgb, a t·100%, b)`). */
export function mix(a, b, t) {
  return a.map((v, i) => t * v + (1 - t) * b[i]);
}

/** A colour as CSS `rgb(r g b)` with whole channels. */
export function cssColor(rgb) {
  return `rgb(${rgb.map((v) => Math.round(v)).join(' ')})`;
}

/** `preferred` if it reads at MIN_CONTRAST on `background`, else black or white (textOn). Colours as [r, g, b]. */
export function readableOn(preferred, background) {
  return contrastRatio(preferred, background) >= MIN_CONTRAST ? preferred : textOn(background);
}

/**
 * The page's colours from its custom properties on `root` (default: <html>), as [r, g, b];
 * `fallback` where a property is missing or not a plain colour.
 */
export function pageColors(root = document.documentElement) {
  const style = getComputedStyle(root);
  return (name, fallback = [128, 128, 128]) => parseColor(style.getPropertyValue(name)) ?? fallback;
}

/** `tint` ([property, share]) mixed into --panel: the fill, and the readable label and secondary text colours on it. */
function tinted(tint, colors) {
  const panel = colors('--panel', [255, 255, 255]);
  const fill = tint ? mix(colors(tint[0]), panel, tint[1]) : panel;
  return {
    fill: cssColor(fill),
    text: cssColor(readableOn(colors('--fg', [0, 0, 0]), fill)),
    muted: cssColor(readableOn(colors('--muted', [90, 90, 90]), fill)),
  };
}

/** A diagram box of layer kind `kind`: `{fill, text, muted}` CSS colours. */
export function boxPalette(kind, colors) {
  return tinted(BOX_TINT[kind] ?? null, colors);
}

/** The comparison chart's selected row: `{fill, text, muted}` CSS colours. */
export function selectedRowPalette(colors) {
  return tinted(SELECTED_TINT, colors);
}
