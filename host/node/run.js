// `wunix run`: one program from a host path as a wunix process with the host's stdio.
import fs from 'node:fs';
import path from 'node:path';
import tty from 'node:tty';
import { createSupervisor } from '../supervisor.js';
import { isWasm, memoryImport } from '../wasmfile.js';
import { signalMessage } from '../signals.js';
import { startWorker } from './workers.cjs';
import { collect } from './gc.js';
import { Exit, say } from './cli.js';

const EX_USAGE = 2, EX_NOEXEC = 126, EX_NOTFOUND = 127, EX_SOFTWARE = 70;
const ENOENT = 2, E2BIG = 7, EACCES = 13;
const PAGES_4G = 65536;

// The guest's environment: the defaults, then -e assignments in order (a later one wins).
export function guestEnv(assignments, hostEnv, stdoutIsTty) {
  const env = new Map([
    ['PATH', '/usr/local/bin:/usr/bin:/bin'],
    ['HOME', '/root'],
    ['TERM', (stdoutIsTty && hostEnv.TERM) || 'dumb'],
  ]);
  for (const [name, value] of assignments) env.set(name, value);
  return [...env].map(([n, v]) => `${n}=${v}`);
}

// The shell's view of a Linux wait status: the exit code, or 128+N (with a message) for signal N.
export function exitCode(program, wstatus) {
  const sig = wstatus & 0x7f;
  if (sig === 0) return (wstatus >> 8) & 0xff;
  const message = signalMessage(sig, (wstatus & 0x80) !== 0);
  if (message) say(`wunix: ${program}: ${message}`);
  return 128 + sig;
}

function readProgram(path) {
  try {
    return fs.readFileSync(path);
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') throw new Exit(EX_NOTFOUND, `wunix: ${path}: No such file or directory`);
    if (e.code === 'EISDIR') throw new Exit(EX_NOEXEC, `wunix: ${path}: Is a directory`);
    if (e.code === 'EACCES') throw new Exit(EX_NOEXEC, `wunix: ${path}: Permission denied`);
    throw new Exit(EX_NOEXEC, `wunix: ${path}: ${e.message}`);
  }
}

// The root filesystem image in a SharedArrayBuffer (every CPU reads the one copy), or null without one.
function readRootfs(file) {
  const path = file ?? new URL('../../build/rootfs.tar', import.meta.url);
  let bytes;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    if (file === null && e.code === 'ENOENT') return null;
    throw new Exit(EX_USAGE, `wunix: cannot read the root filesystem image ${file}: ${e.code ?? e.message}`);
  }
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  return shared.buffer;
}

// A --mount with HOSTDIR made absolute (symlinks in it resolved); a usage error unless it is a directory.
function hostDir({ host, guest }) {
  let real;
  try {
    real = fs.realpathSync(path.resolve(host));
  } catch (e) {
    throw new Exit(EX_USAGE, `wunix: --mount: ${host}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.code ?? e.message}`);
  }
  if (!fs.statSync(real).isDirectory()) throw new Exit(EX_USAGE, `wunix: --mount: ${host}: Not a directory`);
  return { host: real, guest };
}

function readKernel() {
  const path = process.env.WUNIX_KERNEL || new URL('../../build/kernel.wasm', import.meta.url);
  try {
    return fs.readFileSync(path);
  } catch (e) {
    const name = path instanceof URL ? path.pathname : path;
    throw new Exit(EX_SOFTWARE, `wunix: cannot read the kernel ${name}: ${e.code ?? e.message} (run 'make kernel')`);
  }
}

// Limits of the program's process memory; throws unless it looks like a wunix program (docs/abi.md).
function checkProgram(path, bytes) {
  const fail = (why) => new Exit(EX_NOEXEC, `wunix: ${path}: cannot execute: ${why}`);
  if (!isWasm(bytes)) throw fail('not a WebAssembly program');
  let memory;
  try {
    memory = memoryImport(bytes);
  } catch (e) {
    throw fail(`invalid WebAssembly: ${e.message}`);
  }
  if (!memory || !memory.shared || memory.memory64) throw fail('not a wunix program (needs a shared 32-bit env.memory)');
  return { initial: memory.initial, maximum: Math.min(memory.maximum ?? PAGES_4G, PAGES_4G) };
}

// Compiles the program and checks its imports and exports; returns the Module.
async function compileProgram(path, bytes) {
  const fail = (why) => new Exit(EX_NOEXEC, `wunix: ${path}: cannot execute: ${why}`);
  let mod;
  try {
    mod = await WebAssembly.compile(bytes);
  } catch (e) {
    throw fail(`invalid WebAssembly: ${e.message}`);
  }
  for (const imp of WebAssembly.Module.imports(mod)) {
    const known = (imp.module === 'env' && imp.name === 'memory' && imp.kind === 'memory') ||
      (imp.module === 'wunix' && (imp.name === 'syscall' || imp.name === 'fork') && imp.kind === 'function');
    if (!known) throw fail(`not a wunix program (imports ${imp.module}.${imp.name})`);
  }
  const exports = new Set(WebAssembly.Module.exports(mod).map((e) => e.name));
  for (const name of ['_start', '__stack_pointer', '__heap_base']) {
    if (!exports.has(name)) throw fail(`not a wunix program (no export ${name})`);
  }
  return mod;
}

