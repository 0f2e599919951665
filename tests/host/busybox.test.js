// busybox in the default root filesystem (userland/busybox): shell scripts run by /bin/sh (ash) through
// bin/wunix. Where a script does not depend on the files of the image, its expected output is what a
// gcc-built busybox of the same configuration prints on Linux.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runWunix, top } from './helpers.js';

const image = path.join(top, 'build', 'rootfs.tar');
const busybox = path.join(top, 'build', 'busybox', 'busybox.wasm');
const sh = (script, opts) => runWunix(['run', 'sh', '-c', script], opts);

// [name, script, expected stdout, expected exit status]
const cases = [
  ['a pipe into wc', 'echo hi | wc -c', '3\n', 0],
  ['for loop, arithmetic, case, functions', `for i in 1 2 3; do echo $((i * i)); done
f() { case $1 in a*) return 3;; esac; }; f abc; echo "f=$?"`, '1\n4\n9\nf=3\n', 0],
  ['seq, sort and head', 'seq 10 | sort -rn | head -3', '10\n9\n8\n', 0],
  ['awk', `printf '3 4\\n5 6\\n' | awk '{ s += $1 * $2 } END { print s, NR }'`, '42 2\n', 0],
  ['sed', `printf 'one\\ntwo\\nthree\\n' | sed -n '/t/{s/t/T/g;p}'`, 'Two\nThree\n', 0],
  ['grep', `printf 'apple\\nBanana\\ncherry\\n' | grep -in an; printf 'a\\nb\\n' | grep -c x`, '2:Banana\n0\n', 1],
  ['cut, tr, uniq, xargs', `echo a:b:c | cut -d: -f2,3 | tr a-z A-Z; printf 'x\\nx\\ny\\n' | uniq -c | xargs`,
    'B:C\n2 x 1 y\n', 0],
  ['a tar and gzip round trip in /tmp', `cd /tmp && mkdir -p d/e && seq 1000 > d/e/n && echo x > d/f &&
tar czf d.tgz d && rm -r d && tar xzf d.tgz && md5sum d/e/n d/f && tar tzf d.tgz | sort`,
  '53d025127ae99ab79e8502aae2d9bea6  d/e/n\n401b30e3b8b5d629635a5c613cdb7919  d/f\nd/\nd/e/\nd/e/n\nd/f\n', 0],
  ['bzip2 round trip', 'seq 5000 | bzip2 | bunzip2 | tail -1', '5000\n', 0],
  ['find', 'find /etc -type f | sort', '/etc/group\n/etc/hostname\n/etc/passwd\n/etc/profile\n', 0],
  ['ps sees the shell through /proc', `ps -o pid,args | awk -v me=$$ '$1 == me { print $2, $3 }'`, 'sh -c\n', 0],
  ['/bin/sh and the applets are links to /bin/busybox', 'readlink /bin/sh; readlink /usr/bin/awk; ls -l /bin/sh | cut -c1',
    '/bin/busybox\n/bin/busybox\nl\n', 0],
  ['background jobs, kill and wait', 'sleep 10 & kill $!; wait $!; echo $?; sleep 0.1 & wait; echo done',
    '143\ndone\n', 0],
  ['traps and subshells', `trap 'echo usr1' USR1; kill -USR1 $$; (trap 'echo bye' EXIT; exit 4); echo $?`,
    'usr1\nbye\n4\n', 0],
  ['a #! script run by path', `printf '#!/bin/sh\\necho "$0 $1"\\nexit 7\\n' > /tmp/s && chmod +x /tmp/s && /tmp/s a`,
    '/tmp/s a\n', 7],
  ['diff and cmp', `cd /tmp && printf 'a\\nb\\n' > 1 && printf 'a\\nc\\n' > 2 && diff 1 2; cmp -s 1 2; echo $?`,
    '--- 1\n+++ 2\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n1\n', 0],
];

test('busybox is in the default root filesystem', () => {
  assert.ok(fs.existsSync(busybox), `${busybox} is missing: run 'make userland'`);
  assert.ok(fs.existsSync(image), `${image} is missing: run 'make'`);
});

for (const [name, script, stdout, code] of cases) {
  test(`sh: ${name}`, async () => {
    const r = await sh(script);
    assert.equal(r.stdout, stdout, r.stderr);
    assert.equal(r.code, code, r.stderr);
  });
}

test('sh reads a script from stdin and exits with its status', async () => {
  const r = await runWunix(['run', 'sh'], { input: 'echo $((6 * 7))\nexit 5\n' });
  assert.equal(r.stdout, '42\n', r.stderr);
  assert.equal(r.code, 5);
});
