// A CPU that runs guest threads: its own kernel instance on the shared kernel memory, plus the guest.
import { createKernelHost, startCpu, ThreadExit, KernelPanic } from './kernel.js';
import { trapSignal } from './traps.js';
import { isWasm, memoryImport } from './wasmfile.js';

const USER = 0, KERNEL = 1;
const ENOENT = 2, ENOEXEC = 8, ENOMEM = 12, EACCES = 13, ENOTDIR = 20;
const SYS_exit_group = 94;

// Runs one CPU. A {type:'start', kmem, boot, kmod, ...} message starts a process from _start and runs its
// thread until the thread ends. port: {post(msg), onMessage(fn)}; io: see kernel.js.
export function runCpu({ port, io }) {
  const post = (msg) => port.post(msg);
  let kmem, glue, cpu = null;

  port.onMessage((msg) => {
    if (msg.type === 'start') start(msg);
  });

  function start(msg) {
    let thread;
    try {
      if (!cpu) {
        kmem = msg.kmem;
        glue = createKernelHost({ kmem, io, post, rootfs: msg.boot.rootfs, mounts: msg.boot.mounts });
        cpu = startCpu(msg.kmod, kmem, glue.imports, msg.boot);
      }
      thread = newProcess(msg);
    } catch (e) {
      if (!(e instanceof KernelPanic)) post({ type: 'error', message: e.message ?? String(e), errno: e.errno });
      return;
    }
    post({ type: 'started', pid: thread.pid, consoleWant: cpu.k.k_console_want() });
    if (!run(thread)) return;
    glue.setProcessMemory(null);
    detach();
    post({ type: 'threadExit', pid: thread.pid });
  }

  // Gives the CPU slot back: this worker is about to be stopped.
  function detach() {
    const { k, slot, stackTop } = cpu;
    cpu = null;
    k.__stack_pointer.value = stackTop;
    try {
      k.k_cpu_detach(slot);
    } catch (e) {
      if (!(e instanceof KernelPanic)) throw e;
    }
  }

  function newProcess({ gmod, path, argv, envp, memory: limits }) {
    const { k } = cpu;
    if (!gmod) ({ gmod, limits } = loadProgram(path, envp));
    const memory = new WebAssembly.Memory({ initial: limits.initial, maximum: limits.maximum, shared: true });
    glue.setProcessMemory(memory);
    const wunix = { syscall: k.wunix_syscall, fork: k.wunix_fork };
    const g = new WebAssembly.Instance(gmod, { env: { memory }, wunix }).exports;

    const strings = encodeStrings([...argv, ...envp]);
    const kbuf = k.k_kalloc(strings.length) >>> 0;
    if (!kbuf) throw Object.assign(new Error('Cannot allocate memory'), { errno: 12 });
    new Uint8Array(kmem.buffer).set(strings, kbuf);
    const r = k.k_proc_start(kbuf, argv.length, envp.length, g.__stack_pointer.value, g.__heap_base.value);
    k.k_kfree(kbuf);
    if (r < 0 && r >= -4095) throw Object.assign(new Error(`cannot start process (errno ${-r})`), { errno: -r });
    const sp = r >>> 0;
    g.__stack_pointer.value = sp;
    const pid = k.k_proc_pid();
    return { g, sp, pid, stateAddr: k.k_thread_state() >>> 0 };
  }

  // Reads and compiles the program at path in wunix's file system, trying each directory of envp's PATH
  // when path has no slash (as execvp does: EACCES is reported only if nothing else is found).
  function loadProgram(path, envp) {
    const { k } = cpu;
    const pathVar = envp.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/bin:/usr/bin:/bin';
    const candidates = path.includes('/') ? [path] : pathVar.split(':').map((d) => `${d || '.'}/${path}`);
    let errno = ENOENT;
    for (const name of candidates) {
      const bytes = loadFile(k, kmem, name);
      if (typeof bytes === 'number') {
        if (bytes === EACCES) errno = EACCES;
        else if (bytes !== ENOENT && bytes !== ENOTDIR) throw Object.assign(new Error(`errno ${bytes}`), { errno: bytes });
        continue;
      }
      const limits = isWasm(bytes) ? memoryImport(bytes) : null;
      if (!limits || !limits.shared || limits.memory64)
        throw Object.assign(new Error('not a wunix program'), { errno: ENOEXEC });
      let gmod;
      try {
        gmod = new WebAssembly.Module(bytes);
      } catch (e) {
        throw Object.assign(new Error(`invalid WebAssembly: ${e.message}`), { errno: ENOEXEC });
      }
      return { gmod, limits: { initial: limits.initial, maximum: Math.min(limits.maximum ?? 65536, 65536) } };
    }
    throw Object.assign(new Error(errno === EACCES ? 'Permission denied' : 'No such file or directory'), { errno });
  }

  // Runs the thread until the kernel ends it (host.thread_exit) or its code traps. False after a panic.
  function run({ g, sp, stateAddr }) {
    const { k } = cpu;
    try {
      g._start(sp);
      // _start must not return; treat it as exit(0) so the kernel still records the exit.
      k.wunix_syscall(SYS_exit_group, 0n, 0n, 0n, 0n, 0n, 0n);
    } catch (e) {
      if (e instanceof ThreadExit) return true;
      if (e instanceof KernelPanic) return false;
      const state = Atomics.load(new Int32Array(kmem.buffer), stateAddr >> 2);
      if (state === KERNEL) return stop(() => glue.panic(`trap in kernel: ${describe(e)}`));
      if (state !== USER) return true;
      // The trap unwound the kernel stack too, but the kernel was not running: start it afresh.
      k.__stack_pointer.value = cpu.stackTop;
      return stop(() => k.k_thread_trap(trapSignal(e)));
    }
    return true;
  }

  // Calls fn, which must end the thread; anything but the sentinels is a kernel fault. False after a panic.
  function stop(fn) {
    try {
      fn();
      glue.panic('k_thread_trap returned');
    } catch (e) {
      if (e instanceof ThreadExit) return true;
      if (e instanceof KernelPanic) return false;
      try {
        glue.panic(`fault in kernel: ${describe(e)}`);
      } catch {}
      return false;
    }
  }
}

// The bytes of file name in wunix's file system (k_file_load), or a positive errno.
function loadFile(k, kmem, name) {
  const enc = new TextEncoder().encode(name + '\0');
  const lenOff = (enc.length + 3) & ~3;
  const kpath = k.k_kalloc(lenOff + 4) >>> 0;
  if (!kpath) return ENOMEM;
  new Uint8Array(kmem.buffer).set(enc, kpath);
  const r = k.k_file_load(kpath, kpath + lenOff);
  let out = -r;
  if (r >= 0) {
    // Loading may have grown kernel memory: take fresh views.
    const len = new DataView(kmem.buffer).getUint32(kpath + lenOff, true);
    out = new Uint8Array(kmem.buffer).slice(r, r + len);
    k.k_kfree(r);
  }
  k.k_kfree(kpath);
  return out;
}

function describe(e) {
  return e?.stack ?? String(e);
}

// argv and envp as consecutive NUL-terminated strings, the layout k_proc_start reads.
function encodeStrings(list) {
  const enc = new TextEncoder();
  const parts = list.map((s) => enc.encode(s));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length + 1;
  }
  return out;
}
