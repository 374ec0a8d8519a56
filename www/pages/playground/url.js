// The playground's settings in the URL hash (`#mode=conv&input=lecture4&kernel=lecture4&…`):
// serialize writes the current mode's keys in a fixed order; parseHash reads them back.
//
// Everything read from the URL is validated here: unknown or out-of-range values are clamped
// or replaced by defaults and reported as notices: messages (say.js, `{key, params}`) that the
// page words in its language and shows with textContent, never as markup. Pure: no DOM,
// unit-tested in tests/unit/playground_url.test.mjs.

import { INPUT_KINDS, SIZED_KINDS } from './inputs.js';
import { filterFromUrl, filterToUrl } from './kernels.js';
import { urlNumber, parseNumber } from './numbers.js';
import { tokenize, DETECTORS } from './text-embedding.js';
import { MODE_IDS, LIMITS, defaultState } from './settings.js';
import { parseHash as parseHashValues } from '../../shared/hash.js';
import { msg } from './say.js';

/** The URL keys each mode writes, in the order it writes them. */
const KEYS = {
  conv: ['mode', 'input', 'size', 'seed', 'color', 'edits', 'kernel', 'stride', 'padding', 'dilation', 'filter', 'step', 'speed'],
  pool: ['mode', 'input', 'size', 'seed', 'color', 'edits', 'window', 'pstride', 'ppadding', 'shift', 'dir'],
  transposed: ['mode', 'dim', 'tin', 'tk', 'tstride', 'tpadding', 'toutpad', 'step', 'speed'],
  text: ['mode', 'sentence', 'detector', 'step', 'speed'],
};
const ALL_KEYS = new Set(Object.values(KEYS).flat());

const pairText = ([a, b]) => (a === b ? `${a}` : `${a},${b}`);
/**
 * Values are percent-encoded as shared/hash.js reads them, except for characters left as they
 * are so that a shared link stays readable (all valid in a URL fragment): the lists of numbers
 * keep their , : ; and a sentence's spaces are written as '+'.
 */
const enc = (v) => encodeURIComponent(v).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';').replace(/%20/g, '+');

function matrixToUrl(m) {
  return `${m.h}x${m.w}:${m.data.map(urlNumber).join(',')}`;
}

function editsToUrl(edits) {
  return [...edits.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([k, v]) => `${k}:${urlNumber(v)}`).join(';');
}

/** The hash (without '#') for a state: the current mode's keys in fixed order. */
export function serialize(s) {
  const out = [];
  const put = (k, v) => out.push(`${k}=${enc(String(v))}`);
  for (const key of KEYS[s.mode]) {
    switch (key) {
      case 'mode': put(key, s.mode); break;
      case 'input': put(key, s.input.kind); break;
      case 'size': if (SIZED_KINDS.has(s.input.kind)) put(key, s.input.size); break;
      case 'seed': if (s.input.kind === 'random') put(key, s.input.seed); break;
      case 'color': if (s.input.kind === 'upload') put(key, s.input.color); break;
      case 'edits': if (s.input.edits.size) put(key, editsToUrl(s.input.edits)); break;
      case 'kernel': put(key, s.filters.map(filterToUrl).join(';')); break;
      case 'stride': put(key, pairText(s.stride)); break;
      case 'padding': put(key, pairText(s.padding)); break;
      case 'dilation': put(key, pairText(s.dilation)); break;
      case 'filter': put(key, s.filter); break;
      case 'step': put(key, s.step); break;
      case 'speed': put(key, urlNumber(s.speed)); break;
      case 'window': put(key, s.pool.window); break;
      case 'pstride': put(key, s.pool.stride); break;
      case 'ppadding': put(key, s.pool.padding); break;
      case 'shift': put(key, s.pool.shift); break;
      case 'dir': put(key, s.pool.dir); break;
      case 'dim': put(key, s.tr.dim); break;
      case 'tin': put(key, matrixToUrl(s.tr.dim === 2 ? s.tr.in2 : s.tr.in1)); break;
      case 'tk': put(key, matrixToUrl(s.tr.dim === 2 ? s.tr.k2 : s.tr.k1)); break;
      case 'tstride': put(key, s.tr.stride); break;
      case 'tpadding': put(key, s.tr.padding); break;
      case 'toutpad': put(key, s.tr.outpad); break;
      case 'sentence': put(key, s.text.sentence); break;
      case 'detector': put(key, s.text.detector); break;
      default: break;
    }
  }
  return out.join('&');
}

