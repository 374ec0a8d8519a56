// What each page downloads on a first visit (not a test): opens every page in headless Chromium
// with an empty cache, waits until it has settled, and lists each response of the page's own
// origin with its raw size and its size gzipped (-9, what a static host with compression
// sends). The server on 127.0.0.1 sends files uncompressed, so both columns are computed here
// from the bytes received.
//
//   node scripts/page_bytes.mjs [--detail] [page.html …]
import { gzipSync } from 'node:zlib';
import { launch } from '../tests/browser/harness.mjs';

const detail = process.argv.includes('--detail');
const named = process.argv.slice(2).filter((a) => a.endsWith('.html'));
const PAGES = named.length ? named : ['index.html', 'playground.html', 'architectures.html', 'train.html'];
/** A page has settled when it has done this much (its own ready signal), or after 20 s. */
const READY = {
  'index.html': () => document.querySelector('[data-testid="status"]')?.hidden === true,
  'playground.html': () => document.querySelector('[data-testid=loading]')?.hidden === true,
  'architectures.html': () => document.querySelectorAll('[data-testid^="row-"]').length > 3,
  'train.html': () => document.querySelector('[data-testid=train-start]')?.disabled === false,
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

const browser = await launch();
try {
  console.log('| page | requests | raw | gzip -9 | largest (gzip) |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const path of PAGES) {
    const page = await browser.newPage();
    const files = [];
    const pending = [];
    page.on('response', (r) => {
      if (!r.url().startsWith(browser.url) || r.status() !== 200) return;
      pending.push(r.body().then((b) => files.push({ url: r.url().slice(browser.url.length), raw: b.length, gz: gzipSync(b, { level: 9 }).length }), () => {}));
    });
    await page.goto(`${browser.url}${path}`);
    await page.waitForFunction(READY[path] ?? (() => true), null, { timeout: 20000 }).catch(() => {});
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    await page.close();
    files.sort((a, b) => b.gz - a.gz);
    const sum = (k) => files.reduce((s, f) => s + f[k], 0);
    console.log(`| ${path} | ${files.length} | ${kib(sum('raw'))} | ${kib(sum('gz'))} | ${files.slice(0, 2).map((f) => `${f.url} ${kib(f.gz)}`).join(', ')} |`);
    if (detail) for (const f of files) console.log(`|   | ${f.url} | ${kib(f.raw)} | ${kib(f.gz)} | |`);
    // A fresh cache for the next page: each row is a first visit.
    await browser.context.clearCookies();
    const cdp = await browser.context.newCDPSession(await browser.newPage());
    await cdp.send('Network.clearBrowserCache');
  }
} finally {
  await browser.close();
}
