// What the pages keep in the browser (localStorage), and a storage wrapper that never throws:
// site data may be blocked (private mode, blocked cookies, a sandboxed iframe: even reading
// `localStorage` throws then), full, or hold something corrupt. Every failure comes back as a
// sentence the page can show; the page works on without storage. Pure apart from the storage
// it is given (tested by tests/unit/persist.test.mjs with a throwing storage). Its sentences come
// from the message catalogs (i18n.js); a write's failure comes back as a message key.
import { t } from './i18n.js';

/** The student's drawing, handed from the student page to the playground. */
export const DRAWING_KEY = 'convscope.drawing';
/** The stored drawing's format: a JSON array of DRAWING_SIDE² numbers in [0, 1], row-major. */
export const DRAWING_SIDE = 28;
/** Decimal places kept per pixel (values are in [0, 1]; 4 places keep 1e-4 precision). */
const PLACES = 4;

/** Why storage failed (a message key; see readDrawing/saveDrawing for how pages show it). */
const BLOCKED = 'common.storageBlocked';

/**
 * A storage that never throws. `getStorage` is called inside a try on every use (reading
 * `globalThis.localStorage` itself throws where site data is blocked).
 * @param {() => Storage} [getStorage]
 */
export function safeStorage(getStorage = () => globalThis.localStorage) {
  function attempt(fn) {
    try {
      const s = getStorage();
      if (!s) return { value: null, error: BLOCKED };
      return { value: fn(s), error: null };
    } catch {
      return { value: null, error: BLOCKED };
    }
  }
  return {
    /** @returns {{value: string|null, error: string|null}} */
    read: (key) => attempt((s) => s.getItem(key)),
    /** @returns {string|null} null on success, else why not */
    write: (key, value) => attempt((s) => s.setItem(key, value)).error,
    /** @returns {string|null} null on success, else why not */
    remove: (key) => attempt((s) => s.removeItem(key)).error,
  };
}

/** The default storage: the page's localStorage, wrapped. */
export const storage = safeStorage();

/**
 * Stores `pixels` (DRAWING_SIDE² values) or removes the key when nothing is drawn.
 * @returns {string|null} null when saved, else why it could not be
 */
export function saveDrawing(pixels, store = storage) {
  if (!pixels) return store.remove(DRAWING_KEY);
  return store.write(DRAWING_KEY, JSON.stringify(Array.from(pixels, (v) => +v.toFixed(PLACES))));
}

/**
 * Reads the student's drawing. Returns {tensor} ([1, DRAWING_SIDE, DRAWING_SIDE], values clamped
 * to [0, 1]) or {tensor: blank, message} saying why there is none, in the page's language.
 * Never throws.
 */
export function readDrawing(store = storage) {
  const n = DRAWING_SIDE * DRAWING_SIDE;
  const empty = { data: new Float32Array(n), shape: [1, DRAWING_SIDE, DRAWING_SIDE] };
  const { value: raw, error } = store.read(DRAWING_KEY);
  if (error) {
    return { tensor: empty, message: t('common.drawingUnreadable', { why: t(error) }) };
  }
  if (raw === null) {
    return { tensor: empty, message: t('common.drawingNone') };
  }
  let arr;
  try { arr = JSON.parse(raw); } catch { arr = null; }
  if (!Array.isArray(arr) || arr.length !== n || arr.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    return { tensor: empty, message: t('common.drawingCorrupt', { n }) };
  }
  return { tensor: { data: Float32Array.from(arr, (v) => Math.min(1, Math.max(0, v))), shape: [1, DRAWING_SIDE, DRAWING_SIDE] } };
}
