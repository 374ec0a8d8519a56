// The seeded fuzzer (tests/node/fuzz.mjs) against pkg/ in Node: thousands of hostile calls
// across every export, crafted weights files with fixed CRCs included. Zero traps, zero hangs,
// every error from the module's own checks an Error with `op` and `code`, the externref table
// no larger afterwards, and the README example still [15, 16, 6, 15].
// CONVSCOPE_FUZZ_SEED / CONVSCOPE_FUZZ_CALLS replay or lengthen a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, classicWeights } from './load.mjs';
import { fuzz } from './fuzz.mjs';

const seed = Number(process.env.CONVSCOPE_FUZZ_SEED ?? 2026);
const calls = Number(process.env.CONVSCOPE_FUZZ_CALLS ?? 10000);

test(`fuzz seed ${seed}: ${calls} hostile calls over every export: no trap, no hang, every error named`, async (t) => {
  const { cs, wasm } = await load();
  const good = await classicWeights();
  const table0 = wasm.__wbindgen_externrefs.length;
  const t0 = performance.now();
  const r = fuzz(cs, wasm, { seed, calls, good });
  const seconds = (performance.now() - t0) / 1000;
  const { perTarget, msPerTarget, tableGrowth, ...counts } = r.counts;
  t.diagnostic(`seed ${seed}: ${JSON.stringify(counts)} in ${seconds.toFixed(1)} s`);
  t.diagnostic(`calls per target: ${JSON.stringify(perTarget)}`);
  t.diagnostic(`externref table growth by target (run 1): ${JSON.stringify(tableGrowth)}`);
  assert.ok(Object.keys(perTarget).length >= 20, 'too few exports reached');
  assert.equal(r.counts.traps, 0, 'a call trapped');
  assert.equal(r.counts.hangs, 0, `slowest: ${r.counts.slowest} ${r.counts.slowestMs.toFixed(0)} ms`);
  assert.deepEqual(r.unnamedSamples, []);
  assert.equal(r.counts.calls, calls);
  assert.ok(r.counts.named > calls / 4, `only ${r.counts.named} named errors: the fuzzer is not reaching the checks`);
  assert.ok(r.counts.returned > calls / 20, `only ${r.counts.returned} calls returned: the fuzzer is not reaching the ops`);
  assert.deepEqual(r.readme, [15, 16, 6, 15]);
  // The table keeps its high-water mark (a spec copy holds a few thousand values at once); a
  // leak would grow it again on a second identical run.
  const table1 = wasm.__wbindgen_externrefs.length;
  const again = fuzz(cs, wasm, { seed, calls, good });
  const total = (performance.now() - t0) / 1000;
  t.diagnostic(`externref table: ${table0} -> ${table1} after run 1 (peak), ${wasm.__wbindgen_externrefs.length} after run 2; both runs ${total.toFixed(1)} s`);
  assert.equal(again.counts.traps + again.counts.hangs + again.unnamedSamples.length, 0);
  assert.equal(wasm.__wbindgen_externrefs.length, table1, 'the externref table grew on a repeated run: a leak');
  assert.deepEqual(again.readme, [15, 16, 6, 15]);
  assert.ok(total < 900, `took ${total} s: a hang, not a slow machine (runs take 10-70 s here)`);
});
