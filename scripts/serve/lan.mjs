// Serving a class: the addresses students can reach, and a QR code of the first one in the
// terminal (npm `qrcode`, a devDependency; loaded only here, so the server itself needs no
// packages, and a clone without node_modules still serves, just without the QR code).
import { networkInterfaces } from 'node:os';

/** The machine's non-internal IPv4 addresses (Wi-Fi, Ethernet), in interface order. */
export function lanAddresses() {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && (a.family === 'IPv4' || a.family === 4) && !a.internal)
    .map((a) => a.address);
}

/** A terminal QR code (two modules per character cell) for `url`, or null without `qrcode`. */
export async function terminalQr(url) {
  let qrcode;
  try {
    qrcode = (await import('qrcode')).default;
  } catch {
    return null;
  }
  return qrcode.toString(url, { type: 'terminal', small: true });
}

/** Prints the URLs students type (or scan) to reach a server listening on every interface. */
export async function printLan(port, path = '/', log = console.log) {
  const urls = lanAddresses().map((a) => `http://${a}:${port}${path}`);
  if (urls.length === 0) {
    log('No network address found (not connected?); on this machine: ' + `http://127.0.0.1:${port}${path}`);
    return urls;
  }
  log('Students open (same network):');
  for (const u of urls) log(`  ${u}`);
  const qr = await terminalQr(urls[0]);
  if (qr) log(`\nScan to open ${urls[0]}\n${qr}`);
  else log('(run `npm install` to also get a QR code here)');
  return urls;
}
