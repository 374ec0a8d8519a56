// The toy word embedding and 3-gram detectors of the "1-D convolution for text" demo.
//
// Each word maps to a hand-set vector of 4 numbers, one per meaning axis (DIMS). It is NOT a
// learned embedding: it is small enough to read aloud, so students can check every product.
// Words not in VOCAB get the zero vector (and the page says so).

/** The four embedding dimensions, in order. */
export const DIMS = ['positive', 'negative', 'negation', 'intensity'];
/** The dimensions' names on the page (catalog keys), in DIMS order. */
export const DIM_LABELS = ['playground.dimPositive', 'playground.dimNegative', 'playground.dimNegation', 'playground.dimIntensity'];

/** word → [positive, negative, negation, intensity]. */
export const VOCAB = {
  good: [1, 0, 0, 0], great: [1, 0, 0, 0.5], excellent: [1, 0, 0, 1], fun: [0.8, 0, 0, 0],
  love: [1, 0, 0, 0.5], loved: [1, 0, 0, 0.5], like: [0.6, 0, 0, 0], liked: [0.6, 0, 0, 0],
  nice: [0.7, 0, 0, 0], funny: [0.8, 0, 0, 0], best: [1, 0, 0, 1], brilliant: [1, 0, 0, 1],
  bad: [0, 1, 0, 0], boring: [0, 0.8, 0, 0], awful: [0, 1, 0, 0.5], terrible: [0, 1, 0, 1],
  hate: [0, 1, 0, 0.5], hated: [0, 1, 0, 0.5], dull: [0, 0.7, 0, 0], worst: [0, 1, 0, 1], poor: [0, 0.8, 0, 0],
  not: [0, 0, 1, 0], never: [0, 0, 1, 0.5], no: [0, 0, 1, 0], "isn't": [0, 0, 1, 0], "wasn't": [0, 0, 1, 0],
  "didn't": [0, 0, 1, 0], "don't": [0, 0, 1, 0], hardly: [0, 0, 0.7, 0],
  very: [0, 0, 0, 1], really: [0, 0, 0, 1], so: [0, 0, 0, 0.5], too: [0, 0, 0, 0.5], all: [0, 0, 0, 0.5],
  the: [0, 0, 0, 0], a: [0, 0, 0, 0], an: [0, 0, 0, 0], movie: [0, 0, 0, 0], film: [0, 0, 0, 0],
  was: [0, 0, 0, 0], is: [0, 0, 0, 0], it: [0, 0, 0, 0], this: [0, 0, 0, 0], at: [0, 0, 0, 0],
  plot: [0, 0, 0, 0], acting: [0, 0, 0, 0], story: [0, 0, 0, 0], and: [0, 0, 0, 0], but: [0, 0, 0, 0],
  i: [0, 0, 0, 0], of: [0, 0, 0, 0], to: [0, 0, 0, 0], ending: [0, 0, 0, 0],
};

/** Kernel size of the detectors: a 3-gram. */
export const NGRAM = 3;

/**
 * 3-gram detectors: weight [DIMS.length][NGRAM] (rows = dimensions, columns = word 1, 2, 3 of
 * the window), i.e. one conv1d filter of shape [4, 3].
 */
export const DETECTORS = [
  {
    id: 'negated-praise',
    label: 'playground.detNegatedPraise',
    short: 'playground.detNegatedPraiseShort',
    // negation on word 1, positive word 2, a little for an intensifier on word 3
    weight: [[0, 1, 0], [0, -1, 0], [1, 0, 0], [0, 0, 0.5]],
  },
  {
    id: 'praise',
    label: 'playground.detPraise',
    short: 'playground.detPraiseShort',
    // positive word 2, boosted by an intensifier before it, cancelled by a negation before it
    weight: [[0, 1, 0], [0, 0, 0], [-1, 0, 0], [0.5, 0, 0]],
  },
  {
    id: 'negated-complaint',
    label: 'playground.detNegatedComplaint',
    short: 'playground.detNegatedComplaintShort',
    // negation on word 1 counts half: the complaint word itself must be there to fire fully
    weight: [[0, 0, 0], [0, 1, 0], [0.5, 0, 0], [0, 0, 0.5]],
  },
];

/** Most words the demo takes (the grid must stay readable on a projector). */
export const MAX_WORDS = 12;

/**
 * Splits a sentence into known-format tokens: lower case, letters and apostrophes only.
 * Returns {words, changed} where `changed` says characters or words were dropped.
 * @param {string} sentence
 */
export function tokenize(sentence) {
  const cleaned = String(sentence).toLowerCase().replace(/[’]/g, "'").replace(/[^a-z' ]+/g, ' ');
  let words = cleaned.split(/\s+/).filter(Boolean).map((w) => w.replace(/^'+|'+$/g, '')).filter(Boolean);
  const changed = words.length > MAX_WORDS || cleaned.trim().replace(/\s+/g, ' ') !== String(sentence).trim().toLowerCase().replace(/\s+/g, ' ');
  words = words.slice(0, MAX_WORDS);
  return { words, changed };
}

/** The embedding matrix [DIMS, L] (row-major) of `words`, and the words not in VOCAB. */
export function embed(words) {
  const L = words.length;
  const data = new Float32Array(DIMS.length * L);
  const unknown = [];
  words.forEach((w, t) => {
    const v = Object.hasOwn(VOCAB, w) ? VOCAB[w] : null;
    if (!v) { unknown.push(w); return; }
    v.forEach((x, d) => { data[d * L + t] = x; });
  });
  return { tensor: { data, shape: [DIMS.length, L] }, unknown };
}

/** The detectors as one conv1d weight [O, 4, 3]. */
export function detectorWeight() {
  const data = Float32Array.from(DETECTORS.flatMap((d) => d.weight.flat()));
  return { data, shape: [DETECTORS.length, DIMS.length, NGRAM] };
}
