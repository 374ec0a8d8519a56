// "Share with the class": a dialog with a QR code of the current page's address, with its state
// (the URL hash), the address as text and a copy button, and, on a page that can be embedded
// (embed.js registerEmbed), "Copy embed code" (share-embed.js). The header (header.js) puts its
// button on every page; the dialog is built on first use.
import { el } from './dom.js';
import { mountDialog } from './dialog.js';
import { t } from './i18n.js';
import { embedSource } from './embed.js';

/** Whether `hostname` names this computer only (loopback), so students' phones can't reach it. */
export function isLoopbackHost(hostname) {
  const h = String(hostname).replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h);
}

let dialog = null;

function build() {
  const status = el('p', { class: 'share-status', role: 'status', 'data-testid': 'share-status' });
  const url = el('code', { id: 'share-url', class: 'share-url', 'data-testid': 'share-url' });
  const copy = el('button', { type: 'button', class: 'primary', 'data-testid': 'share-copy' }, t('common.shareCopy'));
  const close = el('button', { type: 'button', 'data-testid': 'share-close' }, t('common.close'));
  // "Copy embed code" (share-embed.js, loaded on first use): shown where the page can be embedded.
  const embedCode = el('button', { type: 'button', class: 'embed-open', 'data-testid': 'embed-open', hidden: true }, t('common.embedButton'));
  const d = el('dialog', { class: 'share-dialog', 'aria-labelledby': 'share-title', 'aria-describedby': 'share-help', 'data-testid': 'share-dialog' },
    el('h2', { id: 'share-title' }, t('common.shareTitle')),
    el('p', { id: 'share-help', class: 'share-help' }, t('common.shareHelp')),
    el('div', { class: 'share-qr' }),
    el('p', { class: 'share-address' }, el('span', { class: 'share-address-label' }, t('common.shareAddress')), ' ', url),
    el('p', { class: 'share-local', 'data-testid': 'share-local', hidden: true }, t('common.shareThisComputerOnly')),
    el('div', { class: 'share-actions' }, copy, embedCode, close),
    status);
  copy.addEventListener('click', () => copyAddress(url, status));
  close.addEventListener('click', () => d.close());
  embedCode.addEventListener('click', async () => {
    const { openEmbedDialog } = await import('./share-embed.js');
    const opener = d.shareOpener;
    d.close();
    await openEmbedDialog(opener);
  });
  // The dialog is built once: after a language switch it is built again on next use.
  return mountDialog(d, () => { if (dialog === d) dialog = null; });
}

async function copyAddress(url, status) {
  try {
    await navigator.clipboard.writeText(url.textContent);
    status.textContent = t('common.shareCopied');
  } catch {
    // No clipboard permission (or an insecure LAN address): select the text for Ctrl+C.
    const range = document.createRange();
    range.selectNodeContents(url);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    status.textContent = t('common.shareCopyBySelection');
  }
}

/**
 * Opens the dialog for `address` (default: this page's address with its current state) and
 * resolves to it; focus goes back to the opener when it closes. The QR encoder is imported on
 * first use: every page's header has this button, and loading the encoder up front delayed the
 * student page's first prediction (scripts/bench_student.mjs).
 */
export async function openShareDialog(address = location.href) {
  const opener = document.activeElement;
  const { qrMatrix, qrSvg } = await import('./share-qr.js');
  dialog ??= build();
  dialog.querySelector('.share-qr').replaceChildren(qrSvg(qrMatrix(address), t('common.shareQrLabel')));
  dialog.querySelector('.share-url').textContent = address;
  dialog.querySelector('.share-status').textContent = '';
  let local = false;
  try { local = isLoopbackHost(new URL(address).hostname); } catch { /* not a URL: no hint */ }
  dialog.querySelector('.share-local').hidden = !local;
  dialog.querySelector('.embed-open').hidden = !embedSource();
  dialog.shareOpener = opener;
  dialog.addEventListener('close', () => { if (opener instanceof HTMLElement && opener.isConnected) opener.focus(); }, { once: true });
  if (!dialog.open) dialog.showModal();
  return dialog;
}
