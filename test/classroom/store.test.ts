import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassroomStore } from '../../src/server/classroom/store.ts';
import { config } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'relief-lab-classroom-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (seq: number) => ({ by: { kind: 'facilitator' as const }, at: 1000 + seq, command: { type: 'pause' as const, seq } });

describe('the classroom store: group commit', () => {
  it('keeps each entry of a batch or refuses it on its own, and a batch that fails keeps none', () => {
    const file = join(dir, 'batch.sqlite');
    const store = new ClassroomStore(file);
    store.addRoom(config({ code: 'BATCH2' }), 'f'.repeat(64));
    store.batch(() => {
      expect(store.appendIf('BATCH2', 0, entry(0), () => ({ ok: true }))).toEqual({ ok: true });
      expect(store.appendIf('BATCH2', 1, entry(1), () => ({ ok: false }))).toEqual({ ok: false });
      expect(() => store.appendIf('BATCH2', 1, entry(1), () => {
        throw new Error('a bug while applying');
      })).toThrow('a bug');
      expect(store.appendIf('BATCH2', 1, entry(2), () => ({ ok: true }))).toEqual({ ok: true });
    });
    expect(() =>
      store.batch(() => {
        store.appendIf('BATCH2', 2, entry(3), () => ({ ok: true }));
        throw new Error('the commit fails');
      }),
    ).toThrow('the commit fails');
    store.close();
    const again = new ClassroomStore(file);
    expect(again.rooms()[0].entries.map((e) => e.command.seq)).toEqual([0, 2]);
    again.close();
  });
});
