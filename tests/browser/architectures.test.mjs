// The architecture view (architectures.html) in headless Chromium: the lecture's AlexNet
// table, recomputation when the input size or a layer changes, inline explanations of
// invalid edits (the page keeps working), expandable blocks with their diagrams and the
// comparison chart. Every test also checks zero console errors and zero off-origin requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openWithBlockedStorage } from './harness.mjs';
import { clean, openArchitectures, text } from './architectures_page.mjs';

let browser;
before(async () => { browser = await launch({ root: process.env.CONVSCOPE_TEST_ROOT }); });
after(async () => { await browser?.close(); });

/** Opens the view at `hash` and waits until the core has computed the table. */
const open = (hash = '') => openArchitectures(browser, hash);

test("AlexNet shows the lecture's table: [55×55×96] CONV1: 96 11×11 filters at stride 4, pad 0", async () => {
  const page = await open('#alexnet');
  // CONV1's output and description, as on the slide.
  assert.equal(await text(page, 'out-conv1'), '55×55×96');
  assert.match(await page.textContent('[data-testid="row-conv1"] .c-what'), /^96 11×11 filters at stride 4, pad 0/);
  // The rest of the lecture's shapes, in order (NORM layers keep their input's shape).
  const expected = { pool1: '27×27×96', conv2: '27×27×256', pool2: '13×13×256', conv3: '13×13×384', conv4: '13×13×384', conv5: '13×13×256', pool3: '6×6×256', fc6: '4096', fc7: '4096', fc8: '1000' };
  for (const [layer, shape] of Object.entries(expected)) assert.equal(await text(page, `out-${layer}`), shape, layer);
  // About 60 million parameters, most of them in the FC layers.
  assert.match(await text(page, 'total-params'), /^62\.4 M\s*62,378,344$/);
  assert.match(await text(page, 'share'), /FC 9\d%/);
  // CONV1 sees 11×11 input pixels.
  assert.match(await text(page, 'rf-conv1'), /^11×11/);
  clean(page);
  await page.close();
});

test('changing the input size recomputes every shape below', async () => {
  const page = await open('#alexnet');
  // 259×259: ⌊(259 − 11)/4⌋ + 1 = 63, …, pool3 7×7 (computed by hand from the formula).
  await page.fill('[data-testid=input-size]', '259');
  assert.equal(await text(page, 'out-conv1'), '63×63×96');
  assert.equal(await text(page, 'out-pool3'), '7×7×256');
  // FC6 now has 7·7·256·4096 + 4096 = 51,384,320 weights and biases.
  assert.match(await page.getAttribute('[data-testid="params-fc6"]', 'title'), /^51,384,320 /);
  assert.equal(await text(page, 'edit-error'), '');
  clean(page);
  await page.close();
});

test('editing one layer recomputes the layers below it', async () => {
  const page = await open('#alexnet');
  // The row's Edit button selects the layer; stride 2, padding 5: ⌊(227 + 10 − 11)/2⌋ + 1 = 114.
  await page.click('[data-testid="edit-conv1"]');
  assert.equal(await page.inputValue('[data-testid=edit-layer]'), 'conv1');
  await page.fill('[data-testid=edit-stride]', '2');
  await page.fill('[data-testid=edit-padding]', '5');
  await page.click('[data-testid=edit-apply]');
  assert.equal(await text(page, 'out-conv1'), '114×114×96');
  assert.equal(await text(page, 'out-pool1'), '56×56×96');
  assert.match(await text(page, 'edits'), /conv1: stride 2, padding 5/);
  // Removing the edit restores the paper's table.
  await page.click('[data-testid="remove-conv1"]');
  assert.equal(await text(page, 'out-conv1'), '55×55×96');
  clean(page);
  await page.close();
});

