// The demo alphabets in the worker: the file (www/assets/alphabets.bin.gz, inflated as the
// training lab inflates its digits), the engine's AlphabetSet over it, and the held-out images
// a list of class names can be measured on. Runs in the worker only.
import { gunzipIfNeeded } from '../train/data.js';
import { fetchResource, resource } from '../../shared/resources.js';

/** The demo alphabets file (format "CSAB", www/assets/README.md). */
export const ALPHABETS_URL = resource('www/assets/alphabets.bin.gz');

/** Fetches the file and opens it with `AlphabetSet` (the engine's class). */
export async function loadAlphabets(AlphabetSet) {
  const res = await fetchResource(ALPHABETS_URL);
  if (!res.ok) throw new Error(`demo alphabets: HTTP ${res.status}`);
  return AlphabetSet.fromBytes(await gunzipIfNeeded(new Uint8Array(await res.arrayBuffer())));
}

/** Splits k images (k·size pixels, one label each) into one list of Float32Array(size) per class. */
export function byClass(pixels, labels, n) {
  const size = labels.length ? pixels.length / labels.length : 0;
  const out = Array.from({ length: n }, () => []);
  for (let i = 0; i < labels.length; i++) out[labels[i]].push(pixels.slice(i * size, (i + 1) * size));
  return out;
}

/**
 * The held-out images for the class names `names`: those of the first alphabet that has every
 * name (in any order), relabelled to the index in `names`; null when no alphabet has them all.
 * `heldOut(id)` gives an alphabet's held-out split ({classes, testPixels, testLabels}).
 */
export function heldOutFor(names, alphabets, heldOut) {
  const a = alphabets.find((x) => names.every((n) => x.classes.includes(n)));
  if (!a) return null;
  const split = heldOut(a.id);
  const to = split.classes.map((c) => names.indexOf(c)); // alphabet index → ours (−1: not ours)
  const keep = [];
  for (let i = 0; i < split.testLabels.length; i++) if (to[split.testLabels[i]] >= 0) keep.push(i);
  const size = split.testLabels.length ? split.testPixels.length / split.testLabels.length : 0; // one image's pixels
  const pixels = new Float32Array(keep.length * size);
  const labels = new Uint8Array(keep.length);
  keep.forEach((i, j) => {
    pixels.set(split.testPixels.subarray(i * size, (i + 1) * size), j * size);
    labels[j] = to[split.testLabels[i]];
  });
  return { alphabet: a.id, pixels, labels, count: keep.length };
}
