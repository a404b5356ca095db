import { SUMMARY_METRICS, type SummaryMetric } from '../engine/metrics.ts';
import type { RunResult } from '../engine/simulate.ts';
import type { LeverValue } from '../scenario/levers.ts';
import { TARGET_TYPES, type Scenario } from '../scenario/schema.ts';
import type { Parameter } from './points.ts';

/**
 * The columns of the per-run table, one row per (point, run): the keys, the
 * parameters of the point, what the run drew, its outcomes. The data dictionary is
 * generated from the same list, so a column cannot be written without its unit and
 * meaning.
 */

/** How a column reads in pandas (read_csv or read_feather) and in Arrow. */
export type Dtype = 'int64' | 'float64' | 'bool' | 'string';

export interface TableColumn {
  name: string;
  dtype: Dtype;
  unit: string;
  meaning: string;
  /** Where the value comes from. */
  source: 'key' | 'lever' | 'uncertainty' | 'realised' | 'outcome';
  /** For string columns written from an index (realised categories): the labels. */
  categories?: readonly string[];
}

/**
 * A realised draw of a run, read from its RunResult. This list is the one place to
 * add one (member resolves and shock periods when RunResult returns them): its
 * columns appear in the tables, the dictionary and the Arrow schema at once.
 */
export interface RealisedDraw {
  columns(scenario: Scenario): Omit<TableColumn, 'source'>[];
  /** Writes the draw's `width` values (its columns' count) for one run at out[at...]: numbers, categories as their index, NaN for none. */
  write(result: RunResult, out: Float64Array, at: number, width: number): void;
}

export const REALISED_DRAWS: readonly RealisedDraw[] = [
  {
    columns: () => [{ name: 'targetType', dtype: 'string', unit: 'type', meaning: "the target's type drawn at the start of the run from the point's type prior", categories: TARGET_TYPES }],
    write: (r, out, at) => {
      out[at] = TARGET_TYPES.indexOf(r.targetType);
    },
  },
  {
    columns: (s) =>
      s.design.tranches.map((t) => ({ name: `trancheReleasePeriod.${t.id}`, dtype: 'float64' as const, unit: 'periods', meaning: `first period tranche "${t.id}" was released (empty/NaN: never within the horizon)` })),
    write: (r, out, at, width) => {
      // By position: a point that is a whole other design may have more or fewer tranches than the base.
      const p = r.trancheReleasePeriods;
      for (let i = 0; i < width; i++) out[at + i] = i < p.length && p[i] >= 0 ? p[i] : NaN;
    },
  },
];

/** The numbers a worker returns per run: the realised draws, then the outcomes. */
export interface RunRecordLayout {
  realised: Omit<TableColumn, 'source'>[];
  /** Values each entry of REALISED_DRAWS writes, in order. */
  drawWidths: number[];
  outcomes: SummaryMetric[];
  /** Numbers per run. */
  width: number;
}

export function runRecordLayout(scenario: Scenario, outcomes: readonly SummaryMetric[]): RunRecordLayout {
  const perDraw = REALISED_DRAWS.map((d) => d.columns(scenario));
  const realised = perDraw.flat();
  return { realised, drawWidths: perDraw.map((c) => c.length), outcomes: [...outcomes], width: realised.length + outcomes.length };
}

/** Writes one run's record (realised draws, then outcomes) at out[at...]. */
export function writeRunRecord(result: RunResult, layout: RunRecordLayout, out: Float64Array, at: number): void {
  let k = at;
  for (let d = 0; d < REALISED_DRAWS.length; d++) {
    REALISED_DRAWS[d].write(result, out, k, layout.drawWidths[d]);
    k += layout.drawWidths[d];
  }
  const { outcomes } = layout;
  for (let j = 0; j < outcomes.length; j++) out[k + j] = result.summary[outcomes[j]];
}

const dtypeOf = (p: Parameter): Dtype => (p.lever.kind === 'integer' ? 'int64' : p.lever.kind === 'number' ? 'float64' : p.lever.kind === 'boolean' ? 'bool' : 'string');

/** Every column of the table, in order. */
export function tableColumns(parameters: readonly Parameter[], layout: RunRecordLayout): TableColumn[] {
  return [
    { name: 'point', dtype: 'int64', unit: 'index', meaning: 'design point (0: the reference of the paired differences)', source: 'key' },
    { name: 'run', dtype: 'int64', unit: 'index', meaning: 'run index within the point; run i of every point used the seed "<masterSeed>/<i>"', source: 'key' },
    ...parameters.map((p) => ({
      name: p.lever.path,
      dtype: dtypeOf(p),
      unit: p.lever.unit,
      meaning: `${p.role}: ${p.lever.description}${typeof p.lever.base === 'object' ? ' (at points that keep the base: empty/NaN, drawn per run)' : ''}`,
      source: p.role,
    })),
    ...layout.realised.map((c) => ({ ...c, source: 'realised' as const })),
    ...layout.outcomes.map((m) => ({ name: m, dtype: 'float64' as const, unit: SUMMARY_METRICS[m].unit, meaning: `${SUMMARY_METRICS[m].label}: ${SUMMARY_METRICS[m].description}`, source: 'outcome' as const })),
  ];
}

/** The value a point gives a parameter: its own, or the base scenario's where it keeps the base (NaN for a per-run draw). */
export function effectiveValue(p: Parameter, v: LeverValue | null): LeverValue {
  if (v !== null) return v;
  return typeof p.lever.base === 'object' ? NaN : p.lever.base;
}
