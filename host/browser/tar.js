// Reads the names in a root filesystem image (a ustar archive, tools/mkrootfs), so the page can tell
// which programs it has before booting.

// True when the archive u8 holds an entry for path (absolute, e.g. '/bin/sh'), of any type.
export function tarHas(u8, path) {
  const want = clean(path);
  const dec = new TextDecoder();
  const field = (off, len) => {
    const end = u8.subarray(off, off + len).indexOf(0);
    return dec.decode(u8.slice(off, end < 0 ? off + len : off + end));
  };
  for (let off = 0; off + 512 <= u8.length;) {
    if (u8[off] === 0) break; // the end-of-archive blocks
    const prefix = field(off + 257, 5) === 'ustar' ? field(off + 345, 155) : '';
    const name = field(off, 100);
    if (clean(prefix ? `${prefix}/${name}` : name) === want) return true;
    const size = parseInt(field(off + 124, 12).trim() || '0', 8);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return false;
}

// 'bin/sh', './bin/sh', '/bin/sh/' → 'bin/sh'
function clean(p) {
  return p.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}
