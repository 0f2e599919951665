// Reads what WebAssembly.Module.imports() does not tell: the limits of imported memories.

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

// True when bytes start with the wasm magic number and version 1.
export function isWasm(bytes) {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) return false;
  return bytes[4] === 1 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0;
}

// Limits of the memory imported as module.name: {initial, maximum (undefined if none), shared},
// or null when the module has no such import. Throws on a malformed import section.
export function memoryImport(bytes, module = 'env', name = 'memory') {
  const r = reader(bytes);
  r.pos = 8;
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (end > bytes.length) throw new Error('truncated section');
    if (id !== 2) { r.pos = end; continue; }
    for (let n = r.u32(); n > 0; n--) {
      const mod = r.name(), field = r.name(), kind = r.byte();
      if (kind === 0) r.u32();
      else if (kind === 1) { r.byte(); r.limits(); }
      else if (kind === 2) {
        const lim = r.limits();
        if (mod === module && field === name) return lim;
      } else if (kind === 3) { r.byte(); r.byte(); }
      else if (kind === 4) { r.byte(); r.u32(); }
      else throw new Error(`unknown import kind ${kind}`);
    }
    return null;
  }
  return null;
}

function reader(bytes) {
  const decoder = new TextDecoder();
  return {
    pos: 0,
    byte() {
      if (this.pos >= bytes.length) throw new Error('truncated module');
      return bytes[this.pos++];
    },
    u32() {
      let result = 0, shift = 0, b;
      do {
        b = this.byte();
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80 && shift < 64);
      return result;
    },
    name() {
      const len = this.u32();
      if (this.pos + len > bytes.length) throw new Error('truncated name');
      const s = decoder.decode(bytes.subarray(this.pos, this.pos + len));
      this.pos += len;
      return s;
    },
    limits() {
      const flags = this.byte();
      const initial = this.u32();
      const maximum = flags & 1 ? this.u32() : undefined;
      return { initial, maximum, shared: (flags & 2) !== 0, memory64: (flags & 4) !== 0 };
    },
  };
}