test('an invalid edit is explained inline, names the layer and the parameter, and the page keeps working', async () => {
  const page = await open('#alexnet');
  // 32×32: CONV1 → 6, POOL1 → 2, CONV2 → 2, then POOL2's 3×3 window no longer fits.
  await page.fill('[data-testid=input-size]', '32');
  const msg = await text(page, 'edit-error');
  assert.match(msg, /^inferShapes: invalid `pool2\.kernel`: /);
  assert.match(msg, /does not fit/);
  assert.ok(await page.isVisible('[data-testid=stale]'));
  assert.ok(await page.isVisible('[data-testid="row-pool2"]'), 'the last valid table stays');
  assert.match(await page.getAttribute('[data-testid="row-pool2"]', 'class'), /row-error/);
  // A stride of 0 for a layer: named too.
  await page.fill('[data-testid=input-size]', '227');
  await page.selectOption('[data-testid=edit-layer]', 'conv3');
  await page.fill('[data-testid=edit-stride]', '0');
  await page.click('[data-testid=edit-apply]');
  assert.match(await text(page, 'edit-error'), /^inferShapes: invalid `conv3\.stride`: expected a whole number >= 1, got 0/);
  // Fixing it clears the message and recomputes.
  await page.fill('[data-testid=edit-stride]', '2');
  await page.click('[data-testid=edit-apply]');
  assert.equal(await text(page, 'edit-error'), '');
  assert.equal(await text(page, 'out-conv3'), '7×7×384');
  assert.ok(await page.isHidden('[data-testid=stale]'));
  clean(page);
  await page.close();
});

