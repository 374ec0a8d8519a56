// A deterministic zip (fflate, pure JS: the same bytes on every machine and Node version): the
// entries in the order given, every one with the same fixed timestamp, deflate level 9.
import { zipSync, unzipSync } from 'fflate';

/** The entries' timestamp: a fixed local date (zip stores local date fields, so a Date built
 * from local fields gives the same bytes in every time zone). */
const MTIME = new Date(2026, 0, 1, 0, 0, 0);

/**
 * The zip of `files` ([[path, bytes or string]…], in this order).
 * @returns {Uint8Array}
 */
export function zip(files) {
  const entries = {};
  for (const [path, data] of files) {
    entries[path] = [typeof data === 'string' ? new TextEncoder().encode(data) : data, { level: 9, mtime: MTIME }];
  }
  return zipSync(entries, { level: 9, mtime: MTIME });
}

/** The files of zip `bytes`: {path: Uint8Array}. */
export function unzip(bytes) {
  return unzipSync(bytes);
}
