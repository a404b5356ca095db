import { startBatchWorker } from './run/early-worker.ts';

// The page's first script, before main.ts: see run/early-worker.ts. (`?pool=page`, a benchmark hook of the
// e2e build, runs batches in the page instead, so no worker is started for it.)
if (!(__E2E__ && new URLSearchParams(location.search).get('pool') === 'page')) startBatchWorker();
