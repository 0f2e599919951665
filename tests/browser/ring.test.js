// host/browser/ring.js, the console output path from a browser worker to the page, run in Node: records
// keep their order and fd across the ring's wrap-around, the page is told once per batch, and a writer
// waits for space until the page releases it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createRing, ringWriter, ringReader } from '../../host/browser/ring.js';

const enc = (s) => new TextEncoder().encode(s);
const dec = (u8) => new TextDecoder().decode(u8);

test('records come out in order, runs of one fd joined, across the wrap-around', async () => {
  const ring = createRing(64);
  let notices = 0;
  const write = ringWriter(ring, () => notices++);
  const drain = ringReader(ring);
  const got = [];
  const onOutput = (fd, bytes) => got.push([fd, dec(bytes)]);
  for (let round = 0; round < 20; round++) {
    const a = enc(`out${round}|`), b = enc(`err${round}|`);
    assert.equal(write(1, a, 0, a.length), a.length);
    assert.equal(write(1, a, 0, a.length), a.length);
    assert.equal(write(2, b, 1, b.length - 1), b.length - 1);
    drain(onOutput);
    await new Promise((resolve) => setImmediate(resolve)); // the space is released after onOutput's turn
  }
  assert.equal(notices, 20); // one per batch, not one per write
  assert.equal(got.length, 40);
  assert.deepEqual(got[2 * 7], [1, 'out7|out7|']);
  assert.deepEqual(got[2 * 7 + 1], [2, 'rr7|']);
});

test('a write longer than the ring is split, and the writer waits for the page to release space', async () => {
  const ring = createRing(64);
  const text = 'x'.repeat(500) + 'end';
  // the writer in a worker: it blocks (Atomics.wait) while the ring is full
  const src = `
    const { workerData, parentPort } = require('node:worker_threads');
    import(${JSON.stringify(new URL('../../host/browser/ring.js', import.meta.url).href)}).then(({ ringWriter }) => {
      const write = ringWriter(workerData.ring, () => parentPort.postMessage('notice'));
      const u8 = new TextEncoder().encode(workerData.text);
      parentPort.postMessage(['done', write(1, u8, 0, u8.length)]);
    });`;
  const w = new Worker(src, { eval: true, workerData: { ring, text } });
  const drain = ringReader(ring);
  let out = '';
  // the page consumes slowly: each batch is released a little later
  const onOutput = (fd, bytes) => new Promise((resolve) => setTimeout(() => (out += dec(bytes), resolve()), 2));
  const result = await new Promise((resolve) => w.on('message', (m) => (m === 'notice' ? drain(onOutput) : resolve(m))));
  assert.deepEqual(result, ['done', text.length]);
  while (out.length < text.length) {
    drain(onOutput);
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.equal(out, text);
  await w.terminate();
});
