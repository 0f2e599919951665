// hostfs: `wunix run --mount HOSTDIR:PATH` mounts a host directory read-write. A guest program runs a
// list of file operations in the mounted directory; the test checks what the guest saw and what the host
// sees, and the other way round.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runWunix, realKernel, top, wunix } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wunix-hostfs-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));
const cc = path.join(top, 'bin', 'wunix-cc');
// ops OP ARGS... : one operation per group of words, one output line each: "OP ok", a result, or "OP ENAME".
fs.writeFileSync(path.join(work, 'ops.c'), `#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *ename(int e) {
	switch (e) {
	case ENOENT: return "ENOENT"; case EEXIST: return "EEXIST"; case ENOTEMPTY: return "ENOTEMPTY";
	case EXDEV: return "EXDEV"; case ENOTDIR: return "ENOTDIR"; case EISDIR: return "EISDIR";
	case EACCES: return "EACCES"; case EPERM: return "EPERM"; case EINVAL: return "EINVAL";
	case ELOOP: return "ELOOP"; default: return "E?";
	}
}
static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
#define TRY(op, call) do { if ((call) < 0) { printf("%s %s\\n", op, ename(errno)); goto next; } } while (0)

int main(int argc, char **argv) {
	static char buf[1 << 16];
	int held = -1;
	for (int i = 1; i < argc; i++) {
		const char *op = argv[i];
		int fd;
		ssize_t n;
		struct stat st;
		if (!strcmp(op, "cat")) {
			TRY(op, fd = open(argv[++i], O_RDONLY));
			n = read(fd, buf, sizeof buf);
			close(fd);
			printf("cat %.*s\\n", (int)n, buf);
		} else if (!strcmp(op, "write") || !strcmp(op, "append") || !strcmp(op, "excl")) {
			int fl = !strcmp(op, "write") ? O_TRUNC : !strcmp(op, "append") ? O_APPEND : O_EXCL;
			i += 2;
			TRY(op, fd = open(argv[i - 1], O_WRONLY | O_CREAT | fl, 0640));
			n = write(fd, argv[i], strlen(argv[i]));
			close(fd);
			printf("%s %zd\\n", op, n);
		} else if (!strcmp(op, "mkdir")) {
			TRY(op, mkdir(argv[++i], 0750));
			printf("mkdir ok\\n");
		} else if (!strcmp(op, "rename")) {
			i += 2;
			TRY(op, rename(argv[i - 1], argv[i]));
			printf("rename ok\\n");
		} else if (!strcmp(op, "unlink")) {
			TRY(op, unlink(argv[++i]));
			printf("unlink ok\\n");
		} else if (!strcmp(op, "rmdir")) {
			TRY(op, rmdir(argv[++i]));
			printf("rmdir ok\\n");
		} else if (!strcmp(op, "symlink")) {
			i += 2;
			TRY(op, symlink(argv[i - 1], argv[i]));
			printf("symlink ok\\n");
		} else if (!strcmp(op, "stat") || !strcmp(op, "lstat")) {
			TRY(op, (op[0] == 'l' ? lstat : stat)(argv[++i], &st));
			printf("%s %o %lld %ld %lld %u:%u\\n", op, (unsigned)st.st_mode, (long long)st.st_size, (long)st.st_nlink,
			       (long long)st.st_mtim.tv_sec, (unsigned)st.st_uid, (unsigned)st.st_gid);
		} else if (!strcmp(op, "ls")) {
			DIR *d = opendir(argv[++i]);
			if (!d) { printf("ls %s\\n", ename(errno)); continue; }
			char *names[4096];
			int k = 0;
			struct dirent *e;
			while ((e = readdir(d)) && k < 4096)
				names[k++] = strdup(e->d_name);
			closedir(d);
			qsort(names, k, sizeof(char *), cmp);
			printf("ls %d", k);
			for (int j = 0; j < k && j < 8; j++)
				printf(" %s", names[j]);
			printf("\\n");
		} else if (!strcmp(op, "hold")) {
			/* open a file and keep it for "readheld" */
			TRY(op, held = open(argv[++i], O_RDWR));
			printf("hold ok\\n");
		} else if (!strcmp(op, "readheld")) {
			n = pread(held, buf, sizeof buf, 0);
			printf("readheld %.*s\\n", (int)(n < 0 ? 0 : n), buf);
		} else if (!strcmp(op, "truncate")) {
			i += 2;
			TRY(op, truncate(argv[i - 1], atoi(argv[i])));
			printf("truncate ok\\n");
		} else if (!strcmp(op, "chmod")) {
			i += 2;
			TRY(op, chmod(argv[i - 1], strtol(argv[i], 0, 8)));
			printf("chmod ok\\n");
		} else if (!strcmp(op, "utime")) {
			struct timespec ts[2] = { { 1500000000, 0 }, { 0, 0 } };
			i += 2;
			ts[1].tv_sec = atoll(argv[i]);
			TRY(op, utimensat(AT_FDCWD, argv[i - 1], ts, 0));
			printf("utime ok\\n");
		} else if (!strcmp(op, "wait")) {
			/* the host looks, and changes things, before this reads a byte of stdin */
			fflush(stdout);
			n = read(0, buf, 1);
			printf("wait %zd\\n", n);
		} else {
			printf("unknown %s\\n", op);
			return 2;
		}
	next:
		fflush(stdout);
	}
	return 0;
}
`);
execFileSync(cc, ['-O2', path.join(work, 'ops.c'), '-o', path.join(work, 'ops.wasm')]);
const ops = path.join(work, 'ops.wasm');

