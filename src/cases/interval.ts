/** The cases page's intervals are the project's one implementation (src/stats). */
export { Z95 } from '../stats/normal.ts';
export { wilsonInterval } from '../stats/wilson.ts';
