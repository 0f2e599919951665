// A full garbage collection of this isolate, for the host's "collect" hook (docs/host-api.md): V8 does not
// count the process memories other isolates share with this one as memory pressure here, so an isolate
// that mostly runs wasm would keep the ones it handled alive for a long time.
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

export function collect() {
  gc();
}
