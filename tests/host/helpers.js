// Shared by the host tests: builds the test guests and the stand-in kernel from fixtures/ with clang, and
// runs bin/wunix (with build/kernel.wasm unless told otherwise).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const top = fileURLToPath(new URL('../..', import.meta.url));
export const wunix = path.join(top, 'bin', 'wunix');
const fixtures = path.join(top, 'tests', 'host', 'fixtures');
const out = path.join(top, 'build', 'tests', 'host');

const CFLAGS = ['--target=wasm32-unknown-unknown', '-nostdlib', '-O2', '-matomics', '-mbulk-memory'];
const GUEST_LDFLAGS = ['--import-memory', '--shared-memory', '--max-memory=4294967296', '--stack-first',
  '--no-entry', '--export=_start', '--export=__stack_pointer', '--export=__heap_base', '--export=__tls_base',
  '--export=__wasm_init_tls', '--export=__tls_size', '--export=__tls_align'];
const KERNEL_LDFLAGS = ['--import-memory', '--shared-memory', '--max-memory=67108864', '--no-entry',
  '--export=__stack_pointer', '--export=__wasm_init_tls', '-z', 'stack-size=4096'];

function build(name, ldflags) {
  const src = path.join(fixtures, `${name}.c`);
  const wasm = path.join(out, `${name}.wasm`);
  const newest = Math.max(fs.statSync(src).mtimeMs, fs.statSync(path.join(fixtures, 'wsys.h')).mtimeMs);
  if (fs.existsSync(wasm) && fs.statSync(wasm).mtimeMs >= newest) return wasm;
  fs.mkdirSync(out, { recursive: true });
  // Test files run in parallel processes: build under a private name, then rename into place.
  const tmp = `${wasm}.${process.pid}`;
  execFileSync('clang-19', [...CFLAGS, '-c', src, '-o', `${tmp}.o`]);
  execFileSync('wasm-ld-19', [`${tmp}.o`, '-o', tmp, ...ldflags]);
  fs.rmSync(`${tmp}.o`);
  fs.renameSync(tmp, wasm);
  return wasm;
}

// Path of the test guest built from fixtures/NAME.c.
export const guest = (name) => build(name, GUEST_LDFLAGS);
// Path of the stand-in kernel (fixtures/fakekernel.c).
export const fakeKernel = () => build('fakekernel', KERNEL_LDFLAGS);

// Path of the real kernel; the tests of bin/wunix need `make kernel` first.
export function realKernel() {
  const k = path.join(top, 'build', 'kernel.wasm');
  if (!fs.existsSync(k)) throw new Error(`${k} is missing: run 'make kernel' first`);
  return k;
}

// Runs bin/wunix with args; resolves {code, signal, stdout, stderr} (strings, or Buffers with binary).
// input: bytes or a string for stdin (default: empty), or a file descriptor to read; kernel: a kernel.wasm
// other than build/kernel.wasm.
export function runWunix(args, { input, env = {}, binary = false, kernel, cwd = top, command = wunix } = {}) {
  return new Promise((resolve, reject) => {
    const childEnv = { ...process.env };
    delete childEnv.WUNIX_TRACE;
    Object.assign(childEnv, env, { WUNIX_KERNEL: kernel ?? realKernel() });
    const stdin = typeof input === 'number' ? input : 'pipe';
    const child = spawn(command, args, { env: childEnv, cwd, stdio: [stdin, 'pipe', 'pipe'] });
    const stdout = [], stderr = [];
    child.stdout.on('data', (b) => stdout.push(b));
    child.stderr.on('data', (b) => stderr.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const o = Buffer.concat(stdout), e = Buffer.concat(stderr);
      resolve({ code, signal, stdout: binary ? o : o.toString(), stderr: binary ? e : e.toString() });
    });
    if (stdin === 'pipe') {
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}
