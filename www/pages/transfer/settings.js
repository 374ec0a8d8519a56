// The transfer page's settings and their place in the URL hash (`transfer.html#m=finetune&k=10`,
// only what differs from the defaults), as the training lab keeps its own (../train/settings.js).
// The method, the demo alphabet and its examples per class, and the training knobs; the knobs'
// defaults are the engine's (the worker's `ready` message). Pure: no DOM.
import { parseHash, serializeHash } from '../../shared/hash.js';
import { COMPARE_SIZES, METHODS } from './protocol.js';

/**
 * The settings: `key` in the hash, `kind` 'choice' (options) or 'number' (min, max, step),
 * `label` the catalog key; `engine`: the engine's default config names it (its value comes
 * from there), else `fallback`.
 */
export const KNOBS = [
  { key: 'm', kind: 'choice', options: METHODS, fallback: 'extract', label: 'transfer.method' },
  { key: 'demo', kind: 'text', fallback: null, label: 'transfer.demoPick' },
  { key: 'k', kind: 'choice', options: COMPARE_SIZES, fallback: 5, label: 'transfer.demoPerClass' },
  { key: 'hs', kind: 'number', min: 1, max: 5000, step: 1, engine: 'headSteps', fallback: 100, label: 'transfer.headSteps' },
  { key: 'hlr', kind: 'number', min: 1e-6, max: 1, step: 'any', engine: 'headLr', fallback: 0.01, label: 'transfer.headLr' },
  { key: 'fs', kind: 'number', min: 1, max: 5000, step: 1, engine: 'fineTuneSteps', fallback: 100, label: 'transfer.fineTuneSteps' },
  { key: 'flr', kind: 'number', min: 1e-6, max: 1, step: 'any', engine: 'fineTuneLr', fallback: 0.001, label: 'transfer.fineTuneLr' },
  { key: 'uf', kind: 'choice', options: ['C5', 'C3'], engine: 'unfreeze', fallback: 'C5', label: 'transfer.unfreeze' },
  { key: 'slr', kind: 'number', min: 1e-6, max: 1, step: 'any', engine: 'scratchLr', fallback: 0.001, label: 'transfer.scratchLr' },
  { key: 'seed', kind: 'number', min: 0, max: 2 ** 31 - 1, step: 1, engine: 'seed', fallback: 1, label: 'transfer.seed' },
];

/** The training knobs the settings form shows (the others have controls of their own). */
export const FORM_KNOBS = KNOBS.filter((k) => k.engine);

/** The default values by hash key, from the engine's defaults (`defaults`, may lack some). */
export function defaultValues(defaults, alphabets = []) {
  const values = {};
  for (const k of KNOBS) values[k.key] = k.engine && defaults?.[k.engine] !== undefined ? defaults[k.engine] : k.fallback;
  values.demo = alphabets[0]?.id ?? null;
  return values;
}

function readValue(k, raw, alphabets) {
  if (k.kind === 'text') return alphabets.some((a) => a.id === raw) ? raw : undefined;
  if (k.kind === 'choice') return k.options.find((o) => String(o) === raw);
  const v = Number(raw);
  if (raw === '' || !Number.isFinite(v) || v < k.min || v > k.max) return undefined;
  return k.step === 1 ? Math.round(v) : v;
}

/** Reads `hash`: {values, rejected: [key…], problems}; an invalid value keeps the default. */
export function readSettings(hash, defaults, alphabets = []) {
  const { values: raw, problems } = parseHash(hash);
  const values = defaultValues(defaults, alphabets);
  const rejected = [];
  for (const k of KNOBS) {
    if (!raw.has(k.key)) continue;
    const v = readValue(k, raw.get(k.key), alphabets);
    if (v === undefined) rejected.push(k.key);
    else values[k.key] = v;
  }
  return { values, rejected, problems };
}

/** The hash for `values`: only what differs from the defaults. */
export function writeSettings(values, defaults, alphabets = []) {
  const base = defaultValues(defaults, alphabets);
  const out = {};
  for (const k of KNOBS) if (values[k.key] !== base[k.key]) out[k.key] = values[k.key];
  return serializeHash(out);
}

/** The engine settings of `values` (what the worker passes to the engine). */
export function toEngine(values) {
  const out = {};
  for (const k of FORM_KNOBS) out[k.engine] = values[k.key];
  return out;
}
