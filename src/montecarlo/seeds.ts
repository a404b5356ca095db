import { runSeed } from '../engine/rng.ts';

/**
 * Seeds and hashes of the batch layer. Every run's seed comes from (master seed,
 * run index) alone, before work is split, so which worker or shard runs it never
 * matters. The same holds for the choice of sample trajectories: each run gets a
 * priority hashed from its seed, and the samples are the runs with the smallest
 * priorities, which any split of the runs agrees on.
 */
export { runSeed };

/**
 * cyrb53 (bryc, public domain): a fast 53-bit string hash with good avalanche.
 * Not cryptographic; used for sampling priorities and scenario fingerprints.
 */
export function hash53(text: string, salt = 0): number {
  let h1 = 0xdeadbeef ^ salt;
  let h2 = 0x41c6ce57 ^ salt;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Salt that keeps sample priorities unrelated to anything else hashed from a seed. */
const SAMPLE_SALT = 0x5a3c_0b17;

/** Priority of run `runIndex` for the trajectory reservoir (smaller is kept first). */
export function samplePriority(seed: string): number {
  return hash53(seed, SAMPLE_SALT);
}

/** Fingerprint of a scenario: a hash of its canonical JSON (keys sorted), so shards of different scenarios refuse to merge. */
export function scenarioFingerprint(scenario: unknown): string {
  const text = canonicalJson(scenario);
  return hash53(text, 1).toString(16).padStart(14, '0') + hash53(text, 2).toString(16).padStart(14, '0');
}

function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const keys = Object.keys(x).filter((k) => (x as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((x as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(x) ?? 'null';
}
