import { hostfsImports } from './hostfs.js';

// Kernel glue: the `host` imports of kernel/host.h for one CPU (worker), and the CPU start-up of docs/abi.md.

const ENOEXEC = 8, EBADF = 9, EFAULT = 14, ENAMETOOLONG = 36;
const SMALL_COPY = 16;

// Thrown by host.thread_exit to unwind the worker out of the guest and the kernel.
export class ThreadExit {}
// Thrown by host.panic after the panic has been reported; the CPU stops.
export class KernelPanic {
  constructor(message) {
    this.message = message;
  }
}

// Makes the `host` import object for one CPU. io: {writeConsole(fd, u8, off, len) → n | -errno, nowNs(),
// randomFill(u8), hostfs (optional: host/node/hostfs.js)}; post(msg): a message to the supervisor; rootfs:
// the root filesystem image (bytes in a SharedArrayBuffer, so every CPU shares one copy) or null; mounts:
// the host directories to mount, [{host, guest}]. Set the current process memory with setProcessMemory().
export function createKernelHost({ kmem, io, post, rootfs = null, mounts = [] }) {
  let umem = null;    // the process memory copies reach: the current process's, or an image's (useMemory)
  let pmem = null;    // the current process's memory
  let u8 = new Uint8Array(0);
  let u32 = new Int32Array(0); // over u8's buffer: futex words (uatomic32)
  let k8 = new Uint8Array(kmem.buffer);
  const decoder = new TextDecoder();

  // Views of a grown shared memory keep their old length; re-create them only when a range falls outside.
  function user(addr, len) {
    if (addr + len <= u8.length) return u8;
    if (!umem) return null;
    u8 = new Uint8Array(umem.buffer);
    return addr + len <= u8.length ? u8 : null;
  }
  function kernel(addr, len) {
    if (addr + len <= k8.length) return k8;
    k8 = new Uint8Array(kmem.buffer);
    return addr + len <= k8.length ? k8 : null;
  }
  // A subarray costs an allocation; syscalls mostly move a few words.
  function copy(dst, d, src, s, len) {
    if (len <= SMALL_COPY) for (let i = 0; i < len; i++) dst[d + i] = src[s + i];
    else dst.set(src.subarray(s, s + len), d);
  }
  const text = (addr, len) => {
    const k = kernel(addr, len);
    return k ? decoder.decode(k.slice(addr, addr + len)) : '(bad address)';
  };
  function writeLine(s) {
    const line = new TextEncoder().encode(s.endsWith('\n') ? s : s + '\n');
    io.writeConsole(2, line, 0, line.length);
  }

  const imports = {
    copyin(kdst, usrc, len) {
      kdst >>>= 0; usrc >>>= 0; len >>>= 0;
      const u = user(usrc, len), k = kernel(kdst, len);
      if (!u || !k) return -EFAULT;
      copy(k, kdst, u, usrc, len);
      return 0;
    },
    copyout(udst, ksrc, len) {
      udst >>>= 0; ksrc >>>= 0; len >>>= 0;
      const u = user(udst, len), k = kernel(ksrc, len);
      if (!u || !k) return -EFAULT;
      copy(u, udst, k, ksrc, len);
      return 0;
    },
    copyinstr(kdst, usrc, max) {
      kdst >>>= 0; usrc >>>= 0; max >>>= 0;
      const u = user(usrc, max) || user(usrc, 0);
      if (!u || usrc >= u.length) return -EFAULT;
      const end = Math.min(usrc + max, u.length);
      const n = u.subarray(usrc, end).indexOf(0);
      if (n < 0) return end < usrc + max ? -EFAULT : -ENAMETOOLONG;
      const k = kernel(kdst, n + 1);
      if (!k) return -EFAULT;
      copy(k, kdst, u, usrc, n + 1);
      return n;
    },
    umemset(udst, byte, len) {
      udst >>>= 0; len >>>= 0;
      const u = user(udst, len);
      if (!u) return -EFAULT;
      u.fill(byte & 0xff, udst, udst + len);
      return 0;
    },
    umemmove(udst, usrc, len) {
      udst >>>= 0; usrc >>>= 0; len >>>= 0;
      const u = user(Math.max(udst, usrc), len);
      if (!u) return -EFAULT;
      u.copyWithin(udst, usrc, usrc + len);
      return 0;
    },
    // A futex word, which other threads of the process change concurrently: load (op 0) or
    // compare-exchange (op 1: store b if it holds a). The old value as unsigned, or -EFAULT.
    uatomic32(op, uaddr, a, b) {
      uaddr >>>= 0;
      const u = user(uaddr, 4);
      if (!u || (uaddr & 3)) return -EFAULT;
      if (u32.buffer !== u.buffer) u32 = new Int32Array(u.buffer);
      const old = op === 0 ? Atomics.load(u32, uaddr >>> 2) : Atomics.compareExchange(u32, uaddr >>> 2, a | 0, b | 0);
      return old >>> 0;
    },
    umem_size() {
      return umem ? umem.buffer.byteLength / 65536 : 0;
    },
    umem_grow(pages) {
      if (!umem) return -1;
      try {
        return umem.grow(pages >>> 0);
      } catch {
        return -1;
      }
    },
    console_write(fd, ksrc, len) {
      ksrc >>>= 0; len >>>= 0;
      if (fd !== 1 && fd !== 2) return -EBADF;
      const k = kernel(ksrc, len);
      if (!k) return -EFAULT;
      return io.writeConsole(fd, k, ksrc, len);
    },
    log(ksrc, len) {
      writeLine(text(ksrc >>> 0, len >>> 0));
    },
    now_ns() {
      return io.nowNs();
    },
    random(kdst, len) {
      kdst >>>= 0; len >>>= 0;
      const k = kernel(kdst, len);
      if (!k) return;
      // Random sources refuse shared buffers (getRandomValues) and take at most 64 KiB at a time.
      const tmp = new Uint8Array(Math.min(len, 65536));
      for (let off = 0; off < len; off += tmp.length) {
        const n = Math.min(tmp.length, len - off);
        io.randomFill(tmp.subarray(0, n));
        k.set(tmp.subarray(0, n), kdst + off);
      }
    },
    rootfs_read(kdst, off, len) {
      kdst >>>= 0; len >>>= 0;
      if (!rootfs) return -1;
      const image = new Uint8Array(rootfs);
      const n = Math.max(0, Math.min(len, image.length - off));
      const k = kernel(kdst, n);
      if (!k) return -EFAULT;
      k.set(image.subarray(off, off + n), kdst);
      return n;
    },
    // Program images: a CPU that runs threads replaces these (worker.js); the irq CPU never needs them.
    image_prepare: () => -ENOEXEC,
    resolve: () => -ENOEXEC,
    image_use() {},
    image_drop() {},
    exec: () => panic('exec on a CPU that runs no threads'),
    spawn: () => panic('spawn on a CPU that runs no threads'),
    // Threads and signals: worker.js replaces these too.
    clone: () => panic('clone on a CPU that runs no threads'),
    cpu_kill(slot, pid) {
      post({ type: 'kill', slot, pid });
    },
    user_sp: () => 0,
    sig_handler: () => panic('signal handler on a CPU that runs no threads'),
    exit_group(pid, wstatus) {
      post({ type: 'exitGroup', pid, wstatus });
    },
    proc_exit(pid, wstatus) {
      post({ type: 'exit', pid, wstatus });
    },
    thread_exit() {
      throw new ThreadExit();
    },
    panic(ksrc, len) {
      panic(text(ksrc >>> 0, len >>> 0));
    },
  };

  Object.assign(imports, hostfsImports({ mounts, fs: io.hostfs ?? null, kernel, user }));

  // Reports a fatal kernel error to stderr and the supervisor, then unwinds this CPU.
  function panic(message) {
    writeLine(`wunix: kernel panic: ${message}`);
    post({ type: 'panic', message });
    throw new KernelPanic(message);
  }

  return {
    imports,
    panic,
    setProcessMemory(memory) {
      pmem = umem = memory;
      u8 = memory ? new Uint8Array(memory.buffer) : new Uint8Array(0);
    },
    // Points the copies at another memory (a prepared image, kernel/image.c); null: the process's again.
    useMemory(memory) {
      umem = memory ?? pmem;
      u8 = umem ? new Uint8Array(umem.buffer) : new Uint8Array(0);
    },
  };
}

// Instantiates kernel.wasm for this worker and makes it a CPU (docs/abi.md, steps 1–3).
// Returns {k: exports, slot, stackTop}. Throws when no CPU slot is free.
export function startCpu(kmod, kmem, hostImports, boot) {
  const k = new WebAssembly.Instance(kmod, { env: { memory: kmem }, host: hostImports }).exports;
  const slot = k.k_cpu_attach();
  if (slot < 0) throw new Error('no free CPU slot in the kernel');
  k.__wasm_init_tls(k.k_cpu_tls(slot));
  const stackTop = k.k_cpu_stack(slot);
  k.__stack_pointer.value = stackTop;
  k.k_cpu_start(slot);
  k.k_boot(boot.flags, boot.winsize, boot.rtSec, boot.rtNsec);
  return { k, slot, stackTop };
}
