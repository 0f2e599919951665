// The embedding examples of docs/embedding.md run: examples/embed-node.mjs in Node, and
// examples/embed-browser.html in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { top, whyNoBrowser, serve, launch, newPage } from './browser.js';

const run = promisify(execFile);
const example = path.join(top, 'examples/embed-node.mjs');
const hasShell = fs.existsSync(path.join(top, 'build/rootfs.tar')) &&
  fs.readFileSync(path.join(top, 'build/rootfs.tar')).includes(Buffer.from('./bin/sh\0'));
const noShell = hasShell ? false : 'the default image has no /bin/sh yet';

test('embed-node.mjs writes to the program\'s stdin and prints its output and exit status', { skip: noShell }, async () => {
  const { stdout } = await run('node', [example]);
  assert.equal(stdout, 'got: hello from the embedder\n[sh exited with status 0]\n');
});

test('embed-node.mjs runs a program of the image given on its command line', async () => {
  const { stdout } = await run('node', [example, 'demo', 'one']);
  assert.match(stdout, /^argv: \[demo\] \[one\]$/m);
  assert.match(stdout, /^stdin is not a terminal; HOME=\/root$/m);
  assert.match(stdout, /\[demo exited with status 0\]\n$/);
  const missing = await run('node', [example, 'nosuchprogram']).then(() => null, (e) => e);
  assert.equal(missing?.code, 127);
  assert.match(missing.stderr, /nosuchprogram: cannot start: No such file or directory/);
});

let server, browser;
const skip = whyNoBrowser() || noShell;
before(async () => {
  if (!skip) [server, browser] = await Promise.all([serve(), launch()]);
});
after(async () => {
  await browser?.close();
  server?.stop();
});

test('embed-browser.html sends typed lines to the program and shows its output', { skip }, async () => {
  const page = await newPage(browser.context);
  await page.goto(`${server.url}examples/embed-browser.html`);
  await page.fill('#line', 'hello');
  await page.press('#line', 'Enter');
  await page.waitForFunction(() => document.getElementById('out').textContent.includes('you said: hello'), null, { timeout: 20000 });
  await page.fill('#line', 'again');
  await page.click('text=send');
  await page.click('#eof');
  await page.waitForFunction(() => document.getElementById('out').textContent.includes('[exit status'), null, { timeout: 20000 });
  assert.equal(await page.textContent('#out'), 'you said: hello\nyou said: again\nbye\n[exit status 0]\n');
  assert.deepEqual(page.wunixErrors, []);
  await page.close();
});
