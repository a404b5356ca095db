import { describe, expect, it } from 'vitest';
import { binomial, escapeJson, escapeText, formatGameNumber, subsets } from '../../src/gametheory/index.ts';

describe('subsets and binomials', () => {
  it('lists k-subsets in lexicographic order, C(n, k) of them', () => {
    expect([...subsets(4, 2)]).toEqual([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    expect([...subsets(3, 0)]).toEqual([[]]);
    expect([...subsets(2, 3)]).toEqual([]);
    for (const [n, k] of [[10, 3], [12, 6], [7, 7]]) expect([...subsets(n, k)]).toHaveLength(binomial(n, k));
    expect(binomial(28, 14)).toBe(40116600);
  });
});

describe('escaping user text', () => {
  it('makes controls, DEL, C1 and bidirectional or invisible characters visible', () => {
    expect(escapeText('a\u001b[2Jb\u0007\u007f\u009b\u202e\u200b\ufeffc')).toBe('a\\u{1b}[2Jb\\u{7}\\u{7f}\\u{9b}\\u{202e}\\u{200b}\\u{feff}c');
    expect(escapeText('Opéra, 北京, emoji 🎲')).toBe('Opéra, 北京, emoji 🎲');
  });
  it('JSON keeps its meaning: escaped text parses back to the original', () => {
    const value = { name: 'x\u009b\u202e\u0001y', list: ['\u2028'] };
    const json = escapeJson(JSON.stringify(value, null, 2));
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('formatGameNumber', () => {
  it('prints integers, simple fractions and other numbers to 4 decimals', () => {
    expect([3, -2, 0, -0, 1e-13, 0.6, 2 / 3, -1 / 10, 6 / 5, 0.1 + 0.2, Math.PI, 1 / 101].map(formatGameNumber)).toEqual(['3', '-2', '0', '0', '0', '3/5', '2/3', '-1/10', '6/5', '3/10', '3.1416', '0.0099']);
  });
});
