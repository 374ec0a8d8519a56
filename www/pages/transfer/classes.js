// The new classes as the page keeps them: an ordered list of {id, name, examples}, each example
// a Float32Array(784) as the network sees it. Pure functions returning new lists (the store
// holds them); no DOM. Whether the list can be trained on (2–10 classes, names, examples) is
// the engine's to say (its named errors); nothing here refuses.

let nextId = 1;

/** A class named `name` with `examples` (one Float32Array image each). */
export function newClass(name, examples = []) {
  return { id: nextId++, name, examples };
}

/** The list with a class `name` added at the end. */
export const addClass = (list, name) => [...list, newClass(name)];

/** The list without the class `id`. */
export const removeClass = (list, id) => list.filter((c) => c.id !== id);

/** The list with `pixels` added to the examples of class `id`. */
export const addExample = (list, id, pixels) => list.map((c) => (c.id === id ? { ...c, examples: [...c.examples, pixels] } : c));

/** The list without example `index` of class `id`. */
export const removeExample = (list, id, index) => list.map((c) => (c.id === id ? { ...c, examples: c.examples.filter((_, i) => i !== index) } : c));

/** The classes in the form the worker takes: [{name, examples}]. */
export const forWorker = (list) => list.map(({ name, examples }) => ({ name, examples }));

/** Total examples in the list. */
export const exampleCount = (list) => list.reduce((n, c) => n + c.examples.length, 0);
