// The playground's settings in the URL hash (www/pages/playground/url.js), without a browser:
// every mode's link round-trips, and malformed or out-of-range links are clamped or replaced
// with a plain-text notice, never thrown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHash, serialize } from '../../www/pages/playground/url.js';
import { mulberry32 } from '../../www/pages/playground/inputs.js';
import { register, t } from '../../www/shared/i18n.js';
import { say } from '../../www/pages/playground/say.js';
import en from '../../www/shared/i18n/en/playground.js';
import ko from '../../www/shared/i18n/ko/playground.js';

// Notices are messages ({key, params}, say.js): the page words them in its language. These
// tests read them in English, the catalog the lookup starts in.
register('en', 'playground', en);

/** Parses `hash`, words its notices in English and writes it back. */
const roundTrip = (hash) => {
  const { state, notices } = parseHash(hash);
  return { hash: `#${serialize(state)}`, notices: notices.map(say), state };
};
/** parseHash with the notices in English. */
const parse = (hash) => {
  const { state, notices } = parseHash(hash);
  return { state, notices: notices.map(say) };
};

test('an empty link gives the lecture 4×4 example, written out in full', () => {
  const { hash, notices } = roundTrip('');
  assert.equal(hash, '#mode=conv&input=lecture4&kernel=lecture4&stride=1&padding=0&dilation=1&filter=0&step=0&speed=1');
  assert.deepEqual(notices, []);
});

test('a link of every mode round-trips unchanged, with no notice', () => {
  for (const h of [
    '#mode=conv&input=random&size=10&seed=42&edits=0.1.2:7;0.3.3:-2.5&kernel=sobel-x;3x3:1,0,-1,2,0.5,-2,1,0,-1&stride=2&padding=1,2&dilation=1&filter=1&step=3&speed=2.5',
    '#mode=conv&input=rgb&size=12&kernel=sobel-x;3x3x3:0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,-1,0,0,0,0&stride=1&padding=1&dilation=2,3&filter=0&step=5&speed=20',
    '#mode=conv&input=upload&size=128&color=rgb&kernel=gauss5&stride=1&padding=0&dilation=1&filter=0&step=0&speed=0.25',
    '#mode=pool&input=lecture8&window=3&pstride=2&ppadding=1&shift=2&dir=y',
    '#mode=transposed&dim=2&tin=2x2:1,2,3,4&tk=3x3:1,1,1,1,1,1,1,1,1&tstride=2&tpadding=1&toutpad=1&step=2&speed=1',
    '#mode=transposed&dim=1&tin=1x3:1,-2,3.5&tk=1x3:1,2,1&tstride=3&tpadding=0&toutpad=0&step=0&speed=1',
    '#mode=text&sentence=really+not+bad+at+all&detector=negated-complaint&step=2&speed=4',
  ]) {
    const r = roundTrip(h);
    assert.deepEqual(r.notices, [], h);
    assert.equal(r.hash, h);
  }
});

test('the link carries the settings it names (not only the same text)', () => {
  const { state } = parseHash('#mode=conv&input=random&size=10&seed=42&edits=0.1.2:7;0.3.3:-2.5&kernel=sobel-x;3x3:1,0,-1,2,0.5,-2,1,0,-1&stride=2&padding=1,2&filter=1');
  assert.equal(state.input.kind, 'random');
  assert.equal(state.input.size, 10);
  assert.equal(state.input.seed, 42);
  assert.deepEqual([...state.input.edits], [['0.1.2', 7], ['0.3.3', -2.5]]);
  assert.deepEqual(state.filters, [{ preset: 'sobel-x' }, { c: 1, h: 3, w: 3, data: [1, 0, -1, 2, 0.5, -2, 1, 0, -1] }]);
  assert.deepEqual(state.stride, [2, 2]);
  assert.deepEqual(state.padding, [1, 2]);
  assert.equal(state.filter, 1);
  // A sentence's '+' are spaces.
  assert.equal(parseHash('#mode=text&sentence=not+good+at+all').state.text.sentence, 'not good at all');
});

test('out-of-range numbers are clamped to the nearest allowed value and said so', () => {
  const { state, notices } = parse('#mode=conv&stride=99&padding=-3&dilation=2.5&speed=100');
  assert.deepEqual(state.stride, [8, 8]);
  assert.deepEqual(state.padding, [0, 0]);
  assert.deepEqual(state.dilation, [3, 3]); // 2.5 rounds to 3
  assert.equal(state.speed, 20);
  assert.ok(notices.some((n) => /stride=99 is not a whole number in 1–8; using 8/.test(n)));
  assert.ok(notices.some((n) => /padding=-3 .* using 0/.test(n)));
  assert.ok(notices.some((n) => /speed=100 is outside 0.25–20 steps\/s; using 20/.test(n)));
  // The pooling padding is at most half the window.
  assert.equal(parseHash('#mode=pool&window=2&ppadding=3').state.pool.padding, 1);
});

