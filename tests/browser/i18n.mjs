// What a reader sees in one language: the visible text nodes and the spoken / hover texts
// (aria-label, title, placeholder, alt) of a page, and the checks of the Korean/English issue:
// a Korean page has no text made only of Latin words beyond the allow-list, an English page has
// no Hangul outside the language switch.

/**
 * Latin words a Korean page may show as they are (Korean courses write them in Latin script):
 * layer names, activation names, data set and network names, units, key names, file formats.
 */
export const LATIN_ALLOWED = new RegExp(`^(${[
  'C\\d+', 'S\\d+', 'F\\d+', 'ReLU', 'tanh', 'softmax', 'sigmoid', 'MNIST', 'LeNet', 'LeNet-5', 'convscope', 'CNN', 'NLP', 'MLP',
  'AlexNet', 'ZFNet', 'VGG\\d*', 'VGG-\\d+', 'GoogLeNet', 'Inception', 'ResNet', 'ResNet-?\\d+', 'SE', 'SENet', 'MobileNet', 'MobileNetV\\d',
  'DenseNet', 'SqueezeNet', 'ImageNet', 'WebAssembly', 'wasm', 'burn', 'JSON', 'PNG', 'CSV', 'URL', 'QR', 'LAN', 'RGB', 'ID', 'MAC', 'MACs',
  'px', 'ms', 'KB', 'MB', 'KiB', 'MiB', 'B', 'M', 'G', 'K', 'x', 'e', 'k', 'n', 'p', 's', 'd', 'w', 'h', 'b', 'z', 'y',
  'Ctrl', 'Alt', 'Shift', 'Esc', 'Enter', 'Tab', 'Space', 'Home', 'End', 'PageUp', 'PageDown', 'Page', 'Up', 'Down', 'Mac',
  'max', 'avg', 'min', 'sum', 'mean', 'std', 'lr',
].join('|')})$`);

/**
 * The texts a reader meets on the page, each with where it is: visible text nodes (not the
 * language switch's, whose labels are each in their own language) and the aria-label, title,
 * placeholder and alt of elements in the document.
 * @returns {Promise<{text: string, where: string}[]>}
 */
export function readerTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const describe = (e) => {
      const id = e.closest('[data-testid]')?.dataset.testid;
      return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''}${id ? ` in [${id}]` : ''}`;
    };
    const inSwitch = (e) => e.closest('[data-slot=lang]');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.replace(/\s+/g, ' ').trim();
      const e = n.parentElement;
      if (!text || !e || e.closest('script, style, template') || inSwitch(e)) continue;
      // Visually hidden text (class visually-hidden) is read aloud: it counts. display:none does not.
      if (!e.checkVisibility({ visibilityProperty: true }) && !e.closest('.visually-hidden')) continue;
      out.push({ text, where: describe(e) });
    }
    for (const e of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (inSwitch(e)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = e.getAttribute(a);
        if (v && v.trim()) out.push({ text: v.trim(), where: `${describe(e)} @${a}` });
      }
    }
    return out;
  });
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/**
 * Texts of a Korean page made only of Latin words, some of them not allowed: parenthesised
 * glosses and names (words with a digit or an underscore, the allow-list) are fine.
 */
export function latinOnly(texts) {
  return texts.filter(({ text }) => {
    if (HANGUL.test(text)) return false;
    const words = text.replace(/\([^)]*\)/g, ' ').match(/[A-Za-z][A-Za-z0-9_.-]*/g) ?? [];
    // A word with a digit or an underscore is a name (conv1_1, pool2, ResNet-50, v1.5, fc6), not prose.
    return words.some((w) => !/[0-9_]/.test(w) && !LATIN_ALLOWED.test(w.replace(/[.-]+$/, '')));
  });
}

/** Texts of an English page that contain Hangul. */
export function withHangul(texts) {
  return texts.filter(({ text }) => HANGUL.test(text));
}

/** One line per text, for assertion messages. */
export function describeTexts(texts) {
  return texts.map(({ text, where }) => `  ${where}: “${text.length > 90 ? `${text.slice(0, 90)}…` : text}”`).join('\n');
}
