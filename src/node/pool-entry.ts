import { exposeChunkService } from './pool-worker.ts';

// Entry of the worker threads of createNodePool: the real engine.
exposeChunkService();
