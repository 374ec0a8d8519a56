// Writes www/assets/mnist-train.bin.gz: the training lab's data set, 10,000 training and 2,000
// validation digits cut from MNIST's TRAINING set (Node, zlib only). Only train.html loads it.
//
//   node scripts/mnist_subset.mjs [--train 10000] [--val 2000] [--seed 1]
//                                 [--mnist ../shared/mnist] [--out www/assets/mnist-train.bin.gz]
//
// Input: train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz (LeCun, Cortes, Burges;
// CC BY-SA 3.0), whose sha256 must equal the ones in ../shared/mnist/README.md (below).
//
// Selection: class-balanced and seeded. For each class, the indices of its images are shuffled
// by a seeded Fisher-Yates (mulberry32); the first train/10 go to the training set, the next
// val/10 to the validation set (disjoint). Each set is then shuffled (same generator) so the
// classes are interleaved. The same seed gives the same file, byte for byte.
//
// Output format "CSMT" version 1, all integers little-endian, the whole file gzipped (level 9):
//   offset 0        4 bytes   ASCII "CSMT"
//          4        u32       version = 1
//          8        u32       T, training images
//         12        u32       V, validation images
//         16        u16       rows = 28
//         18        u16       cols = 28
//         20        T bytes   training labels (0-9)
//         20+T      V bytes   validation labels
//         20+T+V    (T+V)×u32 index of each image in MNIST's 60,000-image training set
//         20+5(T+V) T×rows×cols bytes: training pixels, row-major, 0 = background, 255 = ink
//         then      V×rows×cols bytes: validation pixels
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIdx } from './make_samples.mjs';
import { mulberry32 } from '../www/shared/random.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MAGIC = 'CSMT';
export const VERSION = 1;
export const HEADER_BYTES = 20;
export const CLASSES = 10;
const IDX_IMAGES_MAGIC = 2051;
const IDX_LABELS_MAGIC = 2049;

/** sha256 of the gzipped source files (../shared/mnist/README.md). */
export const SOURCE_SHA256 = {
  'train-images-idx3-ubyte.gz': '0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971',
  'train-labels-idx1-ubyte.gz': '1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203',
};


function shuffle(list, rand) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** Reads and checks a gzipped IDX source file of `dir`; returns {dims, bytes}. */
export function readSource(dir, name) {
  const gz = readFileSync(resolve(dir, name));
  const sum = createHash('sha256').update(gz).digest('hex');
  if (sum !== SOURCE_SHA256[name]) throw new Error(`${name}: sha256 ${sum}, expected ${SOURCE_SHA256[name]}`);
  return parseIdx(gunzipSync(gz), name.includes('images') ? IDX_IMAGES_MAGIC : IDX_LABELS_MAGIC);
}

/**
 * The seeded, class-balanced choice described at the top: {train: indices, val: indices}
 * into the source, each `perClass·10` long, disjoint.
 */
export function chooseSubset(labels, { train, val, seed }) {
  if (train % CLASSES || val % CLASSES) throw new Error('--train and --val must be multiples of 10');
  const rand = mulberry32(seed);
  const byClass = Array.from({ length: CLASSES }, () => []);
  labels.forEach((y, i) => byClass[y].push(i));
  const out = { train: [], val: [] };
  for (const list of byClass) {
    shuffle(list, rand);
    if (list.length < (train + val) / CLASSES) throw new Error('not enough images of a class');
    out.train.push(...list.slice(0, train / CLASSES));
    out.val.push(...list.slice(train / CLASSES, (train + val) / CLASSES));
  }
  shuffle(out.train, rand);
  shuffle(out.val, rand);
  return out;
}

/** Encodes the CSMT file (uncompressed) from the source and the chosen indices. */
export function encodeSubset(images, labels, { train, val }) {
  const [, rows, cols] = images.dims;
  const px = rows * cols;
  const all = [...train, ...val];
  const n = all.length;
  const out = Buffer.alloc(HEADER_BYTES + 5 * n + n * px);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(VERSION, 4);
  out.writeUInt32LE(train.length, 8);
  out.writeUInt32LE(val.length, 12);
  out.writeUInt16LE(rows, 16);
  out.writeUInt16LE(cols, 18);
  all.forEach((src, i) => {
    out[HEADER_BYTES + i] = labels.bytes[src];
    out.writeUInt32LE(src, HEADER_BYTES + n + 4 * i);
    out.set(images.bytes.subarray(src * px, (src + 1) * px), HEADER_BYTES + 5 * n + i * px);
  });
  return out;
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function main() {
  const dir = resolve(ROOT, arg('mnist', '../shared/mnist'));
  const outPath = resolve(ROOT, arg('out', 'www/assets/mnist-train.bin.gz'));
  const images = readSource(dir, 'train-images-idx3-ubyte.gz');
  const labels = readSource(dir, 'train-labels-idx1-ubyte.gz');
  if (images.dims[0] !== labels.dims[0]) throw new Error('IDX: image and label counts differ');
  const chosen = chooseSubset(labels.bytes, { train: Number(arg('train', 10000)), val: Number(arg('val', 2000)), seed: Number(arg('seed', 1)) });
  const raw = encodeSubset(images, labels, chosen);
  // mtime 0 and no name in the gzip header (Node writes neither): same input, same bytes.
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(outPath, gz);
  console.log(`${outPath}: ${chosen.train.length} training + ${chosen.val.length} validation images, ${raw.length} bytes, ${gz.length} gzipped`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
