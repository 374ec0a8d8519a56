// The service worker's precache list (scripts/build_sw.mjs → sw-manifest.js) and the web app
// manifest with its icons: the committed list is current; on a small fixture app the list holds
// exactly the published files a page loads, each with its SHA-256 prefix (computed here with
// Node's crypto), the training files in their on-demand group; the version changes with any
// file's bytes and with sw.js, and not otherwise; the manifest's paths are relative (a sub-path
// works) and its icons are PNGs of the sizes it declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { buildSw, precacheList, render } from '../../scripts/build_sw.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A fixture app: `files` {path: text} written under a fresh folder; returns its path. */
async function fixture(files) {
  const dir = await mkdtemp(join(tmpdir(), 'convscope-sw-unit-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const APP = {
  'index.html': '<!doctype html><title>a</title>',
  'train.html': '<!doctype html><title>t</title>',
  'sw.js': '// worker v1\n',
  'manifest.webmanifest': '{}',
  'README.md': 'not published',
  'Cargo.toml': 'not published',
  'src/lib.rs': 'not published',
  'tests/browser/x.js': 'not published',
  'node_modules/a/index.js': 'not published',
  'dist/offline/index.html': 'its own edition',
  'pkg/convscope.js': 'export default 1;',
  'pkg/convscope_bg.wasm': '\0asm',
  'pkg/BUILD_INFO': 'not published',
  'pkg-train/convscope.js': 'export default 2;',
  'pkg-train/convscope_bg.wasm': '\0asm2',
  'www/style.css': 'body{}',
  'www/shared/i18n/ko/common.js': 'export default {};',
  'www/assets/README.md': 'not a page\'s file',
  'www/assets/mnist-samples.bin': 'samples',
  'www/assets/mnist-train.bin.gz': 'train data',
  'www/.hidden.js': 'dot files are never published',
};

const sha = (text) => createHash('sha256').update(text).digest('hex').slice(0, 32);

test('the list holds exactly the published files a page loads, with their SHA-256 prefixes; the training files are one on-demand group', async () => {
  const dir = await fixture(APP);
  try {
    const list = await precacheList(dir);
    const eager = ['index.html', 'manifest.webmanifest', 'pkg/convscope.js', 'pkg/convscope_bg.wasm', 'train.html',
      'www/assets/mnist-samples.bin', 'www/shared/i18n/ko/common.js', 'www/style.css'];
    assert.deepEqual(list.files, Object.fromEntries(eager.map((p) => [p, sha(APP[p])])));
    assert.equal(list.lazy.length, 1);
    assert.deepEqual(list.lazy[0].pages, ['train.html', 'transfer.html']);
    const lazy = ['pkg-train/convscope.js', 'pkg-train/convscope_bg.wasm', 'www/assets/mnist-train.bin.gz'];
    assert.deepEqual(list.lazy[0].files, Object.fromEntries(lazy.map((p) => [p, sha(APP[p])])));
    assert.match(list.version, /^[0-9a-f]{12}$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the version changes when one file\'s bytes or sw.js change, and only then (a README edit keeps it)', async () => {
  const dir = await fixture(APP);
  try {
    const v1 = (await precacheList(dir)).version;
    assert.equal((await precacheList(dir)).version, v1, 'same files, same version');
    await writeFile(join(dir, 'README.md'), 'edited');
    assert.equal((await precacheList(dir)).version, v1, 'an unpublished file');
    await writeFile(join(dir, 'www/style.css'), 'body{color:red}');
    const v2 = (await precacheList(dir)).version;
    assert.notEqual(v2, v1, 'a stylesheet');
    await writeFile(join(dir, 'www/assets/mnist-train.bin.gz'), 'other data');
    const v3 = (await precacheList(dir)).version;
    assert.notEqual(v3, v2, 'an on-demand file');
    await writeFile(join(dir, 'sw.js'), '// worker v2\n');
    assert.notEqual((await precacheList(dir)).version, v3, 'the worker');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('buildSw writes sw-manifest.js, which defines the list as a global for importScripts; --check reports it stale after an edit', async () => {
  const dir = await fixture(APP);
  try {
    const first = await buildSw({ root: dir });
    assert.equal(first.stale, true, 'not written yet');
    const text = await readFile(join(dir, 'sw-manifest.js'), 'utf8');
    assert.equal(text, render(first.list));
    const self = {};
    vm.runInNewContext(text, { self });
    assert.deepEqual(JSON.parse(JSON.stringify(self.CONVSCOPE_PRECACHE)), first.list); // (another realm's objects)
    assert.equal((await buildSw({ root: dir, check: true })).stale, false, 'current');
    await writeFile(join(dir, 'pkg/convscope.js'), 'export default 3;');
    assert.equal((await buildSw({ root: dir, check: true })).stale, true, 'stale after an edit');
    assert.equal(await readFile(join(dir, 'sw-manifest.js'), 'utf8'), text, '--check does not write');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the committed sw-manifest.js is current (run node scripts/build_sw.mjs when this fails)', async () => {
  assert.equal((await buildSw({ root: ROOT, check: true })).stale, false);
});

test('the web app manifest: relative start_url, scope and id (hosting under a sub-path works), standalone, the theme colour of www/style.css, PNG icons of the declared sizes (any and maskable)', async () => {
  const m = JSON.parse(await readFile(join(ROOT, 'manifest.webmanifest'), 'utf8'));
  assert.equal(m.start_url, './');
  assert.equal(m.scope, './');
  assert.equal(m.id, './');
  assert.equal(m.display, 'standalone');
  assert.ok(m.name && m.short_name && m.short_name.length <= 12, 'name and a short name');
  const css = await readFile(join(ROOT, 'www/style.css'), 'utf8');
  assert.equal(m.theme_color, /--accent:\s*(#[0-9a-f]{6})/i.exec(css)[1]);
  assert.equal(m.background_color, /--bg:\s*(#[0-9a-f]{6})/i.exec(css)[1]);
  const purposes = new Set();
  for (const icon of m.icons) {
    assert.ok(!icon.src.startsWith('/'), `${icon.src} is relative`);
    const png = await readFile(join(ROOT, icon.src));
    assert.equal(png.toString('latin1', 1, 4), 'PNG', icon.src);
    const [w, h] = icon.sizes.split('x').map(Number);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [w, h], `${icon.src} is ${icon.sizes}`);
    for (const p of icon.purpose.split(' ')) purposes.add(`${p} ${icon.sizes}`);
  }
  for (const want of ['any 192x192', 'any 512x512', 'maskable 192x192', 'maskable 512x512']) assert.ok(purposes.has(want), want);
});

test('every page at the root links the manifest', async () => {
  const { readdir } = await import('node:fs/promises');
  for (const page of (await readdir(ROOT)).filter((f) => f.endsWith('.html'))) {
    assert.match(await readFile(join(ROOT, page), 'utf8'), /<link rel="manifest" href="manifest\.webmanifest">/, page);
  }
});
