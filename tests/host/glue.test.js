// host/kernel.js: the kernel's view of process memory is bounds-checked against the memory's current size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKernelHost, ThreadExit, KernelPanic } from '../../host/kernel.js';

const EFAULT = -14, ENAMETOOLONG = -36, EBADF = -9;
const PAGE = 65536;

function setup({ pages = 1, maximum = 4 } = {}) {
  const kmem = new WebAssembly.Memory({ initial: 2, maximum: 2, shared: true });
  const umem = new WebAssembly.Memory({ initial: pages, maximum, shared: true });
  const writes = [], posts = [];
  const io = {
    writeConsole: (fd, u8, off, len) => (writes.push([fd, Buffer.from(u8.slice(off, off + len)).toString()]), len),
    nowNs: () => 123,
    randomFill: (u8) => u8.fill(7),
  };
  const glue = createKernelHost({ kmem, io, post: (m) => posts.push(m) });
  glue.setProcessMemory(umem);
  const k = new Uint8Array(kmem.buffer), u = () => new Uint8Array(umem.buffer);
  return { h: glue.imports, k, u, umem, writes, posts, glue };
}

test('copyin and copyout move bytes inside the bounds', () => {
  const { h, k, u } = setup();
  u().set([1, 2, 3, 4], 100);
  assert.equal(h.copyin(200, 100, 4), 0);
  assert.deepEqual([...k.subarray(200, 204)], [1, 2, 3, 4]);
  k.set(Array.from({ length: 40 }, (_, i) => i), 300);
  assert.equal(h.copyout(PAGE - 40, 300, 40), 0, 'a copy ending exactly at the end is fine');
  assert.deepEqual([...u().subarray(PAGE - 40)], Array.from({ length: 40 }, (_, i) => i));
  assert.equal(h.copyin(0, 0, 0), 0);
  assert.equal(h.copyin(0, PAGE, 0), 0, 'an empty range at the end is fine');
});

test('copyin and copyout reject ranges outside the process memory', () => {
  const { h, k, u } = setup();
  u().fill(0x55);
  for (const [addr, len] of [[PAGE, 1], [PAGE - 3, 4], [0xfffffff0, 100], [16, 0xffffffff], [-16, 32], [PAGE + 1, 0]]) {
    assert.equal(h.copyin(0, addr, len), EFAULT, `copyin ${addr}+${len}`);
    assert.equal(h.copyout(addr, 0, len), EFAULT, `copyout ${addr}+${len}`);
  }
  assert.equal(k[0], 0, 'nothing was copied');
});

test('a bad kernel address is -EFAULT too, not an exception', () => {
  const { h } = setup();
  assert.equal(h.copyin(2 * PAGE - 2, 0, 4), EFAULT);
  assert.equal(h.copyout(0, 0xfffffffc, 8), EFAULT);
});

test('growth of the process memory is seen by later copies', () => {
  const { h, umem } = setup();
  assert.equal(h.copyout(PAGE + 8, 0, 4), EFAULT);
  assert.equal(h.umem_size(), 1);
  assert.equal(h.umem_grow(1), 1);
  assert.equal(h.umem_size(), 2);
  assert.equal(h.copyout(PAGE + 8, 0, 4), 0);
  umem.grow(1); // grown behind the glue's back, as another CPU of the process would
  assert.equal(h.copyin(0, 3 * PAGE - 4, 4), 0);
});

test('umem_grow beyond the maximum answers -1', () => {
  const { h } = setup({ maximum: 2 });
  assert.equal(h.umem_grow(5), -1);
  assert.equal(h.umem_size(), 1);
});

test('copyinstr: length, -ENAMETOOLONG, -EFAULT', () => {
  const { h, k, u } = setup();
  u().set([...Buffer.from('hello'), 0], 10);
  assert.equal(h.copyinstr(100, 10, 64), 5);
  assert.equal(Buffer.from(k.subarray(100, 106)).toString(), 'hello\0');
  assert.equal(h.copyinstr(200, 10, 6), 5, 'the NUL fits exactly');
  assert.equal(h.copyinstr(200, 10, 5), ENAMETOOLONG);
  assert.equal(h.copyinstr(200, 10, 0), ENAMETOOLONG);
  u().fill(0x41, PAGE - 8);
  assert.equal(h.copyinstr(200, PAGE - 8, 64), EFAULT, 'runs off the end of memory');
  assert.equal(h.copyinstr(200, PAGE - 8, 8), ENAMETOOLONG, 'no NUL within max, all inside memory');
  assert.equal(h.copyinstr(200, PAGE, 8), EFAULT);
  assert.equal(h.copyinstr(200, 0xffffffff, 8), EFAULT);
});

test('umemset and umemmove check both ranges', () => {
  const { h, u } = setup();
  assert.equal(h.umemset(8, 0xab, 4), 0);
  assert.deepEqual([...u().subarray(8, 12)], [0xab, 0xab, 0xab, 0xab]);
  assert.equal(h.umemset(PAGE - 2, 1, 4), EFAULT);
  assert.equal(h.umemmove(10, 8, 4), 0, 'overlapping move');
  assert.deepEqual([...u().subarray(8, 14)], [0xab, 0xab, 0xab, 0xab, 0xab, 0xab]);
  assert.equal(h.umemmove(0, PAGE - 2, 4), EFAULT);
  assert.equal(h.umemmove(PAGE - 2, 0, 4), EFAULT);
});

test('no process memory: every user access is -EFAULT', () => {
  const { h, glue } = setup();
  glue.setProcessMemory(null);
  assert.equal(h.copyin(0, 0, 1), EFAULT);
  assert.equal(h.copyinstr(0, 0, 1), EFAULT);
  assert.equal(h.umem_size(), 0);
  assert.equal(h.umem_grow(1), -1);
});

test('console_write writes fds 1 and 2 only; log adds the newline', () => {
  const { h, k, writes } = setup();
  k.set(Buffer.from('hi there'), 0);
  assert.equal(h.console_write(1, 0, 2), 2);
  assert.equal(h.console_write(2, 3, 5), 5);
  assert.equal(h.console_write(0, 0, 2), EBADF);
  assert.equal(h.console_write(1, 2 * PAGE - 1, 2), EFAULT);
  h.log(0, 8);
  assert.deepEqual(writes, [[1, 'hi'], [2, 'there'], [2, 'hi there\n']]);
});

test('random fills kernel memory through a non-shared buffer', () => {
  const { h, k } = setup();
  h.random(16, 70000);
  assert.ok(k.subarray(16, 16 + 70000).every((b) => b === 7));
  assert.equal(k[16 + 70000], 0);
});

test('exit_group and proc_exit post exitGroup and exit; thread_exit and panic unwind with their sentinels', () => {
  const { h, k, posts, writes } = setup();
  h.exit_group(5, 0x0b);
  h.proc_exit(5, 0x0b);
  assert.deepEqual(posts.splice(0), [{ type: 'exitGroup', pid: 5, wstatus: 0x0b }, { type: 'exit', pid: 5, wstatus: 0x0b }]);
  assert.throws(() => h.thread_exit(), ThreadExit);
  k.set(Buffer.from('oops'), 0);
  assert.throws(() => h.panic(0, 4), KernelPanic);
  assert.deepEqual(posts[0], { type: 'panic', message: 'oops' });
  assert.deepEqual(writes.at(-1), [2, 'wunix: kernel panic: oops\n']);
});
