// The transfer page's sentences built from data: method names, the fine-tuning procedure's
// steps, the run's state, the sentence for an engine error. Text only (t() from the catalogs;
// literal keys, maps for the ones chosen at run time).
import { formatNumber, t } from '../../shared/i18n.js';

export const METHOD_KEYS = { extract: 'transfer.methodExtract', finetune: 'transfer.methodFinetune', scratch: 'transfer.methodScratch' };
const METHOD_HELP_KEYS = { extract: 'transfer.helpExtract', finetune: 'transfer.helpFinetune', scratch: 'transfer.helpScratch' };

/** The demo alphabets' names (their ids are the engine's; an unknown id shows as a number). */
const ALPHABET_KEYS = { hangul: 'transfer.alphabetHangul', math: 'transfer.alphabetMath' };
export const alphabetName = (a) => (ALPHABET_KEYS[a.id] ? t(ALPHABET_KEYS[a.id]) : t('transfer.alphabetOther', { n: a.index + 1 }));

/** The lecture's fine-tuning procedure (미세 조정 절차), step 1 to 6. */
export const STEP_KEYS = ['transfer.step1', 'transfer.step2', 'transfer.step3', 'transfer.step4', 'transfer.step5', 'transfer.step6'];

export const methodName = (m) => t(METHOD_KEYS[m]);
export const methodHelp = (m) => t(METHOD_HELP_KEYS[m]);

/** A probability or accuracy in percent, one decimal. */
export const percentText = (v) => `${formatNumber(v * 100, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`;

/** Seconds with one decimal. */
export const secondsText = (ms) => (ms === null || ms === undefined ? '–' : t('transfer.seconds', { s: formatNumber(ms / 1000, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) }));

/** The run's state in a sentence. */
export function stateSentence(s) {
  if (s.phase !== 'ready') return '';
  const run = s.run;
  if (!run) return s.classes.length ? t('transfer.stateIdle') : t('transfer.stateEmpty');
  if (run.running) return run.step ? t('transfer.stateStep', { step: run.step }) : t('transfer.stateRunning');
  if (run.imported) return t('transfer.stateImported');
  if (run.done) return t('transfer.stateDone', { method: methodName(run.method) });
  return t('transfer.stateStopped');
}

/** Error codes of the engine with a sentence of their own (the engine's names, transfer-api.md). */
const CODE_KEYS = {
  too_few_classes: 'transfer.errTooFew',
  too_many_classes: 'transfer.errTooMany',
  class_without_examples: 'transfer.errEmptyClass',
  duplicate_class_name: 'transfer.errDuplicate',
  empty_class_name: 'transfer.errEmptyName',
  blank_drawing: 'transfer.errBlank',
};

/** The page's sentence for a worker `error` message (never the engine's English message alone). */
export function errorSentence(err) {
  const key = CODE_KEYS[err.code];
  // `got`: the class's name (class_without_examples, duplicate_class_name) or the count
  if (key) return t(key, { name: String(err.got ?? ''), limit: err.limit ?? '' });
  if (err.during === 'import') return t('transfer.errImport');
  if (err.during === 'init' || !err.code) return t('transfer.errLoad', { why: err.message });
  return t('transfer.errOther', { code: err.code });
}
