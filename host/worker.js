// A CPU that runs guest threads: its own kernel instance on the shared kernel memory, plus the guest of the
// thread it runs at the time. A CPU runs one thread after another: the supervisor keeps idle CPUs warm.
import { createKernelHost, startCpu, ThreadExit, KernelPanic } from './kernel.js';
import { trapSignal } from './traps.js';
import { isWasm, memoryImport } from './wasmfile.js';

const USER = 0, KERNEL = 1;
const ENOENT = 2, ESRCH = 3, EIO = 5, E2BIG = 7, ENOEXEC = 8, ENOMEM = 12, EACCES = 13, ENOTDIR = 20, ENOSYS = 38;
const SYS_exit_group = 94;
const UNWINDING = 1, REWINDING = 2;     // Asyncify's states
const FORK_RANGES = 64;                 // kernel/param.h
const MODULE_CACHE = 64;                // compiled programs each CPU keeps
const COLLECT_EVERY = 128;              // process memories between two io.collect() calls
const PAGES_4G = 65536;

// Thrown by host.exec: the thread leaves its old image for img, which starts at sp.
class ExecImage {
  constructor(img, sp) {
    this.img = img;
    this.sp = sp;
  }
}

// Runs one CPU. Messages from the supervisor: {type: 'boot', kmem, boot, kmod} once, then {type: 'run',
// job} for each thread (docs/host-api.md), {type: 'module', key, module, limits} to share a compiled
// program, {type: 'reclaim', slot} to free the slots of a killed thread whose worker has stopped,
// {type: 'retire'} to give the CPU slot back. port: {post(msg), onMessage(fn)}; io: see kernel.js.
export function runCpu({ port, io }) {
  const post = (msg) => port.post(msg);
  const modules = new Map();   // file identity → {module, limits}, most recently used last
  const images = new Map();    // handle → a prepared image (imagePrepare)
  let nextHandle = 1;
  let memories = 0;            // process memories this CPU made or ran (see handled())
  let kmem, glue, cpu = null;
  // The running thread: {g, module, key, limits, memory, pid, forkResult, forkSave, entry, handlers}; entry
  // is null for a process's first thread, [sp, tls] for a thread clone started; handlers counts the signal
  // handlers it is running.
  let cur = null;

  port.onMessage((msg) => {
    switch (msg.type) {
      case 'boot': boot(msg); break;
      case 'run': runJob(msg.job); break;
      case 'module': remember(msg.key, msg.module, msg.limits); break;
      case 'reclaim':
        if (cpu) cpu.k.k_cpu_reclaim(msg.slot);
        break;
      case 'retire':
        if (cpu) detach();
        post({ type: 'retired' });
        break;
    }
  });

  function boot(msg) {
    try {
      kmem = msg.kmem;
      glue = createKernelHost({ kmem, io, post, rootfs: msg.boot.rootfs, mounts: msg.boot.mounts });
      Object.assign(glue.imports, imageImports(), threadImports());
      cpu = startCpu(msg.kmod, kmem, glue.imports, msg.boot);
      cpu.ranges = cpu.k.k_kalloc(4 * (1 + 2 * FORK_RANGES)) >>> 0;
      post({ type: 'cpu', slot: cpu.slot });
    } catch (e) {
      if (!(e instanceof KernelPanic)) post({ type: 'error', message: e.message ?? String(e), errno: e.errno });
    }
  }

  function remember(key, module, limits) {
    if (key === null) return;
    modules.delete(key);
    modules.set(key, { module, limits });
    if (modules.size > MODULE_CACHE) modules.delete(modules.keys().next().value);
  }

  // The imports of a guest instance; they act on whichever thread this CPU runs. The kernel's export is
  // passed as is: a guest's system call is then a wasm-to-wasm call, no JS in between.
  const guestImports = (memory) => ({
    env: { memory },
    wunix: { syscall: cpu.k.wunix_syscall, fork: forkImport },
  });

  function instantiate(module, memory) {
    return new WebAssembly.Instance(module, guestImports(memory)).exports;
  }

  // wunix.fork(save, size): the first call unwinds the guest into save; the call made while rewinding
  // returns the result (docs/abi.md, "fork").
  function forkImport(save, size) {
    const g = cur.g;
    if (g.asyncify_get_state() === REWINDING) {
      g.asyncify_stop_rewind();
      return cur.forkResult;
    }
    // A handler runs inside a JS call: Asyncify cannot unwind through it (docs/limitations.md).
    if (cur.handlers > 0) return -ENOSYS;
    save >>>= 0;
    const dv = new DataView(cur.memory.buffer);
    dv.setUint32(save, save + 8, true);
    dv.setUint32(save + 4, save + (size >>> 0), true);
    cur.forkSave = save;
    g.asyncify_start_unwind(save);
    return 0;
  }

  // The guest unwound out of fork(): make the child (kernel), copy the used memory, hand the child to the
  // supervisor and rewind the parent, which returns the pid without waiting for the child to run.
  function fork() {
    const { g, memory } = cur;
    g.asyncify_stop_unwind();
    const { k } = cpu;
    const sp = g.__stack_pointer.value >>> 0;
    const r = k.k_fork(sp, cpu.ranges, FORK_RANGES);
    if (r > 0) {
      const words = new Uint32Array(kmem.buffer, cpu.ranges, 1 + 2 * FORK_RANGES);
      const pages = memory.buffer.byteLength / 65536;
      handled();
      const child = new WebAssembly.Memory({ initial: pages, maximum: cur.limits.maximum, shared: true });
      const from = new Uint8Array(memory.buffer), to = new Uint8Array(child.buffer);
      for (let i = 0; i < words[0]; i++) {
        const start = words[1 + 2 * i], end = Math.min(words[2 + 2 * i], from.length);
        if (start < end) to.set(from.subarray(start, end), start);
      }
      post({
        type: 'fork', ppid: cur.pid, pid: r,
        job: { kind: 'fork', tid: r, pid: r, module: cur.module, key: cur.key, limits: cur.limits, memory: child,
          sp, tlsBase: g.__tls_base.value, forkSave: cur.forkSave, entry: cur.entry },
      });
    }
    cur.forkResult = r;
    g.asyncify_start_rewind(cur.forkSave);
  }

  // Every COLLECT_EVERY process memories this isolate made or ran, a full collection lets go of the ones
  // that ended: V8 does not see shared memories as pressure here (io.collect, docs/host-api.md).
  function handled() {
    if (++memories % COLLECT_EVERY === 0) io.collect?.();
  }

  // An instance of prog in a fresh memory, kept under a new handle; its stack top and heap base go to out.
  function prepare(prog, key, out) {
    handled();
    let memory, g;
    try {
      memory = new WebAssembly.Memory({ initial: prog.limits.initial, maximum: prog.limits.maximum, shared: true });
      g = instantiate(prog.module, memory);
    } catch {
      return -ENOMEM;
    }
    const handle = nextHandle++;
    images.set(handle, { ...prog, key, memory, g });
    const dv = new DataView(kmem.buffer);
    dv.setUint32(out, g.__stack_pointer.value >>> 0, true);
    dv.setUint32(out + 4, g.__heap_base.value >>> 0, true);
    return handle;
  }

  // The host imports of kernel/image.c (kernel/host.h, "Program images").
  function imageImports() {
    return {
      image_prepare(kbuf, len, dev, ino, ctime, size, out) {
        kbuf >>>= 0; len >>>= 0; out >>>= 0;
        const key = `${dev}:${ino}:${ctime}:${size}`;
        let prog = modules.get(key);
        if (!prog) {
          if (!kbuf) return -ENOENT;
          prog = compile(new Uint8Array(kmem.buffer).slice(kbuf, kbuf + len));
          if (typeof prog === 'number') return -prog;
          post({ type: 'module', key, module: prog.module, limits: prog.limits });
        }
        remember(key, prog.module, prog.limits);
        return prepare(prog, key, out);
      },
      // onResolveSpawn (io.onResolveSpawn(path, argv) → {bytes} | {argv} | {errno} | null).
      resolve(kpath, plen, kargs, argc, kout, outlen, out) {
        kpath >>>= 0; plen >>>= 0; kargs >>>= 0; kout >>>= 0; outlen >>>= 0; out >>>= 0;
        const dv = new DataView(kmem.buffer);
        dv.setUint32(out, 0, true);
        if (!io.onResolveSpawn) return 0;
        const k8 = new Uint8Array(kmem.buffer);
        const dec = new TextDecoder();
        const path = dec.decode(k8.slice(kpath, kpath + plen));
        const argv = [];
        for (let off = kargs; argv.length < argc;) {
          const end = k8.indexOf(0, off);
          argv.push(dec.decode(k8.slice(off, end)));
          off = end + 1;
        }
        let answer;
        try {
          answer = io.onResolveSpawn(path, argv);
        } catch {
          return -EIO;
        }
        if (!answer) return 0;
        if (answer.errno) return -Math.abs(answer.errno);
        if (answer.bytes) {
          // answer.key, when given, names the program for the module cache as a file identity does
          const key = answer.key ?? null;
          let prog = key !== null ? modules.get(key) : undefined;
          if (!prog) {
            prog = compile(answer.bytes);
            if (typeof prog === 'number') return -prog;
            if (key !== null) post({ type: 'module', key, module: prog.module, limits: prog.limits });
          }
          remember(key, prog.module, prog.limits);
          return prepare(prog, key, out);
        }
        if (!answer.argv?.length) return 0;
        const strings = encodeStrings(answer.argv);
        if (strings.length > outlen) return -E2BIG;
        k8.set(strings, kout);
        dv.setUint32(out, answer.argv.length, true);
        dv.setUint32(out + 4, strings.length, true);
        return 0;
      },
      image_use(handle) {
        glue.useMemory(handle ? images.get(handle).memory : null);
      },
      image_drop(handle) {
        images.delete(handle);
      },
      exec(handle, sp) {
        const img = images.get(handle);
        images.delete(handle);
        throw new ExecImage(img, sp >>> 0);
      },
      spawn(handle, tid, sp) {
        const img = images.get(handle);
        images.delete(handle);
        post({
          type: 'spawn', ppid: cur.pid, pid: tid,
          job: { kind: 'spawn', tid, pid: tid, module: img.module, key: img.key, limits: img.limits,
            memory: img.memory, sp: sp >>> 0, tlsBase: img.g.__tls_base.value },
        });
      },
    };
  }

  // The host imports of kernel/thread.c and kernel/signal.c (kernel/host.h, "Threads and signals").
  function threadImports() {
    return {
      clone(tid, sp, tls) {
        post({
          type: 'clone', pid: cur.pid, tid,
          job: { kind: 'clone', tid, pid: cur.pid, module: cur.module, key: cur.key, limits: cur.limits,
            memory: cur.memory, entry: [sp >>> 0, tls >>> 0] },
        });
      },
      user_sp: () => cur.g.__stack_pointer.value,
      // The handler runs on the guest's own stack, below the frame. A handler that longjmps out unwinds
      // through here and through the kernel's frames: the kernel's stack pointer goes back to where it
      // was when the enclosing handler (or none) was entered.
      sig_handler(frame) {
        const { g } = cur, { k } = cpu;
        const sp = g.__stack_pointer.value, ksp = k.__stack_pointer.value;
        const outer = cur.handlerKsp;
        cur.handlers++;
        cur.handlerKsp = ksp;
        g.__stack_pointer.value = frame;
        let done = false;
        try {
          g.__wunix_sigenter(frame);
          done = true;
        } finally {
          cur.handlers--;
          cur.handlerKsp = outer;
          g.__stack_pointer.value = sp;
          if (!done) k.__stack_pointer.value = outer ?? cpu.stackTop;
        }
      },
    };
  }

  // Starts the thread a job describes and runs it until it ends; then this CPU is idle again.
  function runJob(job) {
    if (!cpu) return;
    let entry = null;
    try {
      entry = job.kind === 'start' ? newProcess(job) : resume(job);
    } catch (e) {
      // ThreadExit: the thread was killed before it could run, and ended on its way out of the kernel
      if (!(e instanceof ThreadExit)) {
        if (!(e instanceof KernelPanic)) post({ type: 'error', message: e.message ?? String(e), errno: e.errno });
        return;
      }
    }
    // no entry: the thread was ended before it could run (its process exited)
    const pid = cur?.pid ?? job.pid;
    if (entry) {
      if (job.kind === 'start') {
        post({ type: 'started', pid, consoleWant: cpu.k.k_console_want(), timerWord: cpu.k.k_timer_word?.() ?? 0 });
      }
      if (!run(entry)) return;
    }
    cur = null;
    glue.setProcessMemory(null);
    cpu.k.__stack_pointer.value = cpu.stackTop;
    post({ type: 'threadExit', pid });
  }

  // A thread made by fork, spawn or clone, waiting in the kernel for a CPU; null if it is gone already.
  function resume({ kind, tid, module, key, limits, memory, sp, tlsBase, forkSave, entry = null }) {
    const pid = cpu.k.k_thread_resume(tid);
    if (pid === -ESRCH) return null; // killed before it ever ran: its exit is done already
    if (pid < 0) throw new Error(`no thread ${tid} to resume (errno ${-pid})`);
    remember(key, module, limits);
    glue.setProcessMemory(memory);
    handled();
    const g = instantiate(module, memory);
    cur = { g, module, key, limits, memory, pid, forkResult: 0, forkSave, entry, handlers: 0, handlerKsp: null };
    if (kind === 'clone') {
      // a new thread: its stack and thread pointer (where its wasm TLS block goes) come from clone
      const [csp, tls] = entry;
      g.__stack_pointer.value = csp;
      g.__wasm_init_tls(tls);
      return () => g.__wunix_thread_start(csp, tls);
    }
    g.__stack_pointer.value = sp;
    g.__tls_base.value = tlsBase;
    if (kind === 'fork') {
      // rewind into fork() through the entry the forking thread came in by
      g.asyncify_start_rewind(forkSave);
      return entry ? () => g.__wunix_thread_start(entry[0], entry[1]) : () => g._start(0);
    }
    return () => g._start(sp);
  }

  // A process the host asks for: {module, argv, envp, memory: limits}, or {path, argv, envp}.
  function newProcess({ module, path, argv, envp, memory: limits }) {
    const { k } = cpu;
    let key = null;
    if (!module) ({ module, limits, key } = loadProgram(path, envp));
    const memory = new WebAssembly.Memory({ initial: limits.initial, maximum: limits.maximum, shared: true });
    glue.setProcessMemory(memory);
    const g = instantiate(module, memory);

    const strings = encodeStrings([...argv, ...envp]);
    const kbuf = k.k_kalloc(strings.length) >>> 0;
    if (!kbuf) throw Object.assign(new Error('Cannot allocate memory'), { errno: ENOMEM });
    new Uint8Array(kmem.buffer).set(strings, kbuf);
    const r = k.k_proc_start(kbuf, argv.length, envp.length, g.__stack_pointer.value, g.__heap_base.value);
    k.k_kfree(kbuf);
    if (r < 0 && r >= -4095) throw Object.assign(new Error(`cannot start process (errno ${-r})`), { errno: -r });
    const sp = r >>> 0;
    g.__stack_pointer.value = sp;
    cur = { g, module, key, limits, memory, pid: k.k_proc_pid(), forkResult: 0, forkSave: 0, entry: null,
      handlers: 0, handlerKsp: null };
    return () => g._start(sp);
  }

  // Reads and compiles the program at path in wunix's file system, trying each directory of envp's PATH
  // when path has no slash (as execvp does: EACCES is reported only if nothing else is found).
  function loadProgram(path, envp) {
    const { k } = cpu;
    const pathVar = envp.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/bin:/usr/bin:/bin';
    const candidates = path.includes('/') ? [path] : pathVar.split(':').map((d) => `${d || '.'}/${path}`);
    let errno = ENOENT;
    for (const name of candidates) {
      const file = loadFile(k, kmem, name);
      if (typeof file === 'number') {
        if (file === EACCES) errno = EACCES;
        else if (file !== ENOENT && file !== ENOTDIR) throw Object.assign(new Error(`errno ${file}`), { errno: file });
        continue;
      }
      const prog = modules.get(file.key) ?? compile(file.bytes);
      if (typeof prog === 'number') throw Object.assign(new Error('not a wunix program'), { errno: ENOEXEC });
      remember(file.key, prog.module, prog.limits);
      return { ...prog, key: file.key };
    }
    throw Object.assign(new Error(errno === EACCES ? 'Permission denied' : 'No such file or directory'), { errno });
  }

  // Runs the thread from entry until the kernel ends it (host.thread_exit) or its code traps; forks and
  // execs happen on the way. False after a panic.
  function run(entry) {
    const { k } = cpu;
    for (;;) {
      try {
        entry();
        if (cur.g.asyncify_get_state?.() === UNWINDING) {
          fork();
          continue;
        }
        // _start must not return; treat it as exit(0) so the kernel still records the exit.
        k.wunix_syscall(SYS_exit_group, 0n, 0n, 0n, 0n, 0n, 0n);
        return true;
      } catch (e) {
        if (e instanceof ThreadExit) return true;
        if (e instanceof KernelPanic) return false;
        if (e instanceof ExecImage) {
          entry = exec(e);
          continue;
        }
        const state = Atomics.load(new Int32Array(kmem.buffer), k.k_thread_state() >> 2);
        if (state === KERNEL) return stop(() => glue.panic(`trap in kernel: ${describe(e)}`));
        if (state !== USER) return true;
        // The trap unwound the kernel stack too, but the kernel was not running: start it afresh.
        k.__stack_pointer.value = cpu.stackTop;
        return stop(() => k.k_thread_trap(trapSignal(e)));
      }
    }
  }

  // The kernel committed an exec: the thread continues in the new image, in this worker.
  function exec({ img, sp }) {
    cpu.k.__stack_pointer.value = cpu.stackTop;
    glue.setProcessMemory(img.memory);
    const { g } = img;
    g.__stack_pointer.value = sp;
    cur = { g, module: img.module, key: img.key, limits: img.limits, memory: img.memory, pid: cur.pid,
      forkResult: 0, forkSave: 0, entry: null, handlers: 0, handlerKsp: null };
    post({ type: 'exec', pid: cur.pid });
    return () => g._start(sp);
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
}

// {module, limits} for a wunix program's bytes, or ENOEXEC.
function compile(bytes) {
  const limits = isWasm(bytes) ? memoryImport(bytes) : null;
  if (!limits || !limits.shared || limits.memory64) return ENOEXEC;
  try {
    return {
      module: new WebAssembly.Module(bytes),
      limits: { initial: limits.initial, maximum: Math.min(limits.maximum ?? PAGES_4G, PAGES_4G) },
    };
  } catch {
    return ENOEXEC;
  }
}

// The file name in wunix's file system (k_file_load): {bytes, key}, or a positive errno.
function loadFile(k, kmem, name) {
  const enc = new TextEncoder().encode(name + '\0');
  const infoOff = (enc.length + 7) & ~7;
  const kpath = k.k_kalloc(infoOff + 40) >>> 0;
  if (!kpath) return ENOMEM;
  new Uint8Array(kmem.buffer).set(enc, kpath);
  const r = k.k_file_load(kpath, kpath + infoOff);
  let out = -r;
  if (r >= 0) {
    // Loading may have grown kernel memory: take fresh views.
    const dv = new DataView(kmem.buffer);
    const len = dv.getUint32(kpath + infoOff, true);
    const id = [8, 16, 24, 32].map((o) => dv.getFloat64(kpath + infoOff + o, true));
    out = { bytes: new Uint8Array(kmem.buffer).slice(r, r + len), key: id.join(':') };
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
