// The root filesystem image: tools/mkrootfs builds it, the kernel unpacks it at boot, and bin/wunix runs
// programs from it (by PATH search or by path) when no host file has that name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runWunix, top } from './helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wunix-rootfs-'));
const cc = path.join(top, 'bin', 'wunix-cc');
fs.writeFileSync(path.join(dir, 'cat.c'), `#include <stdio.h>
#include <sys/stat.h>
int main(int argc, char **argv) {
	for (int i = 1; i < argc; i++) {
		struct stat st;
		FILE *f = fopen(argv[i], "r");
		if (!f || stat(argv[i], &st)) { perror(argv[i]); return 1; }
		printf("%s %o %d:%d %lld\\n", argv[i], st.st_mode & 07777, st.st_uid, st.st_gid, (long long)st.st_mtim.tv_sec);
		int c;
		while ((c = getc(f)) != EOF) putchar(c);
		fclose(f);
	}
	return 0;
}
`);
execFileSync(cc, ['-O2', path.join(dir, 'cat.c'), '-o', path.join(dir, 'cat.wasm')]);
fs.writeFileSync(path.join(dir, 'manifest'), `dir / 0755
dir /bin 0755
dir /opt 0755
dir /opt/deep 0750
file /bin/tcat 0755 cat.wasm
file /opt/noexec 0644 cat.wasm
symlink /opt/link ../bin/tcat
text /opt/deep/msg 0640 hello\\nfrom the image
`);
const image = path.join(dir, 'test.tar');
execFileSync('node', [path.join(top, 'tools', 'mkrootfs'), path.join(dir, 'manifest'), image]);
const run = (...args) => runWunix(['run', '--rootfs', image, ...args], { cwd: dir });

test('a program found on PATH inside the image reads files the image holds, with their modes', async () => {
  const r = await run('tcat', '/opt/deep/msg');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '/opt/deep/msg 640 0:0 1735689600\nhello\nfrom the image\n');
});

test('programs by absolute path and through a symlink', async () => {
  assert.equal((await run('/bin/tcat')).code, 0);
  const r = await run('/opt/link', '/opt/deep/msg');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\/opt\/deep\/msg 640/);
});

test('missing programs exit 127, files without exec permission 126', async () => {
  const missing = await run('nosuchprogram');
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /nosuchprogram: No such file or directory/);
  const noexec = await run('/opt/noexec');
  assert.equal(noexec.code, 126);
  assert.match(noexec.stderr, /Permission denied/);
});

test('a corrupt image is a clear boot error, not a hang', async () => {
  const bad = Buffer.from(fs.readFileSync(image));
  bad[600] ^= 0xff; // inside the second header
  const badImage = path.join(dir, 'bad.tar');
  fs.writeFileSync(badImage, bad);
  const r = await runWunix(['run', '--rootfs', badImage, 'tcat'], { cwd: dir });
  assert.equal(r.code, 70);
  assert.match(r.stderr, /rootfs: bad image: entry 1/);
  assert.match(r.stderr, /root filesystem image is corrupt/);
});

test('an unreadable --rootfs is a usage error', async () => {
  const r = await runWunix(['run', '--rootfs', path.join(dir, 'none.tar'), 'tcat'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read the root filesystem image/);
});
