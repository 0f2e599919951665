// bin/wunix: command line, exit statuses, bad programs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { guest, runWunix, wunix } from './helpers.js';
import { parseArgs } from '../../host/node/cli.js';
import { guestEnv, exitCode } from '../../host/node/run.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wunix-cli-'));
const file = (name, bytes) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, bytes);
  return p;
};

test('parseArgs: -e forms, --, program and its arguments', () => {
  assert.deepEqual(parseArgs(['run', 'p', '-e', 'X=1']), { program: 'p', args: ['-e', 'X=1'], env: [], rootfs: null, mounts: [] });
  assert.deepEqual(parseArgs(['run', '-e', 'A=1', '-eB=2=3', '--env', 'C=', '--env=D=4', 'p', 'x']), {
    program: 'p',
    args: ['x'],
    env: [['A', '1'], ['B', '2=3'], ['C', ''], ['D', '4']],
    rootfs: null,
    mounts: [],
  });
  assert.deepEqual(parseArgs(['run', '--', '-p', 'a']), { program: '-p', args: ['a'], env: [], rootfs: null, mounts: [] });
  assert.deepEqual(parseArgs(['run', '--rootfs', 'r.tar', '--optimize', 'p']), { program: 'p', args: [], env: [], rootfs: 'r.tar', mounts: [] });
  assert.deepEqual(parseArgs(['run', '--rootfs=r.tar', 'p']).rootfs, 'r.tar');
  assert.deepEqual(parseArgs(['run', '--mount', 'a:b:/x/y/', '--mount=/h:/z', 'p']).mounts,
    [{ host: 'a:b', guest: '/x/y' }, { host: '/h', guest: '/z' }]);
  assert.deepEqual(parseArgs(['--help']), { help: true });
  for (const bad of [[], ['walk'], ['run'], ['run', '-e'], ['run', '-e', 'NOEQUALS', 'p'], ['run', '-x', 'p'], ['run', '--rootfs'], ['run', '--mount'], ['run', '--mount', 'h:rel', 'p']]) {
    assert.throws(() => parseArgs(bad), (e) => e.code === 2, JSON.stringify(bad));
  }
});

test('guestEnv: defaults, TERM only from a terminal, -e overrides in order', () => {
  assert.deepEqual(guestEnv([], { TERM: 'xterm' }, false), ['PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/root', 'TERM=dumb']);
  assert.deepEqual(guestEnv([], { TERM: 'xterm' }, true)[2], 'TERM=xterm');
  assert.deepEqual(guestEnv([['HOME', '/x'], ['A', '1'], ['A', '2']], {}, false),
    ['PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/x', 'TERM=dumb', 'A=2']);
});

test('exitCode: exit status, and 128+N for a signal', () => {
  assert.equal(exitCode('p', 42 << 8), 42);
  assert.equal(exitCode('p', 0), 0);
  assert.equal(exitCode('p', 13), 141); // SIGPIPE: quiet, as in a shell
});

test('--help prints usage and exits 0; no arguments is a usage error', async () => {
  const help = await runWunix(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: wunix run/);
  const none = await runWunix([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /usage:/);
});

test('a missing program exits 127 with a message', async () => {
  const r = await runWunix(['run', path.join(tmp, 'nonexistent')]);
  assert.equal(r.code, 127);
  assert.match(r.stderr, /nonexistent: No such file or directory/);
});

test('a file that is not wasm, a directory, or broken wasm exits 126', async () => {
  const cases = [
    [file('script.sh', '#!/bin/sh\necho hi\n'), /not a WebAssembly program/],
    [file('empty', ''), /not a WebAssembly program/],
    [tmp, /Is a directory/],
    [file('broken.wasm', Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 0xff])), /invalid WebAssembly/],
  ];
  for (const [p, message] of cases) {
    const r = await runWunix(['run', p]);
    assert.equal(r.code, 126, p);
    assert.match(r.stderr, message);
  }
});

test('a host file that is not wasm gives way to the program of that path inside wunix', async () => {
  // /bin/sh on the host is an ELF file; inside wunix it is busybox's ash
  const r = await runWunix(['run', '/bin/sh', '-c', 'echo "$0 in $(uname -s)"']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '/bin/sh in wunix\n');
});

test('wasm that is not a wunix program exits 126', async () => {
  // A module with no imports at all: (module (func (export "_start")))
  const noMemory = Buffer.from('0061736d0100000001040160000003020100070a01065f7374617274' + '00000a040102000b', 'hex');
  const r = await runWunix(['run', file('nomem.wasm', noMemory)]);
  assert.equal(r.code, 126);
  assert.match(r.stderr, /not a wunix program/);
  const wasi = await runWunix(['run', guest('foreign')]);
  assert.equal(wasi.code, 126);
  assert.match(wasi.stderr, /not a wunix program \(imports wasi_snapshot_preview1.proc_exit\)/);
});

test('the exit status of the program is the exit status of the command', async () => {
  for (const code of [0, 1, 42, 255]) {
    const r = await runWunix(['run', guest('exitcode'), String(code)]);
    assert.equal(r.code, code);
    assert.equal(r.stderr, '');
  }
});

test('argv and the environment reach the program', async () => {
  const prog = guest('args');
  const r = await runWunix(['run', '-e', 'FOO=bar baz', '-e', 'HOME=/home/u', prog, 'one', 'two words', '', 'ünï']);
  assert.equal(r.code, 5);
  assert.equal(r.stdout, [prog, 'one', 'two words', '', 'ünï', '--',
    'PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/home/u', 'TERM=dumb', 'FOO=bar baz', ''].join('\n'));
});

test('arguments too large for the stack: E2BIG, exit 126', async () => {
  const r = await runWunix(['run', guest('args'), 'x'.repeat(100000)]);
  assert.equal(r.code, 126);
  assert.match(r.stderr, /Argument list too long/);
});

test('bin/wunix works from another directory and through a symlink', async () => {
  const link = path.join(tmp, 'wunix-link');
  fs.symlinkSync(wunix, link);
  const r = await runWunix(['run', guest('hello')], { command: link, cwd: os.tmpdir() });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'hello\n');
});

test('WUNIX_TRACE=1 makes the kernel trace system calls on stderr', async () => {
  const r = await runWunix(['run', guest('hello')], { env: { WUNIX_TRACE: '1' } });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'hello\n');
  assert.match(r.stderr, /write\(1, .*\) = 6/);
  assert.match(r.stderr, /exit_group\(0\)/);
});

test('a missing kernel.wasm exits 70 and says how to build it', async () => {
  const r = await runWunix(['run', guest('hello')], { kernel: path.join(tmp, 'no-kernel.wasm') });
  assert.equal(r.code, 70);
  assert.match(r.stderr, /cannot read the kernel .*no-kernel\.wasm.*make kernel/);
});
