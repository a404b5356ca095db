import type { z } from 'zod';
import { parseScenarioText } from '../scenario/validate.ts';
import { experimentSchema, type ExperimentFile } from './spec.ts';

/** One problem in an experiment file: the field (path in the file) and what is wrong. */
export interface ExperimentProblem {
  path: string;
  message: string;
}

export type ExperimentValidation = { ok: true; file: ExperimentFile } | { ok: false; errors: ExperimentProblem[] };

function pathString(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(experiment)';
  // Lever paths are record keys with dots in them: keep them whole after the field that holds them.
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : v === undefined ? 'nothing' : Array.isArray(v) ? 'a list' : typeof v === 'object' && v !== null ? 'a mapping' : String(v));

function format(issue: z.core.$ZodIssue): ExperimentProblem[] {
  const at = pathString(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return [{ path: at, message: `is missing (expected ${issue.expected})` }];
      if (issue.expected === 'int' && typeof input === 'number') return [{ path: at, message: `${input} is not a whole number` }];
      return [{ path: at, message: `expected ${issue.expected}, got ${show(input)}` }];
    case 'too_big':
    case 'too_small':
      return [{ path: at, message: issue.origin === 'number' ? `${show(input)} ${issue.message}` : `has ${Array.isArray(input) ? input.length : 0} item(s); ${issue.message}` }];
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: pathString([...issue.path, k]), message: 'unknown key (check the spelling; see scenarios/experiment.schema.json)' }));
    case 'invalid_value':
      return [{ path: at, message: `${show(input)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    case 'invalid_union':
      if ((issue as { discriminator?: string }).discriminator) {
        const onKey = issue.path[issue.path.length - 1] === 'sampling';
        return [{ path: onKey ? at : `${at}.sampling`, message: `${show(input !== null && typeof input === 'object' ? (input as { sampling?: unknown }).sampling : input)} is not one of "list", "grid", "latin-hypercube"` }];
      }
      return [{ path: at, message: `${show(input)} is not allowed here` }];
    default:
      return [{ path: at, message: issue.message }];
  }
}

/**
 * Parses and validates experiment text (YAML or JSON), reporting every problem
 * with the field it is in. Never throws for bad input.
 *
 * @example readExperiment('name: x\nscenario: ../baseline.yaml\nrunsPerPoint: 0').errors;
 *   // => [{ path: 'runsPerPoint', message: '0 is not in [1, 10000000]' }]
 */
export function readExperiment(text: string): ExperimentValidation {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => ({ path: '(file)', message: e.message.replace('a scenario needs at least metadata, coalition and design', 'an experiment needs at least name, scenario and runsPerPoint') })) };
  const r = experimentSchema.safeParse(parsed.data, { reportInput: true });
  if (r.success) return { ok: true, file: r.data };
  return { ok: false, errors: r.error.issues.flatMap(format) };
}
