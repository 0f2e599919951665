// bin/wunix: the command line. Parses arguments; `run` is in run.js.
import fs from 'node:fs';
import path from 'node:path';

export const USAGE = `usage: wunix run [--optimize] [--rootfs FILE] [--mount HOSTDIR:PATH]... [-e NAME=VALUE]...
                 PROGRAM [ARGS...]
       wunix serve [--port N] [--host ADDR] [--rootfs FILE]
       wunix --help

Boots wunix with the root filesystem image FILE (default: build/rootfs.tar of this tree) and runs PROGRAM,
a WebAssembly program built with wunix-cc, as a wunix process with ARGS, the host's stdin, stdout and
stderr, and the environment PATH, HOME and TERM; -e sets a variable. PROGRAM is a host file if one
by that name is WebAssembly, else a program inside wunix (searched on PATH when it has no slash).
The exit status is the program's, or 128+N when signal N killed it. --optimize compiles the program
with V8's optimising compiler before it starts (slower start, faster long-running loops).
--mount makes the host directory HOSTDIR readable and writable at PATH inside wunix (repeatable).

serve runs a web server for the browser host (a terminal on wunix in a page) on ADDR (default 127.0.0.1)
and port N (default 8080; 0: any free port) and prints its URL.

Host environment:
  WUNIX_TRACE=1       trace system calls on stderr
  WUNIX_KERNEL=PATH   the kernel to boot (default: build/kernel.wasm of this tree)
`;
const EX_USAGE = 2;

// An error that ends the command with exit status code after printing message.
export class Exit extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// Writes one line to the host's stderr.
export function say(text) {
  fs.writeSync(2, text.endsWith('\n') ? text : text + '\n');
}

// Parses the command line: {help: true} or {program, args, env: [[NAME, VALUE]...]}.
export function parseArgs(argv) {
  if (argv.length === 0) throw new Exit(EX_USAGE, USAGE);
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { help: true };
  if (argv[0] === 'serve') return parseServeArgs(argv.slice(1));
  if (argv[0] !== 'run') throw new Exit(EX_USAGE, `wunix: unknown command '${argv[0]}'\n${USAGE}`);
  const env = [];
  const mounts = [];
  let rootfs = null;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    let assignment;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-e' || a === '--env') {
      if (++i >= argv.length) throw new Exit(EX_USAGE, `wunix: ${a} needs NAME=VALUE\n${USAGE}`);
      assignment = argv[i];
    } else if (a.startsWith('--env=')) assignment = a.slice(6);
    else if (a.startsWith('-e') && a.length > 2) assignment = a.slice(2);
    else if (a === '-h' || a === '--help') return { help: true };
    else if (a === '--optimize') continue; // acted on by start.cjs
    else if (a === '--rootfs' || a.startsWith('--rootfs=')) {
      if (a === '--rootfs' && ++i >= argv.length) throw new Exit(EX_USAGE, `wunix: --rootfs needs a FILE\n${USAGE}`);
      rootfs = a === '--rootfs' ? argv[i] : a.slice(9);
      continue;
    }
    else if (a === '--mount' || a.startsWith('--mount=')) {
      if (a === '--mount' && ++i >= argv.length) throw new Exit(EX_USAGE, `wunix: --mount needs HOSTDIR:PATH\n${USAGE}`);
      mounts.push(parseMount(a === '--mount' ? argv[i] : a.slice(8)));
      continue;
    }
    else if (a.startsWith('-') && a !== '-') throw new Exit(EX_USAGE, `wunix: unknown option '${a}'\n${USAGE}`);
    else break;
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new Exit(EX_USAGE, `wunix: -e wants NAME=VALUE, not '${assignment}'`);
    env.push([assignment.slice(0, eq), assignment.slice(eq + 1)]);
  }
  if (i >= argv.length) throw new Exit(EX_USAGE, `wunix: run needs a PROGRAM\n${USAGE}`);
  return { program: argv[i], args: argv.slice(i + 1), env, rootfs, mounts };
}

// The options of `serve`: {serve: true, port, host, rootfs}.
function parseServeArgs(argv) {
  const opts = { serve: true, port: 8080, host: '127.0.0.1', rootfs: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (name === '-h' || name === '--help') return { help: true };
    if (!['--port', '--host', '--rootfs'].includes(name)) throw new Exit(EX_USAGE, `wunix: serve: unknown argument '${a}'\n${USAGE}`);
    if (eq < 0 && ++i >= argv.length) throw new Exit(EX_USAGE, `wunix: serve: ${a} needs a value\n${USAGE}`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[i];
    if (name === '--port') {
      if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Exit(EX_USAGE, `wunix: serve: bad port '${value}'`);
      opts.port = Number(value);
    } else opts[name.slice(2)] = value;
  }
  return opts;
}

// HOSTDIR:PATH (split at the last colon) → {host, guest}; PATH must be absolute and not /.
function parseMount(spec) {
  const colon = spec.lastIndexOf(':');
  const host = spec.slice(0, colon), guest = path.posix.normalize(spec.slice(colon + 1));
  if (colon <= 0 || !guest.startsWith('/') || guest === '/' || guest === '//')
    throw new Exit(EX_USAGE, `wunix: --mount wants HOSTDIR:/absolute/path, not '${spec}'`);
  return { host, guest: guest.replace(/\/+$/, '') };
}

// Runs the command with the arguments after `wunix`; cpu: a CPU worker start.cjs started for `run`, or
// null. Sets process.exitCode and lets Node exit on its own once every worker has stopped, so no output
// is cut short.
export async function main(argv, cpu = null) {
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      fs.writeSync(1, USAGE);
      process.exitCode = 0;
      return;
    }
    if (opts.serve) {
      const { serve } = await import('./serve.js');
      try {
        await serve(opts);
      } catch (e) {
        if (!e.code) throw e;
        throw new Exit(1, `wunix: serve: cannot listen on ${opts.host}:${opts.port}: ${e.code}${e.code === 'EADDRINUSE' ? ' (try --port N)' : ''}`);
      }
      return;
    }
    const { run } = await import('./run.js');
    process.exitCode = await run(opts, cpu);
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    say(e.message);
    process.exitCode = e.code;
  }
}
