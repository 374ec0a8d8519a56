// The one font of the training lab's canvases: each new font string costs a font lookup on the
// main thread (slow on a busy machine), so every label uses this one.
export const CANVAS_FONT = '11px system-ui, sans-serif';
