// Korean / English: the one lookup every page uses. The messages live in catalogs, one folder per
// language (www/shared/i18n/<lang>/), one module per namespace (`common`, `glossary`, and one per
// page): `t('student.padTitle')` reads key `padTitle` of namespace `student`. A page loads the
// namespaces it shows (initI18n) in the current language only; switching loads the other
// language's modules and re-renders in place (no reload: the page keeps its state).
//
// Messages are strings with named placeholders, `'{w}×{h}'` (never concatenated pieces, which
// break Korean word order), or plural forms `{one, other}` chosen by `params.count` with
// Intl.PluralRules (Korean has no `one` category: a sentence that must differ for a single item
// is a message of its own). tests/unit/i18n_catalogs.test.mjs checks that both languages have
// the same keys and placeholders and that every key the code names exists.
//
// Static text in HTML is marked `data-i18n="ns.key"` (text content) and
// `data-i18n-attr="aria-label:ns.key;title:ns.key"` (attributes); translateDom() fills both.

/** The languages, in the order the switch shows them. */
export const LANGS = ['ko', 'en'];
/** Each language's name in itself (the switch's labels: they are not translated). */
export const LANG_NAMES = { ko: '한국어', en: 'English' };
/** The same, short, for narrow screens ("한/영" is the Korean keyboard's language key). */
export const LANG_SHORT = { ko: '한', en: 'EN' };
/** The localStorage key of the last choice. */
export const LANG_KEY = 'convscope.lang';

const catalogs = { ko: new Map(), en: new Map() };
const loaded = new Set();
const listeners = new Set();
let current = 'en';
let namespaces = ['common'];

/**
 * The language a page opens in: `?lang=` in the URL, else the stored last choice, else the
 * first of the browser's languages we have (by primary subtag), else Korean for a Korean-language
 * browser and English otherwise. Pure (tested without a browser).
 * @param {{search?: string, stored?: string|null, languages?: readonly string[]}} where
 * @returns {'ko'|'en'}
 */
export function pickLang({ search = '', stored = null, languages = [] } = {}) {
  let fromUrl = null;
  try { fromUrl = new URLSearchParams(search).get('lang'); } catch { /* malformed: ignored */ }
  for (const candidate of [fromUrl, stored]) {
    if (LANGS.includes(candidate)) return candidate;
  }
  for (const l of languages ?? []) {
    const primary = String(l).toLowerCase().split('-')[0];
    if (LANGS.includes(primary)) return primary;
  }
  return 'en';
}

/**
 * Fills `{name}` placeholders of `template` from `params`; a missing value leaves the
 * placeholder visible (so a test or a reader sees it). Numbers are written with Intl in `lang`.
 */
export function fill(template, params = {}, lang = current) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const v = params[name];
    return typeof v === 'number' ? formatNumber(v, {}, lang) : String(v);
  });
}

// One Intl formatter per language and options, kept: a page formats hundreds of numbers while
// it draws, and building a NumberFormat for each costs ~0.02 ms (100 numbers: 1.7-1.9 ms built
// each time, 0.1 ms on a kept one, Chromium 156). The first NumberFormat of a page (~22 ms for
// Korean: ICU's data) is paid once either way.
const numberFormats = new Map();
const pluralRules = new Map();

