// Embed mode's first moment (www/shared/embed.js does the rest): in an embed (`?embed=1`), the
// page stays invisible until embed.css applies, so the full page (header, panels) never flashes
// in a course page's frame before the modules have loaded. A classic script in each page's
// <head>, before the first paint (`async blocking="render"`, before the stylesheets: a
// parser-blocking script would hold back the requests of every tag after it, index.html says
// why); outside an embed it does nothing.
(() => {
  // The `embed` rule of embed-query.js's parseEmbed (a classic script cannot import it).
  let on = false;
  try {
    const e = new URLSearchParams(location.search).get('embed')?.trim();
    on = e === '1' || e === 'true';
  } catch { /* an unreadable query: not an embed */ }
  if (!on) return;
  const root = document.documentElement;
  root.classList.add('embed');
  root.style.visibility = 'hidden';
  // Inlined (the offline edition) the script has no address: embed.js embeds the sheet and shows the page.
  const src = document.currentScript?.src;
  if (!src) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('embed.css', src).href;
  const show = () => { root.style.visibility = ''; };
  link.addEventListener('load', show, { once: true });
  link.addEventListener('error', show, { once: true });
  document.head.append(link);
})();