test('blocks expand to their layers and a diagram (ResNet bottleneck, Inception, SE)', async () => {
  const page = await open('#resnet50');
  // Collapsed: the block is one row with its totals; its layers are hidden.
  assert.equal(await text(page, 'out-layer1_0'), '56×56×256');
  assert.equal(await page.$('[data-testid="row-layer1_0.conv1"]'), null);
  // Keyboard: focus the toggle and press Enter.
  await page.focus('[data-testid="toggle-layer1_0"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('[data-testid="toggle-layer1_0"]', 'aria-expanded'), 'true');
  assert.equal(await text(page, 'out-layer1_0.conv3'), '56×56×256');
  assert.equal(await text(page, 'out-layer1_0.proj'), '56×56×256');
  assert.ok(await page.isVisible('[data-testid="diagram-layer1_0"]'));
  // GoogLeNet: four branches concatenated.
  await page.click('[data-testid="pick-googlenet"]');
  await page.click('[data-testid="toggle-inception_3a"]');
  const label = await page.getAttribute('[data-testid="diagram-inception_3a"]', 'aria-label');
  assert.match(label, /1x1: .*3x3: .*5x5: .*pool: /);
  assert.equal(await text(page, 'out-inception_3a.concat'), '28×28×256');
  // SE-ResNet-50: the SE block nested in a residual block.
  await page.click('[data-testid="pick-se-resnet50"]');
  await page.click('[data-testid="expand-all"]');
  assert.equal(await text(page, 'out-layer1_0.se.fc1'), '16');
  assert.ok(await page.isVisible('[data-testid="diagram-layer1_0.se"]'));
  clean(page);
  await page.close();
});

test('the comparison chart lists every architecture with the human error line and opens one on click', async () => {
  const page = await open();
  // One row per architecture the core knows.
  const names = await page.evaluate(async () => (await import('./www/shared/core.js')).loadCore().then((c) => c.architectureNames()));
  assert.equal(await page.locator('[data-testid=compare-svg] .cmp-row').count(), names.length);
  assert.match(await page.textContent('[data-testid=compare-svg]'), /human 5\.1%/);
  assert.match(await page.textContent('[data-testid=compare-svg]'), /15\.3%.*7\.3%.*6\.67%.*3\.57%.*4\.1%.*2\.251%/s);
  // Clicking VGG-16's row opens it.
  await page.click('[data-testid=compare-svg] .cmp-row[data-name="vgg16"]');
  assert.match(await text(page, 'arch-title'), /^VGG-16/);
  assert.equal(new URL(page.url()).hash, '#vgg16');
  assert.match(await text(page, 'rf-conv1_2'), /^5×5/);
  assert.match(await text(page, 'rf-pool1'), /^6×6/);
  clean(page);
  await page.close();
});

test('the API: a spec object round-trips, malformed specs and options throw named Errors, the module keeps working', async () => {
  const page = await open();
  const r = await page.evaluate(async () => {
    const core = await (await import('./www/shared/core.js')).loadCore();
    const tryMsg = (f) => { try { f(); return 'no error'; } catch (e) { return e instanceof Error ? e.message : `not an Error: ${e}`; } };
    const spec = core.architecture('resnext50-32x4d');
    const byObject = core.inferShapes(spec, {});
    const byName = core.inferShapes('resnext50-32x4d', {});
    // A spec edited in JS: AlexNet with 5 groups in CONV2 (96 channels are not divisible by 5).
    const alex = core.architecture('alexnet');
    alex.layers[3].groups = 5;
    let deep = { kind: 'squeezeExcite', name: 'x', gate: [] };
    for (let i = 0; i < 100; i++) deep = { kind: 'squeezeExcite', name: `b${i}`, gate: [deep] };
    const tiny = core.architecture('lenet5');
    tiny.layers = [deep];
    return {
      same: JSON.stringify(byObject) === JSON.stringify(byName),
      params: byName.totals.params,
      groups: tryMsg(() => core.inferShapes(alex, {})),
      unknownKind: tryMsg(() => core.inferShapes({ ...core.architecture('lenet5'), layers: [{ kind: 'spline', name: 'q' }] }, {})),
      deep: tryMsg(() => core.inferShapes(tiny, {})),
      name: tryMsg(() => core.inferShapes('resnet9000', {})),
      options: tryMsg(() => core.inferShapes('alexnet', 5)),
      inputSize: tryMsg(() => core.inferShapes('alexnet', { inputSize: -3 })),
      overrideKey: tryMsg(() => core.inferShapes('alexnet', { overrides: { conv1: { strides: 2 } } })),
      badArch: tryMsg(() => core.architecture(42)),
      after: core.inferShapes('alexnet', { inputSize: [227, 227] }).rows[1].outShape,
    };
  });
  assert.equal(r.same, true);
  assert.equal(r.params, 25028904);
  assert.match(r.groups, /^inferShapes: invalid `conv2\.groups`: /);
  assert.match(r.unknownKind, /^inferShapes: invalid `spec`: /);
  assert.match(r.deep, /^inferShapes: invalid `spec`: expected objects nested at most/);
  assert.match(r.name, /^inferShapes: invalid `spec`: .*resnet9000/);
  assert.match(r.options, /^inferShapes: invalid `options`: /);
  assert.match(r.inputSize, /^inferShapes: invalid `inputSize`: /);
  assert.match(r.overrideKey, /^inferShapes: invalid `conv1\.strides`: unknown option/);
  assert.match(r.badArch, /^architecture: invalid `name`: /);
  assert.deepEqual(r.after, [96, 55, 55]);
  clean(page);
  await page.close();
});

test('a malformed URL hash (#%E0%A4%A, #%) shows an inline notice and the page opens AlexNet and works on', async () => {
  for (const hash of ['#%E0%A4%A', '#%']) {
    const page = await open(hash);
    // A clear message in the page, not an uncaught URIError and a blank page.
    assert.match(await text(page, 'notices'), /could not be read/);
    assert.equal(await text(page, 'out-conv1'), '55×55×96');
    // The page keeps working: another network opens.
    await page.click('[data-testid="pick-vgg16"]');
    assert.equal(new URL(page.url()).hash, '#vgg16');
    assert.match(await text(page, 'rf-conv1_2'), /^5×5/);
    clean(page);
    await page.close();
  }
});

test('with site data blocked (reading localStorage throws) the page works as usual: it keeps nothing in storage', async () => {
  const page = await openWithBlockedStorage(browser, 'architectures.html#resnet50');
  await page.waitForSelector('[data-testid="row-input"]');
  assert.equal(await text(page, 'out-layer1_0'), '56×56×256');
  clean(page);
  await page.close();
});
