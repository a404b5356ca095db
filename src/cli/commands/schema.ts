import type { CliIo } from '../io.ts';
import { scenarioJsonSchemaText } from '../json-schema.ts';
import { checkOutPath, emit } from './output.ts';

/** `relief-lab schema [--out FILE]`: the scenario JSON Schema, for editors. */
export function schemaCommand(io: CliIo, opts: { out?: string }): void {
  if (opts.out !== undefined) checkOutPath(opts.out);
  emit(io, scenarioJsonSchemaText(), opts.out, 'the scenario JSON Schema');
}
