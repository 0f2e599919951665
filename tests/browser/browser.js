// Shared by the browser tests: `bin/wunix serve` on a free port, and Debian's Chromium driven headless by
// playwright-core in a fresh profile.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const top = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
// Without the networking flags Chromium keeps trying to reach Google's hosts from a machine that has no
// network (../shared and the environment notes); playwright adds --headless and the profile directory.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// Why the browser tests cannot run here, or false when they can. tools/deps.sh installs Chromium.
export function whyNoBrowser() {
  if (!fs.existsSync(CHROMIUM)) return `no ${CHROMIUM}: Debian's chromium package is not installed (tools/deps.sh installs it)`;
  if (!fs.existsSync(path.join(top, 'node_modules/playwright-core'))) return 'playwright-core is not installed (npm ci)';
  return false;
}

// Starts `bin/wunix serve --port 0 ARGS...`; resolves with {url, stop()} once it prints its URL.
export function serve(args = []) {
  const child = spawn(path.join(top, 'bin/wunix'), ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const fail = (why) => reject(new Error(`wunix serve: ${why}\n${out}`));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+\//);
      if (m) resolve({ url: m[0], stop: () => child.kill() });
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => fail(`exited with ${code}`));
    child.on('error', (e) => fail(e.message));
  });
}

// Launches Chromium; resolves with {context, close()}. The profile directory is removed on close.
export async function launch() {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wunix-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 960, height: 540 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A page that reports its errors through the test; page.wunixErrors lists them.
export async function newPage(context) {
  const page = await context.newPage();
  page.wunixErrors = [];
  page.on('pageerror', (e) => page.wunixErrors.push(e.message));
  return page;
}

// Waits until the page's terminal text (host/browser/main.js, window.wunix.text()) satisfies test (a
// RegExp); returns the text. Fails with the text seen.
export async function waitForText(page, re, timeout = 20000) {
  try {
    await page.waitForFunction((src) => new RegExp(src, 'm').test(window.wunix?.text() ?? ''), re.source, { timeout, polling: 20 });
  } catch {
    const text = await page.evaluate(() => window.wunix?.text() ?? '(no terminal)').catch((e) => `(${e.message})`);
    throw new Error(`timed out waiting for ${re} in the terminal; it shows:\n${text}\npage errors: ${page.wunixErrors.join('; ')}`);
  }
  return page.evaluate(() => window.wunix.text());
}
