// Benchmark of the student view (not a test): prints
//  (a) rendered prediction updates per second while a pointer draws continuously for ~5 s
//      (target ≥ 60 on headless Chromium; the page coalesces to one update per animation
//      frame, so the frame rate is the ceiling — printed beside it);
//  (b) time from navigation start to the first rendered prediction with a sample digit
//      preselected (#sample=0): to the start of the animation frame that paints it (the page
//      has written the digit and the bars by then), median of several page loads in new tabs
//      (target ≤ 200 ms).
// Counters come from window.__convscopeStats (www/state/stats.js).
//
//   node scripts/bench_student.mjs [--seconds 5] [--loads 7]
import { launch } from '../tests/browser/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 5);
const LOADS = arg('loads', 7);
/** Pointer report interval, ms (250 Hz), and how many moves may await acknowledgement. */
const MOVE_EVERY_MS = 4;
const IN_FLIGHT = 8;
/** How long each visit stays open in (b), ms: a student does not leave at once. */
const DWELL_MS = 3000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launch({ root: process.env.CONVSCOPE_ROOT || undefined });
try {
  // (a) updates per second while drawing (skipped with --seconds 0).
  if (SECONDS > 0) {
  const page = await browser.newPage();
  await page.goto(`${browser.url}index.html`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.hidden === true, null, { timeout: 20000 });
  const pad = page.getByTestId('draw-pad');
  const box = await pad.boundingBox();
  const at = (t) => [box.x + box.width * (0.5 + 0.35 * Math.sin(t * 7.1)), box.y + box.height * (0.5 + 0.35 * Math.cos(t * 5.3))];
  await page.mouse.move(...at(0));
  await page.mouse.down();
  const start = await page.evaluate(() => {
    window.__frames = 0;
    const tick = () => { window.__frames++; window.__raf = requestAnimationFrame(tick); };
    window.__raf = requestAnimationFrame(tick);
    const s = window.__convscopeStats;
    return { t: performance.now(), updates: s.updates, forwardMs: s.forwardMsTotal, pad: s.padUpdates, padMs: s.padMsTotal };
  });
  // Real pointers send events without waiting for the page (a mouse reports at 125-1000 Hz);
  // Playwright's mouse.move waits for each event's acknowledgement, which would cap the rate at
  // the input round trip. So send raw CDP mouse events every MOVE_EVERY_MS, up to IN_FLIGHT
  // unacknowledged at a time.
  const cdp = await browser.context.newCDPSession(page);
  const t0 = Date.now();
  let moves = 0;
  let inFlight = 0;
  while (Date.now() - t0 < SECONDS * 1000) {
    if (inFlight < IN_FLIGHT) {
      const [x, y] = at(moves / 200);
      inFlight++;
      cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, button: 'left', buttons: 1 }).finally(() => inFlight--);
      moves++;
    }
    await new Promise((ok) => setTimeout(ok, MOVE_EVERY_MS));
  }
  while (inFlight) await new Promise((ok) => setTimeout(ok, 5));
  const end = await page.evaluate(() => {
    cancelAnimationFrame(window.__raf);
    const s = window.__convscopeStats;
    return { t: performance.now(), updates: s.updates, forwardMs: s.forwardMsTotal, frames: window.__frames, pad: s.padUpdates, padMs: s.padMsTotal };
  });
  await page.mouse.up();
  const secs = (end.t - start.t) / 1000;
  const updates = end.updates - start.updates;
  const ups = updates / secs;
  const fps = end.frames / secs;
  const fwd = (end.forwardMs - start.forwardMs) / Math.max(1, updates);
  const perUpdate = (end.padMs - start.padMs) / Math.max(1, end.pad - start.pad);
  console.log(`(a) drawing for ${secs.toFixed(2)} s: ${moves} pointer moves, ${updates} prediction updates = ${ups.toFixed(1)} updates/s`
    + ` (animation frames: ${fps.toFixed(1)}/s; per update ${perUpdate.toFixed(2)} ms in all, of which forward() ${fwd.toFixed(3)} ms)`
    + `\n    at most ${(1000 / perUpdate).toFixed(0)} updates/s of page work;  target ≥ 60: ${ups >= 60 ? 'met' : 'NOT met'}`);
  if (page.errors.length) console.log('    console errors:', page.errors);
  }

  await browser.close();

  // (b) navigation start → first rendered prediction. Each round launches a fresh browser
  // profile, opens one unrelated page of the server (a browser that has started up, not the
  // app), then the app in a new tab: a first visit, empty HTTP and code caches. A second tab in
  // the same browser is a repeat visit (304 answers, the browser's compiled JS and wasm kept).
  const firstVisits = [];
  const repeatVisits = [];
  const steps = [];
  const repeatSteps = [];
  for (let i = 0; i < LOADS; i++) {
    const b = await launch({ root: process.env.CONVSCOPE_ROOT || undefined });
    try {
      const warm = await b.newPage();
      await warm.goto(`${b.url}tests/browser/blank.html`);
      for (const into of [firstVisits, repeatVisits]) {
        const p = await b.newPage();
        await p.goto(`${b.url}index.html#sample=0`);
        into.push(await p.waitForFunction(() => window.__convscopeStats?.firstPredictionFrameMs, null, { timeout: 20000 }).then((h) => h.jsonValue()));
        (into === firstVisits ? steps : repeatSteps).push(await p.evaluate(() => ({ html: performance.getEntriesByType('navigation')[0]?.responseEnd, ...window.__convscopeStats.marks, written: window.__convscopeStats.firstPredictionMs })));
        await p.waitForFunction(() => document.querySelector('[data-testid="status"]')?.hidden === true, null, { timeout: 20000 });
        // A student stays on the page: the browser writes its compiled-code caches meanwhile.
        await p.waitForTimeout(DWELL_MS);
        if (p.errors.length) console.log('    console errors:', p.errors);
        await p.close();
      }
    } finally {
      await b.close();
    }
  }
  const describe = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
  const med = median(firstVisits);
  console.log(`(b) navigation → first prediction painted (#sample=0), ${LOADS} rounds:`
    + `\n    first visit  ${describe(firstVisits)}  target ≤ 200 ms: ${med <= 200 ? 'met' : 'NOT met'}`
    + `\n    repeat visit ${describe(repeatVisits)}`);
  const show = (label, xs, all) => {
    const m = median(xs);
    console.log(`    median ${label}: ${Object.entries(all[xs.indexOf(m)]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' → ')} → painted ${m.toFixed(0)} ms`);
  };
  show('first visit', firstVisits, steps);
  show('repeat visit', repeatVisits, repeatSteps);
} finally {
  await browser.close().catch(() => {});
}
