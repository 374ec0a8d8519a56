// Accessibility and layout-stability measurements for the browser tests (issue 13), shared by
// every page's tests:
//   axeViolations(page, {impacts}) — axe-core (node_modules/axe-core, injected into the page
//     from disk: no network) run on the whole document, filtered by impact;
//   injectAxe(page) — puts axe-core into the page (window.axe) despite its strict CSP;
//   measureCLS(page, url, {ready, settleMs, timeoutMs}) — the page's cumulative layout shift,
//     from a `layout-shift` PerformanceObserver installed before the page's own scripts run.
// Keep the signatures stable: the student and playground tests import them.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ROOT } from './harness.mjs';

/** axe-core's browser build, read from disk (nothing is fetched). */
export const AXE_PATH = resolve(ROOT, 'node_modules/axe-core/axe.min.js');

/**
 * Defines `window.axe` in `page` (once). Evaluated through the DevTools protocol, not added as a
 * <script> (page.addScriptTag): the pages' Content-Security-Policy blocks inline scripts, and
 * the test must not loosen it.
 */
export async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  await page.evaluate(await readFile(AXE_PATH, 'utf8'));
}

/**
 * Runs axe-core on `page` (WCAG 2.x A/AA and best-practice rules, axe's defaults) and returns
 * the violations whose impact is in `impacts`, each as
 * `{id, impact, help, nodes: [{target, html, summary}]}` (target: axe's CSS selector path).
 * @param {import('playwright-core').Page} page
 * @param {{impacts?: string[], context?: string}} [options] context: a selector to limit the run to
 */
export async function axeViolations(page, { impacts = ['serious', 'critical'], context } = {}) {
  await injectAxe(page);
  const violations = await page.evaluate(async (ctx) => {
    const result = await window.axe.run(ctx ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html.slice(0, 200), summary: n.failureSummary })),
    }));
  }, context ?? null);
  return violations.filter((v) => impacts.includes(v.impact));
}

/** One line per violation and node, for assertion messages. */
export function describeViolations(violations) {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.summary?.split('\n').slice(0, 2).join(' ')}`)).join('\n');
}

/** Installed with addInitScript: records every layout shift in `window.__layoutShifts`. */
function observeLayoutShifts() {
  window.__layoutShifts = [];
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return node ? node.nodeName : '(removed)';
    const id = node.id ? `#${node.id}` : '';
    const testid = node.dataset?.testid ? `[data-testid=${node.dataset.testid}]` : '';
    const cls = typeof node.className === 'string' && node.className ? `.${node.className.trim().split(/\s+/).join('.')}` : '';
    return `${node.tagName.toLowerCase()}${id}${testid}${cls}`;
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__layoutShifts.push({
          value: e.value, hadRecentInput: e.hadRecentInput, startTime: e.startTime,
          sources: (e.sources ?? []).map((s) => describe(s.node)),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch { /* no layout-shift support: measureCLS reports it */ }
}

/**
 * Navigates `page` to `url` and returns its cumulative layout shift: the sum of the
 * `layout-shift` entries without recent input, read once the page has settled (load, no network
 * for a moment, and no new shift for `settleMs`), as `{cls, shifts}` (`shifts`: each entry's
 * value, time and source elements, for assertion messages).
 * The observer is installed with `page.addInitScript`, so it sees the first frame on; call this
 * on a fresh page, before any other navigation you want excluded (each later navigation starts
 * a new count).
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @param {{ready?: string, settleMs?: number, timeoutMs?: number}} [options] ready: a selector
 *   that is visible once the page has computed (e.g. wait for the wasm to be in)
 */
export async function measureCLS(page, url, { ready, settleMs = 600, timeoutMs = 10000 } = {}) {
  await page.addInitScript(observeLayoutShifts);
  await page.goto(url, { waitUntil: 'load' });
  if (ready) await page.waitForSelector(ready, { timeout: timeoutMs });
  await page.waitForLoadState('networkidle', { timeout: timeoutMs }).catch(() => {});
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  let quietSince = Date.now();
  for (;;) {
    // Two animation frames, so a shift caused by the last task is reported before we count.
    const n = await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(window.__layoutShifts?.length ?? -1)))));
    if (n < 0) throw new Error('layout-shift entries are not supported in this browser');
    if (n !== seen) { seen = n; quietSince = Date.now(); }
    if (Date.now() - quietSince >= settleMs || Date.now() > deadline) break;
    await page.waitForTimeout(100);
  }
  const shifts = (await page.evaluate(() => window.__layoutShifts)).filter((s) => !s.hadRecentInput);
  const cls = shifts.reduce((sum, s) => sum + s.value, 0);
  return { cls, shifts };
}

/** One line per shift, for assertion messages. */
export function describeShifts(shifts) {
  return shifts.map((s) => `${s.value.toFixed(3)} at ${Math.round(s.startTime)} ms: ${s.sources.join(', ')}`).join('\n');
}
