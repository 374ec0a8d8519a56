// www/shared/i18n.js and the message catalogs (www/shared/i18n/<lang>/<namespace>.js), without a
// browser: both languages have the same namespaces, keys and placeholders; every key the code
// names exists; the lookup fills placeholders, picks plural forms and the page's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGS, pickLang, fill, formatNumber, pluralTemplate, register, t, withLang } from '../../www/shared/i18n.js';
import { TERMS, PAGE_TERMS } from '../../www/shared/glossary.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const catalogDir = join(root, 'www/shared/i18n');

const namespacesOf = (l) => readdirSync(join(catalogDir, l)).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();
const catalogs = {};
for (const l of LANGS) {
  catalogs[l] = {};
  for (const ns of namespacesOf(l)) catalogs[l][ns] = (await import(join(catalogDir, l, `${ns}.js`))).default;
}

const placeholders = (msg) => {
  const texts = typeof msg === 'string' ? [msg] : Object.values(msg);
  return [...new Set(texts.flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
};

test('Korean and English have the same namespaces', () => {
  assert.deepEqual(namespacesOf('ko'), namespacesOf('en'));
  assert.ok(namespacesOf('en').includes('common'));
});

test('every key exists in both languages, with the same placeholders, and no message is empty', () => {
  const problems = [];
  for (const ns of namespacesOf('en')) {
    const [en, ko] = [catalogs.en[ns], catalogs.ko[ns]];
    for (const k of new Set([...Object.keys(en), ...Object.keys(ko)])) {
      const id = `${ns}.${k}`;
      if (!(k in en)) { problems.push(`${id}: missing in en`); continue; }
      if (!(k in ko)) { problems.push(`${id}: missing in ko`); continue; }
      for (const [l, m] of [['en', en[k]], ['ko', ko[k]]]) {
        const ok = typeof m === 'string' || (m && typeof m === 'object' && typeof m.other === 'string' && Object.values(m).every((v) => typeof v === 'string'));
        if (!ok) problems.push(`${id} (${l}): a message is a string or {one?, other} of strings`);
        else if ((typeof m === 'string' ? m : m.other).trim() === '' && !/Long$|Suffix$|Prefix$/.test(k)) problems.push(`${id} (${l}): empty`);
      }
      if (typeof en[k] !== typeof ko[k]) continue;
      const [pe, pk] = [placeholders(en[k]), placeholders(ko[k])];
      if (pe.join() !== pk.join()) problems.push(`${id}: placeholders en {${pe}} vs ko {${pk}}`);
    }
  }
  assert.deepEqual(problems, []);
});

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'vendor' || p === catalogDir) continue;
      yield* sourceFiles(p);
    } else if (/\.(js|html)$/.test(name)) yield p;
  }
}

const files = [...sourceFiles(join(root, 'www')), ...readdirSync(root).filter((f) => f.endsWith('.html')).map((f) => join(root, f))];
const nsPattern = namespacesOf('en').join('|');

