// Which signal a guest dies of when its code traps (the fault a native CPU would raise).

const SIGILL = 4, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11;

// Signal number for an exception thrown out of guest code that is not a host sentinel.
export function trapSignal(error) {
  if (error instanceof WebAssembly.RuntimeError) {
    const m = error.message;
    if (m.includes('unreachable')) return SIGILL;
    if (/divide|remainder|unrepresentable/.test(m)) return SIGFPE;
    if (m.includes('unaligned')) return SIGBUS;
    return SIGSEGV; // out-of-bounds memory or table, null or mistyped indirect call
  }
  if (error instanceof RangeError) return SIGSEGV; // call stack exhausted
  if (typeof WebAssembly.Exception === 'function' && error instanceof WebAssembly.Exception) return SIGABRT;
  return SIGSEGV;
}
