// The training lab's settings: the knobs (one table), their values in the URL hash
// (`train.html#opt=sgd&lr=0.01…`, only what differs from the defaults), and the TrainConfig the
// worker gets. The defaults are the trainer's own (Trainer.defaults(), declared once in Rust);
// this module only adds the page's choice for "all training images". Pure: no DOM.
import { parseHash, serializeHash } from '../../shared/hash.js';

/** Where a knob's value lives in the TrainConfig (a dotted path). */
const get = (obj, path) => path.split('.').reduce((o, k) => o?.[k], obj);
function put(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  let o = obj;
  for (const k of keys) o = (o[k] ??= {});
  o[last] = value;
}

/**
 * The knobs, in the order the form shows them, by group. `key`: the hash key; `path`: the
 * TrainConfig field; `kind`: 'choice' (options: strings or numbers), 'number' (min, max, step)
 * or 'toggle'; `label`: the catalog key of its label.
 */
export const KNOBS = [
  { group: 'model', key: 'v', path: 'variant', kind: 'choice', options: ['classic', 'modern'], label: 'train.variant' },
  { group: 'model', key: 'bn', path: 'batchNorm', kind: 'toggle', label: 'train.batchNorm' },
  { group: 'model', key: 'do', path: 'dropout', kind: 'number', min: 0, max: 0.9, step: 0.05, label: 'train.dropout' },
  { group: 'optim', key: 'opt', path: 'optimizer.kind', kind: 'choice', options: ['sgd', 'momentum', 'adam'], label: 'train.optimizer' },
  { group: 'optim', key: 'lr', path: 'lr', kind: 'number', min: 1e-5, max: 1, step: 'any', label: 'train.lr' },
  { group: 'optim', key: 'sched', path: 'schedule.kind', kind: 'choice', options: ['constant', 'step', 'cosine'], label: 'train.schedule' },
  { group: 'optim', key: 'bs', path: 'batchSize', kind: 'choice', options: [8, 16, 32, 64, 128, 256], label: 'train.batchSize' },
  { group: 'optim', key: 'ep', path: 'epochs', kind: 'number', min: 1, max: 100, step: 1, label: 'train.epochs' },
  { group: 'optim', key: 'l2', path: 'weightDecay', kind: 'choice', options: [0, 1e-5, 1e-4, 1e-3, 1e-2], label: 'train.l2' },
  { group: 'data', key: 'n', path: 'trainImages', kind: 'choice', options: [200, 500, 1000, 2000, 5000, 10000], label: 'train.trainImages' },
  { group: 'data', key: 'seed', path: 'seed', kind: 'number', min: 0, max: 2 ** 31 - 1, step: 1, label: 'train.seed' },
  { group: 'aug', key: 'rot', path: 'augment.rotation', kind: 'number', min: 0, max: 45, step: 1, label: 'train.augRotation' },
  { group: 'aug', key: 'shift', path: 'augment.shift', kind: 'number', min: 0, max: 6, step: 0.5, label: 'train.augShift' },
  { group: 'aug', key: 'scale', path: 'augment.scale', kind: 'number', min: 0, max: 0.5, step: 0.05, label: 'train.augScale' },
  { group: 'aug', key: 'el', path: 'augment.elastic', kind: 'number', min: 0, max: 10, step: 0.5, label: 'train.augElastic' },
  { group: 'aug', key: 'noise', path: 'augment.noise', kind: 'number', min: 0, max: 0.5, step: 0.05, label: 'train.augNoise' },
  { group: 'callbacks', key: 'es', path: 'earlyStopping.enabled', kind: 'toggle', label: 'train.earlyStopping' },
  { group: 'callbacks', key: 'pat', path: 'earlyStopping.patience', kind: 'number', min: 1, max: 20, step: 1, label: 'train.patience' },
  { group: 'callbacks', key: 'best', path: 'earlyStopping.restoreBest', kind: 'toggle', label: 'train.restoreBest' },
  { group: 'callbacks', key: 'rlr', path: 'reduceLr.enabled', kind: 'toggle', label: 'train.reduceLr' },
  { group: 'callbacks', key: 'rpat', path: 'reduceLr.patience', kind: 'number', min: 1, max: 20, step: 1, label: 'train.reducePatience' },
  { group: 'callbacks', key: 'rfac', path: 'reduceLr.factor', kind: 'number', min: 0.05, max: 0.95, step: 0.05, label: 'train.reduceFactor' },
];

export const GROUPS = ['model', 'optim', 'data', 'aug', 'callbacks'];

/** The number of training images when the trainer's default is "all" (null). */
export const ALL_IMAGES = 10000;

/** The page's default values by hash key, from the trainer's defaults. */
export function defaultValues(defaults) {
  const values = {};
  for (const k of KNOBS) values[k.key] = get(defaults, k.path);
  values.n ??= ALL_IMAGES;
  return values;
}

/** `raw` (a hash string) read against knob `k`: the value, or undefined when invalid. */
function readValue(k, raw) {
  if (k.kind === 'toggle') return raw === '1' ? true : raw === '0' ? false : undefined;
  if (k.kind === 'choice') return k.options.find((o) => String(o) === raw);
  const v = Number(raw);
  if (raw === '' || !Number.isFinite(v) || v < k.min || v > k.max) return undefined;
  return k.step === 1 ? Math.round(v) : v;
}

/**
 * Reads the hash against the defaults: {values, rejected: [key…], problems} (unknown keys are
 * ignored; an invalid value keeps the default and is named in `rejected`).
 */
export function readSettings(hash, defaults) {
  const { values: raw, problems } = parseHash(hash);
  const values = defaultValues(defaults);
  const rejected = [];
  for (const k of KNOBS) {
    if (!raw.has(k.key)) continue;
    const v = readValue(k, raw.get(k.key));
    if (v === undefined) rejected.push(k.key);
    else values[k.key] = v;
  }
  return { values, rejected, problems };
}

/** The hash for `values`: only what differs from the defaults, in knob order. */
export function writeSettings(values, defaults) {
  const base = defaultValues(defaults);
  const out = {};
  for (const k of KNOBS) {
    if (values[k.key] === base[k.key]) continue;
    out[k.key] = k.kind === 'toggle' ? (values[k.key] ? '1' : '0') : values[k.key];
  }
  return serializeHash(out);
}

/** The TrainConfig for `values` (every knob set; what no knob names keeps the trainer's default). */
export function toConfig(values) {
  const config = {};
  for (const k of KNOBS) put(config, k.path, values[k.key]);
  return config;
}

/** The knob behind hash key `key`. */
export const knob = (key) => KNOBS.find((k) => k.key === key);

/** The knob whose TrainConfig path is `param` (a wasm error's param), if any. */
export const knobOfParam = (param) => KNOBS.find((k) => k.path === param || param?.endsWith(`.${k.path}`));
