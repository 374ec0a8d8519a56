// The offline edition's build (scripts/offline/*.mjs) on small made-up sites in a temporary
// folder: a page becomes one file whose policy holds the sha256 of exactly its inline scripts
// and styles (hashed here with node:crypto, not with the build's helper), the files a module
// names with resource('…') are embedded, and a module that loads something itself (fetch,
// import.meta, new Worker, a non-literal resource()) stops the build. The real pages are
// tested in a browser by tests/browser/offline.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { offlinePage } from '../../scripts/offline/html.mjs';
import { zip, unzip } from '../../scripts/offline/zip.mjs';

const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
const SEAM = `export const OFFLINE = false;
export function resource(path) { return new URL(path, 'https://example.invalid/'); }
export function fetchResource(url) { return Promise.reject(url); }
export function startWorker(url) { return url; }
export function linkStylesheet(url) { return url; }
`;

/** A made-up site: `files` (path → text) plus the real offline seam, in a temporary folder. */
async function site(files) {
  const root = await mkdtemp(join(tmpdir(), 'convscope-offline-unit-'));
  const all = { 'www/shared/resources.js': SEAM, ...files };
  for (const [path, text] of Object.entries(all)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  // The build bundles scripts/offline/resources.js in place of www/shared/resources.js.
  await mkdir(join(root, 'scripts/offline'), { recursive: true });
  await writeFile(join(root, 'scripts/offline/resources.js'), await readFile(join(REPO, 'scripts/offline/resources.js')));
  return root;
}

const PAGE = `<!doctype html>
<html><head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
  <link rel="stylesheet" href="www/a.css">
  <link rel="modulepreload" href="www/main.js">
  <script type="module" src="www/main.js"></script>
</head><body><p>hi</p></body></html>`;

const sha = (text) => `'sha256-${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('base64')}'`;

test('a page becomes one file: its module bundled inline, its stylesheet inlined, the policy naming exactly their hashes', async () => {
  const root = await site({
    'page.html': PAGE,
    'www/a.css': 'p { color: red; }\n',
    'www/main.js': "import { fetchResource, resource } from './shared/resources.js';\nfetchResource(resource('www/data.bin')).then((r) => r.arrayBuffer());\n",
    'www/data.bin': 'ABC',
  });
  try {
    const out = await offlinePage(root, 'page.html');
    assert.deepEqual(out.resources, ['www/data.bin']);
    assert.doesNotMatch(out.html, /<script[^>]*src=|<link[^>]*(stylesheet|modulepreload)/);
    const scripts = [...out.html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const styles = [...out.html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1);
    assert.deepEqual(styles, ['p { color: red; }\n']);
    // 'ABC' in base64 is 'QUJD': the file is in the bundle.
    assert.match(scripts[0], /QUJD/);
    const policy = out.html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1].replace(/&quot;/g, '"');
    assert.equal(policy, `default-src 'none'; script-src ${sha(scripts[0])} 'wasm-unsafe-eval'; style-src ${sha(styles[0])}; `
      + "img-src data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

for (const [what, source, message] of [
  ['fetch()', "fetch('www/data.bin');\n", /www\/main\.js uses fetch\(\)/],
  ['import.meta', "console.log(new URL('data.bin', import.meta.url));\n", /www\/main\.js uses import\.meta/],
  ['new Worker()', "new Worker('www/w.js');\n", /www\/main\.js uses new Worker\(\)/],
  ['a non-literal resource()', "import { resource } from './shared/resources.js';\nconst p = 'www/data.bin';\nresource(p);\n", /string literal/],
]) {
  test(`the build stops at a module that uses ${what} instead of the seam`, async () => {
    const root = await site({ 'page.html': PAGE, 'www/a.css': '', 'www/main.js': source, 'www/data.bin': 'x' });
    try {
      await assert.rejects(offlinePage(root, 'page.html'), message);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
}

test('the zip is the same bytes for the same files, and unzips to them', () => {
  const files = [['d/a.html', '<p>a</p>'], ['d/b.txt', 'b'.repeat(1000)]];
  const one = zip(files);
  const two = zip(files);
  assert.deepEqual(Buffer.from(one), Buffer.from(two));
  const back = unzip(one);
  assert.deepEqual(Object.keys(back), ['d/a.html', 'd/b.txt']);
  assert.equal(new TextDecoder().decode(back['d/b.txt']), 'b'.repeat(1000));
});
