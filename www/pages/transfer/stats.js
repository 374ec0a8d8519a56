// The comparison's numbers: the cells the engine measured (one (method, shots, seed) each,
// TransferExperiment.runNext) folded into one row per (examples per class, method) with the mean
// and the sample standard deviation over the seeds. Pure.

/**
 * @param {{method: string, shots: number, seed: number, accuracy: number}[]} cells
 * @param {Record<string, string>} methodId the page's id of each engine method name
 * @returns {{size: number, method: string, mean: number, sd: number, runs: number}[]}
 */
export function summarize(cells, methodId) {
  const groups = new Map();
  for (const c of cells) {
    const key = `${c.shots}|${c.method}`;
    if (!groups.has(key)) groups.set(key, { size: c.shots, method: methodId[c.method] ?? c.method, values: [] });
    groups.get(key).values.push(c.accuracy);
  }
  return [...groups.values()].map(({ size, method, values }) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
    return { size, method, mean, sd, runs: values.length };
  });
}
