import pkg from '../../package.json' with { type: 'json' };

/** relief-lab version written into every result, so a file says what produced it. */
export const RELIEF_LAB_VERSION: string = pkg.version;
