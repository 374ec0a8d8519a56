// www/shared/embed.js's pure part, without a browser: reading the embed parameters, the embed
// and full-app addresses, and the <iframe> snippet a course page pastes (parsed back here with
// the URL parser, so what a browser would load is what is checked).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEmbed, pageUrl, embedUrl, escapeAttr, iframeSnippet } from '../../www/shared/embed.js';

test('parseEmbed: embed=1 or true switches embed mode on; view, layer and net are read, blanks are null', () => {
  assert.deepEqual(parseEmbed('?embed=1&view=layer&layer=C3&lang=ko'), { on: true, view: 'layer', layer: 'C3', net: null });
  assert.deepEqual(parseEmbed('?embed=true&net=vgg16'), { on: true, view: null, layer: null, net: 'vgg16' });
  assert.equal(parseEmbed('?embed=0&view=pad').on, false);
  assert.equal(parseEmbed('').on, false);
  assert.deepEqual(parseEmbed('?embed=1&view=%20&layer='), { on: true, view: null, layer: null, net: null });
});

test('pageUrl drops the old query and hash, writes the given parameters in order and the new hash', () => {
  assert.equal(pageUrl('http://h:8000/course/cnn/index.html?embed=1&view=pad&lang=en#sample=3', { lang: 'ko' }, '#sample=4'),
    'http://h:8000/course/cnn/index.html?lang=ko#sample=4');
  assert.equal(pageUrl('http://h/architectures.html', { lang: 'en', net: null }, ''), 'http://h/architectures.html?lang=en');
  assert.equal(pageUrl('http://h/a.html', {}, 'vgg16'), 'http://h/a.html#vgg16');
  assert.equal(pageUrl('http://h/a.html', {}, '#'), 'http://h/a.html');
});

test('embedUrl: embed=1, the view, its parameters, the language, then the state hash', () => {
  const u = new URL(embedUrl('http://h/index.html?lang=en#x', { view: 'layer', params: { layer: 'S2' }, lang: 'ko', hash: '#sample=7&variant=modern' }));
  assert.deepEqual([...u.searchParams], [['embed', '1'], ['view', 'layer'], ['layer', 'S2'], ['lang', 'ko']]);
  assert.equal(u.hash, '#sample=7&variant=modern');
  assert.equal(u.pathname, '/index.html');
});

test('escapeAttr escapes what could end a double-quoted attribute or start a tag', () => {
  assert.equal(escapeAttr('a&b"c<d>e\'f'), 'a&amp;b&quot;c&lt;d&gt;e\'f');
});

test('iframeSnippet: one <iframe> with src, title, loading="lazy", width, height and a style; attribute values escaped', () => {
  const src = 'http://h/playground.html?embed=1&view=playground&lang=en#mode=conv&kernel=3x3:1,0,-1';
  const s = iframeSnippet({ src, title: 'A "quoted" <title>', width: 640, height: 420 });
  assert.match(s, /^<iframe [^<>]*><\/iframe>$/);
  const attrs = Object.fromEntries([...s.matchAll(/\s([a-z]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const unescape = (v) => v.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  assert.equal(unescape(attrs.src), src);
  assert.equal(unescape(attrs.title), 'A "quoted" <title>');
  assert.equal(attrs.loading, 'lazy');
  assert.equal(attrs.width, '640');
  assert.equal(attrs.height, '420');
  assert.match(attrs.style, /max-width: 640px/);
});
