// www/pages/student/state/samples.js: the CSMS sample file, parsed from the shipped file and
// from crafted ones (no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parseSamples, indicesOfClass } from '../../www/pages/student/state/samples.js';

const asset = async () => {
  const b = await readFile(new URL('../../www/assets/mnist-samples.bin', import.meta.url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

test('the shipped file holds 300 MNIST test digits of 28×28, 30 per class, pixels scaled to [0, 1]', async () => {
  const s = parseSamples(await asset());
  assert.equal(s.count, 300);
  assert.deepEqual([s.rows, s.cols], [28, 28]);
  for (let d = 0; d < 10; d++) assert.equal(indicesOfClass(s, d).length, 30);
  // Sample 1 is MNIST test image #1, a 2 (as the student test reads it).
  assert.equal(s.indices[1], 1);
  assert.equal(s.labels[1], 2);
  const px = s.pixels(1);
  assert.equal(px.length, 784);
  assert.ok(px.every((v) => v >= 0 && v <= 1));
  assert.equal(Math.max(...px), 1);
});

test('a wrong magic, version or length is refused naming the file', async () => {
  const good = new Uint8Array(await asset());
  const bad = (edit) => { const b = good.slice(); edit(b); return b.buffer; };
  assert.throws(() => parseSamples(bad((b) => { b[0] = 0x58; })), /invalid `file`: expected magic CSMS/);
  assert.throws(() => parseSamples(bad((b) => { b[4] = 2; })), /invalid `file`: expected version 1, got 2/);
  assert.throws(() => parseSamples(good.slice(0, 1000).buffer), /invalid `file`: expected \d+ bytes, got 1000/);
});
