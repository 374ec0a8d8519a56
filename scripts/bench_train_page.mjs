// The training lab's default run in headless Chromium, as a student starts it: open
// train.html, press Start, and time until the validation accuracy the page shows
// (data-testid="val-accuracy", updated at each epoch end) reaches the target (97 % by default).
// Prints the wall time from the click, the seconds of training the page's worker counted
// (the sum of the time per epoch it shows, data-testid="train-epoch-time", over the epochs
// done), the images/s it showed, and the machine's load average before and after.
//
//   node scripts/bench_train_page.mjs [--target 97] [--hash '#variant=classic…'] [--limit 300]
import { loadavg } from 'node:os';
import { launch } from '../tests/browser/harness.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const target = Number(arg('target', 97));
const hash = arg('hash', '');
const limitMs = Number(arg('limit', 300)) * 1000;

const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');
const loadBefore = load();
const b = await launch();
try {
  const page = await b.newPage();
  await page.goto(`${b.url}train.html?lang=en${hash}`);
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=train-start]');
    return s && !s.disabled && Number(document.querySelector('main').dataset.valPoints) >= 1;
  }, null, { timeout: 120_000 });
  const read = () => page.evaluate(() => {
    const text = (id) => document.querySelector(`[data-testid=${id}]`).textContent;
    return {
      epoch: Number(text('train-epoch')),
      val: Number(text('val-accuracy')),
      epochTime: text('train-epoch-time'),
      ips: Number(text('train-images-per-second')),
      state: text('train-state'),
    };
  });
  const t0 = Date.now();
  await page.click('[data-testid=train-start]');
  const epochs = []; // [{epoch, seconds, val, wall}]
  let s = await read();
  let maxIps = 0;
  while (Date.now() - t0 < limitMs) {
    await page.waitForTimeout(200);
    s = await read();
    maxIps = Math.max(maxIps, s.ips);
    if (s.epoch > epochs.length) {
      epochs.push({ epoch: s.epoch, seconds: Number.parseFloat(s.epochTime), val: s.val, wall: (Date.now() - t0) / 1000 });
      console.log(JSON.stringify(epochs.at(-1)));
      if (s.val >= target) break;
    }
    if (s.state.startsWith('Finished')) break;
  }
  const done = epochs.find((e) => e.val >= target);
  const trained = epochs.reduce((sum, e) => sum + e.seconds, 0);
  console.log(done
    ? `validation accuracy ${done.val} % ≥ ${target} % after epoch ${done.epoch}: ${trained.toFixed(1)} s of training ` +
      `(time per epoch ${epochs.map((e) => e.seconds).join(' + ')} s), ${done.wall.toFixed(1)} s wall from Start`
    : `not reached: ${JSON.stringify(s)}`);
  console.log(`images/s shown (highest): ${maxIps}; load average before ${loadBefore}, after ${load()} (${
    (await import('node:os')).cpus().length} cores)`);
  if (page.errors.length) console.log('console errors:', page.errors);
} finally {
  await b.close();
}
