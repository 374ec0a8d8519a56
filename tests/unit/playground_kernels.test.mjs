// The playground's kernel table (www/pages/playground/kernels.js): presets, how a filter is
// written in a link and in the editor, and how several filters become one conv2d weight. No
// browser; expected numbers are the textbook kernels and layouts worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PRESETS, MAX_KERNEL_SIDE, filterValues, filterToUrl, filterFromUrl, filterToText, filterFromText,
  resizeFilter, kernelExtent, buildWeight, normaliseFilter, sameFilter,
} from '../../www/pages/playground/kernels.js';
import { register } from '../../www/shared/i18n.js';
import { say } from '../../www/pages/playground/say.js';
import en from '../../www/shared/i18n/en/playground.js';

// Errors are messages (say.js): read them in English, the catalog the lookup starts in.
register('en', 'playground', en);

const sum = (a) => a.reduce((s, v) => s + v, 0);

test('presets hold the textbook kernels', () => {
  assert.deepEqual(PRESETS['sobel-x'].data, [-1, 0, 1, -2, 0, 2, -1, 0, 1]);
  assert.deepEqual(PRESETS.laplacian.data, [0, 1, 0, 1, -4, 1, 0, 1, 0]);
  assert.deepEqual(PRESETS.lecture4.data, [2, 0, 1, 0, 1, 2, 1, 0, 2]); // gives 15 16 / 6 15
  for (const name of ['box3', 'box5', 'gauss3', 'gauss5']) assert.ok(Math.abs(sum(PRESETS[name].data) - 1) < 1e-12, `${name} sums to 1`);
  for (const name of ['sobel-x', 'sobel-y', 'prewitt-x', 'prewitt-y', 'laplacian']) assert.equal(sum(PRESETS[name].data), 0, `${name} sums to 0`);
  assert.equal(PRESETS.gauss5.data[12], 36 / 256); // centre of the 5-tap binomial outer product
  for (const p of Object.values(PRESETS)) {
    assert.equal(p.data.length, p.h * p.w);
    assert.ok(p.h <= MAX_KERNEL_SIDE && p.w <= MAX_KERNEL_SIDE);
  }
});

test('a filter round-trips through the link: preset names and custom HxW / CxHxW values', () => {
  for (const spec of [{ preset: 'sobel-y' }, { c: 1, h: 2, w: 3, data: [1, -2, 0.5, 0, 3, -0.25] }, { c: 2, h: 1, w: 1, data: [1, -1] }]) {
    const text = filterToUrl(spec);
    assert.deepEqual(filterFromUrl(text).spec, spec, text);
  }
  assert.equal(filterToUrl({ c: 2, h: 1, w: 2, data: [1, 2, 3, 4] }), '2x1x2:1,2,3,4');
});

test('a malformed filter in the link is an error sentence; big weights are clamped', () => {
  assert.match(say(filterFromUrl('nope').error), /unknown kernel "nope"/);
  assert.match(say(filterFromUrl('8x1:1,2,3,4,5,6,7,8').error), /outside 1–7 per side/);
  assert.match(say(filterFromUrl('9x1x1:1,2,3,4,5,6,7,8,9').error), /≤ 8 channels/);
  assert.match(say(filterFromUrl('2x2:1,2,3').error), /needs 4 numbers/);
  assert.match(say(filterFromUrl('1x2:1,abc').error), /unknown kernel "1x2:1,abc"/); // only digits . , - after ':'
  assert.match(say(filterFromUrl('1x2:1,.').error), /needs 2 numbers/);
  const r = filterFromUrl('1x2:5000,-1');
  assert.deepEqual(r.spec.data, [999, -1]);
  assert.equal(r.clamped, true);
});

test('the editor text round-trips, with a blank line between channels', () => {
  const spec = { c: 2, h: 2, w: 2, data: [1, 0, -1, 0.5, 2, 2, 2, 2] };
  const text = filterToText(spec);
  assert.equal(text, '1 0\n-1 0.5\n\n2 2\n2 2');
  assert.deepEqual(filterFromText(text).spec, spec);
  assert.deepEqual(filterFromText('1, −2;3').spec, { c: 1, h: 1, w: 3, data: [1, -2, 3] });
  assert.match(say(filterFromText('').error), /rows of numbers/);
  assert.match(say(filterFromText('1 2\n3').error), /same number of values/);
  assert.match(say(filterFromText('1 x').error), /Only numbers/);
  assert.match(say(filterFromText('1 2000').error), /±999/);
  assert.match(say(filterFromText('1 2 3 4 5 6 7 8').error), /at most 7/);
});

test('resizing crops or zero-pads around the centre', () => {
  assert.deepEqual(resizeFilter({ preset: 'laplacian' }, 1, 1).data, [-4]);
  assert.deepEqual(resizeFilter({ preset: 'edge-v' }, 3, 5).data, [0, 0, 0, 0, 0, 0, -1, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(kernelExtent([{ preset: 'edge-v' }, { preset: 'edge-h' }]), { kh: 3, kw: 3 });
});

test('several filters become one weight [O, C, KH, KW]: smaller ones centred, 1-channel ones repeated', () => {
  const r = buildWeight([{ preset: 'edge-v' }, { preset: 'identity' }], 2);
  assert.deepEqual(r.weight.shape, [2, 2, 3, 3]);
  const edge = [0, 0, 0, -1, 0, 1, 0, 0, 0];
  const id = [0, 0, 0, 0, 1, 0, 0, 0, 0];
  assert.deepEqual([...r.weight.data], [...edge, ...edge, ...id, ...id]);
  // Per-channel filters keep their channels, even when the input has another count (conv2d
  // then explains the mismatch); filters that disagree with each other are refused.
  assert.deepEqual(buildWeight([{ c: 3, h: 1, w: 1, data: [1, 2, 3] }], 1).weight.shape, [1, 3, 1, 1]);
  assert.match(say(buildWeight([{ c: 2, h: 1, w: 1, data: [1, 2] }, { c: 3, h: 1, w: 1, data: [1, 2, 3] }], 3).error), /different channel counts \(2, 3\)/);
});

test('custom numbers equal to a preset are recognised as that preset', () => {
  assert.deepEqual(normaliseFilter({ c: 1, h: 3, w: 3, data: [-1, 0, 1, -2, 0, 2, -1, 0, 1] }), { preset: 'sobel-x' });
  const custom = { c: 1, h: 3, w: 3, data: [-1, 0, 1, -2, 0, 2, -1, 0, 2] };
  assert.equal(normaliseFilter(custom), custom);
  assert.ok(sameFilter({ preset: 'prewitt-x' }, { preset: 'lecture8' }));
  assert.deepEqual(filterValues({ preset: 'edge-h' }), { c: 1, h: 3, w: 1, data: [-1, 0, 1] });
});
