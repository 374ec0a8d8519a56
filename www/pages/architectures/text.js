// The words of the architecture view that depend on the network: its case-study notes, the
// source of its layer table and its ILSVRC entry, in the page's language. The core's spec has
// them in English (its API's contract); the catalogs (www/shared/i18n/<lang>/architectures.js)
// have them in both languages, keyed by network. A network the catalogs do not know falls back
// to the core's English text (tests/unit/architectures_text.test.mjs checks that none does).
import { has, t } from '../../shared/i18n.js';

/** Catalog key of each network's notes, by the core's name. */
export const NOTES = {
  lenet5: 'architectures.notesLenet5',
  alexnet: 'architectures.notesAlexnet',
  'alexnet-2gpu': 'architectures.notesAlexnet2gpu',
  vgg16: 'architectures.notesVgg',
  vgg19: 'architectures.notesVgg',
  googlenet: 'architectures.notesGooglenet',
  resnet18: 'architectures.notesResnetBasic',
  resnet34: 'architectures.notesResnetBasic',
  resnet50: 'architectures.notesResnetBottleneck',
  resnet101: 'architectures.notesResnetBottleneck',
  resnet152: 'architectures.notesResnetBottleneck',
  'resnext50-32x4d': 'architectures.notesResnext',
  'se-resnet50': 'architectures.notesSeResnet',
  'resnet50-v1.5': 'architectures.notesResnet50v15',
};

/** Catalog key of the source of each network's layer table. */
export const SOURCES = {
  lenet5: 'architectures.sourceLenet5',
  alexnet: 'architectures.sourceAlexnet',
  'alexnet-2gpu': 'architectures.sourceAlexnet',
  vgg16: 'architectures.sourceVgg16',
  vgg19: 'architectures.sourceVgg19',
  googlenet: 'architectures.sourceGooglenet',
  resnet18: 'architectures.sourceResnet',
  resnet34: 'architectures.sourceResnet',
  resnet50: 'architectures.sourceResnet',
  resnet101: 'architectures.sourceResnet',
  resnet152: 'architectures.sourceResnet',
  'resnext50-32x4d': 'architectures.sourceResnext',
  'se-resnet50': 'architectures.sourceSeResnet',
  'resnet50-v1.5': 'architectures.sourceResnet50v15',
};

/** Catalog key of the ILSVRC entry behind each quoted top-5 error (networks with one only). */
export const ENTRIES = {
  alexnet: 'architectures.entryAlexnet',
  'alexnet-2gpu': 'architectures.entryAlexnet',
  vgg16: 'architectures.entryVgg16',
  googlenet: 'architectures.entryGooglenet',
  resnet152: 'architectures.entryResnet152',
  'resnext50-32x4d': 'architectures.entryResnext',
  'se-resnet50': 'architectures.entrySeResnet',
};

const pick = (keys, name, fallback) => (keys[name] && has(keys[name]) ? t(keys[name]) : fallback ?? '');

/**
 * The network's notes, source and ILSVRC entry (null when it has none) in the current language.
 * @param {{name: string, notes: string, source: string, top5Note: string|null}} spec architecture()
 */
export function networkText(spec) {
  return {
    notes: pick(NOTES, spec.name, spec.notes),
    source: pick(SOURCES, spec.name, spec.source),
    entry: spec.top5Note == null ? null : pick(ENTRIES, spec.name, spec.top5Note),
  };
}
