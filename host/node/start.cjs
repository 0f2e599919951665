// Entry of bin/wunix. CommonJS on purpose: with an ES module entry Node sets up its module loader (~10 ms
// here) before any of our code runs, and the first CPU worker, the slowest step of `wunix run` (~60 ms to
// boot), should already be starting by then. Unreferenced until used, so a command failing early exits.
'use strict';
const argv = process.argv.slice(2);
let cpu = null;
if (argv[0] === 'run') {
  // --optimize compiles wasm with the optimising tier up front: long-running loops otherwise stay in the
  // baseline code they started in (V8 has no on-stack replacement for wasm). Must precede any compile.
  for (let i = 1; i < argv.length && argv[i].startsWith('-') && argv[i] !== '--'; i++) {
    if (argv[i] === '--optimize') require('v8').setFlagsFromString('--no-liftoff');
    else if (['-e', '--env', '--rootfs', '--mount'].includes(argv[i])) i++;
  }
  cpu = require('./workers.cjs').startWorker('cpu');
  cpu.unref();
}
import('./cli.js').then((cli) => cli.main(argv, cpu));
