// formatNumber keeps one Intl.NumberFormat per language and options: the kept formatters must
// write what a fresh Intl.NumberFormat writes, whatever order the calls come in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber } from '../../www/shared/i18n.js';

const fresh = (n, options, lang) => new Intl.NumberFormat(lang, {
  maximumFractionDigits: 20, useGrouping: Math.abs(n) >= 10000, ...options,
}).format(n);

test('kept number formatters write what a fresh Intl.NumberFormat writes, for every language and options mix', () => {
  const cases = [
    [0.25, {}], [12000, {}], [9999, {}], [-12345.678, {}], [0.973, { style: 'percent', maximumFractionDigits: 1 }],
    [0.973, { style: 'percent', maximumFractionDigits: 0 }], [3.14159, { maximumFractionDigits: 2 }],
    [1234567, { notation: 'compact' }], [0.973, {}],
  ];
  for (const round of [1, 2]) {
    for (const lang of ['ko', 'en']) {
      for (const [n, options] of round === 1 ? cases : [...cases].reverse()) {
        assert.equal(formatNumber(n, options, lang), fresh(n, options, lang), `${lang} ${n} ${JSON.stringify(options)} (round ${round})`);
      }
    }
  }
  assert.equal(formatNumber(12000, {}, 'en'), '12,000');
  assert.equal(formatNumber(9999, {}, 'en'), '9999');
  assert.equal(formatNumber(Number.NaN, {}, 'en'), 'NaN');
});

test('an option set to undefined is its own formatter: {maximumFractionDigits: undefined} is not {}', () => {
  assert.equal(formatNumber(1 / 3, {}, 'en'), fresh(1 / 3, {}, 'en'));
  assert.equal(formatNumber(1 / 3, { maximumFractionDigits: undefined }, 'en'), fresh(1 / 3, { maximumFractionDigits: undefined }, 'en'));
  assert.equal(formatNumber(1 / 3, { maximumFractionDigits: undefined }, 'en'), '0.333');
  assert.equal(formatNumber(1 / 3, { minimumFractionDigits: undefined }, 'en'), fresh(1 / 3, { minimumFractionDigits: undefined }, 'en'));
});
