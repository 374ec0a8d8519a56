// The architectures page in embed mode (www/shared/embed.js): `architectures.html?embed=1&net=vgg16`
// shows that network's title, totals and layer table alone (the page's `#vgg16` hash works
// too); and what the "copy embed code" dialog offers from this page (the network shown: the
// page keeps its name in the URL hash). main.js calls setupEmbed(names) before it opens the
// network the hash names.
import { embed, embedReady, pageUrl, registerEmbed, startEmbed } from '../../shared/embed.js';
import { parseHash, serializeHash } from '../../shared/hash.js';
import { lang } from '../../shared/i18n.js';

/** The network the hash names (the page writes `#name` whenever one is picked). */
function shownName(names) {
  for (const [key, value] of parseHash(location.hash).values) if (value === '' && names.includes(key)) return key;
  return null;
}

/**
 * Registers the page's embeddable view and, in an embed, switches to it: `net` (when it names
 * one of `names`) becomes the hash the page opens.
 * @param {string[]} names the networks the core knows
 * @param {{title: (name: string) => string, edited: () => boolean}} page a network's display
 *   title; whether the input size or a layer was changed (not carried by the address)
 */
export function setupEmbed(names, { title, edited }) {
  registerEmbed({
    views: [{ id: 'table', label: 'common.embedViewTable', title: 'common.embedFrameTitleTable', width: 640, height: 480 }],
    state: () => {
      const name = shownName(names);
      return { view: 'table', params: { net: name }, hash: '', label: name ? title(name) : '', note: edited() ? 'common.embedEditsNote' : null };
    },
  });
  if (!embed.on) return;
  if (names.includes(embed.net)) history.replaceState(null, '', `${location.pathname}${location.search}${serializeHash({ [embed.net]: '' })}`);
  startEmbed({
    page: 'architectures.html', view: 'table',
    fullUrl: () => pageUrl(location.href, { lang: lang() }, serializeHash(shownName(names) ? { [shownName(names)]: '' } : {})),
  });
  const rows = document.getElementById('rows');
  const mo = new MutationObserver(() => {
    if (!rows.children.length) return;
    mo.disconnect();
    requestAnimationFrame(() => embedReady({ net: shownName(names) }));
  });
  mo.observe(rows, { childList: true });
}
