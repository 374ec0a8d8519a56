// The training lab's data file www/assets/mnist-train.bin.gz (scripts/mnist_subset.mjs): its
// header, counts and size, class balance, disjoint sets, and pixels equal to MNIST's training
// set (../shared/mnist, checked by sha256) at the indices the file names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSource } from '../../scripts/mnist_subset.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = resolve(ROOT, 'www/assets/mnist-train.bin.gz');
const MNIST = ['../shared/mnist', '/work/shared/mnist'].map((p) => resolve(ROOT, p)).find((p) => existsSync(resolve(p, 'train-labels-idx1-ubyte.gz')));

function read() {
  const gz = readFileSync(FILE);
  const b = gunzipSync(gz);
  const T = b.readUInt32LE(8);
  const V = b.readUInt32LE(12);
  const n = T + V;
  return {
    gz, b, T, V, n, magic: b.toString('ascii', 0, 4), version: b.readUInt32LE(4), rows: b.readUInt16LE(16), cols: b.readUInt16LE(18),
    label: (i) => b[20 + i],
    index: (i) => b.readUInt32LE(20 + n + 4 * i),
    pixels: (i) => b.subarray(20 + 5 * n + i * 784, 20 + 5 * n + (i + 1) * 784),
  };
}

test('the data file is gzip, at most 2 MB, and its header says CSMT v1 with 10,000 + 2,000 images of 28x28', () => {
  const f = read();
  assert.deepEqual([f.gz[0], f.gz[1]], [0x1f, 0x8b]);
  assert.ok(statSync(FILE).size <= 2_000_000, `${statSync(FILE).size} bytes`);
  assert.equal(f.magic, 'CSMT');
  assert.equal(f.version, 1);
  assert.deepEqual([f.T, f.V, f.rows, f.cols], [10000, 2000, 28, 28]);
  assert.equal(f.b.length, 20 + 5 * 12000 + 12000 * 784);
});

test('each set holds exactly a tenth of its images per class, and no source image is used twice', () => {
  const f = read();
  const train = new Array(10).fill(0);
  const val = new Array(10).fill(0);
  for (let i = 0; i < f.n; i++) (i < f.T ? train : val)[f.label(i)]++;
  assert.deepEqual(train, new Array(10).fill(1000));
  assert.deepEqual(val, new Array(10).fill(200));
  const seen = new Set();
  for (let i = 0; i < f.n; i++) seen.add(f.index(i));
  assert.equal(seen.size, 12000);
  // interleaved, not sorted by class: the first 20 training labels are not all one class
  assert.ok(new Set(Array.from({ length: 20 }, (_, i) => f.label(i))).size > 3);
});

test('images and labels equal MNIST training images at the stored indices (first, last and every 997th)', { skip: !MNIST && 'no ../shared/mnist' }, () => {
  const f = read();
  const images = readSource(MNIST, 'train-images-idx3-ubyte.gz');
  const labels = readSource(MNIST, 'train-labels-idx1-ubyte.gz');
  const picks = [0, f.T - 1, f.T, f.n - 1];
  for (let i = 0; i < f.n; i += 997) picks.push(i);
  for (const i of picks) {
    const src = f.index(i);
    assert.ok(src < 60000);
    assert.equal(f.label(i), labels.bytes[src], `label of image ${i}`);
    assert.deepEqual(f.pixels(i), images.bytes.subarray(src * 784, (src + 1) * 784), `pixels of image ${i}`);
  }
});
