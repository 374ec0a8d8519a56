// Bundles one page's JS modules (or the training lab's worker) into a classic script for the
// offline edition, with esbuild (format iife: no ES modules at run time; dynamic imports,
// including i18n.js's template-literal catalog import, are bundled in), and embeds every file
// the code names through www/shared/resources.js.
//
// The seam: the bundle gets scripts/offline/resources.js in place of www/shared/resources.js,
// and a virtual module `convscope:embedded` with the files the code names as
// `resource('<path>')` (string literals, found in the first pass's output, so code that esbuild
// drops as unused embeds nothing): a `.js` resource is a
// worker, bundled the same way (recursively) and embedded as text; a `.css` one is embedded as
// text (the page's CSP allows it by hash); anything else (wasm, data) as base64. Two esbuild
// passes: the first finds the inputs, the second embeds what they name.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, relative, resolve, dirname, extname } from 'node:path';
import * as esbuild from 'esbuild';

/** The seam in the served edition, and its offline replacement. */
const SEAM = 'www/shared/resources.js';
const OFFLINE_SEAM = 'scripts/offline/resources.js';
const EMBEDDED = 'convscope:embedded';

/** Content types of the embedded files, by extension. */
const TYPES = { '.wasm': 'application/wasm', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** What a bundled app module must not do itself (it goes through the seam instead). */
const FORBIDDEN = [
  [/\bimport\.meta\b/, 'import.meta (use resource() from www/shared/resources.js)'],
  [/\bfetch\s*\(/, 'fetch() (use fetchResource(resource(…)))'],
  [/\bnew\s+(Shared)?Worker\s*\(/, 'new Worker() (use startWorker(resource(…)))'],
  [/\bimportScripts\s*\(/, 'importScripts()'],
  [/\bresource\(\s*[^'"\s)]/, 'resource() with something other than a string literal'],
];

/** `source` without comments (roughly: enough for the checks above). */
const stripComments = (source) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** sha256 of `text` (UTF-8) as a CSP source: 'sha256-…'. */
export const cspHash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The esbuild plugin of the seam: swaps www/shared/resources.js for the offline one and serves
 * `convscope:embedded` (`table`: path → {type, base64|text}).
 */
function seamPlugin(root, table) {
  return {
    name: 'convscope-offline-seam',
    setup(build) {
      build.onResolve({ filter: /resources\.js$/ }, (args) => {
        if (!args.importer || args.namespace !== 'file') return undefined;
        const target = resolve(dirname(args.importer), args.path);
        return target === join(root, SEAM) ? { path: join(root, OFFLINE_SEAM) } : undefined;
      });
      build.onResolve({ filter: /^convscope:embedded$/ }, () => ({ path: EMBEDDED, namespace: 'embedded' }));
      build.onLoad({ filter: /.*/, namespace: 'embedded' }, () => ({ contents: `export default ${JSON.stringify(table)};`, loader: 'js' }));
    },
  };
}

/** One esbuild pass over `entry` ({contents} of a synthetic entry, or {file}). */
async function pass(root, entry, table) {
  const result = await esbuild.build({
    absWorkingDir: root,
    ...(entry.file ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: root, sourcefile: 'offline-entry.js' } }),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // pkg/'s wasm-bindgen glue reads import.meta.url only when init() gets no module (the
    // app always passes one; the app's own modules are checked below), and repeats one key of
    // its imports object (all the same module). ESLint checks the app's own keys.
    logOverride: { 'empty-import-meta': 'silent', 'duplicate-object-key': 'silent' },
    plugins: [seamPlugin(root, table)],
  });
  for (const w of result.warnings) console.warn(`esbuild: ${w.text} (${w.location?.file}:${w.location?.line})`);
  return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) };
}

/**
 * The resource paths the bundle `code` still names (after tree shaking); throws when one of the
 * app's modules among `inputs` loads something itself.
 */
async function namedResources(root, inputs, code) {
  for (const input of inputs) {
    if (!input.startsWith('www/')) continue; // pkg/ glue, the offline seam, the virtual module
    const source = stripComments(await readFile(join(root, input), 'utf8'));
    for (const [pattern, what] of FORBIDDEN) {
      if (pattern.test(source)) throw new Error(`build_offline: ${input} uses ${what}`);
    }
  }
  // esbuild prints string literals in double quotes and may rename the import (resource2).
  return [...new Set([...code.matchAll(/\bresource\d*\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]))].sort();
}

/**
 * Bundles `entry` ({contents} or {file}, relative to `root`) into one classic script with its
 * resources embedded. Returns {code, resources: [path…], styleHashes: [CSP hash of each
 * embedded stylesheet], workers: number}.
 */
export async function bundle(root, entry) {
  const first = await pass(root, entry, {});
  const resources = await namedResources(root, first.inputs, first.code);
  const table = {};
  const styleHashes = [];
  let workers = 0;
  for (const path of resources) {
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    if (extname(path) === '.js') {
      const worker = await bundle(root, { file: path });
      table[path] = { type, text: worker.code };
      workers += 1 + worker.workers;
      styleHashes.push(...worker.styleHashes);
    } else if (extname(path) === '.css') {
      const text = await readFile(join(root, path), 'utf8');
      table[path] = { type, text };
      styleHashes.push(cspHash(text));
    } else {
      table[path] = { type, base64: (await readFile(join(root, path))).toString('base64') };
    }
  }
  const { code, inputs } = await pass(root, entry, table);
  if (/<\/script|<!--|<script/i.test(code)) throw new Error(`build_offline: the bundle of ${entry.file ?? 'a page'} contains "</script", "<script" or "<!--": it cannot be inlined`);
  return { code, resources, styleHashes, workers, inputs: inputs.map((p) => relative('.', p)) };
}
