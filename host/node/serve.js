// `wunix serve`: a small static HTTP server for the browser host (host/browser/). It serves only what the
// page needs, under the same paths as in this tree, with the headers that make the page cross-origin
// isolated (SharedArrayBuffer and shared WebAssembly memories need that).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.tar': 'application/x-tar',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

// Sent with every response. COOP + COEP make the page cross-origin isolated; CORP lets the page's own
// resources load under require-corp.
export const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

// The URL path → the file served for it, or null. kernel and rootfs: the files behind /build/kernel.wasm
// and /build/rootfs.tar. Directories served: host/browser/ (any file), host/ (its .js modules, shared with
// the Node host; not host/node/), two npm packages, and the embedding example pages.
export function resolvePath(urlPath, { kernel, rootfs }) {
  let p;
  try {
    p = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (p.includes('\0') || p.split('/').some((c) => c === '..' || c === '.')) return null;
  if (p === '/' || p === '/index.html') return path.join(top, 'host/browser/index.html');
  if (p === '/build/kernel.wasm') return kernel;
  if (p === '/build/rootfs.tar') return rootfs;
  const rel = p.slice(1);
  if (/^host\/[^/]+\.js$/.test(rel)) return path.join(top, rel);
  if (/^examples\/embed-[^/]+\.(html|js)$/.test(rel)) return path.join(top, rel);
  for (const dir of ['host/browser/', 'node_modules/@xterm/xterm/', 'node_modules/@xterm/addon-fit/']) {
    if (rel.startsWith(dir) && rel.length > dir.length) return path.join(top, rel);
  }
  return null;
}

// Starts the server; resolves with {server, url} once it listens. port 0: any free port.
export function startServer({ port = 8080, host = '127.0.0.1', kernel = null, rootfs = null } = {}) {
  const files = {
    kernel: kernel ?? process.env.WUNIX_KERNEL ?? path.join(top, 'build/kernel.wasm'),
    rootfs: rootfs ?? path.join(top, 'build/rootfs.tar'),
  };
  const server = http.createServer((req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { ...HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(405, 'method not allowed\n');
    }
    const url = new URL(req.url, 'http://localhost');
    const file = resolvePath(url.pathname, files);
    if (!file) return send(404, `not found: ${url.pathname}\n`);
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        const hint = url.pathname.startsWith('/build/') ? ' (run make)' : '';
        return send(404, `not found: ${url.pathname}${hint}\n`);
      }
      res.writeHead(200, {
        ...HEADERS,
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': st.size,
        'Last-Modified': st.mtime.toUTCString(),
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: bound } = server.address();
      const name = host.includes(':') ? `[${host}]` : host;
      resolve({ server, url: `http://${name}:${bound}/` });
    });
  });
}

// The command: serves until interrupted. opts: {port, host, rootfs}.
export async function serve({ port, host, rootfs }) {
  const files = [process.env.WUNIX_KERNEL ?? path.join(top, 'build/kernel.wasm'), rootfs ?? path.join(top, 'build/rootfs.tar')];
  for (const f of files) {
    if (!fs.existsSync(f)) fs.writeSync(2, `wunix: serve: warning: ${f} does not exist${rootfs === f ? '' : " (run 'make')"}\n`);
  }
  const { url } = await startServer({ port, host, rootfs: rootfs && path.resolve(rootfs) });
  // One line on stdout, flushed at once: tests and scripts read the URL from it.
  fs.writeSync(1, `wunix: serving the browser host at ${url} (Ctrl-C stops)\n`);
}
