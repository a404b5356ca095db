import { formatProblems, loadScenarioFile } from '../../node/scenario-files.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';

/**
 * `relief-lab validate <files...>`: checks every file and reports every problem of
 * every file (`file: field: problem`, one per line), not just the first.
 */
export function validateCommand(io: CliIo, files: string[]): void {
  let bad = 0;
  for (const file of files) {
    const r = loadScenarioFile(file);
    if (r.ok) {
      io.stdout(escapeControlCharacters(`${r.file}: ok (${r.scenario.metadata.name})`) + '\n');
    } else {
      bad++;
      io.stderr(formatProblems(r.problems) + '\n');
    }
  }
  if (bad > 0) {
    throw new CliFailure(
      `relief-lab: ${bad} of ${files.length} file${files.length === 1 ? ' is' : 's are'} not valid; fix the problems listed above (file: field: problem). Fields and allowed values: scenarios/schema.json.`,
      EXIT.failure,
    );
  }
}
