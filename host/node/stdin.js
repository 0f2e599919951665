// The host's stdin for the supervisor, read one chunk at a time and only when the kernel asks, so input
// meant for whoever reads fd 0 after wunix stays unread. Pipes and terminals are read through the event
// loop, never a blocking read(), because Node cannot exit while a thread is blocked reading.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import tty from 'node:tty';

const CHUNK = 65536;
const EMPTY = () => new Uint8Array(0);

// Returns {read() → Promise<Uint8Array> (empty at end of file), close()}. raw: a terminal goes into raw mode
// (no echo, no line editing, no signals: the kernel's console terminal does all that) until close() or
// the process's exit, whichever comes first.
export function createStdin(fd = 0, { raw = false } = {}) {
  let st;
  try {
    st = fs.fstatSync(fd);
  } catch {
    return { read: async () => EMPTY(), close() {} };
  }
  if (st.isFIFO() || st.isSocket() || tty.isatty(fd)) return streamReader(fd, raw && tty.isatty(fd));
  return fileReader(fd);
}

// Regular files and devices: a read never waits for long, so the thread pool is fine.
function fileReader(fd) {
  const read = () => new Promise((resolve) => {
    const buf = new Uint8Array(CHUNK);
    fs.read(fd, buf, 0, CHUNK, null, (err, n) => {
      if (err?.code === 'EAGAIN') setTimeout(() => read().then(resolve), 10);
      else resolve(err ? EMPTY() : buf.slice(0, n));
    });
  });
  return { read, close() {} };
}

function streamReader(fd, raw) {
  let pending = null, ended = false;
  const early = []; // chunks that came while nobody was asking
  const give = (bytes) => {
    const p = pending;
    pending = null;
    if (p) p(bytes);
    else early.push(bytes);
  };
  const onread = {
    buffer: Buffer.alloc(CHUNK),
    callback(n, buf) {
      give(new Uint8Array(buf.subarray(0, n)));
      return false; // pause until the kernel asks again
    },
  };
  const options = { readable: true, writable: false, manualStart: true, onread };
  const stream = tty.isatty(fd) ? new tty.ReadStream(fd, options) : new net.Socket({ fd, ...options });
  const finish = () => {
    if (ended) return;
    ended = true;
    give(EMPTY());
  };
  stream.on('end', finish);
  stream.on('error', finish);
  stream.pause();
  let restore = () => {};
  if (raw) {
    // libuv's raw mode keeps output processing (ONLCR): the kernel's terminal does its own, and a
    // full-screen program's bare \n must stay one. setRawMode(false) restores the whole saved termios.
    stream.setRawMode(true);
    spawnSync('stty', ['-opost'], { stdio: [fd, 'ignore', 'ignore'] });
    restore = () => {
      process.off('exit', restore);
      restore = () => {};
      try {
        stream.setRawMode(false);
      } catch {}
    };
    process.on('exit', restore);
  }
  return {
    read() {
      if (early.length) return Promise.resolve(early.shift());
      if (ended) return Promise.resolve(EMPTY());
      return new Promise((resolve) => {
        pending = resolve;
        stream.resume();
      });
    },
    close() {
      restore();
      stream.destroy();
    },
  };
}
