// The console as a terminal: `bin/wunix run sh` on a real pseudo-terminal of the host (fixtures/pty.py,
// python3's os.openpty), typed at as a person would: the kernel's line discipline (echo, erase, ^C, ^Z),
// busybox ash's job control and line editing, the window size, and the host terminal's modes restored
// at exit. Every step waits for the output it needs (generous timeouts), never for a fixed time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { realKernel, top, wunix } from './helpers.js';

const helper = path.join(top, 'tests', 'host', 'fixtures', 'pty.py');
const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;
const hasShell = fs.existsSync(path.join(top, 'build', 'rootfs.tar'));
const skip = !hasPython ? 'python3 is not installed' : !hasShell ? 'no build/rootfs.tar (make)' : false;
const WAIT_MS = 20000;

// Starts `bin/wunix run ARGS` on a pty of rows x cols. Returns {type(text), expect(re), grow(), done}:
// expect waits for re in the output after what earlier expects consumed and resolves with the match;
// done resolves {code, termios} once the helper has exited.
// command: the whole command line on the pty instead (for a host shell around bin/wunix).
function session(args, { rows = 24, cols = 80, command = [wunix, 'run', ...args] } = {}) {
  const env = { ...process.env, WUNIX_KERNEL: realKernel(), TERM: 'xterm' };
  delete env.WUNIX_TRACE;
  const child = spawn('python3', [helper, String(rows), String(cols), ...command],
    { env, cwd: top, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '', from = 0, err = '';
  const waiters = new Set();
  const check = () => {
    for (const w of waiters) {
      const m = w.re.exec(out.slice(from));
      if (!m) continue;
      waiters.delete(w);
      clearTimeout(w.timer);
      from += m.index + m[0].length;
      w.resolve(m);
    }
  };
  child.stdout.on('data', (b) => {
    out += b.toString('latin1');
    check();
  });
  child.stderr.on('data', (b) => (err += b));
  const done = new Promise((resolve) => child.on('close', (code) => {
    for (const w of waiters) w.fail();
    resolve({ code, termios: /pty: termios (\w+)/.exec(err)?.[1] ?? `(none: ${err})` });
  }));
  return {
    type: (text) => child.stdin.write(text),
    expect(re) {
      return new Promise((resolve, reject) => {
        const w = { re, resolve };
        w.fail = () => reject(new Error(`no ${re} in the output ${JSON.stringify(out.slice(from))}; stderr: ${err}`));
        w.timer = setTimeout(() => {
          waiters.delete(w);
          w.fail();
        }, WAIT_MS);
        waiters.add(w);
        check();
      });
    },
    // Types text every 300 ms until re shows up: for a key that must reach a process that may not run yet.
    async typeUntil(text, re) {
      const again = setInterval(() => child.stdin.write(text), 300);
      child.stdin.write(text);
      try {
        return await this.expect(re);
      } finally {
        clearInterval(again);
      }
    },
    output: () => out,
    grow: () => child.kill('SIGUSR1'),
    kill: () => child.kill('SIGKILL'),
    done,
  };
}

const PROMPT = /# $/;

test('an interactive shell on the console terminal', { skip, timeout: 120000 }, async (t) => {
  const s = session(['sh']);
  t.after(() => s.kill());
  await s.expect(PROMPT);
  assert.doesNotMatch(s.output(), /job control turned off/);
  s.type('echo $((6*7))\r');
  await s.expect(/echo \$\(\(6\*7\)\)\r\n42\r\n.*# $/s);

  // the kernel's canonical editing: `read` reads the line as the discipline edits it (backspace, ^U)
  // (ash's line editor has put the terminal back in canonical mode once "ready" is out)
  s.type('echo ready; read v; echo "[$v]"\r');
  await s.expect(/\r\nready\r\n/);
  s.type('junk\x15xyZ\x7fz\r');
  await s.expect(/\r\n\[xyz\]\r\n.*# $/s);

  // the console is a terminal with a name, and its size is the host terminal's, then follows it
  s.type('tty; stty size\r');
  await s.expect(/\r\n\/dev\/console\r\n24 80\r\n.*# $/s);
  s.grow(); // the new size reaches the kernel through Node's SIGWINCH: ask until it shows
  let size;
  for (let i = 0; i < 50 && size !== '34 100'; i++) {
    s.type('stty size\r');
    size = (await s.expect(/\r\n(\d+ \d+)\r\n.*# $/s))[1];
  }
  assert.equal(size, '34 100');

  // ^C reaches the foreground job while it computes, and the shell survives it
  s.type('yes > /dev/null\r');
  await s.expect(/yes > \/dev\/null\r\n/);
  await s.typeUntil('\x03', /\^C\r\n.*# $/s);
  s.type('echo status=$?\r');
  await s.expect(/\r\nstatus=130\r\n/);

  // job control: a background job, jobs, ^Z, fg, ^C
  s.type('sleep 100 &\r');
  await s.expect(PROMPT);
  s.type('jobs\r');
  await s.expect(/\[1\]\+ +Running +sleep 100\r\n/);
  s.type('fg\r');
  await s.expect(/fg\r\nsleep 100\r\n/);
  await s.typeUntil('\x1a', /Stopped +sleep 100\r\n.*# $/s);
  s.type('fg\r');
  await s.expect(/fg\r\nsleep 100\r\n/);
  await s.typeUntil('\x03', /\^C\r\n.*# $/s);
  s.type('jobs; echo end-of-jobs\r');
  await s.expect(/\r\nend-of-jobs\r\n/);

  s.type('exit 3\r');
  const { code, termios } = await s.done;
  assert.equal(code, 3);
  assert.equal(termios, 'same', 'the host terminal modes are restored');
});

test('a program killed by a signal restores the host terminal', { skip, timeout: 60000 }, async (t) => {
  const s = session(['sh']);
  t.after(() => s.kill());
  await s.expect(PROMPT);
  s.type('kill -KILL $$\r');
  const { code, termios } = await s.done;
  assert.equal(code, 137);
  assert.equal(termios, 'same');
});

test('output is the kernel\'s: ONLCR once, a bare \\n when OPOST is off', { skip, timeout: 60000 }, async (t) => {
  const s = session(['sh', '-c', 'printf "a\\nb\\n"; stty -opost; printf "c\\nd\\n"; stty opost']);
  t.after(() => s.kill());
  await s.expect(/a\r\nb\r\nc\nd\n/);
  const { code, termios } = await s.done;
  assert.equal(code, 0);
  assert.equal(termios, 'same');
});

// `timeout` runs its command in a process group of its own, in the background of the terminal: wunix
// must not stop there (SIGTTOU on taking the terminal), and leaves the terminal's modes alone.
test('started in the background of its terminal, wunix runs with a plain console', { skip, timeout: 60000 }, async (t) => {
  const line = `timeout 30 ${wunix} run sh -c 'tty -s && echo is-a-tty; exit 3'; echo rc=$?`;
  const s = session([], { command: ['sh', '-c', line] });
  t.after(() => s.kill());
  await s.expect(/is-a-tty\r\nrc=3\r\n/);
  const { code, termios } = await s.done;
  assert.equal(code, 0);
  assert.equal(termios, 'same');
});
