// index.html's <link rel="modulepreload"> list: exactly the modules the student page's entry
// scripts import statically (their whole graph), so every module on the way to the first
// prediction is requested while the HTML is parsed, and nothing that loads later (the views,
// the glossary, the message catalogs) competes with them. Read from the files (no browser):
// an import added to or removed from that graph without updating index.html fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HTML = readFileSync(join(ROOT, 'index.html'), 'utf8');

/** The `href`/`src` values of the tags in `html` that match `tag` (a regex source). */
function attrs(html, tag, attr) {
  const out = [];
  for (const m of html.matchAll(new RegExp(`<${tag}[^>]*>`, 'g'))) {
    const v = m[0].match(new RegExp(`\\b${attr}="([^"]+)"`));
    if (v) out.push(v[1]);
  }
  return out;
}

/** The specifiers of `source`'s static `import … from '…'`, `import '…'` and `export … from '…'`. */
export function staticImports(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const re = /(?:^|[;\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?(['"])([^'"\n]+)\1/g;
  return [...code.matchAll(re)].map((m) => m[2]);
}

/** Every file (root-relative) `entries` (root-relative paths) reach through static imports. */
function graph(entries) {
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(readFileSync(join(ROOT, file), 'utf8'))) {
      walk(relative(ROOT, resolve(ROOT, dirname(file), spec)));
    }
  };
  entries.forEach(walk);
  return seen;
}

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
