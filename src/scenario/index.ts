/**
 * The document rules, for every reader of scenario documents (the CLI, the web
 * app, the classroom server): parse and validate, follow `extends` without
 * prototypes, the shape limits, the encoding check, and the helpers that show
 * user text safely in a line of a file, a terminal or a CSV cell.
 */
export { parseScenarioText, validateScenario, readScenario, formatErrors, MAX_SCENARIO_CHARS, type ScenarioError, type Validation } from './validate.ts';
export { resolveExtends, mergeDeep, checkExtendsRef, MAX_EXTENDS_DEPTH, type ScenarioLookup } from './extends.ts';
export { checkDocumentNodes, checkPlainData, fieldPath, setOwn, FORBIDDEN_KEYS, MAX_DOCUMENT_KEYS, MAX_NESTING_DEPTH, type ShapeProblem } from './document.ts';
export { decodeScenarioBytes, textEncodingProblem } from './encoding.ts';
export { escapeControlCharacters, hasControlCharacters, neutraliseCsvText, csvTextCell, yamlCommentLine } from './text-safety.ts';
