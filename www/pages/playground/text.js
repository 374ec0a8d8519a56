// The presenter-keys list of the "?" dialog: each key and the catalog key of what it does
// (the words are in www/shared/i18n/<lang>/playground.js).

/** [key names (not translated), catalog key of what it does]. */
export const KEYS = [
  ['→  PageDown', 'playground.keyNext'],
  ['←  PageUp', 'playground.keyPrev'],
  ['Home', 'playground.keyFirst'],
  ['End', 'playground.keyLast'],
  ['Space', 'playground.keyPlay'],
  ['1 … 6', 'playground.keyExample'],
  ['?', 'playground.keyHelp'],
  ['Esc', 'playground.keyClose'],
];
