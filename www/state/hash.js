// Reads start-up options from the URL hash: #sample=12&variant=modern.

/** @returns {{sample: number|null, variant: 'classic'|'modern'|null}} */
export function readHash(hash = location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const s = params.get('sample');
  const sample = s !== null && /^\d+$/.test(s) ? Number(s) : null;
  const v = params.get('variant');
  return { sample, variant: v === 'classic' || v === 'modern' ? v : null };
}