let n = 0;
// A fresh host directory for one test.
function hostDir(files = {}) {
  const d = path.join(work, `d${n++}`);
  fs.mkdirSync(d);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(d, name), text);
  return d;
}
const run = (mounts, ...args) => runWunix(['run', ...mounts.flatMap((m) => ['--mount', m]), ops, ...args]);
const lines = (r) => r.stdout.trimEnd().split('\n');

test('the guest reads host files and the host sees what the guest creates, renames and removes', async () => {
  const d = hostDir({ 'hello.txt': 'host data', 'gone.txt': 'x' });
  const r = await run([`${d}:/mnt/h`],
    'cat', '/mnt/h/hello.txt',
    'write', '/mnt/h/new.txt', 'from guest',
    'mkdir', '/mnt/h/sub',
    'rename', '/mnt/h/new.txt', '/mnt/h/sub/moved.txt',
    'unlink', '/mnt/h/gone.txt',
    'ls', '/mnt/h',
    'ls', '/mnt/h/sub');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(lines(r), ['cat host data', 'write 10', 'mkdir ok', 'rename ok', 'unlink ok',
    'ls 4 . .. hello.txt sub', 'ls 3 . .. moved.txt']);
  assert.equal(fs.readFileSync(path.join(d, 'sub', 'moved.txt'), 'utf8'), 'from guest');
  assert.equal(fs.statSync(path.join(d, 'sub', 'moved.txt')).mode & 0o7777, 0o640 & ~0o022);
  assert.equal(fs.statSync(path.join(d, 'sub')).mode & 0o7777, 0o750 & ~0o022);
  assert.equal(fs.existsSync(path.join(d, 'new.txt')), false);
  assert.equal(fs.existsSync(path.join(d, 'gone.txt')), false);
});

