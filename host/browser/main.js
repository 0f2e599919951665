// The browser host's page (index.html): an xterm.js terminal on wunix. Boots the kernel in Web Workers
// through createSupervisor (host/supervisor.js, the module the Node host uses) and runs one program with
// the terminal as its console. Query: ?cmd=PROGRAM, then its arguments in order from &args=ARGS (split at
// spaces) and &arg=ARG (taken whole), both repeatable; &env=NAME=VALUE (repeatable), &trace=1 (system call
// log). Without cmd: a login shell when the image has /bin/sh, else demo.
import { Terminal } from '../../node_modules/@xterm/xterm/lib/xterm.mjs';
import { FitAddon } from '../../node_modules/@xterm/addon-fit/lib/addon-fit.mjs';
import { createSupervisor } from '../supervisor.js';
import { signalMessage } from '../signals.js';
import { createBrowserPlatform } from './platform.js';
import { tarHas } from './tar.js';

const KERNEL_URL = new URL('../../build/kernel.wasm', import.meta.url);
const ROOTFS_URL = new URL('../../build/rootfs.tar', import.meta.url);
// kernel/include/wunix/boot.h: fds 0, 1 and 2 are a terminal, and the console is the kernel's terminal (line
// discipline, job control; its output processing turns "\n" into "\r\n") with xterm.js as its master.
const BOOT_TRACE = 1, BOOT_TTYS = 2 | 4 | 8 | 0x10;

// For tests and the curious: times in ms since navigation start, and the exit status.
const stats = { scriptMs: performance.now(), bootMs: null, startedMs: null, firstOutputMs: null, exitStatus: null };
// Web Workers with the terminal as their console (needs SharedArrayBuffer: see explainIsolation). The
// first CPU starts loading now, while the page sets up.
const host = self.crossOriginIsolated ? createBrowserPlatform({
  onOutput(fd, bytes) {
    stats.firstOutputMs ??= performance.now();
    return new Promise((resolve) => term.write(bytes, resolve));
  },
}) : null;
host?.warm('cpu');
const element = document.getElementById('terminal');
const term = new Terminal({
  cursorBlink: true,
  fontFamily: 'DejaVu Sans Mono, Menlo, Consolas, monospace',
  fontSize: 15,
  scrollback: 5000,
  theme: { background: '#111111' },
});
const fit = new FitAddon();
term.loadAddon(fit);
term.open(element);
fit.fit();
term.focus();
let sup = null;

window.wunixTerm = term;
window.wunix = {
  term,
  stats,
  // The terminal's rows as text (scrollback included), trailing blanks trimmed.
  text() {
    const b = term.buffer.active, out = [];
    for (let i = 0; i < b.length; i++) out.push((b.getLine(i)?.translateToString(true) ?? '').trimEnd());
    while (out.length && out[out.length - 1] === '') out.pop();
    return out.join('\n');
  },
};

// A line of the page's own (not the program's), in colour.
function say(text, color = 31) {
  term.write(`\x1b[${color}m${text.replace(/\n/g, '\r\n')}\x1b[0m\r\n`);
}

// The terminal follows its element's size. The kernel gets the size at boot (boot.winsize); a change
// while the program runs goes to sendWinsizeToKernel.
let fitQueued = false;
new ResizeObserver(() => {
  if (fitQueued) return;
  fitQueued = true;
  requestAnimationFrame(() => {
    fitQueued = false;
    const { rows, cols } = term;
    fit.fit();
    if (term.rows !== rows || term.cols !== cols) sendWinsizeToKernel(term.rows, term.cols);
  });
}).observe(element);

// A live resize: the console terminal's new size, and SIGWINCH to its foreground process group.
function sendWinsizeToKernel(rows, cols) {
  sup?.resize?.(rows, cols);
}

// Why SharedArrayBuffer is missing, in words: which header the server did not send.
async function explainIsolation() {
  const lines = ['wunix cannot boot here: this page is not cross-origin isolated (crossOriginIsolated is false),',
    'so SharedArrayBuffer and shared WebAssembly memories are not available.'];
  if (!isSecureContext) {
    lines.push('The page is not a secure context: open it over https, or from localhost / 127.0.0.1.');
  } else {
    const missing = [];
    try {
      const r = await fetch(location.href, { method: 'HEAD', cache: 'no-store' });
      if (r.headers.get('cross-origin-opener-policy') !== 'same-origin') missing.push('Cross-Origin-Opener-Policy: same-origin');
      if (!['require-corp', 'credentialless'].includes(r.headers.get('cross-origin-embedder-policy')))
        missing.push('Cross-Origin-Embedder-Policy: require-corp');
    } catch {}
    if (missing.length) lines.push(`The server did not send the header${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`);
    else lines.push('The server sends COOP and COEP now: reload the page (it may have been loaded before it did).');
  }
  lines.push("`bin/wunix serve` serves this page with both headers.");
  say(lines.join('\n'));
}

async function fetchOk(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`cannot fetch ${url.pathname}: ${r.status} ${r.statusText}${r.status === 404 ? " (run 'make')" : ''}`);
  return r;
}

