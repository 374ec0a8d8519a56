// The training lab's sentences built from data: a run's settings in one line, a callback
// event's marker label, the sentence for a trainer error. Text only (t() from the catalogs).
import { formatNumber, t } from '../../shared/i18n.js';
import { defaultValues, knobOfParam } from './settings.js';

const OPTIMIZER_KEYS = { sgd: 'train.optSgd', momentum: 'train.optMomentum', adam: 'train.optAdam' };
const VARIANT_KEYS = { classic: 'train.variantClassic', modern: 'train.variantModern' };

/** A run's settings in one line ("Adam · learning rate 0.001 · batch 32 · …"); what matters only. */
export function runSummary(values, defaults) {
  const base = defaultValues(defaults);
  const parts = [t(VARIANT_KEYS[values.v]), t(OPTIMIZER_KEYS[values.opt]), t('train.summaryLr', { lr: String(values.lr) }),
    t('train.summaryBatch', { n: values.bs }), t('train.summaryImages', { n: values.n })];
  if (values.do > 0) parts.push(t('train.summaryDropout', { p: String(values.do) }));
  if (values.l2 > 0) parts.push(t('train.summaryL2', { v: String(values.l2) }));
  if (values.bn) parts.push(t('train.summaryBn'));
  if (values.rot || values.shift || values.scale || values.el || values.noise) parts.push(t('train.summaryAug'));
  if (values.es) parts.push(t('train.summaryEs'));
  if (values.seed !== base.seed) parts.push(t('train.summarySeed', { seed: String(values.seed) }));
  return parts.join(' · ');
}

/** The label of a callback event on the curves. */
export function eventLabel(e) {
  switch (e.type) {
    case 'lrReduced': return t('train.eventLr', { lr: formatNumber(e.to, { maximumSignificantDigits: 2 }) });
    case 'earlyStop': return t('train.eventStop');
    case 'restoredBest': return t('train.eventBest', { epoch: e.epoch });
    default: return t('train.eventFinished');
  }
}

const INVALID = new Set(['invalid_value', 'not_a_number', 'wrong_type', 'unknown_option', 'required', 'too_large']);

/** The page's sentence for a worker `error` message (never the wasm's English message alone). */
export function errorSentence(err) {
  if (err.code === 'weights_wrong_variant') return t('train.errWeightsVariant');
  if (err.code === 'weights_corrupt' || (err.code === 'unreadable' && err.param === 'initWeights')) return t('train.errWeightsCorrupt');
  if (err.code === 'data_corrupt') return t('train.errData');
  if (INVALID.has(err.code)) {
    const k = knobOfParam(err.param);
    return t('train.errInvalid', { name: k ? t(k.label) : String(err.param) });
  }
  if (err.during === 'init' || !err.code) return t('train.errLoad', { why: err.message });
  return t('train.errOther', { code: err.code });
}

/** Seconds with one decimal, for the time per epoch. */
export function secondsLabel(ms) {
  return ms === null || ms === undefined ? '–' : t('train.seconds', { s: formatNumber(ms / 1000, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) });
}
