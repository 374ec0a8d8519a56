// The start most pages share (architectures, training, transfer): their catalogs, then the site
// header and footer. The student page loads its parts in steps instead (pages/student/main.js);
// the playground puts its embed set-up between header and footer.
import { renderHeader } from './header.js';
import { renderFooter } from './footer.js';
import { initI18n } from './i18n.js';

/**
 * Loads `common` and the page's catalogs (`namespaces`) in the page's language, fills its
 * static text, renders the header and the footer. Resolves to the language.
 * @param {string[]} namespaces e.g. ['train']
 */
export async function startPage(namespaces) {
  const lang = await initI18n(namespaces);
  renderHeader();
  renderFooter();
  return lang;
}
