// The supervisor (main thread): owns the shared kernel memory and the workers, starts threads on them when
// the kernel asks (fork, spawn), keeps idle CPUs warm, and serves device requests. It never blocks and
// never runs kernel code.
import { memoryImport } from './wasmfile.js';

const BOOT_TERMINAL = 0x10; // kernel/include/wunix/boot.h
const POOL_MAX = 16;  // idle CPUs kept warm (~8 MiB each); more are retired
const COLLECT_EVERY = 128; // jobs passed on (each holding a process memory) between two platform.collect()

// Creates the kernel memory and starts one warm CPU, compiling kernel.wasm meanwhile. The irq CPU starts
// when a reader first waits for console input or a timer is first armed (or at once with eagerIrq): most
// programs do neither, and a second worker booting beside the first slows the start of every program.
// kernel: kernel.wasm bytes. boot: {flags, winsize, rtSec, rtNsec, rootfs, mounts} for k_boot. platform:
// {startWorker(role) → {post, onMessage, onError, terminate}, readInput() → Promise<Uint8Array> (empty at
// EOF), closeInput()}. callbacks: docs/host-api.md.
export function createSupervisor({ kernel, boot, platform, callbacks = {}, eagerIrq = false }) {
  const limits = memoryImport(kernel);
  if (!limits || !limits.shared) throw new Error('kernel.wasm does not import a shared env.memory');
  const kmem = new WebAssembly.Memory({ initial: limits.initial, maximum: limits.maximum, shared: true });
  const kmod = WebAssembly.compile(kernel);
  const workers = new Set();
  const idle = [];            // booted CPUs without a thread
  const modules = new Map();  // compiled programs the CPUs shared: key → {module, limits}
  const slots = new Map();    // kernel CPU slot → its worker
  let starting = null;        // the top-level spawn() waiting for 'started' on a CPU: {resolve, reject}
  let irq = null;
  let down = false;
  // The console is a terminal (boot flag 0x10, kernel/console.c): everything typed goes to the kernel as
  // it comes, so ^C reaches a program that computes.
  const terminal = (boot.flags & BOOT_TERMINAL) !== 0;
  idle.push(startCpu());
  if (eagerIrq) startIrq();
  if (terminal) pumpInput();

  function startCpu() {
    const w = platform.startWorker('cpu');
    workers.add(w);
    w.onError((e) => callbacks.onError?.(e));
    w.onMessage((msg) => cpuMessage(w, msg));
    w.ready = kmod.then((m) => w.post({ type: 'boot', kmem, boot, kmod: m }), () => {});
    w.send = (msg) => w.ready.then(() => w.post(msg));
    for (const [key, { module, limits: l }] of modules) w.send({ type: 'module', key, module, limits: l });
    return w;
  }

  // A CPU for a new thread: a warm one if there is one. Taking the last warm CPU starts another, so a
  // process that forks or spawns in a loop does not wait for a worker to start.
  // Passes a job to a CPU. The job's memory stays referenced here until this isolate collects, which V8
  // does not hurry for shared memories: every COLLECT_EVERY jobs, platform.collect() (if any) does.
  let passed = 0;
  function runOnCpu(job) {
    if (down) return; // a thread made just before the shutdown, whose message came after it: no CPU for it
    takeCpu().send({ type: 'run', job });
    if (++passed % COLLECT_EVERY === 0) platform.collect?.();
  }

  function takeCpu(refill = true) {
    const w = idle.pop() ?? startCpu();
    if (refill && idle.length === 0 && !down) idle.push(startCpu());
    return w;
  }

  function cpuMessage(w, msg) {
    switch (msg.type) {
      case 'started':
        watchForIrq(msg.consoleWant);
        if (msg.timerWord) watchForIrq(msg.timerWord);
        starting?.resolve(msg.pid);
        starting = null;
        break;
      case 'error':
        if (starting) starting.reject(Object.assign(new Error(msg.message), { errno: msg.errno }));
        else callbacks.onError?.(new Error(msg.message));
        starting = null;
        break;
      case 'fork':
        callbacks.onFork?.(msg.ppid, msg.pid);
        runOnCpu(msg.job);
        break;
      case 'spawn':
        callbacks.onSpawn?.(msg.ppid, msg.pid);
        runOnCpu(msg.job);
        break;
      case 'clone':
        callbacks.onClone?.(msg.pid, msg.tid);
        runOnCpu(msg.job);
        break;
      case 'cpu':
        w.slot = msg.slot;
        slots.set(msg.slot, w);
        break;
      case 'kill': kill(msg.slot, msg.pid); break;
      case 'exec': callbacks.onExec?.(msg.pid); break;
      case 'module':
        modules.set(msg.key, { module: msg.module, limits: msg.limits });
        for (const o of workers) if (o !== w && o !== irq) o.send({ type: 'module', key: msg.key, module: msg.module, limits: msg.limits });
        break;
      case 'exit': callbacks.onExit?.(msg.pid, msg.wstatus); break;
      case 'exitGroup': callbacks.onExitGroup?.(msg.pid, msg.wstatus); break;
      case 'threadExit':
        callbacks.onThreadExit?.(msg.pid);
        if (down) break;
        if (idle.length < POOL_MAX) idle.push(w);
        else w.send({ type: 'retire' });
        break;
      case 'retired':
        workers.delete(w);
        slots.delete(w.slot);
        w.terminate();
        break;
      case 'panic': callbacks.onPanic?.(msg.message); break;
    }
  }

  // The kernel killed the thread on CPU slot while it computed in user mode (its state word is DEAD, so it
  // cannot enter the kernel again): stop its worker, then let an idle CPU free the slots it held.
  function kill(slot, pid) {
    const w = slots.get(slot);
    if (!w) return;
    slots.delete(slot);
    workers.delete(w);
    Promise.resolve(w.terminate()).then(() => {
      callbacks.onThreadExit?.(pid);
      if (down) return;
      if (!idle.length) idle.push(startCpu());
      idle[idle.length - 1].send({ type: 'reclaim', slot });
    });
  }

  function startIrq() {
    irq = platform.startWorker('irq');
    workers.add(irq);
    irq.onError((e) => callbacks.onError?.(e));
    irq.send = () => {};
    irq.onMessage((msg) => {
      if (msg.type === 'want') {
        if (!terminal) platform.readInput().then((bytes) => irq.post({ type: 'input', bytes }, [bytes.buffer]));
      } else if (['panic', 'kill', 'exitGroup', 'exit'].includes(msg.type)) {
        cpuMessage(irq, msg); // a signal the irq CPU sent (a timer's) may end a process
      }
    });
    irq.ready = kmod.then((m) => irq.post({ type: 'start', kmem, boot, kmod: m }), () => {});
  }

  // A message for the irq CPU, started if it is not running yet; after its 'start'.
  function toIrq(msg, transfer) {
    if (down) return;
    if (!irq) startIrq();
    irq.ready.then(() => irq.post(msg, transfer));
  }

  // A terminal's input: every chunk to the kernel as it arrives, until the end of file.
  async function pumpInput() {
    for (;;) {
      const bytes = await platform.readInput();
      if (down) return;
      toIrq({ type: 'input', bytes }, [bytes.buffer]);
      if (!bytes.length) return;
    }
  }

  // The terminal's window size changed: SIGWINCH to its foreground process group.
  function resize(rows, cols) {
    if (terminal) toIrq({ type: 'winsize', rows, cols });
  }

  // Until the irq CPU runs, wait here (asynchronously) for the kernel to need it: a word that leaves 0,
  // the console want word (a reader waits for input) or the timer word (a timer was armed).
  function watchForIrq(addr) {
    if (irq) return;
    const w = Atomics.waitAsync(new Int32Array(kmem.buffer), addr >> 2, 0);
    if (w.async) w.value.then(() => watchForIrq(addr));
    else startIrq();
  }

  // Starts a process from _start on a CPU: {module (Module or Promise), argv, envp, memory: {initial,
  // maximum}}, or {path, argv, envp} for a program inside wunix's file system (found on envp's PATH when
  // it has no slash). Resolves with its pid once it runs; rejects with an Error (errno set if the kernel
  // or the program refused). One at a time.
  function spawn({ module = null, path = null, argv, envp, memory = null }) {
    if (starting) return Promise.reject(new Error('spawn: another start is in progress'));
    const w = takeCpu(false);
    return new Promise((resolve, reject) => {
      starting = { resolve, reject };
      Promise.resolve(module).then(
        (g) => w.send({ type: 'run', job: { kind: 'start', module: g, path, argv, envp, memory } }),
        (e) => {
          starting = null;
          reject(e);
        },
      );
    });
  }

  // Stops every worker and releases the devices; the system cannot be used afterwards.
  function shutdown() {
    down = true;
    platform.closeInput();
    const all = [...workers];
    workers.clear();
    return Promise.all(all.map((w) => w.terminate()));
  }

  return { spawn, shutdown, resize };
}
