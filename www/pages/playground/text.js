// The playground's new user-visible strings, in one place (the Korean/English issue moves them
// into message catalogs). Older strings still live next to their markup.

export const TEXT = {
  keysButton: 'Keys (?)',
  keysButtonLabel: 'Presenter keys (?)',
  keysTitle: 'Presenter keys',
  keysIntro: 'These keys work wherever the focus is, except in text boxes, menus and sliders.',
  keysClose: 'Close (Esc)',
  examplesTitle: 'Worked examples (number keys)',
  keys: [
    ['→  PageDown', 'next step'],
    ['←  PageUp', 'previous step'],
    ['Home', 'first step'],
    ['End', 'last step'],
    ['Space', 'play / pause'],
    ['1 … 6', 'load a worked example (listed below)'],
    ['?', 'show this list'],
    ['Esc', 'close this list'],
  ],
  loading: 'Loading the WebAssembly core…',
};
