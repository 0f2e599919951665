// bin/wunix-cc as CC of an ordinary make build: several sources, -c/-o/-I/-D/-L/-l, an archive made with
// bin/wunix-ar, and Asyncify only for programs that can reach fork.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runWunix, top } from './helpers.js';

const cc = path.join(top, 'bin', 'wunix-cc');
const ar = path.join(top, 'bin', 'wunix-ar');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wunix-cc-'));
const write = (name, text) => fs.writeFileSync(path.join(dir, name), text);

fs.mkdirSync(path.join(dir, 'inc'), { recursive: true });
write('inc/sq.h', 'int sq(int);\nint twice(int);\n');
write('sq.c', '#include "sq.h"\nint sq(int x) { return x * x; }\n');
write('twice.c', '#include "sq.h"\nint twice(int x) { return FACTOR * x; }\n');
write('main.c', `#include <stdio.h>
#include <unistd.h>
#include "sq.h"
int main(int argc, char **argv) {
#ifdef USE_FORK
	if (argc > 5) fork();
#endif
	printf("%d %d\\n", sq(argc + 1), twice(7));
	return 0;
}
`);
write('Makefile', `CC = ${cc}
AR = ${ar}
CFLAGS = -O2 -Iinc -DFACTOR=2
prog.wasm: main.o libsq.a
\t$(CC) $(CFLAGS) -o $@ main.o -L. -lsq
forky.wasm: main.c libsq.a
\t$(CC) $(CFLAGS) -DUSE_FORK -o $@ main.c -L. -lsq
libsq.a: sq.o twice.o
\t$(AR) rcs $@ sq.o twice.o
`);

const exportsOf = (file) =>
  WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(path.join(dir, file)))).map((e) => e.name);

test('a make build with wunix-cc and wunix-ar runs under wunix', async () => {
  execFileSync('make', ['-s', 'prog.wasm'], { cwd: dir, stdio: 'pipe' });
  const r = await runWunix(['run', path.join(dir, 'prog.wasm'), 'a', 'b']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '16 14\n');
});

test('Asyncify is applied only when the program can reach fork', () => {
  execFileSync('make', ['-s', 'prog.wasm', 'forky.wasm'], { cwd: dir, stdio: 'pipe' });
  assert.ok(!exportsOf('prog.wasm').includes('asyncify_start_unwind'));
  assert.ok(exportsOf('forky.wasm').includes('asyncify_start_unwind'));
});

test('wunix-cc -c with several sources writes one object each; -v says what it runs', () => {
  execFileSync(cc, ['-c', '-Iinc', '-DFACTOR=3', 'sq.c', 'twice.c'], { cwd: dir, stdio: 'pipe' });
  assert.ok(fs.existsSync(path.join(dir, 'sq.o')) && fs.existsSync(path.join(dir, 'twice.o')));
  const v = execFileSync(cc, ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(v, /compiles with: clang-19 --target=wasm32/);
  assert.match(v, /links with: wasm-ld-19/);
});

test('wunix-cc fails cleanly on a compile error and on -shared', () => {
  write('bad.c', 'int main(void) { return undeclared; }\n');
  assert.throws(() => execFileSync(cc, ['bad.c', '-o', 'bad.wasm'], { cwd: dir, stdio: 'pipe' }));
  assert.ok(!fs.existsSync(path.join(dir, 'bad.wasm')));
  assert.throws(() => execFileSync(cc, ['-shared', 'sq.c', '-o', 'x.so'], { cwd: dir, stdio: 'pipe' }),
    (e) => /shared libraries are not supported/.test(e.stderr.toString()));
});

test('-Wl,a,b passes every item to the linker, the last one too', () => {
  execFileSync(cc, ['-O2', '-Iinc', '-DFACTOR=2', '-Wl,--export=sq,--export=twice', '-Wl,-rpath,/usr/lib',
    'main.c', 'sq.c', 'twice.c', '-o', 'wl.wasm'], { cwd: dir, stdio: 'pipe' });
  const ex = exportsOf('wl.wasm');
  assert.ok(ex.includes('sq') && ex.includes('twice'), ex.join(' '));
});

test('-o into a fifo or a device writes into it instead of replacing it', () => {
  execFileSync('sh', ['-c', `mkfifo fifo && { cat fifo > from-fifo & } && "${cc}" sq.c main.c twice.c -Iinc -DFACTOR=1 -o fifo && wait &&
"${cc}" sq.c main.c twice.c -Iinc -DFACTOR=1 -o /dev/null`], { cwd: dir, stdio: 'pipe' });
  assert.ok(fs.lstatSync(path.join(dir, 'fifo')).isFIFO());
  assert.ok(fs.statSync(path.join(dir, 'from-fifo')).size > 0);
  assert.ok(fs.statSync('/dev/null').isCharacterDevice());
});