/** At most 40 characters of a URL value, for notices (shown as text, never as markup). */
const short = (v) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/**
 * Reads settings from a hash. Never throws: anything unknown, malformed or out of range is
 * replaced (clamped where a nearest valid value exists) and described in `notices`.
 * @param {string} hash e.g. location.hash
 * @returns {{state: ReturnType<typeof defaultState>, notices: Array<{key: string, params: object}>}}
 */
export function parseHash(hash) {
  const s = defaultState();
  const { values: params, problems } = parseHashValues(hash);
  const notices = problems.map((p) => msg('playground.urlMalformed', { part: p }));
  const take = (k) => { const v = params.get(k); params.delete(k); return v; };

  const int = (key, lim, fallback, label = key) => {
    const v = take(key);
    if (v === undefined) return fallback;
    return clampInt(v, lim, fallback, label, notices);
  };
  const pair = (key, lim, fallback) => {
    const v = take(key);
    if (v === undefined) return fallback;
    const parts = v.split(',');
    if (parts.length > 2) {
      notices.push(msg('playground.urlPair', { key, value: short(v), using: pairText(fallback) }));
      return fallback;
    }
    const nums = parts.map((p, i) => clampInt(p, lim, fallback[i], key, notices));
    return nums.length === 1 ? [nums[0], nums[0]] : nums;
  };

  const mode = take('mode');
  if (mode !== undefined) {
    if (MODE_IDS.includes(mode)) s.mode = mode;
    else notices.push(msg('playground.urlUnknownMode', { value: short(mode) }));
  }

  if (s.mode === 'conv' || s.mode === 'pool') {
    const kind = take('input');
    if (kind !== undefined) {
      if (Object.hasOwn(INPUT_KINDS, kind)) s.input.kind = kind;
      else notices.push(msg('playground.urlUnknownInput', { value: short(kind) }));
    }
    if (s.input.kind === 'upload') {
      s.input.size = int('size', LIMITS.uploadSize, 64);
      const color = take('color');
      if (color !== undefined) {
        if (color === 'gray' || color === 'rgb') s.input.color = color;
        else notices.push(msg('playground.urlColor', { value: short(color) }));
      }
    } else {
      const def = s.input.kind === 'rgb' || s.input.kind === 'channels8' ? 8 : s.input.size;
      s.input.size = int('size', LIMITS.size, def);
    }
    s.input.seed = int('seed', LIMITS.seed, s.input.seed);
    const edits = take('edits');
    if (edits !== undefined) s.input.edits = parseEdits(edits, notices);
  }

  if (s.mode === 'conv') {
    const k = take('kernel');
    if (k !== undefined) {
      const parts = k.split(';').filter(Boolean);
      if (parts.length > LIMITS.filters.max) notices.push(msg('playground.urlTooManyFilters', { max: LIMITS.filters.max }));
      const specs = [];
      for (const p of parts.slice(0, LIMITS.filters.max)) {
        const r = filterFromUrl(p);
        if (r.error) notices.push(msg('playground.urlIgnored', { what: r.error }));
        else {
          if (r.clamped) notices.push(msg('playground.urlWeightsClamped', { max: '999' }));
          specs.push(r.spec);
        }
      }
      if (specs.length) s.filters = specs;
      else notices.push(msg('playground.urlNoKernel'));
    }
    s.stride = pair('stride', LIMITS.stride, s.stride);
    s.padding = pair('padding', LIMITS.padding, s.padding);
    s.dilation = pair('dilation', LIMITS.dilation, s.dilation);
    s.filter = int('filter', { min: 0, max: s.filters.length - 1 }, 0);
  }

  if (s.mode === 'pool') {
    s.pool.window = int('window', LIMITS.window, s.pool.window);
    s.pool.stride = int('pstride', LIMITS.pstride, s.pool.window);
    s.pool.padding = int('ppadding', { min: 0, max: Math.min(LIMITS.ppadding.max, Math.floor(s.pool.window / 2)) }, 0, msg('playground.urlPpadding'));
    s.pool.shift = int('shift', LIMITS.shift, 0);
    const dir = take('dir');
    if (dir !== undefined) {
      if (dir === 'x' || dir === 'y') s.pool.dir = dir;
      else notices.push(msg('playground.urlDir', { value: short(dir) }));
    }
  }

  if (s.mode === 'transposed') {
    s.tr.dim = int('dim', { min: 1, max: 2 }, 2);
    const maxH = s.tr.dim === 2 ? LIMITS.tside.max : 1;
    const tin = take('tin');
    if (tin !== undefined) {
      const m = matrixFromUrl(tin, maxH, s.tr.dim === 2 ? LIMITS.tside.max : 8, 'tin', notices);
      if (m) s.tr[s.tr.dim === 2 ? 'in2' : 'in1'] = m;
    }
    const tk = take('tk');
    if (tk !== undefined) {
      const m = matrixFromUrl(tk, maxH, LIMITS.tside.max, 'tk', notices);
      if (m) s.tr[s.tr.dim === 2 ? 'k2' : 'k1'] = m;
    }
    s.tr.stride = int('tstride', LIMITS.tstride, s.tr.stride);
    s.tr.padding = int('tpadding', LIMITS.tpadding, s.tr.padding);
    s.tr.outpad = int('toutpad', LIMITS.toutpad, s.tr.outpad);
  }

  if (s.mode === 'text') {
    const sentence = take('sentence')?.replace(/\+/g, ' '); // serialize writes spaces as '+'
    if (sentence !== undefined) {
      const { words, changed } = tokenize(sentence.slice(0, 300));
      if (words.length < 3) notices.push(msg('playground.urlSentenceShort'));
      else {
        s.text.sentence = words.join(' ');
        if (changed) notices.push(msg('playground.urlSentenceSimplified'));
      }
    }
    const det = take('detector');
    if (det !== undefined) {
      if (DETECTORS.some((d) => d.id === det)) s.text.detector = det;
      else notices.push(msg('playground.urlUnknownDetector', { value: short(det), using: DETECTORS[0].id }));
    }
  }

  if (s.mode !== 'pool') {
    s.step = int('step', LIMITS.step, 0);
    const sp = take('speed');
    if (sp !== undefined) {
      const n = parseNumber(sp);
      if (!Number.isFinite(n)) notices.push(msg('playground.urlNotNumber', { key: 'speed', value: short(sp), using: String(s.speed) }));
      else {
        const c = Math.min(LIMITS.speed.max, Math.max(LIMITS.speed.min, n));
        if (c !== n) notices.push(msg('playground.urlSpeed', { value: short(sp), min: String(LIMITS.speed.min), max: String(LIMITS.speed.max), using: String(c) }));
        s.speed = c;
      }
    }
  }

  for (const k of params.keys()) {
    if (!ALL_KEYS.has(k)) notices.push(msg('playground.urlUnknownKey', { value: short(k) }));
  }
  return { state: s, notices };
}