function numberFormat(lang, useGrouping, options) {
  // Every key, an undefined value included ({maximumFractionDigits: undefined} turns the default
  // of 20 off, so it is not the same formatter as {}).
  const key = `${lang}|${useGrouping}|${Object.entries(options).map(([k, v]) => `${k}=${typeof v}:${v}`).join(',')}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: 20, useGrouping, ...options });
    numberFormats.set(key, f);
  }
  return f;
}

/** `n` written for `lang` (Intl.NumberFormat; grouping off for numbers below 10,000). */
export function formatNumber(n, options = {}, lang = current) {
  if (!Number.isFinite(n)) return String(n);
  // An integer below 10,000 with no options is its ASCII digits in every language of LANGS (Latin
  // digits, no grouping): written without Intl, so a page whose first texts hold only such numbers
  // (the student page's first prediction) does not build a NumberFormat before its first frame —
  // the first one loads ICU's data (~45 ms). tests/unit/i18n_catalogs.test.mjs checks both agree.
  if (Number.isInteger(n) && Math.abs(n) < 10000 && !Object.is(n, -0) && Object.keys(options).length === 0) return String(n);
  return numberFormat(lang, Math.abs(n) >= 10000, options).format(n);
}

/**
 * The template of a plural message `msg` (`{one?, other}`) for `count` in `lang`:
 * Intl.PluralRules' category, else `other`.
 */
export function pluralTemplate(msg, count, lang = current) {
  count = Number(count);
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return msg[rules.select(count)] ?? msg.other;
}

/**
 * Registers catalog entries (`namespace`, plain object of key → message) for `lang`. Used by
 * load() and by the unit tests.
 */
export function register(lang, namespace, messages) {
  const map = catalogs[lang];
  for (const [k, v] of Object.entries(messages)) map.set(`${namespace}.${k}`, v);
  loaded.add(`${lang}/${namespace}`);
}

async function load(lang, names) {
  await Promise.all(names.filter((ns) => !loaded.has(`${lang}/${ns}`)).map(async (ns) => {
    const mod = await import(`./i18n/${lang}/${ns}.js`);
    register(lang, ns, mod.default);
  }));
}

/**
 * The message `key` ('namespace.key') in the current language with `params` filled in. A key
 * that is missing shows as `⟦key⟧` (tests fail on it; the page still works).
 * @param {string} key
 * @param {Record<string, string|number>} [params]
 */
export function t(key, params) {
  const msg = catalogs[current].get(key);
  if (msg === undefined) return `⟦${key}⟧`;
  if (typeof msg === 'string') return fill(msg, params);
  const count = Number(params?.count);
  return fill(pluralTemplate(msg, Number.isFinite(count) ? count : 0), params);
}

/** Whether `key` exists in the current language's loaded catalogs. */
export function has(key) {
  return catalogs[current].has(key);
}

/** The current language ('ko' or 'en'). */
export function lang() {
  return current;
}

/** Calls `fn(lang)` after every language switch; returns the function that unsubscribes. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * A writer of `node`'s text that follows the language (a page's error line): `write(sentence)`
 * shows `sentence()` (a function calling t(), so it can be called again) and writes it again
 * after every language switch; `write(null)` empties the node. With `hide`, the node is hidden
 * while it is empty.
 * @param {HTMLElement} node
 * @param {{hide?: boolean}} [options]
 * @returns {(sentence: (() => string)|null) => void}
 */
export function liveText(node, { hide = false } = {}) {
  let sentence = null;
  const write = () => {
    node.textContent = sentence ? sentence() : '';
    if (hide) node.hidden = !sentence;
  };
  onLangChange(write);
  return (next) => {
    sentence = next;
    write();
  };
}

/** Fills every `[data-i18n]` text and `[data-i18n-attr]` attribute under `root`. */
export function translateDom(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    const text = t(node.dataset.i18n);
    if (node.textContent !== text) node.textContent = text;
  }
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const i = pair.indexOf(':');
      if (i <= 0) continue;
      const name = pair.slice(0, i).trim();
      const value = t(pair.slice(i + 1).trim());
      // Unchanged attributes are left alone: a write is a mutation (and, for aria-*, an
      // accessibility-tree update) even when the value is the same.
      if (node.getAttribute(name) !== value) node.setAttribute(name, value);
    }
  }
}

/** `href` (a page address, relative or absolute) with `?lang=` set to `l`; its hash is kept. */
export function withLang(href, l = current) {
  const hashAt = href.indexOf('#');
  const base = hashAt < 0 ? href : href.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : href.slice(hashAt);
  const q = base.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : base.slice(q + 1));
  params.set('lang', l);
  return `${q < 0 ? base : base.slice(0, q)}?${params}${hash}`;
}

function storage() {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}

function apply(l) {
  current = l;
  document.documentElement.lang = l;
  // The address says the language, so a link copied from it opens in the same one.
  try {
    const u = new URL(location.href);
    if (u.searchParams.get('lang') !== l) {
      u.searchParams.set('lang', l);
      history.replaceState(history.state, '', u.href);
    }
  } catch { /* an opaque origin (file://, sandbox) may refuse: the page works on */ }
  translateDom(document);
}

/**
 * Picks the page's language, loads `pageNamespaces` (plus `common`) in it, fills the static
 * text and sets `<html lang>`. Resolves to the language.
 * @param {string[]} pageNamespaces e.g. ['student']
 */
export async function initI18n(pageNamespaces = []) {
  namespaces = ['common', ...pageNamespaces.filter((n) => n !== 'common')];
  let stored = null;
  try { stored = storage()?.getItem(LANG_KEY) ?? null; } catch { /* blocked storage */ }
  const l = pickLang({ search: location.search, stored, languages: navigator.languages ?? [navigator.language] });
  await load(l, namespaces);
  apply(l);
  return l;
}

/**
 * Switches the page to `l` in place: loads its catalogs, refills the static text, tells every
 * listener (views re-render from their state), remembers the choice.
 */
export async function setLang(l) {
  if (!LANGS.includes(l)) throw new Error(`setLang: lang must be one of ${LANGS.join(', ')}, got ${l}`);
  await load(l, [...new Set([...namespaces, ...[...loaded].filter((k) => k.startsWith(`${current}/`)).map((k) => k.split('/')[1])])]);
  try { storage()?.setItem(LANG_KEY, l); } catch { /* blocked storage: the URL still says it */ }
  if (l === current) return l;
  apply(l);
  for (const fn of listeners) fn(l);
  return l;
}

/** Loads more namespaces (e.g. `glossary`, on first use) in the current language. */
export async function useNamespace(ns) {
  if (!namespaces.includes(ns)) namespaces.push(ns);
  await load(current, [ns]);
}
