// The playground's own words for what the wasm core reports (www/pages/playground/core-errors.js),
// against the real core loaded in Node: for every setting where outputSize explains an empty
// axis, the page's English sentence says exactly what the core's `reason` says (same case, same
// numbers) and its Korean sentence carries the same numbers; each error the page can meet maps
// to its own sentence with the error's values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as core from '../../pkg/convscope.js';
import { register } from '../../www/shared/i18n.js';
import { say } from '../../www/pages/playground/say.js';
import { coreErrorMsg, sizeReasonMsg } from '../../www/pages/playground/core-errors.js';
import en from '../../www/shared/i18n/en/playground.js';
import ko from '../../www/shared/i18n/ko/playground.js';

core.initSync({ module: readFileSync(new URL('../../pkg/convscope_bg.wasm', import.meta.url)) });
register('en', 'playground', en);

/** A message in Korean, filled from the Korean catalog (nested messages too). */
function inKorean(m) {
  const tpl = ko[m.key.split('.')[1]];
  const text = typeof tpl === 'string' ? tpl : tpl.other;
  return text.replace(/\{(\w+)\}/g, (whole, k) => {
    const v = m.params[k];
    return v && typeof v === 'object' ? inKorean(v) : String(v);
  });
}

/** The error the core throws for `fn`, as compute.js keeps it. */
function caught(fn) {
  try { fn(); } catch (e) { return { error: e.message, code: e.code, param: e.param, expected: e.expected, got: e.got, limit: e.limit }; }
  assert.fail('expected the core to throw');
}

test('every empty-axis reason of outputSize reads, in English, exactly as the core words it; in Korean with the same numbers', () => {
  let explained = 0;
  for (const kind of ['conv', 'pool', 'transposed']) {
    for (let input = 1; input <= 5; input++) {
      for (let kernel = 1; kernel <= 5; kernel++) {
        for (const stride of [1, 2, 3]) {
          for (const padding of [0, 1, 2, 3]) {
            for (const dilation of kind === 'pool' ? [1] : [1, 2]) {
              for (const outputPadding of kind === 'transposed' ? [0, 1, 2] : [0]) {
                const o = { kind, input, kernel, stride, padding };
                if (kind !== 'pool') o.dilation = dilation;
                if (kind === 'transposed') o.outputPadding = outputPadding;
                const r = core.outputSize(o);
                if (!r.reason) continue;
                explained++;
                const m = sizeReasonMsg(o, r.size);
                assert.equal(say(m), r.reason, JSON.stringify(o));
                const koText = inKorean(m);
                assert.match(koText, /[\uac00-\ud7af]/);
                const numbers = (s) => (s.match(/\d+/g) ?? []).map(Number).sort((a, b) => a - b);
                assert.deepEqual(numbers(koText), numbers(r.reason), `${JSON.stringify(o)}: ${koText}`);
              }
            }
          }
        }
      }
    }
  }
  assert.ok(explained > 100, `${explained} settings with an empty axis`);
});

test("each error the page can meet becomes the page's own sentence with the error's values", () => {
  const t1 = (data, shape) => ({ data: Float32Array.from(data), shape });
  // conv2d: a 2-channel kernel on a 1-channel input (shape_mismatch, param weight, expected 1, got 2).
  const channels = caught(() => core.conv2d(t1([1, 2, 3, 4], [1, 2, 2]), t1([1, 2], [1, 2, 1, 1]), {}));
  assert.equal(channels.code, 'shape_mismatch');
  const m1 = coreErrorMsg(channels);
  assert.equal(m1.key, 'playground.errChannels');
  assert.match(say(m1), /^The kernel has 2 channels but the input has 1/);
  assert.match(inKorean(m1), /^커널의 채널은 2개인데 입력의 채널은 1개입니다/);
  // pool2d: padding more than half the window (invalid_value, param padding): the page's context sentence.
  const pad = caught(() => core.pool2d(t1(Array(16).fill(1), [1, 4, 4]), { mode: 'max', kernel: 2, stride: 2, padding: 2 }));
  assert.equal(pad.code, 'invalid_value');
  assert.equal(pad.param, 'padding');
  const context = { padding: { key: 'playground.errPoolPadding', params: { p: 2, k: 2, half: 1 } } };
  assert.equal(say(coreErrorMsg(pad, context)), 'The pooling padding (2) may be at most half the window (⌊2/2⌋ = 1).');
  // Without a context sentence, invalid_value names the parameter in the page's words.
  assert.equal(say(coreErrorMsg(pad)), 'The core does not accept this value of the padding; change that setting.');
  assert.equal(inKorean(coreErrorMsg(pad)), '코어가 이 패딩 값을 받아들이지 않습니다. 그 설정을 바꾸세요.');
  // too_large with its numbers (the page never sends this much; the sentence is ready for it).
  const big = coreErrorMsg({ code: 'too_large', param: 'input', got: 300000000, limit: 268435456 });
  assert.equal(say(big), 'These settings need 300,000,000 multiply–accumulates, more than the 268,435,456 allowed in the browser: use a smaller input or kernel.');
  assert.match(inKorean(big), /곱셈-누산\(MAC\) 300000000번/);
  // An unknown code: the core's English words inside a translated sentence, never alone.
  const other = coreErrorMsg({ code: 'internal', param: null, error: 'conv2d: backend failed' });
  assert.equal(inKorean(other), '코어가 이 설정을 거부했습니다 (internal: conv2d: backend failed).');
});
