// inferShapes against hostile JS values (found in review): throwing getters, a spec whose
// getter answers differently on each read, and huge override lists must give named errors
// quickly and leave the module working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('inferShapes survives throwing getters, shape-shifting specs and 100k overrides', async () => {
  // Open a blank page and load the module.
  const page = await browser.newPage();
  await page.goto(`${browser.url}tests/browser/blank.html`);
  const r = await page.evaluate(async () => {
    const cs = await import('/pkg/convscope.js');
    await cs.default();
    const msg = (f) => { try { f(); return 'no error'; } catch (e) { return e.message; } };
    // Thousands of calls whose options getter throws (used to leak the wasm stack).
    let threw = 0;
    for (let i = 0; i < 5000; i++) {
      try { cs.inferShapes('lenet5', { get inputSize() { throw new Error('boom'); } }); } catch { threw++; }
    }
    // A spec whose `layers` getter returns a harmless list first and a 100k-deep one after.
    let deep = [];
    for (let i = 0; i < 100000; i++) deep = [{ kind: 'residual', main: deep }];
    let reads = 0;
    const shifty = { name: 'x', input: [1, 28, 28], get layers() { return reads++ ? deep : []; } };
    const shifting = msg(() => cs.inferShapes(shifty, {}));
    const overrides = Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`l${i}`, { stride: 1 }]));
    const many = msg(() => cs.inferShapes('alexnet', { overrides }));
    const table = cs.inferShapes('lenet5', {});
    return { threw, shifting, many, rows: table.rows.length };
  });
  assert.equal(r.threw, 5000);
  // The spec is read once (a snapshot): either that snapshot is inferred or it is refused by name.
  assert.ok(r.shifting === 'no error' || /^inferShapes: invalid `/.test(r.shifting), r.shifting);
  assert.match(r.many, /`overrides`: more than 1000/);
  assert.ok(r.rows > 0, 'the module still infers shapes');
});
