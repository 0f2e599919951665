// The file system calls behind hostfs (host/hostfs.js) in Node: synchronous, made in the calling worker.
// Paths are bytes; nothing here follows a symlink in the last component of a path. Errors are thrown
// with Node's POSIX `code`. The host user's own uid and gid read as 0, and 0 is written back as them.
import fs from 'node:fs';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
const S_IFMT = 0o170000, S_IFREG = 0o100000, S_IFDIR = 0o040000, S_IFLNK = 0o120000;
const RENAME_NOREPLACE = 1;
const hostUid = process.getuid?.() ?? -1, hostGid = process.getgid?.() ?? -1;

const buf = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
const fail = (code) => Object.assign(new Error(code), { code });

function attrs(st) {
  return {
    mode: st.mode, nlink: st.nlink, ino: st.ino, size: st.size, blocks: st.blocks,
    uid: Number(st.uid) === hostUid ? 0 : st.uid,
    gid: Number(st.gid) === hostGid ? 0 : st.gid,
    atimeNs: st.atimeNs, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs,
  };
}

export const lstat = (p) => attrs(fs.lstatSync(buf(p), { bigint: true }));
export const fstat = (fd) => attrs(fs.fstatSync(fd, { bigint: true }));

// Opens a regular file for acc (1 read, 2 write, 3 both). O_NONBLOCK: a FIFO the host swapped in must not
// block the CPU; it is refused below.
export function open(p, acc) {
  const fd = fs.openSync(buf(p), [O_RDONLY, O_RDONLY, O_WRONLY, O_RDWR][acc] | O_NOFOLLOW | O_NONBLOCK);
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw fail('ENXIO');
  }
  return fd;
}
export const close = (fd) => fs.closeSync(fd);
export const read = (fd, view, off, len, pos) => fs.readSync(fd, view, off, len, pos);
export const write = (fd, view, off, len, pos) => fs.writeSync(fd, view, off, len, pos);
export const ftruncate = (fd, size) => fs.ftruncateSync(fd, size);
export const readdir = (p) => fs.readdirSync(buf(p), { encoding: 'buffer' });

// Makes a regular file (exclusively), a directory or a symlink; permissions exactly mode & 07777, whatever
// the host's umask.
export function create(p, mode, target) {
  const perm = mode & 0o7777;
  switch (mode & S_IFMT) {
    case S_IFREG: {
      const fd = fs.openSync(buf(p), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, perm);
      try {
        fs.fchmodSync(fd, perm);
      } finally {
        fs.closeSync(fd);
      }
      return;
    }
    case S_IFDIR:
      fs.mkdirSync(buf(p), perm);
      fs.chmodSync(buf(p), perm);
      return;
    case S_IFLNK:
      fs.symlinkSync(buf(target), buf(p));
      return;
    default:
      throw fail('EPERM');
  }
}

export const unlink = (p, dir) => (dir ? fs.rmdirSync(buf(p)) : fs.unlinkSync(buf(p)));

// Node has no renameat2: RENAME_NOREPLACE is a check before the rename, not atomic against the host.
export function rename(o, n, flags) {
  if (flags & ~RENAME_NOREPLACE) throw fail('EINVAL');
  if (flags & RENAME_NOREPLACE) {
    let exists = true;
    try {
      fs.lstatSync(buf(n));
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
      exists = false;
    }
    if (exists) throw fail('EEXIST');
  }
  fs.renameSync(buf(o), buf(n));
}

export const link = (o, n) => fs.linkSync(buf(o), buf(n));
export const readlink = (p) => fs.readlinkSync(buf(p), { encoding: 'buffer' });

// chmod follows symlinks and Linux has no lchmod: a symlink is refused (the kernel never asks for one).
export function chmod(p, mode) {
  if (fs.lstatSync(buf(p)).isSymbolicLink()) throw fail('EOPNOTSUPP');
  fs.chmodSync(buf(p), mode);
}
export function chown(p, uid, gid) {
  fs.lchownSync(buf(p), uid === 0 ? hostUid : uid, gid === 0 ? hostGid : gid);
}
export const utimes = (p, atime, mtime) => fs.lutimesSync(buf(p), atime, mtime);
