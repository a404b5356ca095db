/** One problem with a game's input: where (a field path such as `payoffs[1][2]`) and what is wrong. */
export interface GameProblem {
  path: string;
  message: string;
}

/**
 * A game that cannot be built or solved as given. `problems` lists every problem found,
 * each naming its field, so a file's author can fix them all in one pass.
 */
export class GameInputError extends Error {
  constructor(readonly problems: GameProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    this.name = 'GameInputError';
  }
}
