// The seeded random numbers every part uses where a seed must give the same numbers on every
// machine (the playground's random grid, the MNIST subset script).

/**
 * Mulberry32, a small seeded PRNG (Tommy Ettinger, public domain): the same seed gives the
 * same "random" grid on every machine, so a shared link shows the same numbers.
 * @param {number} seed
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
