// The hostfs_* imports of kernel/host.h: host directories mounted into wunix. The file system calls
// themselves belong to the platform (fs: host/node/hostfs.js in Node), which throws errors carrying a
// POSIX `code`; here paths are checked, results laid out in kernel memory and errors turned into Linux's
// -errno. Paths stay bytes (Uint8Arrays) from the kernel to the host: names need not be UTF-8.

// Linux's numbers for the error codes a host may raise; anything else is EIO.
const ERRNO = {
  EPERM: 1, ENOENT: 2, EIO: 5, ENXIO: 6, EBADF: 9, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14,
  EBUSY: 16, EEXIST: 17, EXDEV: 18, ENODEV: 19, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENFILE: 23,
  EMFILE: 24, ETXTBSY: 26, EFBIG: 27, ENOSPC: 28, ESPIPE: 29, EROFS: 30, EMLINK: 31, ENAMETOOLONG: 36,
  ENOSYS: 38, ENOTEMPTY: 39, ELOOP: 40, EOVERFLOW: 75, EOPNOTSUPP: 95, ENOTSUP: 95, EDQUOT: 122,
};
const EIO = 5, EFAULT = 14, EINVAL = 22;
const S_IFMT = 0o170000;
const DT = { 0o010000: 1, 0o020000: 2, 0o040000: 4, 0o060000: 6, 0o100000: 8, 0o120000: 10, 0o140000: 12 };

// -errno for an error thrown by the platform's fs.
export function hostErrno(e) {
  return -(ERRNO[e?.code] ?? EIO);
}

// dir + '/' + name, as bytes.
function join(dir, name) {
  const out = new Uint8Array(dir.length + 1 + name.length);
  out.set(dir);
  out[dir.length] = 0x2f;
  out.set(name, dir.length + 1);
  return out;
}

// Whether rel (bytes) is a path inside its mount: names joined by '/', none empty, "." or "..".
function insideMount(rel) {
  if (rel.length === 0) return true;
  if (rel.includes(0)) return false;
  let start = 0;
  for (let i = 0; i <= rel.length; i++) {
    if (i < rel.length && rel[i] !== 0x2f) continue;
    const n = i - start;
    if (n === 0 || (n === 1 && rel[start] === 0x2e) || (n === 2 && rel[start] === 0x2e && rel[start + 1] === 0x2e))
      return false;
    start = i + 1;
  }
  return true;
}

