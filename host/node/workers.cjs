// Node workers for the supervisor, each running worker-main.js as a CPU. CommonJS so that start.cjs can
// start the first worker before Node has loaded any ES module.
'use strict';
const { Worker, SHARE_ENV } = require('node:worker_threads');
const path = require('node:path');

const entry = path.join(__dirname, 'worker-main.js');

// Starts a worker for role ('cpu' or 'irq'); returns the handle the supervisor uses.
exports.startWorker = function startWorker(role) {
  // Workers write with fs.writeSync, never process.stdout: no stdio pipes, no copy of the environment.
  // Host descriptors (hostfs) belong to the kernel, not to the worker that opened them: one worker may
  // close another's, so Node must not close "its" descriptors again when a worker exits (by then the
  // number may belong to someone else, e.g. another worker's event loop).
  const w = new Worker(entry, {
    workerData: { role }, name: `wunix-${role}`, env: SHARE_ENV, stdout: true, stderr: true, trackUnmanagedFds: false,
  });
  return {
    post: (msg, transfer) => w.postMessage(msg, transfer),
    onMessage: (fn) => w.on('message', fn),
    onError: (fn) => w.on('error', fn),
    terminate: () => w.terminate(),
    ref: () => w.ref(),
    unref: () => w.unref(),
  };
};
