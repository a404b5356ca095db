import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeDeep } from '../../src/scenario/extends.ts';
import { changesFrom, decodeShareHash, shareUrl } from '../../web/src/store/share-link.ts';

const base = { metadata: { name: 'Baseline' }, design: { verification: { detectionProbability: 0.6, access: 0.9 }, tranches: [{ id: 't1' }, { id: 't2' }] }, horizonPeriods: 60 };

describe('share links', () => {
  it('carry only what changed from the shipped scenario, and merging the changes gives the design back', () => {
    const edited = mergeDeep(base, { design: { verification: { detectionProbability: 0.37 } } });
    const changes = changesFrom(base, edited);
    expect(changes).toEqual({ design: { verification: { detectionProbability: 0.37 } } });
    expect(mergeDeep(base, changes!)).toEqual(edited);
    // Lists are replaced whole, as extends does.
    const fewer = { ...base, design: { ...base.design, tranches: [{ id: 't1' }] } };
    expect(changesFrom(base, fewer)).toEqual({ design: { tranches: [{ id: 't1' }] } });
    // A removed key cannot be said with extends: the link then carries the whole design.
    const { horizonPeriods: _h, ...without } = base;
    expect(changesFrom(base, without)).toBeUndefined();
  });

  it('restore the seed and the run count, and name the shipped scenario they extend', () => {
    const edited = mergeDeep(base, { design: { verification: { detectionProbability: 0.37 } } });
    const url = shareUrl('https://example.org/app/', edited, { masterSeed: 7, runs: 3000, base: { file: 'baseline.yaml', data: base } });
    expect(url).toMatch(/^https:\/\/example\.org\/app\/#v=2&seed=7&runs=3000&scenario=[A-Za-z0-9+\-$]+&end$/);
    const d = decodeShareHash(new URL(url).hash);
    expect(d.kind).toBe('text');
    if (d.kind !== 'text') return;
    expect([d.masterSeed, d.runs, d.complete]).toEqual([7, 3000, true]);
    expect(parse(d.text)).toEqual({ extends: 'baseline.yaml', design: { verification: { detectionProbability: 0.37 } } });
  });

  it('say a cut link is incomplete instead of listing schema errors', () => {
    const url = shareUrl('https://example.org/', base, { masterSeed: 1, runs: 10_000 });
    const hash = new URL(url).hash;
    for (const cut of [hash.slice(0, hash.length - 4), hash.slice(0, Math.floor(hash.length / 2))]) {
      const d = decodeShareHash(cut);
      expect(d).toEqual({ kind: 'error', message: expect.stringContaining('the link is incomplete') });
    }
    expect(decodeShareHash('#view=compare')).toEqual({ kind: 'none' });
  });
});
