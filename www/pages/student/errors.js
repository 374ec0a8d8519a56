// The student page's error sentences, in the page's language: one per error it can meet, by
// the error's `code` (the wasm core's codes, and the page's own: a sample number out of range,
// the sample file). The core's own `message` stays English (its API); it is shown only for a
// code this page does not expect, inside a translated sentence.
import { t } from '../../shared/i18n.js';

/** Why the core failed, for each code the page can meet (a clause, placed in a sentence). */
const CORE_REASONS = {
  weights_corrupt: 'student.errWeightsCorrupt',
  weights_wrong_variant: 'student.errWeightsVariant',
  weights_http: 'student.errFetch', // the weights file's download (shared/core-lenet.js)
  freed: 'student.errFreed',
  internal: 'student.errInternal',
};

/** The clause saying why `e` happened. */
function reason(e) {
  const key = CORE_REASONS[e?.code];
  if (key) return t(key);
  // A failed download (fetch) or a wasm file that is not one: no code, a TypeError.
  if (e instanceof TypeError || e?.name === 'CompileError') return t('student.errFetch');
  return t('student.errOther', { message: e?.message ?? String(e) });
}

/** The page's own errors, made with a `code` (see sampleRangeError, samples.js). */
const PAGE_ERRORS = {
  sample_range: (e) => t('student.errSampleRange', { got: e.got, max: e.max }),
  samples_http: (e) => t('student.errSamplesHttp', { status: e.status }),
  samples_file: () => t('student.errSamplesFile'),
  samples_fetch: () => t('student.errSamplesFetch'),
  network_load: (e) => t('student.errNetwork', { why: reason(e.cause) }),
};

/**
 * The sentence for `e` as a function (called again after a language switch).
 * @param {Error & {code?: string}} e
 * @returns {() => string}
 */
export function errorText(e) {
  const own = PAGE_ERRORS[e?.code];
  return own ? () => own(e) : () => t('student.errCompute', { why: reason(e) });
}

/** The error for a sample number `got` outside 0…max. */
export function sampleRangeError(got, max) {
  return Object.assign(new Error(`sample: invalid \`index\`: expected 0 to ${max}, got ${got}`), { code: 'sample_range', got, max });
}

/** The error for a network that could not be loaded (`cause`: what failed). */
export function networkLoadError(cause) {
  return Object.assign(new Error(`The network could not be loaded (${cause?.message}). Are pkg-lenet/ and www/assets/weights/ there?`), { code: 'network_load', cause });
}
