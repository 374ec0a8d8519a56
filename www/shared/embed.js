// Embed mode (issue 17): one view of a page alone in an iframe of a course page.
// `?embed=1&view=…` (plus the view's own parameters, the page's usual URL hash and `?lang=`)
// hides the page chrome, fits the view to the frame and shows a small "open the full app" link.
// The page tells its host what happens with postMessage (README "Embed in a course page"):
//   {type: 'convscope:ready', page, view, lang}           the view has rendered for the first time
//   {type: 'convscope:resize', page, view, height}        the content's height in CSS px changed
//   {type: 'convscope:prediction', digit, probabilities}  the student views, after each prediction
// The data is not secret (what the reader sees on screen), so the target origin is '*': any
// page may frame the app and hear it. The app never listens to messages from its host.
//
// This module is the shared part: reading the parameters, the embed addresses and the
// `<iframe>` snippet (pure, tested by tests/unit/embed.test.mjs), switching the page into
// embed mode, the link, the messages. Each page's embed-view.js says which views it has and
// what its state is; the "copy embed code" dialog is share-embed.js.
import { onLangChange, t } from './i18n.js';
import { linkStylesheet, resource } from './resources.js';
import { parseEmbed } from './embed-query.js';

export { parseEmbed };

/** The parameters that make and shape an embed; everything else in the query is kept. */
export const EMBED_KEYS = ['embed', 'view', 'layer', 'net'];

/** This document's embed parameters (off in Node, where there is no location). */
export const embed = parseEmbed(globalThis.location?.search ?? '');

/**
 * The address of `base` (a page's absolute address; its query, hash and embed parameters are
 * dropped) with `params` (an object; null/undefined values left out) in the query, in the
 * order given, and `hash` ('#…' or '').
 */
export function pageUrl(base, params = {}, hash = '') {
  const u = new URL(base);
  u.search = '';
  u.hash = '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) q.set(k, String(v));
  const query = q.toString();
  const h = hash && hash !== '#' ? (hash.startsWith('#') ? hash : `#${hash}`) : '';
  return `${u.origin}${u.pathname}${query ? `?${query}` : ''}${h}`;
}

/** The embed address of `base` for `view` with its `params`, `lang` and the state's `hash`. */
export function embedUrl(base, { view, params = {}, lang, hash = '' }) {
  return pageUrl(base, { embed: 1, view, ...params, lang }, hash);
}

/** `s` written for a double-quoted HTML attribute value. */
export function escapeAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The `<iframe>` snippet a course page pastes: lazy-loaded, titled (screen readers name the
 * frame by it), `width`×`height` CSS px, and narrower on a narrow host page (width 100 %, at
 * most `width`). The page inside is fitted to whatever size it gets.
 */
export function iframeSnippet({ src, title, width, height }) {
  return `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" loading="lazy" width="${width}" height="${height}" `
    + `style="border: 1px solid #ccc; border-radius: 8px; width: 100%; max-width: ${width}px;"></iframe>`;
}

// ------------------------------------------------------------------ the embed source registry

let source = null;

/**
 * A page says what can be embedded from it (the share dialog's "copy embed code" uses it):
 * `{views: [{id, label: message key, title: message key, width, height, options?}], state:
 * () => ({view?, params, hash, note?, label?})}` — `options`, if any, `{param, label: message
 * key, values: string[], value?: the default, text?: value => its name on screen}`: one choice
 * within the view (the student page's layer); `state()` the
 * current state as embed parameters and URL hash, and optionally a message key saying what the
 * address cannot carry.
 */
export function registerEmbed(s) {
  source = s;
}

/** What the page registered (null: nothing to embed here). */
export function embedSource() {
  return source;
}

// ------------------------------------------------------------------ talking to the host

/** Whether this document is in a frame (a host page to talk to). */
function framed() {
  try { return globalThis.parent !== undefined && globalThis.parent !== globalThis; } catch { return true; }
}

/**
 * Posts `{type: 'convscope:' + kind, page, view, ...data}` to the host page (target origin '*':
 * the data is what the frame shows, nothing secret). Does nothing outside a frame.
 */
export function postToHost(kind, data = {}) {
  if (!framed()) return;
  try {
    globalThis.parent.postMessage({ type: `convscope:${kind}`, page: active?.page ?? null, view: active?.view ?? null, ...data }, '*');
  } catch { /* a host that went away: nothing to tell */ }
}

// ------------------------------------------------------------------ embed mode in the page

let active = null;

/** The stylesheet of embed mode (and of the dialog), linked once. Resolves when it applies. */
export function linkEmbedCss() {
  return linkStylesheet(resource('www/shared/embed.css'));
}

/**
 * Switches the document into embed mode for `view` of `page`: `html.embed` and
 * `data-embed-view` (embed.css hides the chrome and fits the view; the page stays invisible
 * until that stylesheet applies, so the full page never flashes in the frame), the "open the
 * full app" link (its address from `fullUrl()`, asked again whenever it is about to be
 * followed, so it carries the current state), and the resize messages.
 * @param {{page: string, view: string, fullUrl: () => string}} options
 */
export function startEmbed({ page, view, fullUrl }) {
  const root = document.documentElement;
  hideUntilStyled();
  root.dataset.embedView = view;
  active = { page, view, fullUrl };
  const link = document.createElement('a');
  link.className = 'embed-open-full';
  link.dataset.testid = 'embed-open-full';
  link.target = '_blank';
  link.rel = 'noopener';
  const refresh = () => {
    link.href = fullUrl();
    link.textContent = t('common.embedOpenFull');
    link.title = t('common.embedOpenFullTitle');
  };
  for (const ev of ['pointerenter', 'pointerdown', 'focus', 'keydown']) link.addEventListener(ev, refresh);
  refresh();
  document.body.append(link);
  active.link = link;
  active.refresh = refresh;
  watchHeight();
  onLangChange(refresh);
  return active;
}

let styling = null;
/**
 * `html.embed`, and the page invisible until embed.css applies (set through the CSSOM: the
 * policy forbids style attributes in markup, not this). Each page's <head> does it before the
 * first paint (embed-early.js) and links the sheet, which this then finds and waits for; this
 * links it where the early script could not (the offline edition inlines that script: no
 * address to link from; its sheets are embedded) and hides a page without that script, as soon
 * as this module is imported.
 */
function hideUntilStyled() {
  if (styling) return styling;
  const root = document.documentElement;
  if (!root.classList.contains('embed')) {
    root.classList.add('embed');
    root.style.visibility = 'hidden';
  }
  styling = linkEmbedCss().then(() => { root.style.visibility = ''; });
  return styling;
}
if (embed.on && globalThis.document) hideUntilStyled();

/** Writes the link's text and address again (after a language switch or a change of state). */
export function refreshEmbed() {
  active?.refresh();
}

/** Posts `convscope:ready` once (the page calls it when its view has first rendered). */
export function embedReady(data = {}) {
  if (!active || active.ready) return;
  active.ready = true;
  document.documentElement.dataset.embedReady = '1';
  postToHost('ready', { lang: document.documentElement.lang, ...data });
  postHeight();
}

let lastHeight = -1;
/** The content's height: the body's box (embed.css lets it take its content's height). */
function contentHeight() {
  const b = document.body;
  const style = getComputedStyle(b);
  return Math.ceil(b.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
}

function postHeight() {
  const h = contentHeight();
  if (h === lastHeight) return;
  lastHeight = h;
  postToHost('resize', { height: h });
}

function watchHeight() {
  if (typeof ResizeObserver !== 'function') return;
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; if (active?.ready) postHeight(); });
  }).observe(document.body);
}
