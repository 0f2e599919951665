// dash, lua, sqlite3 and GNU make in the default root filesystem (userland/*/build.sh), run through
// bin/wunix. The expected outputs are what the same programs print on Linux.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runWunix } from './helpers.js';

const run = (args, opts) => runWunix(['run', ...args], opts);

test('dash: pipeline, function, here-document, $(...) and wait', async () => {
  const script = `f() { echo "f:$1"; }
f abc | tr a-z A-Z
cat <<EOF
here $(echo sub) $((6 * 7))
EOF
(exit 3) & p=$!
sleep 0.1 & wait $p; echo "wait=$?"
wait; echo done`;
  const r = await run(['dash', '-c', script]);
  assert.equal(r.stdout, 'F:ABC\nhere sub 42\nwait=3\ndone\n', r.stderr);
  assert.equal(r.code, 0);
});

test('lua: -e and a script with strings, tables and coroutines', async () => {
  let r = await run(['lua', '-e', 'print(1+1)']);
  assert.equal(r.stdout, '2\n', r.stderr);
  const script = `local t = {}
for w in string.gmatch("b c a", "%a") do t[#t + 1] = w:upper() end
table.sort(t)
print(table.concat(t, ","), string.format("%5.2f", math.pi))
local co = coroutine.wrap(function(n) for i = 1, n do coroutine.yield(i * i) end end)
print(co(3), co(), co())
print(pcall(error, "boom"))`;
  r = await run(['lua5.4', '-'], { input: script });
  assert.equal(r.stdout, 'A,B,C\t 3.14\n1\t4\t9\nfalse\tboom\n', r.stderr);
  assert.equal(r.code, 0);
});

test('sqlite3: a query from stdin and a file database in /tmp', async () => {
  let r = await run(['sqlite3'], { input: 'select 2*21;\n' });
  assert.equal(r.stdout, '42\n', r.stderr);
  r = await run(['sh', '-c', `sqlite3 /tmp/t.db "create table t(a, b); insert into t values (1, 'x'), (2, 'y');" &&
sqlite3 /tmp/t.db 'select sum(a), group_concat(b) from t;' && ls /tmp`]);
  assert.equal(r.stdout, '3|x,y\nt.db\n', r.stderr);
  assert.equal(r.code, 0);
});

test('make -j2 builds two independent targets and one that needs both', async () => {
  const r = await run(['sh', '-c', `mkdir /tmp/m && cd /tmp/m && printf '%s\\n' 'c: a b' '\tcat a b > c' \
'a:' '\techo a > a' 'b:' '\techo b > b' > Makefile && make -s -j2 && cat c && make`]);
  assert.equal(r.stdout, "a\nb\nmake: 'c' is up to date.\n", r.stderr);
  assert.equal(r.code, 0);
});

test("make's exit status on a failing rule", async () => {
  const r = await run(['sh', '-c', `cd /tmp && printf 'x:\\n\\tfalse\\n\\techo not here\\n' > Makefile && make`]);
  assert.equal(r.stdout, 'false\n');
  assert.match(r.stderr, /make: \*\*\* \[Makefile:2: x\] Error 1/);
  assert.equal(r.code, 2);
});
