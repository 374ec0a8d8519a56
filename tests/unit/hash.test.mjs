// www/shared/hash.js: the URL-hash convention of every page, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from '../../www/shared/i18n.js';
import enCommon from '../../www/shared/i18n/en/common.js';
import { parseHash, serializeHash, hashProblemMessage } from '../../www/shared/hash.js';

register('en', 'common', enCommon); // the sentences are the English catalog's

test('key=value items are read in order, percent-decoded; a bare item is a key with the empty value', () => {
  const { values, problems } = parseHash('#sample=12&variant=modern&vgg16&name=a%20b%26c');
  assert.deepEqual([...values], [['sample', '12'], ['variant', 'modern'], ['vgg16', ''], ['name', 'a b&c']]);
  assert.deepEqual(problems, []);
});

test('an empty hash, a lone # and empty items give no values and no problems', () => {
  for (const h of ['', '#', '#&&', undefined, null]) {
    const { values, problems } = parseHash(h);
    assert.equal(values.size, 0, String(h));
    assert.deepEqual(problems, []);
  }
});

test('malformed percent-encoding (#%, #%E0%A4%A) is reported, not thrown, and the other items still count', () => {
  for (const h of ['#%', '#%E0%A4%A', '#a=%zz', '#%=1']) {
    const { values, problems } = parseHash(h);
    assert.equal(values.size, 0, h);
    assert.equal(problems.length, 1, h);
  }
  const { values, problems } = parseHash('#sample=3&%E0%A4%A&variant=modern');
  assert.deepEqual([...values], [['sample', '3'], ['variant', 'modern']]);
  assert.equal(problems.length, 1);
  assert.match(hashProblemMessage(problems)(), /could not be read.*%E0%A4%A/);
  assert.equal(hashProblemMessage([]), null);
});

test('for a repeated key the last item wins', () => {
  assert.equal(parseHash('#a=1&a=2').values.get('a'), '2');
});

test('serialize then parse gives back the same values (round trip), including characters that need encoding', () => {
  const cases = [
    { sample: '12', variant: 'modern' },
    { vgg16: '' },
    { 'a b': 'c&d=e', '%': '#', 'ü': '→ 16@10×10' },
  ];
  for (const v of cases) {
    const h = serializeHash(v);
    assert.deepEqual(Object.fromEntries(parseHash(h).values), v, h);
    assert.deepEqual(parseHash(h).problems, []);
  }
});

test('serialize writes a bare key for an empty value, leaves out null and undefined, and an empty state is ""', () => {
  assert.equal(serializeHash({ vgg16: '' }), '#vgg16');
  assert.equal(serializeHash(new Map([['sample', 3], ['variant', null], ['x', undefined]])), '#sample=3');
  assert.equal(serializeHash({}), '');
});
