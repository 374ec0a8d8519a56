// The playground's page-level tools around the modes: image upload (decoded locally, re-decoded
// when its size or colour setting changes), the student's drawing arriving from the other
// page, the "large text" toggle for projectors, "Copy link", and the debounced sentence box.

import { $ } from '../../shared/dom.js';
import { t } from '../../shared/i18n.js';
import { msg } from './say.js';
import { DRAWING_KEY, storage } from '../../shared/persist.js';
import { setTextScale } from '../../shared/grid.js';
import { decodeImage } from './inputs.js';
import { tokenize } from './text-embedding.js';

/** Text scale of the "large text" toggle (projectors). */
export const LARGE_TEXT_SCALE = 1.35;
const LARGE_KEY = 'convscope.playground.largeText'; // also read by large-text-early.js
/** Sentence typing settles for this long (ms) before the page recomputes. */
const SENTENCE_DEBOUNCE_MS = 150;

/** Uploads: `upload(file)` decodes a chosen file; `refresh(settings)` re-decodes on a size/colour change. */
export function createUploads({ store, update }) {
  let file = null;
  let decodedFor = '';
  let version = 0;
  const decode = async (size, color) => ({ tensor: await decodeImage(file, size, color), version: ++version });

  async function upload(f) {
    file = f;
    try {
      const s = store.get().settings;
      const size = s.input.kind === 'upload' ? s.input.size : 64;
      const decoded = await decode(size, s.input.color);
      decodedFor = `${size}:${s.input.color}`;
      update((st) => {
        st.input.kind = 'upload';
        st.input.size = size;
        st.input.edits = new Map();
        return { upload: decoded, controlError: '' };
      }, { resetStep: true });
    } catch (e) {
      // The browser's own reason (its language, not the page's) in the page's sentence.
      store.set({ controlError: msg('playground.errUpload', { why: e instanceof Error ? e.message : String(e) }) });
    }
  }

  async function refresh(s) {
    if (!file || s.input.kind !== 'upload') return;
    const want = `${s.input.size}:${s.input.color}`;
    if (want === decodedFor) return;
    decodedFor = want;
    try {
      store.set({ upload: await decode(s.input.size, s.input.color) });
    } catch { /* reported on first decode */ }
  }

  return { upload, refresh };
}

/** Counts changes of the student's drawing made in another tab (the input re-reads it). */
export function watchDrawing(store) {
  window.addEventListener('storage', (e) => {
    if (e.key === DRAWING_KEY || e.key === null) store.set({ drawingVersion: store.get().drawingVersion + 1 });
  });
}

/** Applies the saved "large text" choice and returns the toggle's setter. */
export function initLargeText(store) {
  const apply = (on) => {
    document.documentElement.classList.toggle('large-text', on);
    setTextScale(on ? LARGE_TEXT_SCALE : 1);
    $('#large-text').checked = on;
  };
  apply(storage.read(LARGE_KEY).value === '1');
  return (on) => {
    apply(on);
    storage.write(LARGE_KEY, on ? '1' : '0');
    store.set({ textScale: on ? LARGE_TEXT_SCALE : 1 });
  };
}

/** Copies the page's address (it holds every setting). */
export async function copyLink() {
  const status = $('#copy-status');
  try {
    await navigator.clipboard.writeText(location.href);
    status.textContent = t('playground.linkCopied');
  } catch {
    status.textContent = t('playground.linkCopyFailed');
  }
  setTimeout(() => { status.textContent = ''; }, 4000);
}

/** The sentence box's handler: at least 3 words, applied once typing pauses. */
export function sentenceSetter(store, update) {
  let timer = null;
  return (value) => {
    const { words } = tokenize(value);
    if (words.length < 3) { store.set({ controlError: msg('playground.errSentenceShort') }); return; }
    store.set({ controlError: '' });
    clearTimeout(timer);
    timer = setTimeout(() => update((s) => { s.text.sentence = words.join(' '); }, { key: 'sentence', resetStep: true }), SENTENCE_DEBOUNCE_MS);
  };
}
