// Turns one root page (index.html, …) into its offline edition: one self-contained HTML file
// that works opened from file:// (no ES modules, no fetch, nothing requested).
//
//   - <script type="module" src> (all of them, in document order) → one classic inline script
//     at the end of <body> (bundle.mjs; module scripts run after parsing, so does this one);
//   - a classic <script src> → inlined where it was, unless it downloads something (`fetch(`:
//     an early-download optimisation, e.g. pages/student/fetch-wasm-early.js; the offline
//     edition has the bytes already and the page's own code loads them through the seam);
//   - <link rel=stylesheet> → <style> with the file's text;
//   - any other <link> (preload, modulepreload, manifest, icons) → dropped, unless its href is
//     a data: URL; HTML comments → dropped;
//   - the Content-Security-Policy <meta> → the offline policy (offlinePolicy below).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle, cspHash } from './bundle.mjs';

/** The attributes of a start tag's attribute text (`name="value"`, `name='value'`, `name`). */
function attributes(text) {
  const out = new Map();
  for (const m of text.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out.set(m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/**
 * The offline edition's Content-Security-Policy: nothing from anywhere ('none') except the
 * page's own inline scripts and styles (by hash), wasm compilation, images from data:/blob:
 * (canvas exports, the share dialog's QR code) and, on a page with a worker, workers from
 * blob: URLs. No connect-src: the offline edition requests nothing.
 */
export function offlinePolicy({ scriptHashes, styleHashes, workers }) {
  return [
    "default-src 'none'",
    `script-src ${[...scriptHashes, "'wasm-unsafe-eval'"].join(' ')}`,
    `style-src ${styleHashes.length ? styleHashes.join(' ') : "'none'"}`,
    'img-src data: blob:',
    ...(workers ? ['worker-src blob:'] : []),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Escapes `text` for an HTML attribute value in double quotes. */
const attr = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The offline edition of the page `name` (a root *.html of `root`). Returns {html, size,
 * resources, workers, dropped: [classic scripts left out]}.
 */
export async function offlinePage(root, name) {
  let html = (await readFile(join(root, name), 'utf8')).replace(/<!--[\s\S]*?-->/g, '');
  const modules = [];
  const dropped = [];
  const scriptHashes = [];
  const styleHashes = [];

  // Scripts with a src (module or classic); inline scripts are left alone but need a hash.
  const scripts = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) scripts.push(m);
  for (const m of scripts) {
    const a = attributes(m[1]);
    let replacement;
    if (!a.has('src')) {
      scriptHashes.push(cspHash(m[2]));
      continue;
    } else if (a.get('type') === 'module') {
      modules.push(a.get('src'));
      replacement = '';
    } else {
      const source = await readFile(join(root, a.get('src')), 'utf8');
      if (/\bfetch\s*\(/.test(source)) {
        dropped.push(a.get('src'));
        replacement = '';
      } else {
        if (/<\/script|<!--|<script/i.test(source)) throw new Error(`build_offline: ${a.get('src')} cannot be inlined`);
        scriptHashes.push(cspHash(source));
        replacement = `<script>${source}</script>`;
      }
    }
    html = html.replace(m[0], () => replacement);
  }

  // Stylesheets inlined, other links dropped.
  const links = [...html.matchAll(/<link\b([^>]*)>/gi)];
  for (const m of links) {
    const a = attributes(m[1]);
    const rel = (a.get('rel') ?? '').toLowerCase().split(/\s+/);
    let replacement = '';
    if (rel.includes('stylesheet')) {
      const css = await readFile(join(root, a.get('href')), 'utf8');
      if (/url\(|@import/i.test(css.replace(/url\(\s*(['"]?)data:/gi, ''))) throw new Error(`build_offline: ${a.get('href')} refers to other files (url()/@import): embed them first`);
      if (/<\/style/i.test(css)) throw new Error(`build_offline: ${a.get('href')} cannot be inlined`);
      styleHashes.push(cspHash(css));
      replacement = `<style>${css}</style>`;
    } else if ((a.get('href') ?? '').startsWith('data:')) {
      replacement = m[0];
    }
    html = html.replace(m[0], () => replacement);
  }
  if (/\sstyle\s*=/i.test(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ''))) throw new Error(`build_offline: ${name} has a style attribute (blocked by the policy)`);

  // The page's modules, bundled.
  const entry = modules.map((src) => `import './${src.replace(/^\.?\//, '')}';`).join('\n');
  const built = modules.length ? await bundle(root, { contents: entry }) : { code: '', resources: [], styleHashes: [], workers: 0 };
  if (modules.length) {
    scriptHashes.push(cspHash(built.code));
    html = html.replace(/<\/body>/i, () => `<script>${built.code}</script>\n</body>`);
  }
  styleHashes.push(...built.styleHashes);

  const policy = offlinePolicy({ scriptHashes, styleHashes, workers: built.workers });
  const csp = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${attr(policy)}">`;
  html = csp.test(html) ? html.replace(csp, () => meta) : html.replace(/<meta charset="utf-8">/i, (c) => `${c}\n  ${meta}`);
  if (!html.includes(meta)) throw new Error(`build_offline: ${name} has no <meta charset="utf-8"> to put the policy after`);
  html = html.replace(/\n\s*\n(\s*\n)+/g, '\n\n');
  return { html, size: Buffer.byteLength(html), resources: built.resources, workers: built.workers, dropped, policy };
}
