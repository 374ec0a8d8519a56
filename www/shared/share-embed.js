// "Copy embed code": the dialog that gives a course page the `<iframe>` snippet of one view of
// this page as it is now (embed.js: the addresses, the snippet; each page's embed-view.js: its
// views and state). Opened from the share dialog (share.js); loaded on first use. Opening it
// copies the snippet at once; the snippet also stays in a text box for copying by hand, and
// changes with the chosen view.
import { el } from './dom.js';
import { mountDialog } from './dialog.js';
import { lang, t } from './i18n.js';
import { embedSource, embedUrl, iframeSnippet, linkEmbedCss } from './embed.js';
import { isLoopbackHost } from './share.js';

let dialog = null;
let chosen = { view: null, option: null };

/** How the page names `value` of the view's option (the student page: a layer in the page's language). */
const optionText = (view, value) => (view.options.text ? view.options.text(value) : value);

/** The snippet and addresses for the chosen view and the page's current state. */
export function currentEmbed(source = embedSource(), choice = chosen, base = location.href) {
  const state = source.state();
  const view = source.views.find((v) => v.id === choice.view) ?? source.views.find((v) => v.id === state.view) ?? source.views[0];
  const params = { ...(view.params ?? {}) };
  let option = null;
  if (view.options) {
    const values = view.options.values;
    option = values.includes(choice.option) ? choice.option : (values.includes(state.params?.[view.options.param]) ? state.params[view.options.param] : view.options.value ?? values[0]);
    params[view.options.param] = option;
  }
  for (const [k, v] of Object.entries(state.params ?? {})) if (!(view.options && k === view.options.param)) params[k] = v;
  const src = embedUrl(base, { view: view.id, params, lang: lang(), hash: state.hash ?? '' });
  const title = t(view.title, { layer: option === null ? '' : optionText(view, option), net: state.label ?? '' });
  return { view, option, src, title, snippet: iframeSnippet({ src, title, width: view.width, height: view.height }), note: state.note ?? null };
}

function build() {
  const code = el('textarea', { id: 'embed-code', class: 'embed-code', readonly: true, rows: 5, spellcheck: 'false', 'data-testid': 'embed-code', translate: 'no' });
  const status = el('p', { class: 'share-status', role: 'status', 'data-testid': 'embed-status' });
  const views = el('fieldset', { class: 'embed-views', 'data-testid': 'embed-views' }, el('legend', null, t('common.embedViewLegend')));
  const optionSelect = el('select', { id: 'embed-option', 'data-testid': 'embed-option' });
  const optionRow = el('p', { class: 'embed-option' }, el('label', { for: 'embed-option', class: 'embed-option-label' }), ' ', optionSelect);
  const note = el('p', { class: 'embed-note', 'data-testid': 'embed-note' });
  const local = el('p', { class: 'embed-note', 'data-testid': 'embed-local', hidden: true }, t('common.embedLocalNote'));
  const copy = el('button', { type: 'button', class: 'primary', 'data-testid': 'embed-copy', autofocus: true }, t('common.embedCopy'));
  const preview = el('a', { class: 'embed-preview', 'data-testid': 'embed-preview', target: '_blank', rel: 'noopener' }, t('common.embedPreview'));
  const close = el('button', { type: 'button', 'data-testid': 'embed-close' }, t('common.close'));
  const d = el('dialog', { class: 'share-dialog embed-dialog', 'aria-labelledby': 'embed-title', 'aria-describedby': 'embed-help', 'data-testid': 'embed-dialog' },
    el('h2', { id: 'embed-title' }, t('common.embedTitle')),
    el('p', { id: 'embed-help', class: 'share-help' }, t('common.embedHelp')),
    views, optionRow,
    el('label', { for: 'embed-code', class: 'embed-code-label' }, t('common.embedCodeLabel')),
    code, note, local,
    el('div', { class: 'share-actions' }, copy, preview, close),
    status);
  views.addEventListener('change', (e) => {
    if (e.target.name !== 'embed-view') return;
    chosen = { view: e.target.value, option: null };
    fill(d);
  });
  optionSelect.addEventListener('change', () => { chosen = { ...chosen, option: optionSelect.value }; fill(d); });
  copy.addEventListener('click', () => copyCode(d));
  close.addEventListener('click', () => d.close());
  return mountDialog(d, () => { if (dialog === d) dialog = null; });
}

/** Writes the view choice, the option menu, the snippet and the notes for the current choice. */
function fill(d) {
  const source = embedSource();
  const e = currentEmbed(source);
  chosen = { view: e.view.id, option: e.option };
  const views = d.querySelector('.embed-views');
  views.hidden = source.views.length < 2;
  const radios = () => [...views.querySelectorAll('input[name=embed-view]')];
  // Built once per page's views: rebuilt while an arrow key moves through them, they would lose focus.
  if (radios().map((r) => r.value).join() !== source.views.map((v) => v.id).join()) {
    views.replaceChildren(views.querySelector('legend'), ...source.views.map((v) => el('label', { class: 'embed-view' },
      el('input', { type: 'radio', name: 'embed-view', value: v.id, 'data-testid': `embed-view-${v.id}` }), ' ', t(v.label))));
  }
  for (const r of radios()) r.checked = r.value === e.view.id;
  const row = d.querySelector('.embed-option');
  row.hidden = !e.view.options;
  if (e.view.options) {
    row.querySelector('label').textContent = t(e.view.options.label);
    const select = row.querySelector('select');
    select.replaceChildren(...e.view.options.values.map((v) => el('option', { value: v }, optionText(e.view, v))));
    select.value = e.option;
  }
  const code = d.querySelector('.embed-code');
  code.value = e.snippet;
  d.dataset.src = e.src;
  d.querySelector('.embed-preview').href = e.src;
  const note = d.querySelector('[data-testid=embed-note]');
  note.textContent = e.note ? t(e.note) : '';
  note.hidden = !e.note;
  let isLocal = false;
  try { isLocal = isLoopbackHost(new URL(e.src).hostname); } catch { /* no hint */ }
  d.querySelector('[data-testid=embed-local]').hidden = !isLocal;
  d.querySelector('.share-status').textContent = '';
  return e;
}

async function copyCode(d) {
  const code = d.querySelector('.embed-code');
  const status = d.querySelector('.share-status');
  try {
    await navigator.clipboard.writeText(code.value);
    status.textContent = t('common.embedCopied');
  } catch {
    // No clipboard permission (an insecure LAN address, a browser that asks): select it.
    code.focus();
    code.select();
    status.textContent = t('common.embedCopyBySelection');
  }
}

/**
 * Opens the dialog for the page's current state and copies its snippet; resolves to the
 * dialog. Focus goes back to `returnTo` (default: what had it) when it closes.
 */
export async function openEmbedDialog(returnTo = document.activeElement) {
  if (!embedSource()) return null;
  await linkEmbedCss();
  dialog ??= build();
  chosen = { view: null, option: null };
  fill(dialog);
  dialog.addEventListener('close', () => { if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus(); }, { once: true });
  if (!dialog.open) dialog.showModal();
  await copyCode(dialog);
  return dialog;
}