test('every message key named in www/ and the pages exists (t(...), data-i18n, data-i18n-attr, key literals)', () => {
  const keyLiteral = new RegExp(`['"\`]((?:${nsPattern})\\.[A-Za-z][A-Za-z0-9_]*)['"\`]`, 'g');
  const attrPair = /data-i18n-attr="([^"]+)"/g;
  const missing = [];
  let seen = 0;
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    if (f.endsWith('/www/shared/i18n.js')) continue; // the lookup itself: its comments show made-up keys
    const keys = [...src.matchAll(keyLiteral)].map((m) => m[1]).filter((k) => !/\.(html|js|css|mjs)$/.test(k));
    for (const m of src.matchAll(attrPair)) keys.push(...m[1].split(';').map((pair) => pair.slice(pair.indexOf(':') + 1).trim()));
    for (const key of keys) {
      seen++;
      const [ns, ...rest] = key.split('.');
      const k = rest.join('.');
      if (!(k in (catalogs.en[ns] ?? {}))) missing.push(`${relative(root, f)}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(seen > 20, `only ${seen} key uses found: is the scan broken?`);
});

test('messages are looked up by literal keys: no t(`…${…}`) outside the glossary (its keys are checked below)', () => {
  const offenders = files.filter((f) => !f.endsWith('glossary.js') && /\bt\(\s*`[^`]*\$\{/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders.map((f) => relative(root, f)), []);
});

test('every glossary term of every page has a name, the other language\'s name and a definition in both languages', () => {
  assert.ok(TERMS.length >= 10);
  for (const page of Object.keys(PAGE_TERMS)) assert.ok(PAGE_TERMS[page].length >= 5, page);
  for (const l of LANGS) {
    for (const id of TERMS) {
      for (const k of [id, `${id}Other`, `${id}Def`]) assert.ok(catalogs[l].glossary?.[k], `${l} glossary.${k}`);
    }
  }
});

test('the page language: ?lang= wins, then the stored choice, then the browser\'s languages by primary subtag, else English', () => {
  assert.equal(pickLang({ search: '?lang=ko', stored: 'en', languages: ['en-US'] }), 'ko');
  assert.equal(pickLang({ search: '?x=1&lang=en', stored: 'ko', languages: ['ko-KR'] }), 'en');
  assert.equal(pickLang({ search: '?lang=fr', stored: 'ko', languages: ['en'] }), 'ko');
  assert.equal(pickLang({ search: '', stored: null, languages: ['fr-FR', 'ko-KR', 'en'] }), 'ko');
  assert.equal(pickLang({ search: '', stored: 'xx', languages: ['EN-gb'] }), 'en');
  assert.equal(pickLang({ search: '', stored: null, languages: ['de', 'fr'] }), 'en');
  assert.equal(pickLang({}), 'en');
});

test('placeholders are filled by name in any order; numbers are written for the language; a missing one stays visible', () => {
  assert.equal(fill('{w}×{h} → {w}', { w: 5, h: 3 }, 'en'), '5×3 → 5');
  assert.equal(fill('{n} images', { n: 12000 }, 'en'), '12,000 images');
  assert.equal(fill('{n}', { n: 0.25 }, 'ko'), '0.25');
  assert.equal(fill('{a} and {b}', { a: 'x' }, 'en'), 'x and {b}');
});

test('t() picks the plural form from count (English one/other) and shows a missing key as ⟦key⟧', () => {
  register('en', 'testonly', { maps: { one: '{count} map', other: '{count} maps' }, plain: 'plain {x}' });
  assert.equal(t('testonly.maps', { count: 1 }), '1 map');
  assert.equal(t('testonly.maps', { count: 6 }), '6 maps');
  assert.equal(t('testonly.plain', { x: 'text' }), 'plain text');
  assert.equal(t('testonly.nope'), '⟦testonly.nope⟧');
});

test("pluralTemplate picks Intl.PluralRules' form: English 'one' for 1, Korean (no 'one' category) 'other'", () => {
  const msg = { one: 'one', other: 'other' };
  assert.equal(pluralTemplate(msg, 1, 'ko'), 'other', 'Korean: no one category');
  assert.equal(pluralTemplate(msg, 1, 'en'), 'one');
  assert.equal(pluralTemplate(msg, 2, 'en'), 'other');
  assert.equal(pluralTemplate(msg, '1', 'en'), 'one', 'a count given as a string is read as a number');
  assert.equal(pluralTemplate(msg, 1.5, 'en'), 'other');
  // The shipped TTA note for one copy (the digit as drawn) is its own message in both languages.
  for (const l of LANGS) {
    const { ttaOnOne, ttaOnMean, ttaOnMax } = catalogs[l].student;
    assert.ok(ttaOnOne && ttaOnOne !== ttaOnMean && ttaOnOne !== ttaOnMax, `${l}: one copy reads differently`);
  }
});

test('withLang sets ?lang= on a page link and keeps its other parameters and its hash', () => {
  assert.equal(withLang('playground.html', 'ko'), 'playground.html?lang=ko');
  assert.equal(withLang('index.html?lang=en#sample=3', 'ko'), 'index.html?lang=ko#sample=3');
  assert.equal(withLang('https://h.example/c/arch.html?embed=1#vgg16', 'en'), 'https://h.example/c/arch.html?embed=1&lang=en#vgg16');
});

test('formatNumber writes integers below 10,000 exactly as Intl.NumberFormat does in every language (its shortcut skips Intl)', () => {
  const ints = [0, 1, 7, 9, 10, 99, 120, 784, 999, 1000, 6272, 9999, -1, -42, -9999];
  for (const l of LANGS) {
    const intl = new Intl.NumberFormat(l, { maximumFractionDigits: 20, useGrouping: false });
    for (const n of ints) assert.equal(formatNumber(n, {}, l), intl.format(n), `${l} ${n}`);
    assert.equal(formatNumber(-0, {}, l), intl.format(-0), `${l} -0`);
    assert.equal(formatNumber(12345, {}, l), new Intl.NumberFormat(l, { maximumFractionDigits: 20 }).format(12345), `${l} 12345: grouped by Intl`);
    assert.equal(formatNumber(5, { minimumFractionDigits: 1 }, l), new Intl.NumberFormat(l, { maximumFractionDigits: 20, minimumFractionDigits: 1, useGrouping: false }).format(5), `${l} 5 with options: Intl`);
  }
});

test('formatNumber and fill() write a small integer without building an Intl.NumberFormat (the page\'s first one loads ICU)', async () => {
  // A module instance of its own: no formatter cached by the tests above.
  const fresh = await import('../../www/shared/i18n.js?no-formatter-yet');
  const { NumberFormat } = Intl;
  Intl.NumberFormat = function unexpected() { throw new Error('Intl.NumberFormat built'); };
  try {
    for (const l of LANGS) assert.equal(fresh.formatNumber(3, {}, l), '3');
    assert.equal(fresh.fill('reads {digit}.', { digit: 7 }), 'reads 7.');
    assert.throws(() => fresh.formatNumber(0.25, {}, 'en'), /built/, 'a fraction goes through Intl');
  } finally {
    Intl.NumberFormat = NumberFormat;
  }
});
