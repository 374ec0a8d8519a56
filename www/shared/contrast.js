// Colour contrast (WCAG 2.x): every painter that writes text on a coloured cell picks the text
// colour here, so canvas numbers pass 4.5:1 by construction, as DOM text does.

/** Relative luminance of an sRGB colour [r, g, b] (0-255), WCAG 2.x definition. */
export function luminance([r, g, b]) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio between two colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a, b) {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export const DARK_TEXT = [0, 0, 0];
export const LIGHT_TEXT = [255, 255, 255];

/**
 * The text colour ([r, g, b]) with the higher contrast on `background`: black or white.
 * One of the two always reaches at least 4.5:1 (the worst case, a background of luminance ~0.18, gives 4.58:1).
 */
export function textOn(background) {
  return contrastRatio(DARK_TEXT, background) >= contrastRatio(LIGHT_TEXT, background) ? DARK_TEXT : LIGHT_TEXT;
}

/** `textOn` as a CSS colour string, for canvas `fillStyle`. */
export function textStyleOn(background) {
  const [r, g, b] = textOn(background);
  return `rgb(${r},${g},${b})`;
}
