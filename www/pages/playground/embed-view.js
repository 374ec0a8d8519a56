// The playground in embed mode (www/shared/embed.js): `playground.html?embed=1#<hash>` shows
// that configuration's grids and its step player, without the settings; and what the "copy
// embed code" dialog offers from this page (the current configuration: the URL hash, which
// main.js keeps up to date). main.js calls setupEmbed() once the header is rendered.
import { embed, embedReady, pageUrl, registerEmbed, startEmbed } from '../../shared/embed.js';
import { lang } from '../../shared/i18n.js';

/** Registers the page's one embeddable view and, in an embed, switches to it. */
export function setupEmbed() {
  registerEmbed({
    views: [{ id: 'playground', label: 'common.embedViewPlayground', title: 'common.embedFrameTitlePlayground', width: 640, height: 420 }],
    state: () => ({ view: 'playground', params: {}, hash: location.hash }),
  });
  if (!embed.on) return;
  startEmbed({ page: 'playground.html', view: 'playground', fullUrl: () => pageUrl(location.href, { lang: lang() }, location.hash) });
  // Ready when the page shows itself (main.js: data-state="ready" after its first paint).
  const pg = document.getElementById('pg');
  const check = () => {
    if (pg?.dataset.state !== 'ready') return false;
    embedReady({ mode: new URLSearchParams(location.hash.slice(1)).get('mode') });
    return true;
  };
  if (!check() && pg) {
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    mo.observe(pg, { attributes: true, attributeFilter: ['data-state'] });
  }
}
