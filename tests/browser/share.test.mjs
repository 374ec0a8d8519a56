// "Share with the class" (www/shared/share.js, header.js) in headless Chromium, on every page:
// the header's button opens a modal dialog with the page's address including its state (the
// URL hash), a QR code of exactly that address, drawn with the module count the QR standard
// gives for its length (checked against the standard's capacity table and against the
// vendored encoder's own API), a copy button, and Esc closing it with focus back on the button.
// Everything is computed in the page: zero console errors, zero off-origin requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { isLoopbackHost } from '../../www/shared/share.js';
import { axeViolations, describeViolations } from './a11y.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Byte-mode capacity (bytes) of QR versions 1–20 at error correction level M, from the QR
 * standard (ISO/IEC 18004, table of data capacities). Version v has 17 + 4v modules per side.
 */
const BYTES_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666];
function modulesFor(bytes) {
  const v = BYTES_M.findIndex((cap) => bytes <= cap) + 1;
  assert.ok(v > 0, `${bytes} bytes need a version above 20`);
  return 17 + 4 * v;
}

function clean(page) {
  assert.deepEqual(page.errors, [], 'no console errors');
  assert.deepEqual(page.offOrigin, [], 'no off-origin requests');
}

/** Opens `path` (with its hash), waits for the header and the network to settle, and opens the dialog. */
async function openShare(path) {
  const page = await browser.newPage();
  await page.goto(`${browser.url}${path}`);
  await page.waitForSelector('[data-testid=share-open]');
  await page.waitForLoadState('networkidle');
  await page.click('[data-testid=share-open]');
  await page.waitForSelector('[data-testid=share-dialog][open]');
  return page;
}

/** [page, what the shown address's hash must match (the page's state), or null for a page without one]. */
const CASES = [
  ['architectures.html#vgg16', /^#vgg16$/],
  ['playground.html#mode=conv&stride=2&padding=1', /^#mode=conv&.*stride=2.*padding=1/],
  ['index.html', null],
];

for (const [path, hash] of CASES) {
  test(`${path}: the share dialog opens modally with the page's address and hash as text and a QR code of it with the standard's module count`, async () => {
    const page = await openShare(path);
    const state = await page.evaluate(() => ({
      href: location.href,
      hash: location.hash,
      modal: document.querySelector('[data-testid=share-dialog]').matches(':modal'),
      url: document.querySelector('[data-testid=share-url]').textContent,
      modules: Number(document.querySelector('[data-testid=share-qr]').dataset.modules),
      viewBox: document.querySelector('[data-testid=share-qr]').getAttribute('viewBox'),
      label: document.querySelector('[data-testid=share-qr]').getAttribute('aria-label'),
      title: document.querySelector('[data-testid=share-dialog] h2').textContent,
    }));
    assert.equal(state.modal, true);
    assert.equal(state.title, 'Share with the class');
    // The address shown is the page's, with its state (the hash the page keeps, if any).
    assert.equal(state.url, state.href);
    assert.ok(state.url.startsWith(`${browser.url}${path.split('#')[0]}`), state.url);
    if (hash) assert.match(new URL(state.url).hash, hash);
    // Module count: from the standard's capacity table for this many bytes…
    assert.equal(state.modules, modulesFor(Buffer.byteLength(state.url)), `${Buffer.byteLength(state.url)} bytes`);
    // …and from the vendored encoder's own API, the same; the SVG is that many modules + the 4-module quiet zones.
    const lib = await page.evaluate(async (text) => {
      const { default: qrcode } = await import('/www/vendor/qrcode-generator/qrcode.mjs');
      const qr = qrcode(0, 'M');
      qr.addData(text, 'Byte');
      qr.make();
      return qr.getModuleCount();
    }, state.url);
    assert.equal(state.modules, lib);
    assert.equal(state.viewBox, `0 0 ${lib + 8} ${lib + 8}`);
    assert.ok(state.label.length > 0, 'the QR code has an accessible name');
    // The dialog itself passes axe-core (serious/critical).
    const violations = await axeViolations(page, { context: '[data-testid=share-dialog]' });
    assert.deepEqual(violations.map((v) => v.id), [], describeViolations(violations));
    clean(page);
    await page.close();
  });
}

test('a long address (the playground with many settings) gets a larger QR version, as the capacity table says', async () => {
  const long = 'playground.html#mode=conv&input=lecture4&kernel=lecture4&stride=2&padding=1&dilation=1&speed=2&step=7';
  const page = await openShare(long);
  const { url, modules } = await page.evaluate(() => ({
    url: document.querySelector('[data-testid=share-url]').textContent,
    modules: Number(document.querySelector('[data-testid=share-qr]').dataset.modules),
  }));
  assert.equal(modules, modulesFor(Buffer.byteLength(url)), `${Buffer.byteLength(url)} bytes`);
  assert.ok(modules > 33, `${url} needs more than version 4 (33 modules): ${modules}`);
  clean(page);
  await page.close();
});

test('keyboard: the share button opens the dialog with focus inside it; Esc closes it and focus returns to the button; copy reports what it did', async () => {
  const page = await openShare('architectures.html#resnet50');
  assert.equal(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid=share-dialog]'))), true, 'focus moves into the dialog');
  await page.click('[data-testid=share-copy]');
  // Copied to the clipboard, or (no clipboard permission) the address selected for Ctrl+C: either way the status says which.
  await page.waitForFunction(() => document.querySelector('[data-testid=share-status]').textContent !== '');
  const status = await page.textContent('[data-testid=share-status]');
  if (status !== 'Copied.') {
    assert.match(status, /selected/);
    assert.equal(await page.evaluate(() => getSelection().toString()), await page.textContent('[data-testid=share-url]'));
  }
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=share-dialog]:not([open])', { state: 'attached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'share-open');
  // Opened again from the keyboard (Enter on the focused button).
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=share-dialog][open]');
  clean(page);
  await page.close();
});

test('an address that only this computer can open (127.0.0.1, localhost) comes with the hint to serve with --lan; a LAN address does not', async () => {
  assert.equal(isLoopbackHost('127.0.0.1'), true);
  assert.equal(isLoopbackHost('localhost'), true);
  assert.equal(isLoopbackHost('[::1]'), true);
  assert.equal(isLoopbackHost('192.168.0.12'), false);
  assert.equal(isLoopbackHost('course.example.edu'), false);
  const page = await openShare('index.html');
  assert.equal(await page.isVisible('[data-testid=share-local]'), true, 'the test server is on 127.0.0.1');
  await page.evaluate(() => import('./www/shared/share.js').then((m) => m.openShareDialog('http://192.168.0.12:8000/index.html#sample=3')));
  assert.equal(await page.isVisible('[data-testid=share-local]'), false);
  clean(page);
  await page.close();
});
