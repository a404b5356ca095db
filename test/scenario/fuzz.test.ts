import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocument, fuzzDocumentArb } from '../helpers/fuzz-documents.ts';

/**
 * The fuzz test of issue #17 in CI: a few thousand random scenario documents
 * (test/helpers/fuzz-documents.ts), each a clear error or a run with finite
 * period metrics, never an uncaught exception. `npm run fuzz` runs 100,000.
 * The seed is fixed so a failure reproduces; the script varies it.
 */
describe('fuzzed scenario documents', () => {
  it('3,000 documents: a clear error or a run without NaN, never an exception', () => {
    const outcomes = { refused: 0, ran: 0 };
    fc.assert(
      fc.property(fuzzDocumentArb, (doc) => {
        outcomes[checkDocument(doc.text).kind]++;
      }),
      { numRuns: 3000, seed: 17 },
    );
    expect(outcomes.refused + outcomes.ran).toBe(3000);
    // The generator must reach both sides of the invariant, or it tests half of it.
    expect(outcomes.ran).toBeGreaterThan(300);
    expect(outcomes.refused).toBeGreaterThan(300);
  }, 300_000);
});
