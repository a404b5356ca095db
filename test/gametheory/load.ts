import { readFileSync } from 'node:fs';
import { parseGameFile, type GameTree, type NormalFormGame } from '../../src/gametheory/index.ts';

/** A shipped normal-form game from scenarios/games/. */
export function shippedGame(name: string): NormalFormGame {
  const r = parseGameFile(readFileSync(`scenarios/games/${name}.yaml`, 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  if (r.file.kind !== 'normal-form') throw new Error(`${name} is not a normal-form game`);
  return r.file.game;
}

/** A shipped tree from scenarios/games/, optionally with its text edited first. */
export function shippedTree(name: string, edit: (text: string) => string = (t) => t): GameTree {
  const r = parseGameFile(edit(readFileSync(`scenarios/games/${name}.yaml`, 'utf8')));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  if (r.file.kind !== 'extensive-form') throw new Error(`${name} is not a tree`);
  return r.file.tree;
}
