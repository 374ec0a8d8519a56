// The DOM helpers every page uses: one way to find elements, to make them and to write text.

/** The first element matching `selector` under `root` (default: the document), or null. */
export function $(selector, root = document) {
  return root.querySelector(selector);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(e, attrs, children) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.setAttribute('class', String(v));
    else if (k === 'text') e.textContent = String(v);
    // Through the CSSOM: the pages' Content-Security-Policy (style-src 'self') blocks a style
    // attribute set by setAttribute, but not declarations set on element.style.
    else if (k === 'style') e.style.cssText = String(v);
    else e.setAttribute(k, String(v));
  }
  e.append(...children.filter((c) => c !== undefined && c !== null));
  return e;
}

/**
 * An HTML element: `el('td', {class: 'mono', 'data-testid': 'x'}, 'text', child…)`. Attributes
 * with undefined, null or false values are left out; `text` sets the text content.
 */
export function el(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, same arguments as el(). */
export function svgEl(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/**
 * Sets `node`'s text only when it differs: an unchanged write still invalidates layout, and the
 * student page rewrites its numbers every animation frame while the student draws.
 */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