// The root filesystem image in a SharedArrayBuffer (every CPU reads the one copy), filled as it arrives.
async function fetchShared(url) {
  const r = await fetchOk(url);
  const len = Number(r.headers.get('content-length'));
  if (len > 0 && r.body && !r.headers.get('content-encoding')) {
    const u8 = new Uint8Array(new SharedArrayBuffer(len));
    let off = 0;
    for (const reader = r.body.getReader(); ;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (off + value.length > len) throw new Error(`${url.pathname}: longer than its Content-Length`);
      u8.set(value, off);
      off += value.length;
    }
    if (off !== len) throw new Error(`${url.pathname}: truncated (${off} of ${len} bytes)`);
    return u8;
  }
  const bytes = new Uint8Array(await r.arrayBuffer());
  const u8 = new Uint8Array(new SharedArrayBuffer(bytes.length));
  u8.set(bytes);
  return u8;
}

// {path, argv, envp} from the query, or the default program of the image.
function chooseProgram(rootfs) {
  const q = new URLSearchParams(location.search);
  const args = []; // in the order the query gives them
  for (const [k, v] of q) {
    if (k === 'args') args.push(...v.split(/\s+/).filter(Boolean));
    else if (k === 'arg') args.push(v);
  }
  const env = new Map([['PATH', '/usr/local/bin:/usr/bin:/bin'], ['HOME', '/root'], ['TERM', 'xterm-256color']]);
  for (const a of q.getAll('env')) {
    const eq = a.indexOf('=');
    if (eq > 0) env.set(a.slice(0, eq), a.slice(eq + 1));
  }
  const envp = [...env].map(([n, v]) => `${n}=${v}`);
  const cmd = q.get('cmd');
  if (cmd) return { path: cmd, argv: [cmd, ...args], envp };
  // a login shell (argv[0] "-sh", as login(1) starts it) reads /etc/profile
  if (tarHas(rootfs, '/bin/sh')) return { path: '/bin/sh', argv: ['-sh', ...args], envp };
  return { path: 'demo', argv: ['demo', ...args], envp };
}

function exited(wstatus) {
  const sig = wstatus & 0x7f;
  stats.exitStatus = sig ? 128 + sig : (wstatus >> 8) & 0xff;
  const why = sig ? `killed by signal ${sig}${signalMessage(sig, (wstatus & 0x80) !== 0) ? ` (${signalMessage(sig, (wstatus & 0x80) !== 0)})` : ''}` : `exit status ${stats.exitStatus}`;
  say(`\n[the program ended: ${why}; reload the page to start again]`, 2);
  sup?.shutdown();
  sup = null;
}

async function boot() {
  if (!self.crossOriginIsolated) return explainIsolation();
  const q = new URLSearchParams(location.search);
  const [kernel, rootfs] = await Promise.all([
    fetchOk(KERNEL_URL).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b)),
    fetchShared(ROOTFS_URL),
  ]);
  const { path, argv, envp } = chooseProgram(rootfs);
  // Keys go to the kernel as the terminal sends them (Enter is "\r"), as soon as they are typed; echo, line
  // editing and ^C are the kernel's line discipline's business, or the program's own (a shell's line editor).
  term.onData((s) => host.writeInput(s));
  term.onBinary((s) => host.writeInput(Uint8Array.from(s, (c) => c.charCodeAt(0))));

  const ms = performance.timeOrigin + performance.now();
  const rtSec = Math.floor(ms / 1000);
  const boot = {
    flags: BOOT_TTYS | (q.get('trace') && q.get('trace') !== '0' ? BOOT_TRACE : 0),
    winsize: ((term.rows & 0xffff) << 16) | (term.cols & 0xffff),
    rtSec,
    rtNsec: Math.min(999999999, Math.round((ms - rtSec * 1000) * 1e6)),
    rootfs: rootfs.buffer,
    mounts: [],
  };
  let initPid = -1;
  stats.bootMs = performance.now();
  sup = createSupervisor({
    kernel,
    boot,
    platform: host.platform,
    callbacks: {
      onExit(pid, wstatus) {
        if (pid === initPid) exited(wstatus);
      },
      // the kernel printed the panic on the console already
      onPanic() {
        sup?.shutdown();
        sup = null;
      },
      onError(e) {
        say(`wunix: internal error: ${e?.stack ?? e}`);
        sup?.shutdown();
        sup = null;
      },
    },
  });
  try {
    initPid = await sup.spawn({ path, argv, envp });
    stats.startedMs = performance.now();
  } catch (e) {
    const why = { 2: 'No such file or directory', 13: 'Permission denied', 8: 'not a wunix program' }[e.errno] ?? e.message;
    say(`wunix: ${path}: ${why}`);
    sup.shutdown();
    sup = null;
  }
}

addEventListener('pagehide', (e) => {
  if (!e.persisted) sup?.shutdown();
});

boot().catch((e) => say(`wunix: ${e?.message ?? e}`));
