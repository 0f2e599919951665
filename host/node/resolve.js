// onResolveSpawn of the Node host: an absolute path that wunix's file system does not have runs the host
// file of that name when it is a WebAssembly program, the rule `wunix run PROGRAM` applies to its PROGRAM.
import fs from 'node:fs';
import { isWasm } from '../wasmfile.js';

export function onResolveSpawn(path) {
  if (!path.startsWith('/')) return null;
  let fd;
  try {
    fd = fs.openSync(path, 'r');
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return null;
    const head = Buffer.alloc(8);
    if (fs.readSync(fd, head, 0, 8, 0) < 8 || !isWasm(head)) return null;
    return { bytes: fs.readFileSync(fd), key: `host:${st.dev}:${st.ino}:${st.mtimeMs}:${st.size}` };
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