// Whether fd (a terminal) may be put in raw mode without stopping us: it is not our controlling terminal, or
// our process group is its foreground one. Started in the background (`wunix run prog &`, or under
// `timeout`, which makes its own group), setRawMode would stop us with SIGTTOU over and over, out of reach
// of a SIGTERM: there the console stays plain, as the terminal was. Without /proc we cannot tell.
function foreground(fd) {
  let stat;
  try {
    stat = fs.readFileSync('/proc/self/stat', 'latin1');
  } catch {
    return true;
  }
  // after the command name: state ppid pgrp session tty_nr tpgid
  const [, , pgrp, , ttyNr, tpgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  // tty_nr is encoded as st_rdev is
  return ttyNr !== fs.fstatSync(fd).rdev || pgrp === tpgid;
}

function bootArgs() {
  const trace = process.env.WUNIX_TRACE && process.env.WUNIX_TRACE !== '0';
  const ttys = [0, 1, 2].map((fd) => tty.isatty(fd));
  // the console is a terminal (0x10, kernel/include/wunix/boot.h) when stdin and an output are one
  const out = ttys[1] ? process.stdout : ttys[2] ? process.stderr : null;
  const terminal = ttys[0] && out && foreground(0) ? out : null;
  const flags = (trace ? 1 : 0) | (ttys[0] ? 2 : 0) | (ttys[1] ? 4 : 0) | (ttys[2] ? 8 : 0) | (terminal ? 0x10 : 0);
  const winsize = out ? ((out.rows & 0xffff) << 16) | (out.columns & 0xffff) : 0;
  const ms = performance.timeOrigin + performance.now();
  const rtSec = Math.floor(ms / 1000);
  const rtNsec = Math.min(999999999, Math.round((ms - rtSec * 1000) * 1e6));
  return { boot: { flags, winsize, rtSec, rtNsec }, stdoutIsTty: ttys[1], terminal };
}

// Runs the program; resolves with the command's exit status. cpu: a worker already started, or null.
export async function run({ program, args, env, rootfs = null, mounts = [] }, cpu) {
  // A host file by that name wins if it is WebAssembly; otherwise the program is looked up inside wunix
  // (so /bin/sh is wunix's own), and only if it is not there either does the host file say why it
  // cannot run.
  const hostBytes = fs.existsSync(program) ? readProgram(program) : null;
  const onHost = hostBytes !== null && isWasm(hostBytes);
  const bytes = onHost ? hostBytes : null;
  const memory = onHost ? checkProgram(program, bytes) : null;
  const kernel = readKernel();
  const { boot, stdoutIsTty, terminal } = bootArgs();
  boot.rootfs = readRootfs(rootfs);
  boot.mounts = mounts.map(hostDir);

  // A terminal is in raw mode while wunix runs (stdin.js restores it at close or exit); a signal that
  // ends wunix from outside restores it first.
  let stdin = terminal ? import('./stdin.js').then((m) => m.createStdin(0, { raw: true })) : null;
  const signals = terminal ? [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]].map(([name, n]) => [name, () => process.exit(128 + n)]) : [];
  for (const [name, fn] of signals) process.on(name, fn);
  let initPid = -1;
  let done;
  const exited = new Promise((resolve) => (done = resolve));
  const platform = {
    startWorker(role) {
      if (role !== 'cpu' || !cpu) return startWorker(role);
      const w = cpu;
      cpu = null;
      w.ref();
      return w;
    },
    readInput: () => (stdin ??= import('./stdin.js').then((m) => m.createStdin(0))).then((s) => s.read()),
    collect,
    closeInput: () => stdin?.then((s) => s.close()),
  };
  const sup = createSupervisor({
    kernel,
    boot,
    platform,
    callbacks: {
      onExit(pid, wstatus) {
        if (pid === initPid) done(wstatus);
      },
      onPanic() {
        process.exit(EX_SOFTWARE);
      },
      onError(e) {
        say(`wunix: internal error: ${e?.stack ?? e}`);
        process.exit(EX_SOFTWARE);
      },
    },
  });

  try {
    initPid = await sup.spawn({
      module: onHost ? await compileProgram(program, bytes) : null,
      path: onHost ? null : program,
      argv: [program, ...args],
      envp: guestEnv(env, process.env, stdoutIsTty),
      memory,
    });
  } catch (e) {
    await sup.shutdown();
    if (e instanceof Exit) throw e;
    if (e.errno === ENOENT && hostBytes) checkProgram(program, hostBytes);
    if (e.errno === ENOENT) throw new Exit(EX_NOTFOUND, `wunix: ${program}: No such file or directory`);
    if (e.errno === EACCES) throw new Exit(EX_NOEXEC, `wunix: ${program}: Permission denied`);
    const why = e.errno === E2BIG ? 'Argument list too long' : e.message;
    throw new Exit(EX_NOEXEC, `wunix: ${program}: cannot execute: ${why}`);
  }
  const onResize = () => sup.resize(terminal.rows, terminal.columns);
  terminal?.on('resize', onResize);
  const wstatus = await exited;
  terminal?.off('resize', onResize);
  await sup.shutdown();
  for (const [name, fn] of signals) process.off(name, fn);
  return exitCode(program, wstatus);
}
