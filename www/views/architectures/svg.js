// Building inline SVG for the architecture views (chart and block diagrams).

export const NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element `name` with attributes `attrs` and optional text content. */
export function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
