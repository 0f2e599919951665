// The irq CPU and timers (docs/host-api.md): it starts when a program first arms a timer, not for a program
// that arms none, and a timer's signal ends a process asleep in the kernel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createSupervisor } from '../../host/supervisor.js';
import { guest, realKernel } from './helpers.js';

// Runs the alarm fixture with argument arg under a supervisor of our own: {wstatus, ms, roles}.
async function runAlarm(arg) {
  const roles = [];
  const platform = {
    startWorker(role) {
      roles.push(role);
      const w = new Worker(new URL('./fixtures/embed-worker.js', import.meta.url), {
        workerData: { role, program: null }, stdout: false, stderr: false, trackUnmanagedFds: false,
      });
      return {
        post: (msg, transfer) => w.postMessage(msg, transfer),
        onMessage: (fn) => w.on('message', fn),
        onError: (fn) => w.on('error', fn),
        terminate: () => w.terminate(),
      };
    },
    readInput: async () => new Uint8Array(0),
    closeInput() {},
  };
  let done, pid = -1;
  const exited = new Promise((resolve) => (done = resolve));
  const sup = createSupervisor({
    kernel: fs.readFileSync(realKernel()),
    boot: { flags: 0, winsize: 0, rtSec: 0, rtNsec: 0, rootfs: null, mounts: [] },
    platform,
    callbacks: {
      onExit: (p, wstatus) => p === pid && done(wstatus),
      onPanic: (m) => done(`panic ${m}`),
      onError: (e) => done(`error ${e}`),
    },
  });
  const t0 = performance.now();
  pid = await sup.spawn({ module: WebAssembly.compile(fs.readFileSync(guest('alarm'))), argv: ['alarm', arg],
    envp: [], memory: { initial: 2, maximum: 256 } });
  const wstatus = await exited;
  const ms = performance.now() - t0;
  await sup.shutdown();
  return { wstatus, ms, roles };
}

test('an alarm armed before a sleep ends it from the irq CPU, which starts for it', async () => {
  const { wstatus, ms, roles } = await runAlarm('sleep');
  assert.equal(wstatus, 14); // killed by SIGALRM
  assert.ok(ms < 3000, `took ${ms} ms`);
  assert.equal(roles.filter((r) => r === 'irq').length, 1);
});

test('a program that arms no timer starts no irq CPU', async () => {
  const { wstatus, roles } = await runAlarm('none');
  assert.equal(wstatus, 0);
  assert.ok(!roles.includes('irq'), JSON.stringify(roles));
});
