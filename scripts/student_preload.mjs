// index.html's `<link rel="modulepreload">` list: the static import graph of the student page's
// module scripts, start.js's part first (it runs as soon as that part is in). Read from the
// files (no browser). tests/unit/student_preload.test.mjs checks the list against the graph;
// this rewrites it after an import was added or removed:
//
//   node scripts/student_preload.mjs          rewrite index.html's list (prints it)
//   node scripts/student_preload.mjs --check  exit 1 when the list differs from the graph
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = 'index.html';

/** The `attr` values of the tags in `html` whose start matches `tag` (a regex source). */
export function attrs(html, tag, attr) {
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

/**
 * Every file (root-relative) that `entries` (root-relative paths) reach through static imports,
 * depth first in import order, each entry's graph before the next one's.
 */
export function graph(entries, root = ROOT) {
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(readFileSync(join(root, file), 'utf8'))) {
      walk(relative(root, resolve(root, dirname(file), spec)));
    }
  };
  entries.forEach(walk);
  return seen;
}

/** The page's module scripts, start.js (the async one, which runs first) first. */
export function entries(html) {
  const srcs = attrs(html, 'script type="module"', 'src');
  const start = srcs.filter((s) => s.endsWith('/start.js'));
  return [...start, ...srcs.filter((s) => !start.includes(s))];
}

/** `html` with its modulepreload links replaced by one per file of `files`, where the first was. */
export function withPreloads(html, files) {
  const link = /^([ \t]*)<link rel="modulepreload" href="[^"]+">\n/gm;
  const first = link.exec(html);
  if (!first) throw new Error(`${PAGE}: no <link rel="modulepreload"> to replace`);
  const list = files.map((f) => `${first[1]}<link rel="modulepreload" href="${f}">\n`).join('');
  let done = false;
  return html.replace(link, () => {
    if (done) return '';
    done = true;
    return list;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = join(ROOT, PAGE);
  const html = readFileSync(path, 'utf8');
  const files = [...graph(entries(html))];
  const next = withPreloads(html, files);
  if (process.argv.includes('--check')) {
    if (next !== html) {
      console.error(`${PAGE}: the modulepreload list differs from the import graph; run node scripts/student_preload.mjs`);
      process.exit(1);
    }
  } else {
    if (next !== html) writeFileSync(path, next);
    console.log(`${PAGE}: ${files.length} modules preloaded${next === html ? ' (unchanged)' : ''}\n  ${files.join('\n  ')}`);
  }
}
