// index.html's <link rel="modulepreload"> list: exactly the modules the student page's entry
// scripts import statically (their whole graph), so every module on the way to the first
// prediction is requested while the HTML is parsed, and nothing that loads later (the views,
// the glossary, the message catalogs) competes with them. Read from the files (no browser):
// an import added to or removed from that graph without updating index.html fails here
// (`node scripts/student_preload.mjs` rewrites the list).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attrs, entries, graph, staticImports, withPreloads } from '../../scripts/student_preload.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HTML = readFileSync(join(ROOT, 'index.html'), 'utf8');

test('staticImports finds single- and multi-line imports and re-exports, not dynamic import() or comments', () => {
  const src = [
    "import a from './a.js';",
    "import { b,\n  c } from '../b.js';",
    'import * as d from "./d.js"',
    "import './side.js';",
    "export { e } from './e.js';",
    "// import x from './commented.js';",
    "const later = () => import('./lazy.js');",
    "const s = 'import y from \"./in-a-string.js\"';",
  ].join('\n');
  assert.deepEqual(staticImports(src), ['./a.js', '../b.js', './d.js', './side.js', './e.js']);
});

test("index.html preloads exactly the static import graph of its module scripts (start.js, main.js)", () => {
  const entries = attrs(HTML, 'script type="module"', 'src');
  assert.deepEqual(entries.sort(), ['www/pages/student/main.js', 'www/pages/student/start.js']);
  const preloaded = attrs(HTML, 'link rel="modulepreload"', 'href');
  assert.equal(new Set(preloaded).size, preloaded.length, 'no module is preloaded twice');
  assert.deepEqual([...preloaded].sort(), [...graph(entries)].sort());
});

test('the graph start.js needs is preloaded first, so it runs (and starts the catalogs) before main.js has arrived', () => {
  const preloaded = attrs(HTML, 'link rel="modulepreload"', 'href');
  const startGraph = graph(['www/pages/student/start.js']);
  const firstN = preloaded.slice(0, startGraph.size);
  assert.deepEqual(new Set(firstN), startGraph);
});

test('the glossary and the views are not on the first prediction\'s path (loaded on first use / after it)', () => {
  const g = graph(['www/pages/student/main.js', 'www/pages/student/start.js']);
  for (const later of ['www/shared/glossary.js', 'www/pages/student/views.js']) assert.ok(!g.has(later), later);
  for (const f of g) assert.ok(!f.startsWith('www/shared/i18n/'), `${f}: catalogs load for the page's language only`);
});

test('withPreloads replaces the whole list where it stood, one link per file, and keeps the rest', () => {
  const html = '<head>\n  <link rel="stylesheet" href="a.css">\n  <link rel="modulepreload" href="x.js">\n'
    + '  <link rel="modulepreload" href="y.js">\n  <script type="module" async src="p/start.js"></script>\n</head>\n';
  assert.equal(withPreloads(html, ['p/start.js', 'z.js']),
    '<head>\n  <link rel="stylesheet" href="a.css">\n  <link rel="modulepreload" href="p/start.js">\n'
    + '  <link rel="modulepreload" href="z.js">\n  <script type="module" async src="p/start.js"></script>\n</head>\n');
  assert.deepEqual(entries('<script type="module" src="m/main.js"></script><script type="module" async src="m/start.js"></script>'),
    ['m/start.js', 'm/main.js']);
});
