// Text for the architecture view: one-line layer descriptions in the lecture's words (numbers
// and shapes come from shared/format.js). Formatting only; every number comes from
// inferShapes() in the core.

import { exact, pairLabel, sizeLabel } from '../../shared/format.js';

/** Display names of the activations. */
const ACT = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid' };
export const actLabel = (a) => (a ? ACT[a] ?? a : '');

const withStrideAndPad = (r) => `at stride ${pairLabel(r.stride)}, pad ${pairLabel(r.padding)}`;

/**
 * One line describing a layer row, e.g. "96 11×11 filters at stride 4, pad 0" (the lecture's
 * AlexNet table), "3×3 max pool at stride 2, pad 0", "fully connected, 9216 → 4096".
 * @param {object} r a row of inferShapes()
 */
export function describe(r) {
  switch (r.kind) {
    case 'input': return `input image, ${r.outShape[0]} channel${r.outShape[0] === 1 ? '' : 's'}`;
    case 'conv': {
      let s = `${r.outShape[0]} ${sizeLabel(r.kernel)} filters ${withStrideAndPad(r)}`;
      if (r.groups > 1) s += `, ${r.groups} groups`;
      if (r.dilation && (r.dilation[0] > 1 || r.dilation[1] > 1)) s += `, dilation ${pairLabel(r.dilation)}`;
      return s;
    }
    case 'pool': return `${sizeLabel(r.kernel)} ${r.variant} pool ${withStrideAndPad(r)}`;
    case 'globalAvgPool': return `global average pool over ${sizeLabel(r.kernel)}`;
    case 'fc': return `fully connected, ${exact(r.fanIn)} → ${exact(r.outShape[0])}`;
    case 'batchNorm': return 'batch norm: γ and β per channel';
    case 'lrn': return `local response norm across ${r.lrnSize} channels`;
    case 'add': return 'add main path and shortcut';
    case 'concat': return 'concatenate the branches along channels';
    case 'scale': return 'multiply each channel by its gate';
    case 'residual': return `${r.variant} residual block`;
    case 'inception': return 'Inception module';
    case 'squeezeExcite': return 'squeeze-and-excitation';
    default: return r.kind;
  }
}

/** Short label for a box in a block diagram: "3×3 conv, 64 /2", "BN", "FC 16". */
export function boxLabel(r) {
  const stride = r.stride && (r.stride[0] > 1 || r.stride[1] > 1) ? ` /${pairLabel(r.stride)}` : '';
  switch (r.kind) {
    case 'conv': return `${sizeLabel(r.kernel)} conv, ${r.outShape[0]}${r.groups > 1 ? ` (${r.groups} groups)` : ''}${stride}`;
    case 'pool': return `${sizeLabel(r.kernel)} ${r.variant} pool${stride}`;
    case 'globalAvgPool': return 'global avg pool';
    case 'fc': return `FC ${r.outShape[0]}`;
    case 'batchNorm': return 'BN';
    case 'lrn': return 'LRN';
    case 'residual': return `${r.variant} block`;
    case 'inception': return 'Inception';
    case 'squeezeExcite': return 'SE block';
    default: return r.name;
  }
}

/**
 * Receptive field as text: "11×11"; "355×355 (whole input)" once it covers the input
 * (it may exceed it: the rest is padding).
 * @param {number[]} rf [h, w] @param {number[]} input [C, H, W]
 */
export function fieldLabel(rf, input) {
  const s = sizeLabel(rf);
  return rf[0] >= input[1] && rf[1] >= input[2] ? `${s} (whole input)` : s;
}

/**
 * The layer path a parameter names: "overrides.pool3.kernel" or "pool3.kernel" → "pool3";
 * null for a parameter of no layer ("inputSize") or none.
 * @param {string|null|undefined} param an Error's `param` (PLAN.md contract 1)
 */
export function errorLayer(param) {
  if (!param) return null;
  const path = param.replace(/^overrides\./, '');
  const dot = path.lastIndexOf('.');
  return dot > 0 ? path.slice(0, dot) : null;
}

/**
 * The parameter an error from the core names: `err.param` (contract 1, branch rust-boundary).
 * TEMPORARY: until the core's errors carry `param`, it is read from the message
 * (``inferShapes: invalid `pool3.kernel`: …``); delete the fallback when pkg/ has `err.param`.
 */
export function paramOf(err) {
  if (err && typeof err === 'object' && 'param' in err) return err.param ?? null;
  return /invalid `([^`]+)`/.exec(err?.message ?? '')?.[1] ?? null;
}
