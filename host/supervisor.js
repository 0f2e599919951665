// The supervisor (main thread): owns the shared kernel memory and the workers, starts and stops them when the
// kernel asks, and serves device requests. It never blocks and never runs kernel code.
import { memoryImport } from './wasmfile.js';

// Creates the kernel memory and starts one warm CPU, compiling kernel.wasm meanwhile. The irq CPU starts
// when a reader first waits for console input (or at once with eagerIrq): most programs never read stdin,
// and a second worker booting beside the first slows the start of every program.
// kernel: kernel.wasm bytes. boot: {flags, winsize, rtSec, rtNsec} for k_boot. platform: {startWorker(role)
// → {post, onMessage, onError, terminate}, readInput() → Promise<Uint8Array> (empty at EOF), closeInput()}.
// callbacks: onExitGroup(pid, wstatus), onThreadExit(pid), onPanic(message), onError(error).
export function createSupervisor({ kernel, boot, platform, callbacks, eagerIrq = false }) {
  const limits = memoryImport(kernel);
  if (!limits || !limits.shared) throw new Error('kernel.wasm does not import a shared env.memory');
  const kmem = new WebAssembly.Memory({ initial: limits.initial, maximum: limits.maximum, shared: true });
  const kmod = WebAssembly.compile(kernel);
  const workers = new Set();
  let warm = startWorker('cpu');
  let irq = null;
  if (eagerIrq) startIrq();

  function startWorker(role) {
    const w = platform.startWorker(role);
    workers.add(w);
    w.onError((e) => callbacks.onError?.(e));
    return w;
  }

  function startIrq() {
    irq = startWorker('irq');
    irq.onMessage((msg) => {
      if (msg.type === 'want') {
        platform.readInput().then((bytes) => irq.post({ type: 'input', bytes }, [bytes.buffer]));
      } else if (msg.type === 'panic') callbacks.onPanic?.(msg.message);
    });
    kmod.then((m) => irq.post({ type: 'start', kmem, boot, kmod: m }), () => {});
  }

  // Until the irq CPU runs, wait here (asynchronously) for the kernel to ask for console input.
  function watchConsole(wantAddr) {
    if (irq) return;
    const w = Atomics.waitAsync(new Int32Array(kmem.buffer), wantAddr >> 2, 0);
    if (w.async) w.value.then(() => watchConsole(wantAddr));
    else startIrq();
  }

  // Starts a process from _start on a CPU: {module (Module or Promise), argv, envp, memory: {initial,
  // maximum}}, or {path, argv, envp} for a program inside wunix's file system (found on envp's PATH when
  // it has no slash). Resolves with its pid once it runs; rejects with an Error (errno set if the kernel
  // or the program refused).
  function spawn({ module = null, path = null, argv, envp, memory = null }) {
    const w = warm ?? startWorker('cpu');
    warm = null;
    return new Promise((resolve, reject) => {
      w.onMessage((msg) => {
        switch (msg.type) {
          case 'started':
            watchConsole(msg.consoleWant);
            resolve(msg.pid);
            break;
          case 'error': reject(Object.assign(new Error(msg.message), { errno: msg.errno })); break;
          case 'exitGroup': callbacks.onExitGroup?.(msg.pid, msg.wstatus); break;
          case 'threadExit':
            // The thread's state word is DEAD, so stopping its worker cannot leave the kernel lock held.
            workers.delete(w);
            w.terminate();
            callbacks.onThreadExit?.(msg.pid);
            break;
          case 'panic': callbacks.onPanic?.(msg.message); break;
        }
      });
      Promise.all([kmod, module]).then(
        ([k, g]) => w.post({ type: 'start', kmem, boot, kmod: k, gmod: g, path, argv, envp, memory }),
        reject,
      );
    });
  }

  // Stops every worker and releases the devices; the system cannot be used afterwards.
  function shutdown() {
    platform.closeInput();
    const all = [...workers];
    workers.clear();
    return Promise.all(all.map((w) => w.terminate()));
  }

  return { spawn, shutdown };
}
