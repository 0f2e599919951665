// The embedder API (docs/host-api.md): a custom host boots the kernel with createSupervisor, supplies its
// own workers and onResolveSpawn, and sees every lifecycle callback of a process that forks, execs and
// spawns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createSupervisor } from '../../host/supervisor.js';
import { realKernel, top } from './helpers.js';

function buildLifecycle() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wunix-embed-')), 'lifecycle.wasm');
  execFileSync(path.join(top, 'bin', 'wunix-cc'), ['-O2', '-o', out, path.join(top, 'tests/host/fixtures/lifecycle.c')]);
  return fs.readFileSync(out);
}

test('a custom host sees fork, exec, spawn, resolve and exit callbacks in order', async () => {
  const program = buildLifecycle();
  const calls = [];
  const resolves = [];
  const workers = [];
  const platform = {
    startWorker(role) {
      const w = new Worker(new URL('./fixtures/embed-worker.js', import.meta.url), {
        workerData: { role, program }, stdout: false, stderr: false, trackUnmanagedFds: false,
      });
      workers.push(w);
      return {
        post: (msg, transfer) => w.postMessage(msg, transfer),
        onMessage: (fn) => w.on('message', (msg) => {
          if (msg.type === 'test:resolve') resolves.push(msg);
          else fn(msg);
        }),
        onError: (fn) => w.on('error', fn),
        terminate: () => w.terminate(),
      };
    },
    readInput: async () => new Uint8Array(0),
    closeInput() {},
  };
  let done;
  const exited = new Promise((resolve) => (done = resolve));
  let top = -1;
  const sup = createSupervisor({
    kernel: fs.readFileSync(realKernel()),
    boot: { flags: 0, winsize: 0, rtSec: 0, rtNsec: 0, rootfs: null, mounts: [] },
    platform,
    callbacks: {
      onFork: (ppid, pid) => calls.push(['fork', ppid, pid]),
      onExec: (pid) => calls.push(['exec', pid]),
      onSpawn: (ppid, pid) => calls.push(['spawn', ppid, pid]),
      onExitGroup: (pid, wstatus) => calls.push(['exitGroup', pid, wstatus]),
      onExit: (pid, wstatus) => calls.push(['exit', pid, wstatus]),
      // the last message of a process: its thread's CPU is free. The children's may come after the
      // parent's (the parent's wait returns at the zombie), so finish once all three have arrived.
      onThreadExit: (pid) => {
        calls.push(['threadExit', pid]);
        const pids = [top, ...calls.filter((c) => c[0] === 'fork' || c[0] === 'spawn').map((c) => c[2])];
        if (pids.length === 3 && pids.every((p) => calls.some((c) => c[0] === 'threadExit' && c[1] === p)))
          done(calls.find((c) => c[0] === 'exit' && c[1] === top)?.[2]);
      },
      onPanic: (m) => done(`panic ${m}`),
      onError: (e) => done(`error ${e}`),
    },
  });
  top = await sup.spawn({ module: WebAssembly.compile(program), argv: ['lifecycle'], envp: [],
    memory: { initial: 256, maximum: 65536 } });
  const wstatus = await exited;
  await sup.shutdown();
  assert.equal(wstatus, 3 << 8);

  const fork = calls.find((c) => c[0] === 'fork');
  const spawn = calls.find((c) => c[0] === 'spawn');
  assert.ok(fork && fork[1] === top, `fork from ${top}: ${JSON.stringify(calls)}`);
  assert.ok(spawn && spawn[1] === top);
  const child = fork[2], spawned = spawn[2];
  assert.deepEqual(calls.filter((c) => c[0] === 'exec'), [['exec', child]]);
  for (const [pid, status] of [[child, 7], [spawned, 9], [top, 3]]) {
    const i = calls.findIndex((c) => c[0] === 'exitGroup' && c[1] === pid);
    const j = calls.findIndex((c) => c[0] === 'exit' && c[1] === pid);
    assert.ok(i >= 0 && j > i, `exitGroup before exit for ${pid}: ${JSON.stringify(calls)}`);
    assert.equal(calls[j][2], status << 8);
    assert.ok(calls.findIndex((c) => c[0] === 'threadExit' && c[1] === pid) > i);
  }
  assert.deepEqual(resolves.map((r) => [r.path, r.argv]).sort((a, b) => a[1][1] - b[1][1]),
    [['/virtual/prog', ['/virtual/prog', '7']], ['/virtual/prog', ['/virtual/prog', '9']]]);
});
