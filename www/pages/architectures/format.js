// Text for the architecture view: one-line layer descriptions in the lecture's words, in the
// page's language (numbers and shapes come from shared/format.js, sentences from the catalogs).
// Formatting only; every number comes from inferShapes() in the core.

import { exact, pairLabel, sizeLabel } from '../../shared/format.js';
import { t } from '../../shared/i18n.js';

/** Display names of the activations (Latin in every language). */
const ACT = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid' };
export const actLabel = (a) => (a ? ACT[a] ?? a : '');

/** Row kinds whose description is one fixed message. */
const FIXED = {
  batchNorm: 'architectures.descBatchNorm',
  add: 'architectures.descAdd',
  concat: 'architectures.descConcat',
  scale: 'architectures.descScale',
  inception: 'architectures.descInception',
  squeezeExcite: 'architectures.descSqueezeExcite',
};
const POOL_DESC = { max: 'architectures.descPoolMax', avg: 'architectures.descPoolAvg' };
const POOL_BOX = { max: 'architectures.boxPoolMax', avg: 'architectures.boxPoolAvg' };
const RESIDUAL_DESC = { basic: 'architectures.descBasic', bottleneck: 'architectures.descBottleneck' };
const RESIDUAL_BOX = { basic: 'architectures.boxBasic', bottleneck: 'architectures.boxBottleneck' };
const BOX = {
  globalAvgPool: 'architectures.boxGlobalAvgPool',
  batchNorm: 'architectures.boxBatchNorm',
  lrn: 'architectures.boxLrn',
  inception: 'architectures.boxInception',
  squeezeExcite: 'architectures.boxSqueezeExcite',
};
/** Names of rows the core makes itself (the input, a block's merge), shown in the page's language. */
const ROW_NAME = {
  input: 'architectures.rowInput',
  add: 'architectures.rowAdd',
  concat: 'architectures.rowConcat',
  scale: 'architectures.rowScale',
};
/** Branch names the core makes itself; the others are the paper's (1x1, 3x3, …) and stay. */
const BRANCH_NAME = {
  shortcut: 'architectures.branchShortcut',
  gate: 'architectures.branchGate',
  pool: 'architectures.branchPool',
};

const strideAndPad = (r) => ({ k: sizeLabel(r.kernel), s: pairLabel(r.stride), p: pairLabel(r.padding) });
const tOr = (keys, k, fallback) => (keys[k] ? t(keys[k]) : fallback);

/**
 * A row's name as shown: the layer's own name (conv1, layer1_0, …: identifiers, never
 * translated), or for the rows the core names after their kind (input, add, concat, scale)
 * that word in the page's language.
 */
export function rowName(r) {
  return r.name === r.kind && ROW_NAME[r.kind] ? t(ROW_NAME[r.kind]) : r.name;
}

/** Whether rowName(r) is the layer's own identifier (not a translated word). */
export const isIdentifier = (r) => !(r.name === r.kind && ROW_NAME[r.kind]);

/** A branch's name as shown (shortcut, gate, pool translated; 1x1, 3x3, … as the paper writes them). */
export const branchName = (name) => tOr(BRANCH_NAME, name, name);

/**
 * One line describing a layer row, e.g. "96 11×11 filters at stride 4, pad 0" (the lecture's
 * AlexNet table), "3×3 max pool at stride 2, pad 0", "fully connected, 9216 → 4096".
 * @param {object} r a row of inferShapes()
 */
export function describe(r) {
  switch (r.kind) {
    case 'input': return t('architectures.descInput', { count: r.outShape[0] });
    case 'conv': {
      const parts = [t('architectures.descConv', { count: r.outShape[0], ...strideAndPad(r) })];
      if (r.groups > 1) parts.push(t('architectures.descGroups', { groups: r.groups }));
      if (r.dilation && (r.dilation[0] > 1 || r.dilation[1] > 1)) parts.push(t('architectures.descDilation', { d: pairLabel(r.dilation) }));
      return parts.join(', ');
    }
    case 'pool': return POOL_DESC[r.variant] ? t(POOL_DESC[r.variant], strideAndPad(r)) : r.variant;
    case 'globalAvgPool': return t('architectures.descGlobalAvgPool', { k: sizeLabel(r.kernel) });
    case 'fc': return t('architectures.descFc', { fanIn: exact(r.fanIn), out: exact(r.outShape[0]) });
    case 'lrn': return t('architectures.descLrn', { n: r.lrnSize });
    case 'residual': return tOr(RESIDUAL_DESC, r.variant, r.variant);
    default: return tOr(FIXED, r.kind, r.kind);
  }
}

/** Short label for a box in a block diagram: "3×3 conv, 64 /2", "BN", "FC 16". */
export function boxLabel(r) {
  const stride = r.stride && (r.stride[0] > 1 || r.stride[1] > 1) ? ` /${pairLabel(r.stride)}` : '';
  switch (r.kind) {
    case 'conv': {
      const params = { k: sizeLabel(r.kernel), out: r.outShape[0], groups: r.groups };
      return `${t(r.groups > 1 ? 'architectures.boxConvGroups' : 'architectures.boxConv', params)}${stride}`;
    }
    case 'pool': return POOL_BOX[r.variant] ? `${t(POOL_BOX[r.variant], { k: sizeLabel(r.kernel) })}${stride}` : r.name;
    case 'fc': return t('architectures.boxFc', { out: r.outShape[0] });
    case 'residual': return tOr(RESIDUAL_BOX, r.variant, r.name);
    default: return tOr(BOX, r.kind, r.name);
  }
}

/**
 * Receptive field as text: "11×11"; "355×355 (whole input)" once it covers the input
 * (it may exceed it: the rest is padding).
 * @param {number[]} rf [h, w] @param {number[]} input [C, H, W]
 */
export function fieldLabel(rf, input) {
  const s = sizeLabel(rf);
  return rf[0] >= input[1] && rf[1] >= input[2] ? t('architectures.wholeInput', { size: s }) : s;
}

/**
 * The layer path a parameter names: "overrides.pool3.kernel" or "pool3.kernel" → "pool3";
 * null for a parameter of no layer ("inputSize") or none.
 * @param {string|null|undefined} param the `param` property of an Error thrown by the core
 */
export function errorLayer(param) {
  if (!param) return null;
  const path = param.replace(/^overrides\./, '');
  const dot = path.lastIndexOf('.');
  return dot > 0 ? path.slice(0, dot) : null;
}
