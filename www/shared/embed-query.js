// Whether and how an address asks for embed mode (`?embed=1&view=…`): the one reading of the
// embed parameters, with no dependencies, so that a page's first modules can ask it without
// loading embed.js (the student page decides before its first prediction whether it needs its
// embed view). embed-early.js, a classic script that cannot import, applies the same rule to
// `embed` alone.

/**
 * Reads `search` (location.search): `{on, view, layer, net}`; `on` when `embed` is 1 or true;
 * the other values are strings or null (a page checks them against what it has).
 */
export function parseEmbed(search = '') {
  let p;
  try { p = new URLSearchParams(search); } catch { p = new URLSearchParams(); }
  const value = (k) => {
    const v = p.get(k);
    return v === null || v.trim() === '' ? null : v.trim();
  };
  const e = value('embed');
  return { on: e === '1' || e === 'true', view: value('view'), layer: value('layer'), net: value('net') };
}