test('stat reports the host mode, size, link count and times', async () => {
  const d = hostDir({ 'f': 'twelve bytes' });
  fs.chmodSync(path.join(d, 'f'), 0o604);
  fs.linkSync(path.join(d, 'f'), path.join(d, 'g'));
  fs.utimesSync(path.join(d, 'f'), 1600000000, 1700000000);
  fs.symlinkSync('f', path.join(d, 'l'));
  const r = await run([`${d}:/mnt/h`], 'stat', '/mnt/h/f', 'lstat', '/mnt/h/l', 'stat', '/mnt/h/l', 'stat', '/mnt/h');
  assert.equal(r.code, 0, r.stderr);
  const id = (st) => `${st.uid === process.getuid() ? 0 : st.uid}:${st.gid === process.getgid() ? 0 : st.gid}`;
  const hd = fs.statSync(d);
  assert.deepEqual(lines(r), [
    `stat 100604 12 2 1700000000 ${id(fs.statSync(path.join(d, 'f')))}`,
    `lstat 120777 1 1 ${Math.floor(fs.lstatSync(path.join(d, 'l')).mtimeMs / 1000)} ${id(fs.lstatSync(path.join(d, 'l')))}`,
    `stat 100604 12 2 1700000000 ${id(fs.statSync(path.join(d, 'f')))}`,
    `stat 40${(hd.mode & 0o7777).toString(8)} ${hd.size} ${hd.nlink} ${Math.floor(hd.mtimeMs / 1000)} ${id(hd)}`,
  ]);
});

test('errors are Linux errors: ENOENT, EEXIST, ENOTEMPTY, ENOTDIR, and EXDEV across mounts', async () => {
  const a = hostDir({ 'f': 'a' }), b = hostDir();
  fs.mkdirSync(path.join(a, 'full'));
  fs.writeFileSync(path.join(a, 'full', 'x'), '');
  const r = await run([`${a}:/mnt/a`, `${b}:/mnt/b`],
    'cat', '/mnt/a/missing',
    'excl', '/mnt/a/f', 'x',
    'mkdir', '/mnt/a/full',
    'rmdir', '/mnt/a/full',
    'cat', '/mnt/a/f/x',
    'rename', '/mnt/a/f', '/mnt/b/f',
    'rename', '/mnt/a/f', '/tmp/f',
    'unlink', '/mnt/a/full');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(lines(r), ['cat ENOENT', 'excl EEXIST', 'mkdir EEXIST', 'rmdir ENOTEMPTY', 'cat ENOTDIR',
    'rename EXDEV', 'rename EXDEV', 'unlink EISDIR']);
  assert.equal(fs.readFileSync(path.join(a, 'f'), 'utf8'), 'a');
});

test('.. and symlinks resolve inside the guest namespace, never on the host', async () => {
  const outside = hostDir({ 'secret': 'host only' });
  const d = hostDir();
  fs.symlinkSync(outside, path.join(d, 'abs'));
  fs.symlinkSync(`../${path.basename(outside)}/secret`, path.join(d, 'rel'));
  const r = await run([`${d}:/mnt/h`],
    'cat', '/mnt/h/abs/secret',
    'cat', '/mnt/h/rel',
    'cat', `/mnt/h/../../${path.relative('/', outside)}/secret`,
    'write', '/tmp/secret', 'guest tmp',
    'symlink', '/tmp/secret', '/mnt/h/tolink',
    'cat', '/mnt/h/tolink',
    'ls', '/mnt/h/..');
  assert.equal(r.code, 0, r.stderr);
  const out = lines(r);
  assert.deepEqual(out.slice(0, 6), ['cat ENOENT', 'cat ENOENT', 'cat ENOENT', 'write 9', 'symlink ok', 'cat guest tmp']);
  assert.match(out[6], /^ls \d+ \. \.\. h$/); // /mnt, in the guest
  assert.equal(fs.readlinkSync(path.join(d, 'tolink')), '/tmp/secret');
});

