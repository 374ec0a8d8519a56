// The two ends of a page's Web Worker, one way on every page that has one (the training lab, the
// transfer page): starting it and routing its messages by `type`, the worker's own dispatch of
// requests (a failed one answered with an error message), and handing a file it made to the
// browser's downloads. Workers start through the resources seam (resources.js), so the offline
// edition can run them from its embedded code.
import { startWorker as spawn } from './resources.js';

/**
 * Starts the module worker at `url` (a resource() URL) and routes each message `{type, …}` to `handlers[type]`.
 * Returns the worker, or null where Web Workers or WebAssembly are missing (`onFail(null)`);
 * `onFail(message)` also hears of a worker that fails to load or throws.
 */
export function startWorker(url, handlers, onFail) {
  if (typeof Worker !== 'function' || typeof WebAssembly !== 'object') {
    onFail(null);
    return null;
  }
  const worker = spawn(url);
  worker.onmessage = ({ data }) => handlers[data?.type]?.(data);
  worker.onerror = (e) => onFail(e.message ?? '');
  return worker;
}

/**
 * In a worker: answers each request `{type, …}` with `handlers[type]` (sync or async); a handler
 * that throws is answered with `failure(type, err)` (the page's error message).
 */
export function serveRequests(handlers, failure) {
  self.onmessage = async ({ data: msg }) => {
    const handler = handlers[msg?.type];
    if (!handler) return;
    try {
      await handler(msg);
    } catch (err) {
      self.postMessage(failure(msg.type, err));
    }
  };
}

/** Offers `buffer` (an ArrayBuffer) as a download named `name`. */
export function downloadBytes(buffer, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([buffer], { type: 'application/octet-stream' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
