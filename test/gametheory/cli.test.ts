import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'relief-lab-game-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('relief-lab game', () => {
  it('solves every shipped game (exit 0, nothing on stderr)', async () => {
    const games = readdirSync('scenarios/games').filter((f) => f.endsWith('.yaml'));
    expect(games.length).toBeGreaterThanOrEqual(9);
    for (const g of games) {
      const r = await cli('game', `scenarios/games/${g}`);
      expect([g, r.code, r.stderr]).toEqual([g, 0, '']);
    }
  });

  it('table: the equilibria of battle of the sexes in words, with fractions', async () => {
    const r = await cli('game', 'scenarios/games/battle-of-the-sexes.yaml');
    expect(r.stdout).toContain('Nash equilibria: 3 (all of them)');
    expect(r.stdout).toContain('#3 mixed  Alex: Opera 3/5, Football 2/5; Sam: Opera 2/5, Football 3/5; expected payoffs 6/5, 6/5');
  });

  it("table: dominance in the prisoner's dilemma", async () => {
    const r = await cli('game', 'scenarios/games/prisoners-dilemma.yaml');
    expect(r.stdout).toContain("round 1: Prisoner A's Stay silent is dominated by Confess");
    expect(r.stdout).toContain('left: Confess against Confess (solved by dominance)');
  });

  it('table: the degenerate game says so and names the continuum', async () => {
    const r = await cli('game', 'scenarios/games/degenerate.yaml');
    expect(r.stdout).toContain('Nash equilibria: 3 (the extreme equilibria; the game is degenerate)');
    expect(r.stdout).toMatch(/Equilibria #1, #2 are the corners of a\s+continuum/);
  });

  it('table: the backward-induction path of a tree', async () => {
    const r = await cli('game', 'scenarios/games/relief-stage-game.yaml');
    expect(r.stdout).toContain('Coalition: Offer relief -> Target: Comply -> complied  (payoffs 3, 2)');
    expect(r.stdout).toMatch(/caught\s+Coalition\s+Snap back\s+1, -1\s+off the path/);
    const entry = await cli('game', 'scenarios/games/entry-deterrence.yaml');
    expect(entry.stdout).toContain('#1 pure   Entrant: Stay out; Incumbent: Fight; expected payoffs 0, 2\n');
    expect(entry.stdout).toContain('#2 pure   Entrant: Enter; Incumbent: Accommodate; expected payoffs 1, 1  <- backward induction');
  });

  it('a wide game: the payoff table is left out of the text, the equilibria are not', async () => {
    const cells = Array.from({ length: 13 }, (_, j) => `[${j}, ${13 - j}]`).join(', ');
    const strategies = Array.from({ length: 13 }, (_, j) => `C${j}`).join(', ');
    const f = file('wide.yaml', `kind: normal-form\nname: Wide\nrows: { player: R, strategies: [A] }\ncolumns: { player: C, strategies: [${strategies}] }\npayoffs: [[${cells}]]\n`);
    const r = await cli('game', f);
    expect(r.stdout).toContain('(The 1×13 payoff table is left out; --format json has it.)');
    expect(r.stdout).toContain('#1 pure   R: A; C: C0; expected payoffs 0, 13');
  });

  it('help names the exit codes', async () => {
    const r = await cli('game', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 solved; 1 the file cannot be read or is not a valid game');
  });

  it('json: the whole solution, parseable, with a format tag', async () => {
    const r = await cli('game', 'scenarios/games/chicken.yaml', '--format', 'json');
    const j = JSON.parse(r.stdout);
    expect([j.format, j.kind, j.nash.equilibria.length, j.nash.complete, j.nash.degenerate]).toEqual(['relief-lab/game-solution@1', 'normal-form', 3, true, false]);
    expect(j.dominance.strict.eliminations).toEqual([]);
    const t = JSON.parse((await cli('game', 'scenarios/games/entry-deterrence.yaml', '--format', 'json')).stdout);
    expect(t.backwardInduction.plays[0].moves.map((m: { choice: string }) => m.choice)).toEqual(['Enter', 'Accommodate']);
  });

  it('an invalid file exits 1 with file: field: problem lines and a hint', async () => {
    const bad = file('bad.yaml', 'kind: normal-form\nname: x\nrows: { player: R, strategies: [A, B] }\ncolumns: { player: C, strategies: [L, R] }\npayoffs:\n  - [[1, 1], [.nan, 0]]\n  - [[0, 0]]\n');
    const r = await cli('game', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}: payoffs[0][1][0]: NaN is not allowed; give a finite number`);
    expect(r.stderr).toContain('relief-lab: ');
    expect(r.stderr).toMatch(/1 problem \(listed above as file: field: problem\); the game file format is in docs\/gametheory\.md/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing file or a folder exits 1 and says what to do', async () => {
    const missing = await cli('game', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.yaml: file not found; check the path/);
    const folder = await cli('game', dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/is a folder, not a game file/);
  });

  it('a wrong command line exits 2', async () => {
    for (const argv of [['game'], ['game', 'scenarios/games/chicken.yaml', '--format', 'csv'], ['game', 'scenarios/games/chicken.yaml', '--bogus'], ['game', 'a.yaml', 'b.yaml']]) {
      const r = await cli(...argv);
      expect([argv.join(' '), r.code]).toEqual([argv.join(' '), 2]);
      expect(r.stderr).toMatch(/^relief-lab: /);
    }
  });

  it('names with control characters are printed escaped, in tables, errors and JSON', async () => {
    const evil = '\u001b[31mRed\u0007\u009b2J\u202e';
    const text = `kind: normal-form\nname: "x"\nrows: { player: "${'P\\u001b]0;pwned\\u0007'}", strategies: ["${'\\u001b[31mRed\\u0007\\u009b2J\\u202e'}", B] }\ncolumns: { player: C, strategies: [L] }\npayoffs: [[[1, 1]], [[0, 0]]]\n`;
    const f = file('evil.yaml', text);
    const table = await cli('game', f);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('\\u{1b}[31mRed\\u{7}\\u{9b}2J\\u{202e}');
    expect(table.stdout).toContain('P\\u{1b}]0;pwned\\u{7}');
    expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const json = await cli('game', f, '--format', 'json');
    expect(json.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(json.stdout).strategies[0][0]).toBe(evil);
    const dup = file('evil-dup.yaml', text.replace(', B]', `, "${'\\u001b[31mRed\\u0007\\u009b2J\\u202e'}"]`));
    const err = await cli('game', dup);
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('"\\u001b[31mRed\\u0007\\u{9b}2J\\u{202e}" is listed twice');
    expect(err.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('the real binary: exit codes 0, 1 and 2', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['bin/relief-lab.js', 'game', ...args], { encoding: 'utf8' });
    expect(run('scenarios/games/matching-pennies.yaml').status).toBe(0);
    expect(run(file('cycle.yaml', 'kind: extensive-form\nname: c\nplayers: [A]\nroot: a\nnodes:\n  a: { player: A, actions: [{ action: x, next: a }] }\n')).stderr).toMatch(/nodes\.a: is on a cycle: a -> a/);
    expect(run(join(dir, 'cycle.yaml')).status).toBe(1);
    expect(run().status).toBe(2);
  });
});