function clampInt(v, lim, fallback, label, notices) {
  const n = parseNumber(v);
  if (!Number.isFinite(n)) {
    notices.push(msg('playground.urlNotNumber', { key: label, value: short(v), using: String(fallback) }));
    return fallback;
  }
  const r = Math.round(n);
  const c = Math.min(lim.max, Math.max(lim.min, r));
  if (c !== n) notices.push(msg('playground.urlNotInRange', { key: label, value: short(v), min: String(lim.min), max: String(lim.max), using: String(c) }));
  return c;
}

function parseEdits(text, notices) {
  const edits = new Map();
  const parts = text.split(';').filter(Boolean);
  let bad = 0;
  for (const p of parts.slice(0, LIMITS.edits.max)) {
    const m = /^(?:(\d{1,3})\.)?(\d{1,3})\.(\d{1,3}):(.+)$/.exec(p);
    const v = m ? parseNumber(m[4]) : NaN;
    if (!m || !Number.isFinite(v)) { bad++; continue; }
    const c = Math.min(LIMITS.value.max, Math.max(LIMITS.value.min, v));
    if (c !== v) bad++;
    edits.set(`${Number(m[1] ?? 0)}.${Number(m[2])}.${Number(m[3])}`, c);
  }
  if (parts.length > LIMITS.edits.max) notices.push(msg('playground.urlTooManyEdits', { max: LIMITS.edits.max }));
  if (bad) notices.push(msg('playground.urlBadEdits', { count: bad, max: '999' }));
  return edits;
}

function matrixFromUrl(text, maxH, maxW, key, notices) {
  const m = /^(\d+)x(\d+):([-0-9.,]*)$/.exec(text);
  const fail = (why) => { notices.push(msg('playground.urlBadMatrix', { key, value: short(text), why })); return null; };
  if (!m) return fail(msg('playground.urlMatrixForm'));
  const h = +m[1];
  const w = +m[2];
  if (h < 1 || w < 1 || h > maxH || w > maxW) return fail(msg('playground.urlMatrixSize', { size: `${maxH}×${maxW}` }));
  const vals = m[3].split(',').map(parseNumber);
  if (vals.length !== h * w || vals.some((v) => !Number.isFinite(v))) return fail(msg('playground.urlMatrixCount', { n: h * w }));
  return { h, w, data: vals.map((v) => Math.min(LIMITS.value.max, Math.max(LIMITS.value.min, v))) };
}
