// Builds the offline edition (issue 17, "double-click works"): every root page (*.html at the
// repository root, so a page added later is included) as one self-contained HTML file that
// works opened from file:// in Chromium, Firefox and Safari: its JS modules bundled by esbuild
// into a classic inline script, the wasm module, weights, data and worker it loads embedded
// (scripts/offline/bundle.mjs, through the seam www/shared/resources.js), its stylesheets
// inlined and a Content-Security-Policy that fits (scripts/offline/html.mjs). They go into one
// deterministic zip with a README.txt (Korean and English): dist/convscope-offline.zip, the
// file the pages' footer offers ("download for offline use").
//
//   node scripts/build_offline.mjs [--out FILE.zip] [--dir DIR]
//
// --out: where the zip goes (default dist/convscope-offline.zip; scripts/test.sh builds into
// target/ and compares the bytes with the committed zip). --dir: also write the unzipped
// folder there (to look at the pages).
// scripts/build.sh runs this after writing pkg/ or pkg-train/; it reads only committed files
// (pkg/, pkg-train/, www/, the root pages).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { offlinePage } from './offline/html.mjs';
import { zip } from './offline/zip.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The folder inside the zip. */
export const FOLDER = 'convscope-offline';
export const DEFAULT_OUT = 'dist/convscope-offline.zip';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? null : process.argv[i + 1];
};

/** Builds every page; returns {files: [[path in zip, text]…], report: [rows]}. */
export async function buildOffline(root = ROOT) {
  const pages = (await readdir(root)).filter((f) => f.endsWith('.html')).sort();
  const files = [];
  const report = [];
  for (const name of pages) {
    const page = await offlinePage(root, name);
    files.push([`${FOLDER}/${name}`, page.html]);
    report.push({ name, size: page.size, resources: page.resources, dropped: page.dropped });
  }
  files.push([`${FOLDER}/README.txt`, await readFile(join(ROOT, 'scripts/offline/README.txt'), 'utf8')]);
  return { files, report };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(ROOT, arg('--out') ?? DEFAULT_OUT);
  const dir = arg('--dir');
  const { files, report } = await buildOffline();
  const bytes = zip(files);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, bytes);
  if (dir) {
    for (const [path, text] of files) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  }
  const mib = (n) => `${(n / 1048576).toFixed(2)} MiB`;
  for (const r of report) {
    console.log(`${r.name}: ${mib(r.size)} (embeds ${r.resources.join(', ') || 'nothing'}${r.dropped.length ? `; left out ${r.dropped.join(', ')}` : ''})`);
  }
  console.log(`${out}: ${bytes.length} bytes (${mib(bytes.length)})`);
}
