// The host's stdio, clock and randomness as a CPU worker sees them in Node.
import fs from 'node:fs';

const nap = new Int32Array(new SharedArrayBuffer(4));
let urandom = -1;

// Writes len bytes of u8 from off to host fd 1 or 2, retrying while a non-blocking stream is full.
// Returns len, the bytes written before an error, or -errno (EPIPE → -32).
export function writeConsole(fd, u8, off, len) {
  let done = 0;
  while (done < len) {
    try {
      done += fs.writeSync(fd, u8, off + done, len - done);
    } catch (e) {
      if (e.code === 'EAGAIN') {
        Atomics.wait(nap, 0, 0, 1);
        continue;
      }
      if (done > 0) return done;
      return typeof e.errno === 'number' && e.errno < 0 ? e.errno : -5;
    }
  }
  return len;
}

// CLOCK_MONOTONIC in nanoseconds, the same clock in every thread of the process.
export function nowNs() {
  const [s, ns] = process.hrtime();
  return s * 1e9 + ns;
}

// Fills u8 (not shared) with cryptographically strong random bytes. /dev/urandom, because the first use
// of Node's crypto module costs ~6 ms of start-up; crypto where there is no such device. Bytes are read
// 4 KiB at a time and each is handed out once: a read(2) per getrandom would cost ~4 µs.
const pool = new Uint8Array(4096);
let poolPos = pool.length;

export function randomFill(u8) {
  if (urandom === -1) {
    try {
      urandom = fs.openSync('/dev/urandom', 'r');
    } catch {
      urandom = null;
    }
  }
  if (urandom === null) return crypto.getRandomValues(u8);
  for (let off = 0; off < u8.length; ) {
    if (poolPos === pool.length) {
      for (let n = 0; n < pool.length; ) n += fs.readSync(urandom, pool, n, pool.length - n, null);
      poolPos = 0;
    }
    const n = Math.min(u8.length - off, pool.length - poolPos);
    u8.set(pool.subarray(poolPos, poolPos + n), off);
    pool.fill(0, poolPos, poolPos + n);
    poolPos += n;
    off += n;
  }
}