test('writes reach the host at once and host changes are seen at once; an unlinked open file stays readable', async () => {
  const d = hostDir({ 'shared': 'v1' });
  const child = spawn(wunix, ['run', '--mount', `${d}:/mnt/h`, ops,
    'write', '/mnt/h/out', 'written',
    'hold', '/mnt/h/shared',
    'wait',
    'cat', '/mnt/h/shared', 'cat', '/mnt/h/hostnew', 'ls', '/mnt/h',
    'unlink', '/mnt/h/shared', 'readheld', 'stat', '/mnt/h/shared',
    'append', '/mnt/h/out', '+more', 'truncate', '/mnt/h/hostnew', '3', 'chmod', '/mnt/h/out', '600',
    'utime', '/mnt/h/out', '1234567890'],
  { env: { ...process.env, WUNIX_KERNEL: realKernel() }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  const waiting = new Promise((resolve) => child.stdout.on('data', (b) => {
    stdout += b;
    if (stdout.includes('hold ok\n')) resolve();
  }));
  const closed = new Promise((resolve) => child.on('close', resolve));
  await waiting;
  assert.equal(fs.readFileSync(path.join(d, 'out'), 'utf8'), 'written');
  fs.writeFileSync(path.join(d, 'shared'), 'v2 from host');
  fs.writeFileSync(path.join(d, 'hostnew'), 'created by host');
  child.stdin.end('x');
  assert.equal(await closed, 0, stderr);
  assert.deepEqual(stdout.trimEnd().split('\n'), ['write 7', 'hold ok', 'wait 1', 'cat v2 from host',
    'cat created by host', 'ls 5 . .. hostnew out shared', 'unlink ok', 'readheld v2 from host', 'stat ENOENT',
    'append 5', 'truncate ok', 'chmod ok', 'utime ok']);
  assert.equal(fs.statSync(path.join(d, 'out')).mtimeMs, 1234567890000);
  assert.equal(fs.statSync(path.join(d, 'out')).atimeMs, 1500000000000);
  assert.equal(fs.readFileSync(path.join(d, 'out'), 'utf8'), 'written+more');
  assert.equal(fs.readFileSync(path.join(d, 'hostnew'), 'utf8'), 'cre');
  assert.equal(fs.statSync(path.join(d, 'out')).mode & 0o777, 0o600);
  assert.equal(fs.existsSync(path.join(d, 'shared')), false);
});

test('a program in a mounted directory runs from there', async () => {
  const d = hostDir();
  fs.copyFileSync(ops, path.join(d, 'ops'));
  fs.chmodSync(path.join(d, 'ops'), 0o755);
  const r = await runWunix(['run', '--mount', `${d}:/mnt/bin`, '/mnt/bin/ops', 'ls', '/mnt/bin']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'ls 3 . .. ops\n');
  fs.chmodSync(path.join(d, 'ops'), 0o644);
  assert.equal((await runWunix(['run', '--mount', `${d}:/mnt/bin`, '/mnt/bin/ops'])).code, 126);
});

test('a large directory lists every entry once', async () => {
  const d = hostDir();
  for (let i = 0; i < 500; i++) fs.writeFileSync(path.join(d, `file${String(i).padStart(3, '0')}`), '');
  const r = await run([`${d}:/mnt/h`], 'ls', '/mnt/h');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'ls 502 . .. file000 file001 file002 file003 file004 file005\n');
});

test('the mount point is made when missing, also below another mount', async () => {
  const a = hostDir(), b = hostDir({ 'in-b': 'b' });
  const r = await run([`${a}:/new/deep/a`, `${b}:/new/deep/a/b`], 'cat', '/new/deep/a/b/in-b', 'ls', '/new/deep/a');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(lines(r), ['cat b', 'ls 3 . .. b']);
  assert.ok(fs.statSync(path.join(a, 'b')).isDirectory());
});

test('--mount errors are usage errors', async () => {
  const missing = await runWunix(['run', '--mount', path.join(work, 'nope') + ':/mnt/x', ops]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--mount: .*nope: No such file or directory/);
  const file = path.join(work, 'ops.c');
  const notDir = await runWunix(['run', '--mount', `${file}:/mnt/x`, ops]);
  assert.equal(notDir.code, 2);
  assert.match(notDir.stderr, /Not a directory/);
  for (const spec of ['nocolon', `${work}:relative`, `${work}:/`, ':/mnt/x']) {
    const r = await runWunix(['run', '--mount', spec, ops]);
    assert.equal(r.code, 2, spec);
    assert.match(r.stderr, /--mount/);
  }
  const noArg = await runWunix(['run', '--mount']);
  assert.equal(noArg.code, 2);
});
