// The irq CPU: brings device events into the kernel. Now: console input, one chunk per request.
import { createKernelHost, startCpu, KernelPanic } from './kernel.js';

// Runs the irq CPU. After {type:'start', kmem, boot, kmod} it boots the kernel and watches the console
// want word without blocking; when a reader waits it posts {type:'want'} and the supervisor answers
// {type:'input', bytes} (empty at end of file), which goes to k_console_input.
export function runIrq({ port, io }) {
  const post = (msg) => port.post(msg);
  let kmem, glue, k, wantIndex, kbuf = 0, kbufSize = 0;
  let rest = null; // input the kernel did not take yet (its ring was full)

  port.onMessage((msg) => {
    try {
      if (msg.type === 'start') boot(msg);
      else if (msg.type === 'input') deliver(msg.bytes);
    } catch (e) {
      if (!(e instanceof KernelPanic)) {
        try {
          glue?.panic(`irq: ${e?.stack ?? e}`);
        } catch {}
      }
    }
  });

  function boot(msg) {
    kmem = msg.kmem;
    glue = createKernelHost({ kmem, io, post, rootfs: msg.boot.rootfs, mounts: msg.boot.mounts });
    ({ k } = startCpu(msg.kmod, kmem, glue.imports, msg.boot));
    wantIndex = k.k_console_want() >> 2;
    watch();
  }

  // Atomics.waitAsync keeps this worker's event loop free for the supervisor's messages.
  function watch() {
    const words = new Int32Array(kmem.buffer);
    const w = Atomics.waitAsync(words, wantIndex, 0);
    if (w.async) w.value.then(watch);
    else if (rest) deliver(rest);
    else post({ type: 'want' });
  }

  function deliver(bytes) {
    if (!kbuf || bytes.length > kbufSize) {
      if (kbuf) k.k_kfree(kbuf);
      kbufSize = Math.max(bytes.length, 4096);
      kbuf = k.k_kalloc(kbufSize) >>> 0;
      if (!kbuf) glue.panic('irq: out of kernel memory for console input');
    }
    new Uint8Array(kmem.buffer).set(bytes, kbuf);
    const taken = k.k_console_input(kbuf, bytes.length);
    rest = taken >= 0 && taken < bytes.length ? bytes.subarray(taken) : null;
    watch();
  }
}
