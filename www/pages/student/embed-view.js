// The student page in embed mode (www/shared/embed.js): `?embed=1&view=pad` shows the drawing
// pad with its prediction; `?embed=1&view=layer&layer=C1` one layer's feature maps, for the
// digit of the URL hash (`#sample=N&variant=…`, the page's share mechanism) or sample 0. Also
// what the "copy embed code" dialog offers from this page, and the prediction messages to the
// host page. main.js calls setupEmbed() once its store exists and mounted() after the views.
import { embed, embedReady, pageUrl, postToHost, refreshEmbed, registerEmbed, startEmbed } from '../../shared/embed.js';
import { serializeHash } from '../../shared/hash.js';
import { lang } from '../../shared/i18n.js';
import { topClass } from './views/prediction.js';
import { layerNamer } from './views/labels.js';

/** The sample a layer embed shows when the address names none (the first test digit). */
const LAYER_SAMPLE = 0;
/** At most one prediction message per this many ms while a stroke goes on (the last one is always sent). */
const POST_EVERY_MS = 100;
/** Room kept under the shown layer for the "open the full app" link, CSS px. */
const LINK_ROOM = 34;
/** Widest the layer's card gets (the student page's stacked layout stops growing there). */
const LAYER_MAX_WIDTH = 560;

/**
 * The sample on the pad as it is (null once strokes were drawn over it: the store keeps the
 * picked sample, the picker's note is then empty).
 */
function untouchedSample(s) {
  if (s.sample === null) return null;
  const info = document.querySelector('[data-testid="sample-info"]');
  return !info || info.textContent !== '' ? s.sample : null;
}

/** The page's state as the URL hash the page opens with (sample and variant; a drawing cannot be carried). */
function stateHash(s) {
  return serializeHash({ sample: untouchedSample(s), variant: s.variant === 'classic' ? null : s.variant });
}

/**
 * Registers the page's embeddable views and, in an embed, switches to the asked-for view.
 * Returns `{mounted()}` for main.js to call once every view is built.
 * @param {{store: object, model: {specs: object[]}, hash: {sample: number|null}}} page
 */
export function setupEmbed({ store, model, hash }) {
  const layers = model.specs.map((s) => s.name);
  const firstConv = model.specs.find((s) => s.kind === 'conv')?.name ?? layers[0];
  const view = embed.view === 'layer' ? 'layer' : 'pad';
  const layer = layers.includes(embed.layer) ? embed.layer : firstConv;

  registerEmbed({
    views: [
      { id: 'pad', label: 'common.embedViewPad', title: 'common.embedFrameTitlePad', width: 480, height: 360 },
      {
        id: 'layer', label: 'common.embedViewLayer', title: 'common.embedFrameTitleLayer', width: 480, height: 400,
        options: {
          param: 'layer', label: 'common.embedLayerLabel', values: layers, value: firstConv,
          text: layerNamer(model.specs),
        },
      },
    ],
    state() {
      const s = store.get();
      return {
        view: embed.on ? view : 'pad',
        params: embed.on && view === 'layer' ? { layer } : {},
        hash: stateHash(s),
        note: untouchedSample(s) === null && s.pixels ? 'common.embedDrawingNote' : null,
      };
    },
  });
  if (!embed.on) return { mounted() {} };

  if (view === 'layer' && hash.sample === null) hash.sample = LAYER_SAMPLE;
  startEmbed({ page: 'index.html', view, fullUrl: () => pageUrl(location.href, { lang: lang() }, stateHash(store.get())) });
  postPredictions(store);

  return {
    mounted() {
      if (view === 'layer') showLayer(layer);
      requestAnimationFrame(() => requestAnimationFrame(() => embedReady(view === 'layer' ? { layer } : {})));
    },
  };
}

/** Posts `convscope:prediction` after each new result (throttled while a stroke goes on). */
function postPredictions(store) {
  let last = 0;
  let timer = 0;
  let sent = '';
  const send = () => {
    timer = 0;
    last = performance.now();
    const s = store.get();
    const probs = s.pixels && s.result ? Array.from(s.result.probabilities) : null;
    const message = { digit: probs ? topClass(probs) : null, probabilities: probs, variant: s.variant, sample: untouchedSample(s) };
    refreshEmbed();
    // The same prediction again (the page recomputes it as it builds its views): not news.
    const key = JSON.stringify(message);
    if (key === sent) return;
    sent = key;
    postToHost('prediction', message);
  };
  store.subscribe((s, changed) => {
    if (!changed.has('result') || timer) return;
    const wait = last + POST_EVERY_MS - performance.now();
    if (wait <= 0) send();
    else timer = setTimeout(send, wait);
  });
}

/**
 * Shows only `name`'s card, and narrows the layers' strip until the card fits the frame's
 * height (the page's stacked layout scales the maps with the strip's width).
 */
function showLayer(name) {
  const strip = document.querySelector('[data-testid="layers"]');
  const card = document.querySelector(`[data-testid="layer-${CSS.escape(name)}"]`);
  if (!strip || !card) return;
  strip.dataset.embedLayer = name;
  card.classList.add('embed-shown');
  let tries = 0;
  const fit = () => {
    const room = innerHeight - card.getBoundingClientRect().top - LINK_ROOM;
    const stack = card.querySelector('.layer-stack');
    const maps = stack.offsetHeight;
    const over = card.offsetHeight - room;
    if (over <= 2 || maps <= 0 || tries++ > 4) return;
    const width = strip.clientWidth;
    const next = Math.max(140, Math.floor(width * Math.max(0.2, (maps - over) / maps)));
    if (next >= width) return;
    strip.style.maxWidth = `${next}px`;
    requestAnimationFrame(fit);
  };
  const refit = () => {
    tries = 0;
    strip.style.maxWidth = `${Math.min(LAYER_MAX_WIDTH, document.documentElement.clientWidth)}px`;
    requestAnimationFrame(fit);
  };
  addEventListener('resize', refit);
  refit();
}
