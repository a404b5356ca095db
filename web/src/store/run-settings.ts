/** Runs of a full run unless the user or a link says otherwise. */
export const DEFAULT_RUNS = 10_000;

/**
 * The run count and master seed in the results column's form, readable by the share
 * link (which carries them) and settable by an opened link before the form exists.
 * Page state of the web adapter, not simulation state.
 */
export const runSettings: { masterSeed: number | string; runs: number | string } = { masterSeed: 1, runs: DEFAULT_RUNS };
