import type { BargainingProtocol, Party } from './bargaining/protocol.ts';
import { createProtocol } from './bargaining/protocol.ts';
import type { TabulatedUtilitySpec } from './bargaining/issues.ts';
import { NegotiationInputError } from './errors.ts';
import { validateUtilityTable, type UtilityTable } from './utility-table.ts';

/** The table's designs sorted along `parameter`, checked to vary in nothing else. */
function alongParameter(table: UtilityTable, parameter: string): { x: number; index: number }[] {
  validateUtilityTable(table);
  const first = table.designs[0].design.parameters;
  if (typeof first[parameter] !== 'number') throw new NegotiationInputError('parameter', `${JSON.stringify(parameter)} is not a parameter of the table's designs (${Object.keys(first).join(', ')})`);
  table.designs.forEach((d, i) => {
    for (const [name, v] of Object.entries(d.design.parameters)) {
      if (name !== parameter && v !== first[name]) {
        throw new NegotiationInputError(`table.designs[${i}].design.parameters.${name}`, `is ${v}, not ${first[name]}: bargaining over ${parameter} needs every other parameter fixed`);
      }
    }
  });
  const sorted = table.designs.map((d, index) => ({ x: d.design.parameters[parameter], index })).sort((a, b) => a.x - b.x);
  sorted.forEach((s, j) => {
    if (j > 0 && s.x === sorted[j - 1].x) throw new NegotiationInputError(`table.designs[${s.index}]`, `repeats ${parameter} = ${s.x}`);
  });
  return sorted;
}

/**
 * One party's utility along one design parameter, tabulated from a utility table (its
 * expected utilities of the designs when the target is of `type`, linear between them;
 * the outside option as the reservation): simulated utilities as bargaining utilities.
 * The Monte Carlo SEs are not carried into bargaining: the negotiators treat the means as exact.
 * @throws NegotiationInputError for an invalid table, an unknown party or type, or designs varying another parameter.
 */
export function tabulatedUtility(table: UtilityTable, party: string, type: string, parameter: string): TabulatedUtilitySpec {
  const points = alongParameter(table, parameter);
  if (!table.parties.includes(party)) throw new NegotiationInputError('party', `${JSON.stringify(party)} is not a party of the table (${table.parties.join(', ')})`);
  if (!table.targetTypes.some((t) => t.name === type)) throw new NegotiationInputError('type', `${JSON.stringify(type)} is not a target type of the table`);
  return {
    tabulated: points.map(({ x, index }) => [x, table.designs[index].utility[party][type].mean]),
    reservation: table.outsideOption[party][type].mean,
  };
}

/**
 * A bargaining protocol over one design parameter whose utilities come from a utility
 * table: the target's types with their priors and tabulated utilities, and the
 * coalition's utility for each type it may face (`utilityByType`). The negotiated range is
 * the table's range of the parameter.
 * @param options.coalitionParty the table's party that bargains with the target (needed when the table has more than two parties)
 * @throws NegotiationInputError as tabulatedUtility and createProtocol.
 * @example protocolFromTable(table, { parameter: 'frontLoadedShare', discount: { coalition: 0.95, target: 0.9 }, deadlineRounds: 30 })
 */
export function protocolFromTable(
  table: UtilityTable,
  options: {
    parameter: string;
    discount: Record<Party, number>;
    deadlineRounds: number;
    breakdownProbability?: number;
    firstProposer?: Party;
    information?: 'private' | 'complete';
    targetType?: string;
    coalitionParty?: string;
  },
): BargainingProtocol {
  const points = alongParameter(table, options.parameter);
  const others = table.parties.filter((p) => p !== table.targetParty);
  const coalition = options.coalitionParty ?? (others.length === 1 ? others[0] : undefined);
  if (coalition === undefined || !others.includes(coalition)) {
    throw new NegotiationInputError('coalitionParty', `name the party that bargains with the target, one of ${others.join(', ')}`);
  }
  const byType = Object.fromEntries(table.targetTypes.map((t) => [t.name, tabulatedUtility(table, coalition, t.name, options.parameter)]));
  return createProtocol({
    issues: [{ name: options.parameter, low: points[0].x, high: points[points.length - 1].x }],
    coalition: { discount: options.discount?.coalition, utility: byType[table.targetTypes[0].name], utilityByType: byType },
    target: {
      discount: options.discount?.target,
      types: table.targetTypes.map((t) => ({ name: t.name, prior: t.prior, utility: tabulatedUtility(table, table.targetParty, t.name, options.parameter) })),
    },
    breakdownProbability: options.breakdownProbability ?? 0,
    deadlineRounds: options.deadlineRounds,
    firstProposer: options.firstProposer ?? 'coalition',
    information: options.information ?? 'private',
    ...(options.targetType !== undefined ? { targetType: options.targetType } : {}),
  });
}
