// Console output from a worker to the page through a ring in a SharedArrayBuffer, one ring per worker:
// the worker copies each write in and posts a message only when the page has not been told yet, so a
// program writing many small lines costs the page one message per batch instead of one per write (a
// message costs the page ~25 µs). Records: a 32-bit word (fd 2 in the top bit, the length below), then
// the bytes; they wrap around the end of the ring.

const HEAD = 0, TAIL = 1, POSTED = 2; // bytes written, bytes released by the page (free-running), told?
const DATA = 16;                      // the words above, then the ring
const WORD = 4;

// A ring of size bytes (a power of two): its SharedArrayBuffer, to give to both sides.
export function createRing(size = 1 << 20) {
  return new SharedArrayBuffer(DATA + size);
}

// Worker side. write(fd, u8, off, len) copies the bytes in, waiting while the ring is full (the page has
// not consumed enough: a slow terminal slows the writer), and calls notify() when the page needs telling.
export function ringWriter(sab, notify) {
  const w = new Int32Array(sab, 0, DATA / 4), data = new Uint8Array(sab, DATA), size = data.length;
  const max = size / 2 - WORD; // the longest record
  const put = (pos, src) => {
    const at = pos & (size - 1), first = Math.min(src.length, size - at);
    data.set(src.subarray(0, first), at);
    if (first < src.length) data.set(src.subarray(first), 0);
  };
  const header = new Uint8Array(WORD), hv = new DataView(header.buffer);
  return function write(fd, u8, off, len) {
    for (let done = 0; done < len;) {
      const n = Math.min(len - done, max);
      let head;
      for (;;) {
        head = Atomics.load(w, HEAD) >>> 0;
        const tail = Atomics.load(w, TAIL);
        if (size - ((head - (tail >>> 0)) >>> 0) >= WORD + n) break;
        Atomics.wait(w, TAIL, tail, 100);
      }
      hv.setUint32(0, (fd === 2 ? 0x80000000 : 0) | n, true);
      put(head, header);
      put(head + WORD, u8.subarray(off + done, off + done + n));
      Atomics.store(w, HEAD, (head + WORD + n) | 0);
      if (Atomics.compareExchange(w, POSTED, 0, 1) === 0) notify();
      done += n;
    }
    return len;
  };
}

// Page side, on each notice: drain(onOutput) reads every record written so far, giving the bytes of each
// run of one fd to onOutput(fd, bytes) (copies, not views), and releases their space once the promises
// onOutput returned (if any) have settled.
export function ringReader(sab) {
  const w = new Int32Array(sab, 0, DATA / 4), data = new Uint8Array(sab, DATA), size = data.length;
  let read = Atomics.load(w, TAIL) >>> 0;
  const take = (pos, n) => {
    const at = pos & (size - 1), first = Math.min(n, size - at);
    const out = new Uint8Array(n);
    out.set(data.subarray(at, at + first));
    if (first < n) out.set(data.subarray(0, n - first), first);
    return out;
  };
  let released = Promise.resolve();
  return function drain(onOutput) {
    Atomics.store(w, POSTED, 0); // before reading HEAD: a write after this tells the page again
    const head = Atomics.load(w, HEAD) >>> 0;
    const runs = [];
    while (read !== head) {
      const hv = new DataView(take(read, WORD).buffer);
      const word = hv.getUint32(0, true), fd = word & 0x80000000 ? 2 : 1, n = word & 0x7fffffff;
      const bytes = take(read + WORD, n);
      read = (read + WORD + n) >>> 0;
      const last = runs[runs.length - 1];
      if (last && last.fd === fd) last.parts.push(bytes);
      else runs.push({ fd, parts: [bytes] });
    }
    if (!runs.length) return;
    const pending = runs.map(({ fd, parts }) => {
      const bytes = parts.length === 1 ? parts[0] : concat(parts);
      try {
        return onOutput(fd, bytes);
      } catch (e) {
        console.error(e);
      }
    });
    const end = read;
    // released in order, whatever order the promises settle in
    released = Promise.all([released, ...pending].map((p) => Promise.resolve(p).catch(() => {}))).then(() => {
      Atomics.store(w, TAIL, end | 0);
      Atomics.notify(w, TAIL);
    });
  };
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
