// www/pages/architectures/palette.js: colours of the SVG drawings and the text on them, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseColor, mix, cssColor, readableOn, boxPalette, selectedRowPalette, BOX_TINT } from '../../www/pages/architectures/palette.js';
import { contrastRatio } from '../../www/shared/contrast.js';

test('parseColor reads #rgb, #rrggbb and rgb(); anything else is null', () => {
  assert.deepEqual(parseColor('#0b6bcb'), [11, 107, 203]);
  assert.deepEqual(parseColor(' #fff '), [255, 255, 255]);
  assert.deepEqual(parseColor('rgb(1, 2, 3)'), [1, 2, 3]);
  assert.deepEqual(parseColor('rgb(1 2 3)'), [1, 2, 3]);
  assert.equal(parseColor('color-mix(in srgb, red, blue)'), null);
});

test('mix is color-mix in srgb: 16% of #3b78c2 into white is (223.6, 233.4, 245.2)', () => {
  // 0.16·59 + 0.84·255 = 223.64, 0.16·120 + 0.84·255 = 233.4, 0.16·194 + 0.84·255 = 245.24.
  const m = mix([59, 120, 194], [255, 255, 255], 0.16);
  assert.deepEqual(m.map((v) => Math.round(v * 100) / 100), [223.64, 233.4, 245.24]);
  assert.equal(cssColor(m), 'rgb(224 233 245)');
});

test('readableOn keeps the preferred colour at >= 4.5:1 and otherwise falls back to black or white', () => {
  // #5b6470 on white is 6.1:1 (kept); #999 on white is 2.85:1 (replaced by black).
  assert.deepEqual(readableOn([0x5b, 0x64, 0x70], [255, 255, 255]), [0x5b, 0x64, 0x70]);
  assert.deepEqual(readableOn([0x99, 0x99, 0x99], [255, 255, 255]), [0, 0, 0]);
  assert.deepEqual(readableOn([0x99, 0x99, 0x99], [0x10, 0x10, 0x10]), [0x99, 0x99, 0x99]);
  assert.deepEqual(readableOn([0x30, 0x30, 0x30], [0x10, 0x10, 0x10]), [255, 255, 255]);
});

/** The page's colours for `scheme`, as architectures.css and style.css declare them, plus a deliberately bad --muted. */
const SCHEMES = {
  light: { '--panel': '#ffffff', '--fg': '#1b1f24', '--muted': '#5b6470', '--k-conv': '#3b78c2', '--k-fc': '#d9822b', '--k-pool': '#4f9a8c', '--highlight': '#e8a400' },
  dark: { '--panel': '#1d2126', '--fg': '#e6e9ed', '--muted': '#9aa4b0', '--k-conv': '#6aa6ea', '--k-fc': '#f0a45a', '--k-pool': '#6fc2b2', '--highlight': '#ffc23d' },
  'low-contrast muted': { '--panel': '#ffffff', '--fg': '#1b1f24', '--muted': '#b0b0b0', '--k-conv': '#3b78c2', '--k-fc': '#d9822b', '--k-pool': '#4f9a8c', '--highlight': '#e8a400' },
};
const rgbOf = (css) => css.match(/\d+/g).map(Number);

for (const [scheme, vars] of Object.entries(SCHEMES)) {
  test(`${scheme}: every box tint and the selected chart row get text at >= 4.5:1`, () => {
    const colors = (name, fallback) => parseColor(vars[name]) ?? fallback;
    for (const p of [...Object.keys(BOX_TINT), 'batchNorm'].map((k) => boxPalette(k, colors)).concat(selectedRowPalette(colors))) {
      for (const key of ['text', 'muted']) {
        const ratio = contrastRatio(rgbOf(p[key]), rgbOf(p.fill));
        assert.ok(ratio >= 4.5, `${key} ${p[key]} on ${p.fill}: ${ratio.toFixed(2)}:1`);
      }
    }
  });
}
