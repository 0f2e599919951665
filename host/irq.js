// The irq CPU: brings device events into the kernel: console input (one chunk per request for a plain
// console; every chunk as it comes for a terminal), the terminal's window size, and timer expiries.
import { createKernelHost, startCpu, KernelPanic } from './kernel.js';

// Runs the irq CPU. After {type:'start', kmem, boot, kmod} it boots the kernel and watches, without
// blocking, two kernel words. The console want word: when a reader waits it posts {type:'want'} and the
// supervisor answers {type:'input', bytes} (empty at end of file), which goes to k_console_input; a
// terminal's input comes unasked, and {type:'winsize', rows, cols} goes to k_console_winsize. The timer
// word: k_timer_tick fires the timers that are due and returns the next deadline; the worker waits on the
// word until then (the kernel bumps it when a timer is armed earlier).
export function runIrq({ port, io }) {
  const post = (msg) => port.post(msg);
  let kmem, glue, k, wantIndex, timerIndex, kbuf = 0, kbufSize = 0;
  const queue = []; // input the kernel did not take yet (its ring or terminal was full), in order
  let watching = false;

  port.onMessage((msg) => guard(() => {
    if (msg.type === 'start') boot(msg);
    else if (msg.type === 'input') {
      queue.push(msg.bytes);
      if (queue.length === 1) deliver();
    } else if (msg.type === 'winsize') k?.k_console_winsize?.(((msg.rows & 0xffff) << 16) | (msg.cols & 0xffff));
  }));

  // A kernel panic has been reported already; anything else becomes one.
  function guard(fn) {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof KernelPanic)) {
        try {
          glue?.panic(`irq: ${e?.stack ?? e}`);
        } catch {}
      }
    }
  }

  function boot(msg) {
    kmem = msg.kmem;
    glue = createKernelHost({ kmem, io, post, rootfs: msg.boot.rootfs, mounts: msg.boot.mounts });
    ({ k } = startCpu(msg.kmod, kmem, glue.imports, msg.boot));
    wantIndex = k.k_console_want() >> 2;
    if (queue.length) deliver();
    else watch();
    if (k.k_timer_tick) {
      timerIndex = (k.k_timer_word() >>> 0) >> 2;
      tick();
    }
  }

  // Atomics.waitAsync keeps this worker's event loop free for the supervisor's messages. The want word
  // rises when a reader waits (a plain console: ask the supervisor for input) or when the kernel has room
  // for input it turned away.
  function watch() {
    if (watching) return;
    const w = Atomics.waitAsync(new Int32Array(kmem.buffer), wantIndex, 0);
    if (!w.async) return wanted();
    watching = true;
    w.value.then(() => {
      watching = false;
      guard(wanted);
    });
  }

  function wanted() {
    if (queue.length) deliver();
    else post({ type: 'want' });
  }

  // Fires what is due, then sleeps until the next deadline (-1n: none) or until the word moves. The word
  // is read before the tick, so a timer armed after the tick's look has changed it and the wait ends at
  // once. When there is no time to wait, the next tick goes through setTimeout: a timer with a tiny
  // interval cannot keep this worker from its messages.
  function tick() {
    guard(() => {
      const words = new Int32Array(kmem.buffer);
      const seen = Atomics.load(words, timerIndex);
      const next = k.k_timer_tick();
      const ms = next < 0n ? Infinity : Math.max(0, Math.ceil((Number(next) - io.nowNs()) / 1e6));
      const w = ms > 0 ? Atomics.waitAsync(words, timerIndex, seen, ms) : null;
      if (w?.async) w.value.then(tick);
      else setTimeout(tick, 0);
    });
  }

  // Gives the queued input to k_console_input until it takes less than a whole chunk; the rest waits for
  // the want word.
  function deliver() {
    if (!k) return; // input before boot: delivered once booted (boot's watch)
    while (queue.length) {
      const bytes = queue[0];
      if (!kbuf || bytes.length > kbufSize) {
        if (kbuf) k.k_kfree(kbuf);
        kbufSize = Math.max(bytes.length, 4096);
        kbuf = k.k_kalloc(kbufSize) >>> 0;
        if (!kbuf) glue.panic('irq: out of kernel memory for console input');
      }
      new Uint8Array(kmem.buffer).set(bytes, kbuf);
      const taken = k.k_console_input(kbuf, bytes.length);
      if (taken >= 0 && taken < bytes.length) {
        queue[0] = bytes.subarray(taken);
        break;
      }
      queue.shift();
    }
    watch();
  }
}
