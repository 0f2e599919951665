// Entry of every browser worker (a module Web Worker started by platform.js): a CPU running processes,
// or the irq CPU. The worker's io: console output to the page (ring.js), a clock shared by all workers of
// the page, randomness from crypto. No host directories, no onResolveSpawn.
import { runCpu } from '../worker.js';
import { runIrq } from '../irq.js';
import { ringWriter } from './ring.js';

// The name is wunix-ROLE-PAGE-N. This worker holds the Web Lock of that name from before it handles its
// first message until it ends, which tells the page when it is gone (platform.js, terminate): messages
// wait until the lock is granted.
const role = self.name.split('-')[1] === 'irq' ? 'irq' : 'cpu';
let write = null; // console output into the page's ring (ring.js)
let origin = performance.timeOrigin;
const handlers = [];
const early = [];
let running = !navigator.locks; // the lock is held (or cannot be had)

function dispatch(msg) {
  if (msg?.type === 'browser:init') {
    origin = msg.origin;
    write = ringWriter(msg.ring, () => self.postMessage({ type: 'browser:console' }));
  }
  else for (const fn of handlers) fn(msg);
}
self.onmessage = (e) => (running ? dispatch(e.data) : early.push(e.data));
function start() {
  running = true;
  for (const msg of early.splice(0)) dispatch(msg);
}
navigator.locks?.request(self.name, () => {
  start();
  return new Promise(() => {});
}).catch(start);

const io = {
  // Copies the bytes to the page; waits while the page has 1 MiB of this worker's output unconsumed (as
  // a blocking write to a slow terminal would).
  writeConsole: (fd, u8, off, len) => (write ? write(fd, u8, off, len) : len),
  // CLOCK_MONOTONIC: each worker's performance.now() starts at its own creation, so count from the page's
  // time origin instead; the same clock in every worker of the page.
  nowNs: () => (performance.timeOrigin - origin + performance.now()) * 1e6,
  randomFill: (u8) => crypto.getRandomValues(u8),
};

const port = {
  post: (msg, transfer) => self.postMessage(msg, transfer),
  onMessage: (fn) => handlers.push(fn),
};
(role === 'irq' ? runIrq : runCpu)({ port, io });
