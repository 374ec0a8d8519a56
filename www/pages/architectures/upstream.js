// The part of a network that comes before one of its layers, as a network of its own, so the
// core can say what that layer receives: an invalid edit makes inferShapes() throw without a
// table, and the page's explanation ("this layer receives a map only 2 wide") needs the shape
// at the failing layer. Pure data transformation of a spec (architecture()); the shapes
// themselves come from the core (errors.js runs it).

/** The lists of nodes a block holds, with the branch each is: residual main/shortcut, Inception branches, SE gate. */
function childLists(node) {
  switch (node.kind) {
    case 'residual': return [['main', node.main ?? []], ['shortcut', node.shortcut ?? []]];
    case 'inception': return (node.branches ?? []).map((b) => [b.name, b.layers ?? []]);
    case 'squeezeExcite': return [['gate', node.gate ?? []]];
    default: return [];
  }
}

/** Every path in `node` (itself and, for a block, all it holds) under `prefix`. */
function pathsOf(node, prefix, out) {
  const path = prefix ? `${prefix}.${node.name}` : node.name;
  out.add(path);
  for (const [, nodes] of childLists(node)) for (const n of nodes) pathsOf(n, path, out);
  return out;
}

/** A flattened block's path as a name prefix: "layer1_0.se" → "layer1_0/se" (names may not hold '.'). */
const flat = (path) => path.replaceAll('.', '/');

/**
 * The layers in front of the node at `path`, as one straight list: the blocks that enclose it
 * are opened and only the branch that leads to it is kept (a branch reads its block's input).
 * With `branchEnd`, `path` names a block and the list runs to the end of that block's branch
 * `branchEnd` (what the block's merge receives from it).
 *
 * Nodes taken out of a block are renamed `<block path with / for .>/<name>`, so names stay
 * unique; `mapOverrides` moves the page's stride/padding edits to the new paths and drops the
 * edits of layers the list does not hold.
 * @param {object} spec architecture() output
 * @param {string} path e.g. "pool2", "layer2_0.conv2", "inception_3a.3x3"
 * @param {{branchEnd?: string}} [opts]
 * @returns {{spec: object, mapOverrides: (o: object) => object}|null} null when `path` is not in the spec
 */
export function upstream(spec, path, { branchEnd } = {}) {
  const layers = [];
  const kept = new Set();
  /** Unwrapped blocks, deepest last: their old path. */
  const opened = [];
  const rename = (node, parent) => (parent ? { ...node, name: `${flat(parent)}/${node.name}` } : node);

  // Walks `nodes` (under block path `parent`, or the top when null) until the target; true when found.
  const walk = (nodes, parent) => {
    for (const node of nodes) {
      const p = parent ? `${parent}.${node.name}` : node.name;
      if (p === path && !branchEnd) return true;
      if (p === path || path.startsWith(`${p}.`)) {
        const lists = childLists(node);
        if (p === path) {
          const list = lists.find(([b]) => b === branchEnd);
          if (!list) return false;
          opened.push(p);
          for (const n of list[1]) {
            layers.push(rename(n, p));
            pathsOf(n, p, kept);
          }
          return true;
        }
        opened.push(p);
        for (const [, list] of lists) {
          if (list.some((n) => path === `${p}.${n.name}` || path.startsWith(`${p}.${n.name}.`))) return walk(list, p);
        }
        return false;
      }
      layers.push(rename(node, parent));
      pathsOf(node, parent, kept);
    }
    return false;
  };
  if (!walk(spec.layers ?? [], null)) return null;

  const mapOverrides = (overrides = {}) => {
    const out = {};
    for (const [key, value] of Object.entries(overrides)) {
      if (!kept.has(key)) continue;
      const block = opened.filter((b) => key.startsWith(`${b}.`)).pop();
      out[block ? `${flat(block)}/${key.slice(block.length + 1)}` : key] = value;
    }
    return out;
  };
  return { spec: { ...spec, layers }, mapOverrides };
}

/** The shape `[C, H, W]` a straight list's table ends with: its last top-level row's output. */
export function lastShape(result) {
  const top = result.rows.filter((r) => r.parent == null);
  return top[top.length - 1].outShape;
}
