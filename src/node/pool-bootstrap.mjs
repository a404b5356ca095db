// Entry of every worker thread of createNodePool. Plain JavaScript on purpose: on
// Node 20, `execArgv: ['--import', 'tsx']` does not make a worker's own entry
// loadable as TypeScript (ERR_UNKNOWN_FILE_EXTENSION), so the worker registers tsx
// itself and then imports the TypeScript entry named in workerData.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
