import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command, LogEntry, Sender } from '../../src/classroom/index.ts';
import { Room } from '../../src/classroom/index.ts';
import { config, replayed, token } from './helpers.ts';

/** Arbitrary senders and commands, legal or not: the room must take each whole or not at all. */
const sender: fc.Arbitrary<Sender> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 2 }).map((id) => ({ kind: "player", id }) as const), weight: 4 },
  fc.constant({ kind: 'facilitator' } as const),
  fc.constant({ kind: 'guest' } as const),
  fc.constant({ kind: 'clock' } as const),
  fc.integer({ min: 0, max: 4 }).map((id) => ({ kind: 'player', id }) as const),
);
const role = fc.constantFrom('target', 'coalition', 'verifier', 'aid', 'member:lead', 'member:ally', 'member:nobody');
const action = fc.oneof(
  fc.constant({ kind: 'defy' }),
  fc.record({ kind: fc.constant('act'), moves: fc.array(fc.constantFrom('comply', 'cheat'), { maxLength: 4 }), reports: fc.array(fc.constantFrom('honest', 'gamed'), { maxLength: 4 }) }),
  // The baseline's three benchmarks: often legal for the target.
  fc.record({ kind: fc.constant('act'), moves: fc.array(fc.constantFrom('comply', 'cheat'), { minLength: 3, maxLength: 3 }), reports: fc.array(fc.constantFrom('honest', 'gamed'), { minLength: 3, maxLength: 3 }) }),
  fc.constant({ kind: 'allocate', carveOutShare: 1, reliefLinkedShare: 0.5 }),
  fc.constantFrom({ kind: 'keep' }, { kind: 'ease' }, { kind: 'vote', yes: true }, { kind: 'hold' }, { kind: 'reimpose' }, { kind: 'inspect' }, { kind: 'skip' }),
  fc.record({ kind: fc.constant('release'), tranches: fc.array(fc.constantFrom('step1', 'step2', 'nope'), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('allocate'), carveOutShare: fc.double({ min: 0, max: 1, noNaN: true }), reliefLinkedShare: fc.double({ min: 0, max: 1, noNaN: true }) }),
);
const seq = fc.integer({ min: 0, max: 60 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constant('join'), seq, name: fc.constantFrom('Ana', 'Ben', ' ', 'Cy') }),
  fc.record({ type: fc.constant('pick'), seq, role }),
  fc.record({ type: fc.constant('assign'), seq, player: fc.integer({ min: 0, max: 4 }), role: fc.option(role, { nil: null }) }),
  fc.record({ type: fc.constant('start'), seq }),
  fc.record({ type: fc.constant('start'), seq }),
  fc.record({ type: fc.constant('pause'), seq }),
  fc.record({ type: fc.constant('resume'), seq }),
  fc.record({ type: fc.constant('timer'), seq, seconds: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ type: fc.constant('advance'), seq, at: fc.constantFrom('lobby', 'period 0, implementation', 'period 0, sanctioners', 'period 1, implementation') }),
  fc.record({ type: fc.constant('inject'), seq, news: fc.constantFrom('Talks', 'Sanctions eased') }),
  fc.record({ type: fc.constant('inject'), seq, shock: fc.record({ kind: fc.constantFrom('accessDenial', 'election', 'memberExit') }) }),
  fc.record({ type: fc.constant('act'), seq, action, rationale: fc.constant('r') }),
  fc.record({ type: fc.constant('act'), seq, action, rationale: fc.constant('r') }),
  fc.record({ type: fc.constant('act'), seq, action, rationale: fc.constant('r') }),
) as fc.Arbitrary<Command>;

let accepted = 0;
describe('a room under arbitrary messages', () => {
  it('takes each entry whole or not at all, replays its accepted log to the same state, and records people only on their own seats', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(sender, command), { minLength: 1, maxLength: 60 }), (started, script) => {
        const cfg = config({ negotiation: null, rounds: 2 });
        const room = new Room(cfg);
        const log: LogEntry[] = [];
        // A class under way: three players on the target, the verifier and the aid agency, then anything.
        const setup: [Sender, Command, string?][] = [
          [{ kind: 'guest' }, { type: 'join', seq: 0, name: 'Ana' }, token(101)],
          [{ kind: 'guest' }, { type: 'join', seq: 0, name: 'Ben' }, token(102)],
          [{ kind: 'guest' }, { type: 'join', seq: 0, name: 'Cy' }, token(103)],
          [{ kind: 'facilitator' }, { type: 'assign', seq: 0, player: 0, role: 'target' }],
          [{ kind: 'facilitator' }, { type: 'assign', seq: 1, player: 1, role: 'verifier' }],
          [{ kind: 'facilitator' }, { type: 'assign', seq: 2, player: 2, role: 'aid' }],
          ...(started ? [[{ kind: 'facilitator' }, { type: 'start', seq: 3 }] as [Sender, Command]] : []),
        ];
        for (const [by, c, t] of setup) {
          const entry: LogEntry = { by, at: 1, command: c, ...(t ? { token: t } : {}) };
          expect(room.handle(entry).ok).toBe(true);
          log.push(entry);
        }
        script.forEach(([by, c], i) => {
          const entry: LogEntry = { by, at: 1000 * (i + 1), command: c, ...(c.type === 'join' ? { token: token(i + 1) } : {}) };
          const before = room.digest();
          const held = new Map(room.players.map((p) => [p.id, p.role]));
          const out = room.handle(entry);
          if (!out.ok) {
            expect(room.digest()).toBe(before);
            expect(out.error.length).toBeGreaterThan(0);
            return;
          }
          log.push(entry);
          if (c.type === 'act') {
            accepted++;
            const d = room.decisions.filter((x) => x.by === 'person').at(-1)!;
            expect(d.role).toBe(held.get(d.playerId!));
            expect(by).toEqual({ kind: 'player', id: d.playerId });
          }
        });
        expect(replayed(cfg, log).digest()).toBe(room.digest());
      }),
      { numRuns: 60, seed: 15 },
    );
    // The property is not vacuous: some players' decisions got through.
    expect(accepted).toBeGreaterThan(0);
  });
});
