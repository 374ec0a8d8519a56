// Step-by-step animation: play / pause / single step / scrub / speed, and the keyboard
// shortcuts (→ / ← step, space play/pause) that stay quiet while the person types.

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
  return Boolean(el.closest('input, textarea, select, button, a[href], summary, [role="slider"], [data-own-keys]'));
}

/**
 * Installs → / ← (step) and space (play/pause) on `root`, ignored while typing, with a
 * modifier key held, or when a widget already handled the key.
 */
export function installShortcuts(root, { step, toggle, enabled = () => true }) {
  root.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || !enabled()) return;
    if (isTypingTarget(e.target)) return;
    if (e.key === 'ArrowRight') { e.preventDefault(); step(1); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); step(-1); }
    else if (e.key === ' ' || e.code === 'Space') { e.preventDefault(); toggle(); }
  });
}
