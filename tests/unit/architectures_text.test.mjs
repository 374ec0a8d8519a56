// The architecture view's words that depend on the network (www/pages/architectures/text.js) and
// the part of a network in front of a layer (upstream.js), against the real wasm core loaded in
// Node: every network the core lists has its notes, its source and (iff the core quotes an ILSVRC
// result for it) its entry in both catalogs; the shapes in front of a layer are the ones worked
// out by hand from the papers' layer tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as core from '../../pkg/convscope.js';
import en from '../../www/shared/i18n/en/architectures.js';
import ko from '../../www/shared/i18n/ko/architectures.js';
import { ENTRIES, NOTES, SOURCES } from '../../www/pages/architectures/text.js';
import { lastShape, upstream } from '../../www/pages/architectures/upstream.js';

core.initSync({ module: readFileSync(new URL('../../pkg/convscope_bg.wasm', import.meta.url)) });

const inCatalog = (cat, key) => key?.startsWith('architectures.') && typeof cat[key.slice('architectures.'.length)] === 'string';

test('every network the core lists has notes and a source in both catalogs, and an ILSVRC entry exactly when the core quotes a top-5 error', () => {
  const names = core.architectureNames();
  assert.ok(names.length >= 14, names.join());
  for (const name of names) {
    const spec = core.architecture(name);
    for (const [what, keys] of [['notes', NOTES], ['source', SOURCES]]) {
      assert.ok(inCatalog(en, keys[name]) && inCatalog(ko, keys[name]), `${name}: ${what} in en and ko`);
    }
    assert.equal(name in ENTRIES, spec.top5Note != null, `${name}: an entry iff the core has a top5Note`);
    if (name in ENTRIES) assert.ok(inCatalog(en, ENTRIES[name]) && inCatalog(ko, ENTRIES[name]), `${name}: entry in en and ko`);
  }
  // No key for a network the core does not list (a renamed network would keep stale text).
  for (const keys of [NOTES, SOURCES, ENTRIES]) for (const n of Object.keys(keys)) assert.ok(names.includes(n), n);
});

test('the Korean notes keep every number of the English ones (the facts are the same in both languages)', () => {
  // Korean writes some amounts in words (6천만): those digits are left out.
  const numbers = (s) => (s.replace(/\d+(?=[천만억])/g, '').match(/\d[\d,.]*/g) ?? []).map((n) => n.replace(/[.,]$/, '')).sort();
  for (const key of Object.keys(en).filter((k) => /^(notes|source|entry)/.test(k))) {
    assert.deepEqual(numbers(ko[key]), numbers(en[key]), key);
  }
});

/** The shape the core computes for the layers in front of `path`. */
function before(name, path, overrides = {}, branchEnd) {
  const part = upstream(core.architecture(name), path, { branchEnd });
  return lastShape(core.inferShapes(part.spec, { overrides: part.mapOverrides(overrides) }));
}

test('upstream: what a layer receives, by hand from the papers: AlexNet pool2 27×27×256, ResNet-50 layer2_0.conv2 28×28×128, GoogLeNet inception_3a.3x3 28×28×96', () => {
  // AlexNet: 227 → CONV1 ⌊(227 − 11)/4⌋ + 1 = 55 → POOL1 27 → NORM1 → CONV2 (5×5, pad 2) 27, 256 maps.
  assert.deepEqual(before('alexnet', 'pool2'), [256, 27, 27]);
  // ResNet-50: 224 → conv1 /2 112 → maxpool /2 56 → layer1 (256 maps) → layer2_0.conv1: 1×1, 128, stride 2 → 28.
  assert.deepEqual(before('resnet50', 'layer2_0.conv2'), [128, 28, 28]);
  // GoogLeNet: 224 → 112 → 56 → conv2 56 → pool2 28 → the 3×3 branch's 1×1 reduce: 96 maps.
  assert.deepEqual(before('googlenet', 'inception_3a.3x3'), [96, 28, 28]);
  // The first layer receives the input itself.
  assert.deepEqual(before('alexnet', 'conv1'), [3, 227, 227]);
  assert.equal(upstream(core.architecture('alexnet'), 'nope'), null);
});

test('upstream: a branch\'s end and the page\'s edits moved to the opened block\'s names (ResNet-50 layer1_1 with conv2 at stride 2: main 28×28×256, identity shortcut 56×56×256)', () => {
  const edit = { 'layer1_1.conv2': { stride: 2 } };
  assert.deepEqual(before('resnet50', 'layer1_1', edit, 'main'), [256, 28, 28]);
  assert.deepEqual(before('resnet50', 'layer1_1', edit, 'shortcut'), [256, 56, 56]);
  const part = upstream(core.architecture('resnet50'), 'layer2_0.conv2');
  // Kept: an edit in a block passed whole, and one in front of the target in the opened block;
  // dropped: an edit behind the target.
  assert.deepEqual(part.mapOverrides({ 'layer1_0.conv2': { stride: 1 }, 'layer2_0.conv1': { padding: 1 }, 'layer3_0.conv1': { stride: 1 } }),
    { 'layer1_0.conv2': { stride: 1 }, 'layer2_0/conv1': { padding: 1 } });
  // With that padding, 1×1 at stride 2 over 56 + 2: ⌊(58 − 1)/2⌋ + 1 = 29.
  assert.deepEqual(before('resnet50', 'layer2_0.conv2', { 'layer2_0.conv1': { padding: 1 } }), [128, 29, 29]);
});
