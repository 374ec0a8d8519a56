// Benchmark of the student view (not a test): prints
//  (a) rendered prediction updates per second while a pointer draws continuously for ~5 s
//      (target ≥ 60 on headless Chromium). The page coalesces to one update per animation
//      frame, so the frame rate is the ceiling: headless Chromium draws at most 60 frames/s,
//      measured first on an empty page under the same pointer motion and printed beside it,
//      with the frames that came late (two or more 60 Hz periods after the one before);
//  (b) time from navigation start to the first rendered prediction with a sample digit
//      preselected (#sample=0): to the start of the animation frame that paints it (the page
//      has written the digit and the bars by then), median over rounds of a first visit and a
//      repeat visit (target ≤ 200 ms).
// Counters come from the page's performance marks and measures (convscope:*, see
// www/pages/student/state/marks.js), collected here by a PerformanceObserver.
//
//   node scripts/bench_student.mjs [--seconds 5] [--loads 7] [--tta [K]] [--compare DIR] [--no-sw]
// --tta: (a) with test-time augmentation on (#tta, K copies, default 8; target then ≥ 30).
// --compare DIR: (b) also for the tree at DIR (its own harness and server), alternating round by
//   round; may be given more than once.
// --no-sw: (b) also for this tree in a browser that blocks service workers (alternating too).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '../tests/browser/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 5);
const LOADS = arg('loads', 7);
/** K of test-time augmentation in (a), or 0 (off). `--tta` alone: the page's default, 8. */
const TTA = process.argv.includes('--tta') ? (Number(process.argv[process.argv.indexOf('--tta') + 1]) || 8) : 0;
/** The trees (b) measures: this one (or CONVSCOPE_ROOT) as a student gets it; --compare DIR adds
 * another tree (e.g. a baseline checkout) served and launched by its own harness and server (its
 * pages under its own headers), --no-sw adds this one with service workers blocked. */
const ROOT = process.env.CONVSCOPE_ROOT || undefined;
const COMPARE = process.argv.flatMap((a, i) => (a === '--compare' ? [resolve(process.argv[i + 1])] : []));
const VARIANTS = [
  { label: `this tree${ROOT ? ` (${ROOT})` : ''}`, open: () => launch({ root: ROOT }) },
  ...COMPARE.map((dir) => ({ label: dir, open: async () => (await import(pathToFileURL(`${dir}/tests/browser/harness.mjs`))).launch() })),
  ...(process.argv.includes('--no-sw') ? [{ label: 'this tree, service workers blocked', open: () => launch({ root: ROOT, serviceWorkers: 'block' }) }] : []),
];
/** Pointer report interval, ms (250 Hz), and how many moves may await acknowledgement. */
const MOVE_EVERY_MS = 4;
const IN_FLIGHT = 8;
/** In (b), each visit draws this many pointer moves and then stays open DWELL_MS, ms. */
const DRAW_MOVES = 200;
const DWELL_MS = 3000;
/** One frame at 60 Hz, ms. */
const FRAME_MS = 1000 / 60;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Holds the mouse button down inside `box` and moves it for SECONDS, counting animation frames
 * (and the page's counters, when it has them). Real pointers send events without waiting for
 * the page (a mouse reports at 125-1000 Hz); Playwright's mouse.move waits for each event's
 * acknowledgement, which would cap the rate at the input round trip. So raw CDP mouse events
 * go out every MOVE_EVERY_MS, up to IN_FLIGHT unacknowledged at a time.
 * @returns {Promise<{secs: number, fps: number, late: number, moves: number, stats: object[]}>}
 *   late: frames that came two or more 60 Hz periods after the one before
 */
async function drawFor(page, box) {
  const at = (t) => [box.x + box.width * (0.5 + 0.35 * Math.sin(t * 7.1)), box.y + box.height * (0.5 + 0.35 * Math.cos(t * 5.3))];
  await page.mouse.move(...at(0));
  await page.mouse.down();
  // The page's per-frame entries (marks.js) summed by an observer: prediction marks,
  // forward and pad measures. The page clears them from its timeline; an observer sees all.
  await page.evaluate(() => {
    const s = { updates: 0, forwardMsTotal: 0, padUpdates: 0, padMsTotal: 0 };
    window.__benchStats = s;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'convscope:prediction') s.updates++;
        else if (e.name === 'convscope:forward') s.forwardMsTotal += e.duration;
        else if (e.name === 'convscope:pad') { s.padUpdates++; s.padMsTotal += e.duration; }
      }
    }).observe({ entryTypes: ['mark', 'measure'] });
  });
  // Observers are called asynchronously: read after a task, so every entry so far is counted.
  const snapshot = () => new Promise((ok) => setTimeout(() => ok({ ...window.__benchStats }), 0));
  const s0 = await page.evaluate(snapshot);
  const t0 = await page.evaluate(() => {
    window.__frameTimes = [];
    const tick = (t) => { window.__frameTimes.push(t); window.__raf = requestAnimationFrame(tick); };
    window.__raf = requestAnimationFrame(tick);
    return performance.now();
  });
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now();
  let moves = 0;
  let inFlight = 0;
  while (Date.now() - start < SECONDS * 1000) {
    if (inFlight < IN_FLIGHT) {
      const [x, y] = at(moves / 200);
      inFlight++;
      cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, button: 'left', buttons: 1 }).finally(() => inFlight--);
      moves++;
    }
    await new Promise((ok) => setTimeout(ok, MOVE_EVERY_MS));
  }
  while (inFlight) await new Promise((ok) => setTimeout(ok, 5));
  const { t1, frames } = await page.evaluate(() => {
    cancelAnimationFrame(window.__raf);
    return { t1: performance.now(), frames: window.__frameTimes };
  });
  const s1 = await page.evaluate(snapshot);
  await page.mouse.up();
  await cdp.detach();
  const secs = (t1 - t0) / 1000;
  let late = 0;
  for (let i = 1; i < frames.length; i++) if (frames[i] - frames[i - 1] > 1.5 * FRAME_MS) late++;
  return { secs, fps: frames.length / secs, late, moves, stats: [s0, s1] };
}

