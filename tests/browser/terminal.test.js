// The browser host (host/browser/): `bin/wunix serve` serves the page, headless Chromium boots wunix in
// Web Workers, the program's output appears in the xterm.js terminal and typed keys reach its stdin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { top, whyNoBrowser, serve, launch, newPage, waitForText } from './browser.js';

const skip = whyNoBrowser();
if (skip) console.log(`# browser tests skipped: ${skip}`);
// The default image has busybox's shell (userland/busybox) once it is built.
const hasShell = () => {
  const image = path.join(top, 'build/rootfs.tar');
  return fs.existsSync(image) && fs.readFileSync(image).includes(Buffer.from('./bin/sh\0'));
};

let server, inputServer, browser;
before(async () => {
  if (skip) return;
  [server, browser] = await Promise.all([serve(), launch()]);
});
after(async () => {
  await browser?.close();
  server?.stop();
  inputServer?.stop();
});

test('the page runs the default program in the terminal, and again after a reload', { skip }, async (t) => {
  const page = await newPage(browser.context);
  await page.goto(server.url);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  if (hasShell()) {
    await waitForText(page, /[#$]$/);
    await page.keyboard.type('echo hello | wc -c');
    await page.keyboard.press('Enter');
    const text = await waitForText(page, /^\s*6$/);
    assert.match(text, /echo hello \| wc -c/);
  } else {
    const text = await waitForText(page, /the program ended: exit status 0/);
    assert.match(text, /^wunix .* on wasm32: pid \d+, parent 1$/m);
    assert.match(text, /^argv: \[demo\]$/m);
    assert.match(text, /^stdin is a terminal; HOME=\/root$/m);
  }
  const stats = await page.evaluate(() => window.wunix.stats);
  t.diagnostic(`page load to first output: ${Math.round(stats.firstOutputMs)} ms (script ${Math.round(stats.scriptMs)}, boot ${Math.round(stats.bootMs)}, started ${Math.round(stats.startedMs)})`);
  // the README's screenshot: made when missing, or again with WUNIX_SCREENSHOT=1 (test runs leave the tree alone)
  const shot = path.join(top, 'docs/screenshot.png');
  if (!fs.existsSync(shot) || process.env.WUNIX_SCREENSHOT === '1') await page.screenshot({ path: shot });

  // A reload starts afresh: new workers, a new kernel, the same output.
  await page.reload();
  await waitForText(page, hasShell() ? /[#$]$/ : /the program ended: exit status 0/);
  const again = await page.evaluate(() => window.wunix.stats);
  t.diagnostic(`after a reload: first output at ${Math.round(again.firstOutputMs)} ms`);
  assert.deepEqual(page.wunixErrors, []);
  await page.close();
});

test('typed keys reach the program as its stdin, a terminal', { skip }, async () => {
  // an image with one program that reads a line
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wunix-browser-'));
  execFileSync(path.join(top, 'bin/wunix-cc'), ['-O2', '-o', path.join(dir, 'readline.wasm'),
    path.join(top, 'tests/browser/fixtures/readline.c')]);
  fs.writeFileSync(path.join(dir, 'manifest'), 'dir / 0755\ndir /bin 0755\nfile /bin/readline 0755 readline.wasm\n');
  execFileSync('node', [path.join(top, 'tools/mkrootfs'), path.join(dir, 'manifest'), path.join(dir, 'rootfs.tar')]);
  inputServer = await serve(['--rootfs', path.join(dir, 'rootfs.tar')]);

  const page = await newPage(browser.context);
  await page.goto(`${inputServer.url}?cmd=readline`);
  await waitForText(page, /type a line:/);
  await page.keyboard.type('hello wunix');
  await page.keyboard.press('Enter');
  const text = await waitForText(page, /the program ended/);
  assert.match(text, /^got \[hello wunix\], 11 bytes, stdin is a terminal$/m);
  assert.match(text, /the program ended: exit status 0/);
  fs.rmSync(dir, { recursive: true, force: true });
  await page.close();
});

test("a program sees the terminal's size from the page, and its arguments from the query", { skip: skip || (!hasShell() && 'no /bin/sh in the image yet') }, async () => {
  const page = await newPage(browser.context);
  await page.setViewportSize({ width: 700, height: 300 });
  await page.goto(`${server.url}?cmd=sh&arg=-c&arg=${encodeURIComponent('stty size; echo "[$1]"')}&arg=x&args=two%20words`);
  const text = await waitForText(page, /the program ended: exit status 0/);
  const { rows, cols } = await page.evaluate(() => ({ rows: window.wunixTerm.rows, cols: window.wunixTerm.cols }));
  assert.ok(rows > 5 && cols > 40 && cols < 100, `${rows}x${cols}`);
  assert.match(text, new RegExp(`^${rows} ${cols}$`, 'm'));
  assert.match(text, /^\[two\]$/m); // in the query's order: sh -c SCRIPT x two words
  await page.close();
});

test('the terminal is the console terminal: ^C, job control, and the size following the window', { skip: skip || (!hasShell() && 'no /bin/sh in the image yet') }, async () => {
  const page = await newPage(browser.context);
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(`${server.url}?cmd=sh`);
  await waitForText(page, /[#$]$/);
  // no job control warning, a terminal with a name
  await page.keyboard.type('tty; echo tty-done');
  await page.keyboard.press('Enter');
  let text = await waitForText(page, /^tty-done$/);
  assert.match(text, /^\/dev\/console$/m);
  assert.doesNotMatch(text, /job control turned off/);
  // ^C ends a foreground job that computes; the shell lives on and knows why it ended
  await page.keyboard.type('yes > /dev/null');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 50 && !/\^C\n.*[#$]$/s.test(text); i++) {
    await page.keyboard.press('Control+C');
    text = await page.evaluate(() => window.wunix.text());
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.keyboard.type('echo status=$?');
  await page.keyboard.press('Enter');
  await waitForText(page, /^status=130$/);
  // a smaller window: the kernel hears of the new size
  await page.setViewportSize({ width: 600, height: 300 });
  await page.waitForFunction(() => window.wunixTerm.cols < 70);
  const { rows, cols } = await page.evaluate(() => ({ rows: window.wunixTerm.rows, cols: window.wunixTerm.cols }));
  await page.keyboard.type('stty size');
  await page.keyboard.press('Enter');
  await waitForText(page, new RegExp(`^${rows} ${cols}$`));
  assert.deepEqual(page.wunixErrors, []);
  await page.close();
});

test('a program that does not exist is reported in the terminal', { skip }, async () => {
  const page = await newPage(browser.context);
  await page.goto(`${server.url}?cmd=nosuchprogram`);
  await waitForText(page, /^wunix: nosuchprogram: No such file or directory$/);
  await page.close();
});

test('without COOP/COEP the page says which header is missing', { skip }, async () => {
  const page = await newPage(browser.context);
  // the same server, its isolation headers dropped from every response
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto(server.url);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  const text = await waitForText(page, /did not send the header/);
  assert.match(text, /not cross-origin isolated/);
  assert.match(text, /did not send the header: Cross-Origin-Embedder-Policy: require-corp\./);
  await page.close();
});

test('bin/wunix serve sends the isolation headers and the right types, and nothing outside its list', { skip: false }, async () => {
  const s = await serve();
  try {
    const get = (p) => fetch(new URL(p, s.url));
    for (const [p, type] of [['/', 'text/html'], ['/host/browser/main.js', 'text/javascript'], ['/host/supervisor.js', 'text/javascript'],
      ['/build/kernel.wasm', 'application/wasm'], ['/node_modules/@xterm/xterm/lib/xterm.mjs', 'text/javascript'],
      ['/node_modules/@xterm/xterm/css/xterm.css', 'text/css']]) {
      const r = await get(p);
      assert.equal(r.status, 200, p);
      assert.ok(r.headers.get('content-type').startsWith(type), `${p}: ${r.headers.get('content-type')}`);
      assert.equal(r.headers.get('cross-origin-opener-policy'), 'same-origin');
      assert.equal(r.headers.get('cross-origin-embedder-policy'), 'require-corp');
      assert.equal(r.headers.get('cross-origin-resource-policy'), 'same-origin');
      await r.arrayBuffer();
    }
    for (const p of ['/host/node/run.js', '/package.json', '/host/%2e%2e/package.json', '/node_modules/binaryen/package.json', '/build/demo/demo.wasm']) {
      const r = await get(p);
      assert.equal(r.status, 404, p);
      assert.equal(r.headers.get('cross-origin-embedder-policy'), 'require-corp');
      await r.arrayBuffer();
    }
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  } finally {
    s.stop();
  }
});
