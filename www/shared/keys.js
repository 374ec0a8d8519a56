// Presenter keys for every page: a clicker sends PageDown/PageUp, a keyboard →/←/Space. They
// step the page's current sequence whatever has focus (a player button keeps focus after a
// click), except where the key means something to the focused control: text fields, selects,
// sliders and anything that opts out with data-keys="own".
//
//   bindPresenterKeys({next, prev, first, last, digit, help}) → unbind()
//
// `digit(n)` receives 0-9 (worked examples on the playground, sample digits on the student
// page). `help()` is called for `?`. Each handler is optional; a key whose handler is missing is
// left to the browser.

/** Which action a key press asks for, or null. Pure: tested without a browser. */
export function actionOf(event) {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case 'ArrowRight': case 'PageDown': case ' ': return { action: 'next' };
    case 'ArrowLeft': case 'PageUp': return { action: 'prev' };
    case 'Home': return { action: 'first' };
    case 'End': return { action: 'last' };
    case '?': return { action: 'help' };
    default:
      if (/^[0-9]$/.test(event.key)) return { action: 'digit', value: Number(event.key) };
      return null;
  }
}

/**
 * Whether the focused element needs the key itself: typing in a field, moving a slider or
 * select with arrows, Space on a checkbox or a button (Space activates what has focus; the
 * other presenter keys still step when a button has focus).
 */
export function targetOwnsKey(target, key) {
  if (!target || typeof target.closest !== 'function') return false;
  if (target.closest('[data-keys="own"]')) return true;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target.getAttribute('type') || 'text').toLowerCase();
    if (type === 'checkbox' || type === 'radio') return key === ' ';
    return true;
  }
  if ((tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') && key === ' ') return true;
  return false;
}

/**
 * Listens on `root` (default: the document) and calls the page's handlers.
 * @param {{next?: Function, prev?: Function, first?: Function, last?: Function,
 *          digit?: (n: number) => void, help?: Function}} handlers
 * @returns {() => void} removes the listener
 */
export function bindPresenterKeys(handlers, root = globalThis.document) {
  const onKey = (event) => {
    if (event.defaultPrevented) return;
    const hit = actionOf(event);
    if (!hit || targetOwnsKey(event.target, event.key)) return;
    const fn = handlers[hit.action];
    if (typeof fn !== 'function') return;
    event.preventDefault();
    if (hit.action === 'digit') fn(hit.value);
    else fn();
  };
  root.addEventListener('keydown', onKey);
  return () => root.removeEventListener('keydown', onKey);
}
