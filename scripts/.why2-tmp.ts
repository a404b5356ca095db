import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scenarioSchema } from '../src/scenario/schema.ts';
import { Engine, playOut } from '../src/engine/core.ts';
import { scenarioPolicies } from '../src/engine/simulate.ts';
const s = scenarioSchema.parse(parse(readFileSync(process.argv[2], 'utf8')));
const e = new Engine(s);
const pol = scenarioPolicies(e.c);
const out: Record<string, { runs: number; noRelief: number; collapsed: number; violatedAfter: number }> = {};
for (let i = 0; i < 300; i++) {
  e.start(`1/${i}`, true);
  playOut(e, pol);
  const st = e.s;
  const key = ['sincere', 'opportunist', 'hardliner'][st.typeIndex];
  const o = (out[key] ??= { runs: 0, noRelief: 0, collapsed: 0, violatedAfter: 0 });
  o.runs++;
  if (!Array.from(st.trReleasedAt).some((p) => p >= 0)) o.noRelief++;
  if (st.collapsed) o.collapsed++;
  if (st.events.some((ev: any) => ev.kind === 'violation' && ev.period >= 36)) o.violatedAfter++;
}
console.log(process.argv[2], JSON.stringify(out));
