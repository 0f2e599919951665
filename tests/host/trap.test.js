// A guest that traps dies of a signal; the command exits 128+N with the shell's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guest, runWunix } from './helpers.js';

const cases = [
  ['unreachable', 4, 'Illegal instruction'],
  ['oob', 11, 'Segmentation fault'],
  ['stack', 11, 'Segmentation fault'], // the shadow stack runs below address 0
  ['recursion', 11, 'Segmentation fault'], // the engine's call stack is exhausted
  ['div', 8, 'Floating point exception'],
  ['overflow', 8, 'Floating point exception'],
  ['null', 11, 'Segmentation fault'],
  ['signature', 11, 'Segmentation fault'],
];

for (const [how, sig, message] of cases) {
  test(`trap: ${how} → signal ${sig}`, async () => {
    const prog = guest('trap');
    const r = await runWunix(['run', prog, how]);
    assert.equal(r.code, 128 + sig);
    assert.equal(r.stdout, 'before\n', 'output written before the trap is kept');
    assert.equal(r.stderr, `wunix: ${prog}: ${message}\n`);
  });
}

test('the kernel records the death: the trace ends with the signal', async () => {
  const r = await runWunix(['run', guest('trap'), 'unreachable'], { env: { WUNIX_TRACE: '1' } });
  assert.equal(r.code, 132);
  assert.match(r.stderr, /killed by signal 4/);
});
