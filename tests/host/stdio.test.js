// The host's stdin, stdout and stderr bridged to the guest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { guest, realKernel, runWunix, wunix } from './helpers.js';

test('stdout and stderr stay apart', async () => {
  const r = await runWunix(['run', guest('exitcode'), '3', 'to stdout', 'to stderr']);
  assert.equal(r.code, 3);
  assert.equal(r.stdout, 'to stdout');
  assert.equal(r.stderr, 'to stderr');
});

test('stdin from a pipe reaches the guest, byte for byte, then end of file', async () => {
  const data = crypto.randomBytes(300000);
  const r = await runWunix(['run', guest('cat')], { input: data, binary: true });
  assert.equal(r.code, 0);
  assert.ok(r.stdout.equals(data));
  assert.equal(r.stderr.toString(), String(data.length));
});

test('stdin from a file', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wunix-stdio-')), 'in');
  fs.writeFileSync(file, 'line one\nline two\n');
  const fd = fs.openSync(file, 'r');
  const r = await runWunix(['run', guest('cat')], { input: fd });
  fs.closeSync(fd);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'line one\nline two\n');
});

test('empty stdin is end of file at once', async () => {
  const r = await runWunix(['run', guest('cat')], { input: '' });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, '0');
});

test('stdin arriving in pieces over time', async () => {
  const child = spawn(wunix, ['run', guest('cat')], { env: { ...process.env, WUNIX_KERNEL: realKernel() } });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  const closed = new Promise((resolve) => child.on('close', resolve));
  for (const piece of ['first\n', 'second\n', 'third\n']) {
    child.stdin.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.stdin.end();
  assert.equal(await closed, 0);
  assert.equal(out, 'first\nsecond\nthird\n');
});

test('no output is lost when the program exits right after writing', async () => {
  const kib = 8192;
  const r = await runWunix(['run', guest('bigwrite'), String(kib)], { binary: true });
  assert.equal(r.code, 0);
  const chunk = Buffer.from(Array.from({ length: 1000 }, (_, i) => 97 + (i % 26)));
  const expected = Buffer.alloc(kib * 1024);
  for (let off = 0; off < expected.length; off += chunk.length) chunk.copy(expected, off);
  assert.equal(r.stdout.length, expected.length);
  assert.ok(r.stdout.equals(expected));
});

test('a reader that goes away: writes fail with EPIPE, nothing hangs', async () => {
  const child = spawn(wunix, ['run', guest('bigwrite'), '100000'], {
    env: { ...process.env, WUNIX_KERNEL: realKernel() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise((resolve) => child.on('close', resolve));
  // The kernel answers -EPIPE (and, once signals exist, SIGPIPE: 141); either way the command ends.
  assert.ok(code === 1 || code === 141, `exit ${code}`);
});
