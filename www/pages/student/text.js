// The student page's new visible and spoken strings, in one place (the Korean/English issue
// moves them into message catalogs). Functions take what varies.
export const TEXT = {
  skipToLayers: 'Skip to the layers',
  skipToPad: 'Skip to the drawing pad',
  padLabel: 'Drawing pad: draw a digit with the mouse, a finger or a pen. Keyboard users: pick a sample digit with the buttons beside it or the number keys 0 to 9; → and ← step through the samples.',
  padRole: 'drawing pad',
  unitClose: 'Close',
  unitCloseLabel: 'Close the unit\'s arithmetic',
  unitOpened: (name) => `${name}: its arithmetic is open in the side panel.`,
  unitHint: 'Click a unit in any layer (or focus a layer and press Enter) to see its arithmetic here.',
  keysButton: 'Keys (?)',
  keysTitle: 'Keyboard shortcuts',
  keysClose: 'Close',
  keys: [
    ['→, Page Down, Space', 'next sample digit'],
    ['←, Page Up', 'previous sample digit'],
    ['Home / End', 'first / last sample digit'],
    ['0 … 9', 'a handwritten sample of that digit'],
    ['Tab to a layer, arrow keys', 'move between its units; Page Up / Page Down change map'],
    ['Enter on a layer', 'open the unit\'s arithmetic in the side panel'],
    ['Escape', 'close the side panel or this list'],
    ['Ctrl + Z', 'undo the last stroke'],
    ['?', 'this list'],
  ],
  sampleAnnounce: (label, index) => `Sample ${index}: a handwritten ${label}.`,
};
