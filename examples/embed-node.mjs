// Embedding wunix in a Node program (docs/embedding.md): boots the kernel with the default root file
// system image, runs one program inside it, writes a line to its stdin and prints what it writes, with
// its exit status. This file is both the program and the entry of its workers.
//
//   node examples/embed-node.mjs [PROGRAM [ARGS...]]
//
// Default: sh -c 'read line; echo "got: $line"'. Needs `make` first (build/kernel.wasm, build/rootfs.tar).
import fs from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createSupervisor } from '../host/supervisor.js';
import { runCpu } from '../host/worker.js';
import { runIrq } from '../host/irq.js';

if (isMainThread) await main();
else worker();

// A worker is a CPU of the kernel (or its irq CPU). Its io is where wunix meets the host: here the
// console output goes to the main thread as messages.
function worker() {
  const io = {
    writeConsole(fd, u8, off, len) {
      parentPort.postMessage({ type: 'output', fd, bytes: u8.slice(off, off + len) });
      return len;
    },
    nowNs: () => Number(process.hrtime.bigint()),
    randomFill: (u8) => crypto.getRandomValues(u8),
  };
  const port = { post: (msg, transfer) => parentPort.postMessage(msg, transfer), onMessage: (fn) => parentPort.on('message', fn) };
  (workerData.role === 'irq' ? runIrq : runCpu)({ port, io });
}

async function main() {
  const [program, ...args] = process.argv.length > 2 ? process.argv.slice(2) : ['sh', '-c', 'read line; echo "got: $line"'];
  const kernel = fs.readFileSync(new URL('../build/kernel.wasm', import.meta.url));
  const image = fs.readFileSync(new URL('../build/rootfs.tar', import.meta.url));
  const rootfs = new Uint8Array(new SharedArrayBuffer(image.length)); // one copy for every CPU
  rootfs.set(image);

  // stdin: what the program reads from fd 0, handed over when the kernel asks; an empty chunk is EOF
  const stdin = [new TextEncoder().encode('hello from the embedder\n'), new Uint8Array(0)];
  const platform = {
    startWorker(role) {
      const w = new Worker(new URL(import.meta.url), { workerData: { role } });
      return {
        post: (msg, transfer) => w.postMessage(msg, transfer),
        onMessage: (fn) => w.on('message', (msg) => (msg.type === 'output' ? onOutput(msg.fd, msg.bytes) : fn(msg))),
        onError: (fn) => w.on('error', fn),
        terminate: () => w.terminate(),
      };
    },
    readInput: async () => stdin.shift() ?? new Uint8Array(0),
    closeInput() {},
  };
  // stdout and stderr of every process (fd 1 or 2)
  function onOutput(fd, bytes) {
    (fd === 2 ? process.stderr : process.stdout).write(bytes);
  }

  let pid = -1, exited;
  const status = new Promise((resolve) => (exited = resolve));
  const sup = createSupervisor({
    kernel,
    boot: { flags: 0, winsize: 0, rtSec: Math.floor(Date.now() / 1000), rtNsec: 0, rootfs: rootfs.buffer, mounts: [] },
    platform,
    callbacks: {
      onExit: (p, wstatus) => p === pid && exited(wstatus),
      onPanic: () => exited(-1),
      onError: (e) => exited(console.error(e) ?? -1),
    },
  });
  try {
    pid = await sup.spawn({ path: program, argv: [program, ...args], envp: ['PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/root'] });
  } catch (e) {
    console.error(`${program}: cannot start: ${e.errno === 2 ? 'No such file or directory' : e.message}`);
    await sup.shutdown();
    process.exit(127);
  }
  const wstatus = await status;
  await sup.shutdown();
  // a Linux wait status: exit code in bits 8-15, or the signal in bits 0-6
  const code = wstatus < 0 ? 70 : wstatus & 0x7f ? 128 + (wstatus & 0x7f) : (wstatus >> 8) & 0xff;
  console.log(`[${program} exited with status ${code}]`);
  process.exitCode = code;
}