// Makes the hostfs imports. mounts: [{host, guest}] (host: an absolute directory); fs: the platform's
// calls (see host/node/hostfs.js), or null when there is none; kernel(addr, len) and user(addr, len):
// views covering a range of kernel or current-process memory, or null when it is out of bounds.
export function hostfsImports({ mounts = [], fs, kernel, user }) {
  const enc = new TextEncoder();
  const keyDecoder = new TextDecoder('latin1');
  const roots = mounts.map((m) => enc.encode(m.host));
  const listings = new Map(); // directory path → its names, from the listing at index 0

  // The host path of (kpath, plen) in mount m, or a negative errno.
  function hostPath(m, kpath, plen) {
    kpath >>>= 0; plen >>>= 0;
    if (!fs || m < 0 || m >= roots.length) return -EINVAL;
    const k = kernel(kpath, plen);
    if (!k) return -EFAULT;
    const rel = k.slice(kpath, kpath + plen);
    if (!insideMount(rel)) return -EINVAL;
    return plen === 0 ? roots[m] : join(roots[m], rel);
  }
  function call(fn) {
    try {
      return fn();
    } catch (e) {
      return hostErrno(e);
    }
  }
  function writeStat(kst, st) {
    kst >>>= 0;
    const k = kernel(kst, 64);
    if (!k) return -EFAULT;
    const v = new DataView(k.buffer, kst, 64);
    v.setUint32(0, Number(st.mode), true);
    v.setUint32(4, Math.min(Number(st.nlink), 0xffffffff), true);
    v.setUint32(8, Number(st.uid), true);
    v.setUint32(12, Number(st.gid), true);
    v.setBigUint64(16, BigInt.asUintN(64, BigInt(st.ino)), true);
    v.setBigInt64(24, BigInt(st.size), true);
    v.setBigInt64(32, BigInt(st.blocks), true);
    v.setBigInt64(40, BigInt(st.atimeNs), true);
    v.setBigInt64(48, BigInt(st.mtimeNs), true);
    v.setBigInt64(56, BigInt(st.ctimeNs), true);
    return 0;
  }
  // A view and offset for a transfer buffer: kernel memory at kbuf, else process memory at ubuf.
  function buffer(kbuf, ubuf, len) {
    kbuf >>>= 0; ubuf >>>= 0;
    const addr = kbuf || ubuf;
    const view = kbuf ? kernel(kbuf, len) : user(ubuf, len);
    return view ? [view, addr] : null;
  }
  const withPath = (m, kpath, plen, fn) => {
    const p = hostPath(m, kpath, plen);
    return typeof p === 'number' ? p : call(() => fn(p));
  };

  return {
    hostfs_mount(m, kdst, len) {
      kdst >>>= 0; len >>>= 0;
      if (m < 0 || m >= mounts.length) return -1;
      const g = enc.encode(mounts[m].guest);
      if (g.length + 1 > len) return -1;
      const k = kernel(kdst, g.length + 1);
      if (!k) return -1;
      k.set(g, kdst);
      k[kdst + g.length] = 0;
      return g.length;
    },
    hostfs_stat: (m, kpath, plen, kst) => withPath(m, kpath, plen, (p) => writeStat(kst, fs.lstat(p))),
    hostfs_fstat: (fd, kst) => call(() => writeStat(kst, fs.fstat(fd))),
    hostfs_open: (m, kpath, plen, acc) => withPath(m, kpath, plen, (p) => fs.open(p, acc & 3)),
    hostfs_close(fd) {
      call(() => fs.close(fd));
    },
    hostfs_pread(fd, kbuf, ubuf, len, off) {
      len >>>= 0;
      const b = buffer(kbuf, ubuf, len);
      return b ? call(() => fs.read(fd, b[0], b[1], len, off)) : -EFAULT;
    },
    hostfs_pwrite(fd, kbuf, ubuf, len, off) {
      len >>>= 0;
      const b = buffer(kbuf, ubuf, len);
      return b ? call(() => fs.write(fd, b[0], b[1], len, off)) : -EFAULT;
    },
    hostfs_ftruncate: (fd, size) => call(() => (fs.ftruncate(fd, size), 0)),
    hostfs_readdir: (m, kpath, plen, idx, kdst, len) =>
      withPath(m, kpath, plen, (p) => {
        kdst >>>= 0; len >>>= 0;
        const key = `${m}:${keyDecoder.decode(p)}`;
        let names = listings.get(key);
        if (idx === 0 || !names) {
          names = fs.readdir(p);
          listings.set(key, names);
        }
        if (idx >= names.length) {
          listings.delete(key);
          return 0;
        }
        const name = names[idx];
        if (9 + name.length + 1 > len) return -EINVAL;
        let ino = 0n, type = 0;
        try {
          const st = fs.lstat(join(p, name));
          ino = BigInt(st.ino);
          type = DT[Number(st.mode) & S_IFMT] ?? 0;
        } catch {} // gone since the listing: reported without an inode number
        const k = kernel(kdst, 9 + name.length + 1);
        if (!k) return -EFAULT;
        new DataView(k.buffer, kdst, 9).setBigUint64(0, BigInt.asUintN(64, ino), true);
        k[kdst + 8] = type;
        k.set(name, kdst + 9);
        k[kdst + 9 + name.length] = 0;
        return name.length;
      }),
    hostfs_create: (m, kpath, plen, mode, ktarget, tlen) =>
      withPath(m, kpath, plen, (p) => {
        ktarget >>>= 0; tlen >>>= 0;
        let target = null;
        if ((mode & S_IFMT) === 0o120000) {
          const k = kernel(ktarget, tlen);
          if (!k) return -EFAULT;
          target = k.slice(ktarget, ktarget + tlen);
        }
        fs.create(p, mode >>> 0, target);
        return 0;
      }),
    hostfs_unlink: (m, kpath, plen, dir) => withPath(m, kpath, plen, (p) => (fs.unlink(p, dir !== 0), 0)),
    hostfs_rename: (m, kold, olen, knew, nlen, flags) =>
      withPath(m, kold, olen, (o) => {
        const n = hostPath(m, knew, nlen);
        if (typeof n === 'number') return n;
        fs.rename(o, n, flags >>> 0);
        return 0;
      }),
    hostfs_link: (m, kold, olen, knew, nlen) =>
      withPath(m, kold, olen, (o) => {
        const n = hostPath(m, knew, nlen);
        if (typeof n === 'number') return n;
        fs.link(o, n);
        return 0;
      }),
    hostfs_readlink: (m, kpath, plen, kdst, len) =>
      withPath(m, kpath, plen, (p) => {
        kdst >>>= 0; len >>>= 0;
        const t = fs.readlink(p);
        const n = Math.min(t.length, len);
        const k = kernel(kdst, n);
        if (!k) return -EFAULT;
        k.set(t.subarray(0, n), kdst);
        return n;
      }),
    hostfs_chmod: (m, kpath, plen, mode) => withPath(m, kpath, plen, (p) => (fs.chmod(p, mode & 0o7777), 0)),
    hostfs_chown: (m, kpath, plen, uid, gid) => withPath(m, kpath, plen, (p) => (fs.chown(p, uid, gid), 0)),
    hostfs_utimes: (m, kpath, plen, asec, ansec, msec, mnsec) =>
      withPath(m, kpath, plen, (p) => (fs.utimes(p, asec + ansec / 1e9, msec + mnsec / 1e9), 0)),
  };
}
