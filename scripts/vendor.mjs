// Copies the browser libraries the app ships from node_modules into www/vendor/ (the app is
// served as plain files, with no bundler and no CDN), each with its licence and version:
//   qrcode-generator (Kazuhiko Arase, MIT): dist/qrcode.mjs, an ES module, for the
//   "Share with the class" QR code (www/shared/share.js).
// Usage: node scripts/vendor.mjs [--check]   (--check: fail if www/vendor/ differs)
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
`;

/** Each vendored package: where it comes from, where it goes, and its licence notice. */
const PACKAGES = [
  {
    name: 'qrcode-generator',
    files: [['dist/qrcode.mjs', 'qrcode.mjs']],
    // The package has no LICENSE file; its source header names the author and the MIT licence
    // (as the upstream repository's LICENSE does). The MIT text is added in full.
    notice: 'Copyright (c) 2009 Kazuhiko Arase\n\nURL: http://www.d-project.com/\n\nThe word "QR Code" is registered trademark of DENSO WAVE INCORPORATED\n  http://www.denso-wave.com/qrcode/faqpatent-e.html\n',
  },
];

async function outputs() {
  const out = [];
  for (const p of PACKAGES) {
    const dir = join(ROOT, 'node_modules', p.name);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    if (pkg.license !== 'MIT') throw new Error(`${p.name}: licence ${pkg.license}, expected MIT`);
    const dest = join(ROOT, 'www/vendor', p.name);
    for (const [from, to] of p.files) out.push([join(dest, to), await readFile(join(dir, from), 'utf8')]);
    out.push([join(dest, 'LICENSE'), `${p.name} ${pkg.version} — MIT License\n\n${p.notice}\n${MIT}`]);
    out.push([join(dest, 'VERSION'), `${p.name}@${pkg.version} (npm; copied by scripts/vendor.mjs)\n`]);
  }
  return out;
}

const check = process.argv.includes('--check');
let stale = 0;
for (const [path, text] of await outputs()) {
  if (check) {
    const have = await readFile(path, 'utf8').catch(() => null);
    if (have !== text) { console.error(`stale: ${path} (run node scripts/vendor.mjs)`); stale++; }
  } else {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    console.log(`wrote ${path.slice(ROOT.length + 1)}`);
  }
}
if (stale) process.exit(1);
