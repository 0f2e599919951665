// The browser's platform for createSupervisor (docs/host-api.md, docs/embedding.md): module Web Workers
// running host/browser/worker.js, their console output passed to the page through a ring each (ring.js),
// and input the page writes queued until the supervisor reads it (for a terminal console: at once). Needs a
// cross-origin isolated page (SharedArrayBuffer).
import { createRing, ringReader } from './ring.js';

const GONE_MS = 2500;       // without Web Locks: how long after terminate() a worker is taken to be gone
const EMPTY = () => new Uint8Array(0);

// onOutput(fd, bytes): console output of any CPU, in order per CPU; may return a promise that settles
// once the bytes are consumed (e.g. xterm's write callback): a CPU with 1 MiB unconsumed waits. workerUrl:
// the worker entry. Returns {platform, writeInput(string | Uint8Array), endInput(), warm(role)}.
export function createBrowserPlatform({ onOutput, workerUrl = new URL('./worker.js', import.meta.url) }) {
  const page = crypto.randomUUID();  // Web Lock names are per origin: keep this page's apart
  const origin = performance.timeOrigin;
  const chunks = [];  // input not yet asked for; an empty chunk is an end of file
  let pending = null; // readInput() waiting for input
  let closed = false;
  let started = 0;

  // A worker for role 'cpu' or 'irq': one warm() started if there is one. Its name carries the role and
  // the Web Lock it holds while it lives.
  function startWorker(role) {
    const i = spare.findIndex((h) => h.role === role);
    return i >= 0 ? spare.splice(i, 1)[0] : newWorker(role);
  }
  const spare = [];

  function newWorker(role) {
    const name = `wunix-${role}-${page}-${started++}`;
    const w = new Worker(workerUrl, { type: 'module', name });
    const ring = createRing(), drain = ringReader(ring); // its console output
    w.postMessage({ type: 'browser:init', ring, origin });
    let handler = () => {};
    let onError = null, failed = null; // an error before the supervisor listens is kept for it
    w.onmessage = (e) => {
      const msg = e.data;
      if (msg?.type === 'browser:console') drain(onOutput);
      else handler(msg);
    };
    w.onerror = (e) => {
      e.preventDefault();
      const error = e.error ?? new Error(e.message || `worker ${workerUrl} failed to load`);
      if (onError) onError(error);
      else failed ??= error;
    };
    return {
      role,
      post: (msg, transfer) => w.postMessage(msg, transfer),
      onMessage: (fn) => (handler = fn),
      onError(fn) {
        onError = fn;
        if (failed) fn(failed);
      },
      terminate: () => terminate(w, name),
    };
  }

  // Worker.terminate() returns nothing, and a worker busy in a loop runs on until Chromium stops it by force
  // 2 s later (measured: ~2000 ms; an idle one stops at once). The supervisor reuses a killed CPU's
  // kernel slots once this promise resolves, so it must resolve only when the worker is gone: each worker
  // holds a Web Lock named after it before it runs anything (worker.js), which the browser releases
  // when the worker has ended, granting this request. Without Web Locks: after GONE_MS.
  function terminate(w, name) {
    w.terminate();
    if (!navigator.locks) return new Promise((resolve) => setTimeout(resolve, GONE_MS));
    return navigator.locks.request(name, () => {});
  }

  function readInput() {
    if (chunks.length) {
      // consecutive chunks up to 64 KiB go in together (an end of file alone)
      if (chunks[0].length === 0) return Promise.resolve(chunks.shift());
      let n = 0, k = 0;
      while (k < chunks.length && chunks[k].length && n + chunks[k].length <= 65536) n += chunks[k++].length;
      if (k === 0) return Promise.resolve(chunks.shift());
      const out = new Uint8Array(n);
      let off = 0;
      for (const c of chunks.splice(0, k)) {
        out.set(c, off);
        off += c.length;
      }
      return Promise.resolve(out);
    }
    if (closed) return Promise.resolve(EMPTY());
    return new Promise((resolve) => (pending = resolve));
  }

  function give(bytes) {
    if (closed) return;
    if (pending) {
      const p = pending;
      pending = null;
      p(bytes);
    } else chunks.push(bytes);
  }

  return {
    // Starts a worker for role now, for the supervisor's first startWorker(role): the page can have its
    // first CPU loading its modules while it fetches the kernel and sets itself up.
    warm(role = 'cpu') {
      spare.push(newWorker(role));
    },
    platform: {
      startWorker,
      readInput,
      closeInput() {
        closed = true;
        chunks.length = 0;
        pending?.(EMPTY());
        pending = null;
      },
    },
    // Input for whoever reads the console (fd 0): a string (sent as UTF-8) or bytes (copied).
    writeInput(data) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
      if (bytes.length) give(bytes);
    },
    // An end of file: the reader waiting then (or next) gets 0 bytes.
    endInput() {
      give(EMPTY());
    },
  };
}
