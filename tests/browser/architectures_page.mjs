// What the architecture view's browser tests share: opening the page until the core has
// computed the table, reading a cell, and the zero-errors / no-off-origin check.
import assert from 'node:assert/strict';

/** Opens architectures.html`suffix` (e.g. `#alexnet`, `?lang=ko#vgg16`) in `browser` and waits
 * until the core has computed the table. */
export async function openArchitectures(browser, suffix = '') {
  const page = await browser.newPage();
  await page.goto(`${browser.url}architectures.html${suffix}`);
  await page.waitForSelector('[data-testid=loading]', { state: 'hidden' });
  await page.waitForSelector('[data-testid="row-input"]');
  return page;
}

/** The trimmed text of the element with data-testid `id`. */
export const text = async (page, id) => (await page.textContent(`[data-testid="${id}"]`)).trim();

/** Asserts the page logged no console error and asked no other origin for anything. */
export function clean(page) {
  assert.deepEqual(page.errors, [], 'no console errors');
  assert.deepEqual(page.offOrigin, [], 'no off-origin requests');
}
