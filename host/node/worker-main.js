// Entry of every Node worker: a CPU running processes, or the irq CPU.
import { parentPort, workerData } from 'node:worker_threads';
import * as consoleIo from './console.js';
import * as hostfs from './hostfs.js';
import { onResolveSpawn } from './resolve.js';
import { runCpu } from '../worker.js';
import { runIrq } from '../irq.js';
import { collect } from './gc.js';

const io = { ...consoleIo, hostfs, onResolveSpawn, collect };
const port = {
  post: (msg, transfer) => parentPort.postMessage(msg, transfer),
  onMessage: (fn) => parentPort.on('message', fn),
};
(workerData.role === 'irq' ? runIrq : runCpu)({ port, io });
