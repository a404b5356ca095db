import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { negotiatorByName, negotiatorsWhere, replaySession, runSessions } from '../../src/negotiation/index.ts';
import { twoTypeProblem } from './fixtures.ts';

// Golden playthroughs (OpenSpiel's habit): one seeded session per pairing, offer by offer,
// pinned in a file, so any change of behaviour shows. `UPDATE_GOLDEN=1 npx vitest run
// test/negotiation/playthrough.test.ts` rewrites it: only for an intended change, said in the commit.
const FILE = 'test/negotiation/playthroughs/two-types.json';

function playthroughs() {
  const names = negotiatorsWhere({ external: false }).map((n) => n.name);
  const out: Record<string, unknown> = {};
  for (const c of names) {
    for (const t of names) {
      const r = runSessions({ protocol: twoTypeProblem(), coalition: negotiatorByName(c), target: negotiatorByName(t), sessions: 1, seed: 17, keepLogs: true });
      out[`${c} vs ${t}`] = r.logs!.map((log, i) => ({ outcome: r.outcomes[i], log }));
    }
  }
  return out;
}

describe('golden playthroughs', () => {
  const actual = playthroughs();

  it('every pairing plays exactly as pinned', () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync('test/negotiation/playthroughs', { recursive: true });
      // One line per pairing: small, and a diff shows which pairing changed.
      const lines = Object.entries(actual).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
      writeFileSync(FILE, `{\n${lines.join(',\n')}\n}\n`);
    }
    if (!existsSync(FILE)) throw new Error(`no playthroughs at ${FILE}; create them with UPDATE_GOLDEN=1`);
    expect(actual).toEqual(JSON.parse(readFileSync(FILE, 'utf8')));
  });

  it('every pinned playthrough replays from its log alone', () => {
    for (const sessions of Object.values(actual) as { outcome: unknown; log: never[] }[][]) {
      for (const s of sessions) expect(replaySession(twoTypeProblem(), s.log).outcome).toEqual(s.outcome);
    }
  });
});