test('unknown values and keys fall back to defaults with a notice that quotes them as text', () => {
  const { state, notices } = parse('#mode=nope&input=%3Cimg%20src%3Dx%3E&kernel=nope&bogus=1');
  assert.equal(state.mode, 'conv');
  assert.equal(state.input.kind, 'lecture4');
  assert.deepEqual(state.filters, [{ preset: 'lecture4' }]);
  assert.ok(notices.some((n) => n.includes('Unknown mode "nope"')));
  assert.ok(notices.some((n) => n.includes('Unknown input "<img src=x>"')));
  assert.ok(notices.some((n) => n.includes('unknown kernel "nope"')));
  assert.ok(notices.some((n) => n.includes('unknown setting "bogus"')));
});

test('malformed lists are skipped or clamped piece by piece', () => {
  const { state, notices } = parse('#mode=conv&edits=0.1.1:5;bogus;0.2.2:5000&kernel=9x9:1;3x3:1,2,3,4,5,6,7,8,9;2x2:1,2,3');
  assert.deepEqual([...state.input.edits], [['0.1.1', 5], ['0.2.2', 999]]);
  assert.deepEqual(state.filters, [{ c: 1, h: 3, w: 3, data: [1, 2, 3, 4, 5, 6, 7, 8, 9] }]);
  assert.ok(notices.some((n) => n.startsWith('2 hand edits in the link')));
  assert.ok(notices.some((n) => n.includes('kernel size 9×9 is outside 1–7')));
  assert.ok(notices.some((n) => n.includes('kernel 2×2 needs 4 numbers')));
  const tr = parseHash('#mode=transposed&dim=1&tin=1x9:1,2,3,4,5,6,7,8,9&tk=2x3:1,2,3,4,5,6');
  assert.deepEqual(tr.state.tr.in1, { h: 1, w: 3, data: [1, 2, 3] });
  assert.equal(tr.notices.length, 2);
});

test('a sentence needs three words; a malformed percent-escape is reported, not thrown', () => {
  const short = parse('#mode=text&sentence=too+short');
  assert.equal(short.state.text.sentence, 'the movie was not good at all');
  assert.ok(short.notices.some((n) => n.includes('at least 3 words')));
  const bad = parse('#mode=conv&stride=2&%E0%A4%A');
  assert.deepEqual(bad.state.stride, [2, 2]);
  assert.ok(bad.notices.some((n) => n.includes('not valid percent-encoding')));
});

test('random garbage never throws and always serialises to a link that parses without notices', () => {
  const rnd = mulberry32(7);
  const alphabet = 'mode=conv&pool=transposed;text,x:0123456789-.%#+ stridepaddingkernelinputtintk';
  for (let n = 0; n < 500; n++) {
    const len = Math.floor(rnd() * 60);
    let h = '#';
    for (let i = 0; i < len; i++) h += alphabet[Math.floor(rnd() * alphabet.length)];
    const first = roundTrip(h);
    const second = roundTrip(first.hash);
    assert.deepEqual(second.notices, [], `${h} → ${first.hash}`);
    assert.equal(second.hash, first.hash);
  }
});

test('every notice is a catalog message whose placeholders are all filled, in English and in Korean', () => {
  const hashes = [
    '#mode=nope&input=%3Cimg%3E&kernel=nope;9x9:1;2x2:1,2,3&stride=1,2,3&padding=x&dilation=99&bogus=1&color=cmyk&edits=bad&speed=abc',
    '#mode=pool&window=2&ppadding=3&dir=z&pstride=0',
    '#mode=transposed&dim=1&tin=9x9:1&tk=1x2:1&tstride=9',
    '#mode=text&sentence=too+short&detector=nope&speed=100',
    '#mode=conv&stride=2&%E0%A4%A',
  ];
  const all = hashes.flatMap((h) => parseHash(h).notices);
  assert.ok(all.length >= 20, `${all.length} notices`);
  for (const [lang, catalog] of [['en', en], ['ko', ko]]) {
    register(lang, 'playground', catalog);
    for (const n of all) {
      const keys = JSON.stringify(n).match(/"key":"playground\.(\w+)"/g).map((k) => k.slice(18, -1));
      for (const k of keys) assert.ok(k in catalog, `${lang}: ${k}`);
    }
  }
  // The Korean wording: the same message read with the Korean catalog has Hangul and no holes.
  const koText = (m) => {
    const fill = (tpl, p) => tpl.replace(/\{(\w+)\}/g, (w, k) => (k in p ? (typeof p[k] === 'object' ? koText(p[k]) : String(p[k])) : w));
    const tpl = ko[m.key.split('.')[1]];
    return fill(typeof tpl === 'string' ? tpl : tpl.other, m.params);
  };
  for (const n of all) {
    const text = koText(n);
    assert.match(text, /[\uac00-\ud7af]/, text);
    assert.doesNotMatch(text, /\{\w+\}/, text);
    assert.doesNotMatch(say(n), /\{\w+\}|⟦/, say(n));
  }
  assert.equal(t('playground.noOutputShort'), 'no output');
});
