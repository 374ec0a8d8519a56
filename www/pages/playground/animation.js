// Step-by-step animation: play / pause / single step / scrub / speed, and Space for play /
// pause (the other presenter keys are shared/keys.js's, wired in main.js).

/**
 * A stepper over positions 0 … count−1.
 * @param {{count: () => number, get: () => number, set: (i: number, how: 'play'|'user') => void,
 *   speed: () => number, onPlayingChange: (playing: boolean) => void}} o speed in steps/s
 */
export function createAnimator({ count, get, set, speed, onPlayingChange }) {
  let timer = null;
  const playing = () => timer !== null;
  function tick() {
    const n = count();
    const next = get() + 1;
    if (next >= n) { pause(); return; }
    set(next, 'play');
    if (next >= n - 1) { pause(); return; }
    timer = setTimeout(tick, 1000 / speed());
  }
  function play() {
    if (playing() || count() < 2) return;
    if (get() >= count() - 1) set(0, 'user');
    timer = setTimeout(tick, 1000 / speed());
    onPlayingChange(true);
  }
  function pause() {
    if (!playing()) return;
    clearTimeout(timer);
    timer = null;
    onPlayingChange(false);
  }
  return {
    play,
    pause,
    toggle: () => (playing() ? pause() : play()),
    playing,
    /** Moves by `d` positions (pauses first), clamped to the range. */
    step(d) {
      pause();
      const n = count();
      if (n < 1) return;
      set(Math.min(n - 1, Math.max(0, get() + d)), 'user');
    },
    /** Number of positions. */
    count: () => count(),
    seek(i) {
      const n = count();
      if (n < 1) return;
      set(Math.min(n - 1, Math.max(0, i)), 'user');
    },
  };
}

/** True when a key event comes from somewhere the person types or operates a widget. */
export function isTypingTarget(el) {
  if (!el || !(el instanceof Element)) return false;
  if (el.isContentEditable) return true;
  return Boolean(el.closest('input, textarea, select, button, a[href], summary, [role="slider"], [data-keys="own"]'));
}

/**
 * Space plays / pauses the animation (on `root`), ignored while typing, on a button (Space
 * presses it), with a modifier key held, or when a widget already handled the key. It runs
 * before the presenter keys (shared/keys.js), which would otherwise read Space as "next step".
 */
export function installPlayKey(root, { toggle, enabled = () => true }) {
  root.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || !enabled()) return;
    if (e.key !== ' ' || isTypingTarget(e.target)) return;
    e.preventDefault();
    toggle();
  });
}