const browser = await launch({ root: ROOT });
try {
  // (a) updates per second while drawing (skipped with --seconds 0). The same pointer
  // motion first on an empty page gives the ceiling: headless Chromium's own frame rate here.
  if (SECONDS > 0) {
    const blank = await browser.newPage();
    await blank.goto(`${browser.url}tests/browser/blank.html`);
    await blank.setViewportSize({ width: 1400, height: 900 });
    const ceiling = await drawFor(blank, { x: 300, y: 200, width: 300, height: 300 });
    await blank.close();

    const page = await browser.newPage();
    await page.goto(`${browser.url}index.html${TTA ? `#tta&ttaK=${TTA}` : ''}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.hidden === true, null, { timeout: 20000 });
    if (TTA) console.log(`(a) with test-time augmentation on, K = ${TTA}`);
    const box = await page.getByTestId('draw-pad').boundingBox();
    const app = await drawFor(page, box);
    const { secs, stats: [s0, s1] } = app;
    const updates = s1.updates - s0.updates;
    const ups = updates / secs;
    const fwd = (s1.forwardMsTotal - s0.forwardMsTotal) / Math.max(1, updates);
    const perUpdate = (s1.padMsTotal - s0.padMsTotal) / Math.max(1, s1.padUpdates - s0.padUpdates);
    console.log(`(a) ceiling: an empty page under the same pointer motion draws ${ceiling.fps.toFixed(1)} frames/s (${ceiling.late} frames late)`
      + `\n    drawing for ${secs.toFixed(2)} s: ${app.moves} pointer moves, ${updates} prediction updates = ${ups.toFixed(1)} updates/s`
      + ` = ${((100 * ups) / ceiling.fps).toFixed(1)} % of the ceiling (animation frames ${app.fps.toFixed(1)}/s, ${app.late} late)`
      + `\n    per update ${perUpdate.toFixed(2)} ms of page work (forward() ${fwd.toFixed(3)} ms): at most ${(1000 / perUpdate).toFixed(0)} updates/s;`
      + `  target ≥ ${TTA ? 30 : 60}: ${ups >= (TTA ? 30 : 60) ? 'met' : 'NOT met'}`);
    if (page.errors.length) console.log('    console errors:', page.errors);
    await page.close();
  }

  await browser.close();

  // (b) navigation start → first rendered prediction. Each round launches a fresh browser
  // profile, opens one unrelated page of the server (a browser that has started up, not the
  // app), then the app in a new tab: a first visit, empty HTTP and code caches; it draws, waits
  // and closes. A second tab in the same browser is a repeat visit (304 answers, the browser's
  // compiled JS and wasm kept; the app's service worker, registered by the first visit, answers
  // it). With --compare and --no-sw, each round measures every variant in turn (the order
  // rotates from round to round), so a busy machine slows them alike.
  const results = VARIANTS.map(() => ({ first: [], repeat: [], steps: [], repeatSteps: [], sw: [] }));
  for (let i = 0; i < LOADS; i++) {
    for (let j = 0; j < VARIANTS.length; j++) {
      const v = (i + j) % VARIANTS.length;
      const r = results[v];
      const b = await VARIANTS[v].open();
      try {
        const warm = await b.newPage();
        await warm.goto(`${b.url}tests/browser/blank.html`);
        for (const repeat of [false, true]) {
          const p = await b.newPage();
          await p.goto(`${b.url}index.html#sample=0`);
          // The page's marks (marks.js); an older tree (--compare) kept them in window.__convscopeStats.
          (repeat ? r.repeat : r.first).push(await p.waitForFunction(() => performance.getEntriesByName('convscope:first-prediction-frame')[0]?.startTime
            ?? window.__convscopeStats?.firstPredictionFrameMs, null, { timeout: 20000 }).then((h) => h.jsonValue()));
          const { steps, controlled } = await p.evaluate(() => {
            const old = window.__convscopeStats;
            const at = (name) => performance.getEntriesByName(`convscope:${name}`)[0]?.startTime ?? old?.marks?.[name] ?? (name === 'first-prediction' ? old?.firstPredictionMs : undefined);
            const out = { html: performance.getEntriesByType('navigation')[0]?.responseEnd };
            for (const step of ['modules', 'core', 'network', 'samples', 'views']) out[step] = at(step);
            out.written = at('first-prediction');
            return { steps: out, controlled: Boolean(navigator.serviceWorker?.controller) };
          });
          (repeat ? r.repeatSteps : r.steps).push(steps);
          if (repeat) r.sw.push(controlled);
          await p.waitForFunction(() => document.querySelector('[data-testid="status"]')?.hidden === true, null, { timeout: 20000 });
          // A student draws for a while, then leaves: the browser caches the wasm code that has
          // become hot (V8 keeps optimised code of a streamed module for the next visit).
          const pad = await p.getByTestId('draw-pad').boundingBox();
          await p.mouse.move(pad.x + pad.width / 2, pad.y + pad.height / 4);
          await p.mouse.down();
          for (let k = 0; k < DRAW_MOVES; k++) {
            await p.mouse.move(pad.x + pad.width * (0.5 + 0.3 * Math.sin(k / 9)), pad.y + pad.height * (0.5 + 0.3 * Math.cos(k / 7)));
          }
          await p.mouse.up();
          await p.waitForTimeout(DWELL_MS);
          if (p.errors.length) console.log('    console errors:', p.errors);
          await p.close();
        }
      } finally {
        await b.close();
      }
    }
  }
  const describe = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
  const show = (label, xs, all) => {
    const m = median(xs);
    console.log(`    median ${label}: ${Object.entries(all[xs.indexOf(m)]).map(([k, v]) => `${k} ${v?.toFixed(0)}`).join(' → ')} → painted ${m.toFixed(0)} ms`);
  };
  VARIANTS.forEach(({ label }, v) => {
    const r = results[v];
    const med = median(r.first);
    const controlled = r.sw.filter(Boolean).length;
    console.log(`(b) navigation → first prediction painted (#sample=0), ${LOADS} rounds${VARIANTS.length > 1 ? `, ${label}` : ''}:`
      + `\n    first visit  ${describe(r.first)}  target ≤ 200 ms: ${med <= 200 ? 'met' : 'NOT met'}`
      + `\n    repeat visit ${describe(r.repeat)}  (service worker in control: ${controlled} of ${r.sw.length})`
      + `\n    each round, ms (to pool several runs): first ${r.first.map((x) => x.toFixed(0)).join(' ')}; repeat ${r.repeat.map((x) => x.toFixed(0)).join(' ')}`);
    show('first visit', r.first, r.steps);
    show('repeat visit', r.repeat, r.repeatSteps);
  });
} finally {
  await browser.close().catch(() => {});
}
