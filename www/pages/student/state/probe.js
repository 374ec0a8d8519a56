// What to highlight for the unit or pixel under the pointer / keyboard cursor: receptive
// fields from the core's receptiveField(), "who sees this pixel" from unitsSeeing().

/**
 * Highlights per layer for a probe.
 * probe = a unit (state/model.js unitOf: {layer, c, y, x, kind, …}; y = x = 0 in a layer without
 *   maps, c = the unit's index there); a unit of kind 'input' is an input pixel (image coordinates).
 * Returns {byLayer: Map<name, {region: {y0,y1,x0,x1}, channels: number[]|null (null = all), self?: true}>,
 *          padded: {y0,y1,x0,x1} on the padded input, size: [h, w]|null, rf, seeing}.
 * @param {object} core wasm exports
 * @param {{name: string, kind: string}[]} specs layerSpecs() (entry 0: the input, with its `pad`)
 */
export function highlights(core, specs, probe) {
  const byLayer = new Map();
  if (probe.kind === 'input') {
    const seeing = core.unitsSeeing(probe.y, probe.x);
    for (const r of seeing) byLayer.set(r.layer, { region: r, channels: null });
    const pixel = { y0: probe.y, y1: probe.y + 1, x0: probe.x, x1: probe.x + 1 };
    byLayer.set(probe.layer, { region: pixel, channels: [0], self: true });
    const { pad } = specs[0];
    const padded = { y0: pixel.y0 + pad, y1: pixel.y1 + pad, x0: pixel.x0 + pad, x1: pixel.x1 + pad };
    return { byLayer, padded, size: null, rf: null, seeing };
  }
  const rf = core.receptiveField(probe.layer, probe.y, probe.x);
  const index = specs.findIndex((s) => s.name === probe.layer);
  // Channels the field covers, going down: a pooling layer looks at its own channel of the
  // layer below; a convolution or dense layer at every channel.
  let channels = [probe.c];
  for (let i = index; i >= 0; i--) {
    const name = specs[i].name;
    const region = rf.regions.find((r) => r.layer === name);
    if (region) byLayer.set(name, { region, channels, self: i === index });
    if (specs[i].kind !== 'pool') channels = null;
  }
  return { byLayer, padded: rf.padded, size: rf.size, rf, seeing: null };
}
