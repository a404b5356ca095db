import type { BatchRequest } from '../../../src/browser/index.ts';

/**
 * What the web app asks of its batch worker (batch-worker.ts), beyond the browser
 * adapter's BatchRequest; the messages are src/browser/batch-protocol.ts's.
 */
export interface WebBatchRequest extends BatchRequest {
  /** A cancel drops the batch but keeps the workers warm (warm-pool.ts): for previews, which a moving lever supersedes often. */
  keepWorkers?: boolean;
}
