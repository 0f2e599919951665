// Faults of the kernel itself stop everything with exit 70. The real kernel does not fault on purpose,
// so these run on the stand-in kernel of fixtures/fakekernel.c.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeKernel, guest, runWunix } from './helpers.js';

test('a trap while the thread is in the kernel is a kernel panic: exit 70', async () => {
  const r = await runWunix(['run', guest('trap'), 'kernel'], { kernel: fakeKernel() });
  assert.equal(r.code, 70);
  assert.equal(r.stdout, 'before\n');
  assert.match(r.stderr, /^wunix: kernel panic: trap in kernel: RuntimeError: unreachable/);
});

test('host.panic prints the message and exits 70', async () => {
  const r = await runWunix(['run', guest('trap'), 'panic'], { kernel: fakeKernel() });
  assert.equal(r.code, 70);
  assert.equal(r.stderr, 'wunix: kernel panic: requested by the test\n');
});

test('the same trap in user code is only the death of the process', async () => {
  const r = await runWunix(['run', guest('trap'), 'unreachable'], { kernel: fakeKernel() });
  assert.equal(r.code, 132);
});
