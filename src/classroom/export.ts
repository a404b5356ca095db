import { csvTextCell } from '../scenario/text-safety.ts';
import type { LogEntry } from './messages.ts';
import type { Room } from './room.ts';

/**
 * The exercise for research: the whole record as JSON (configuration without secrets,
 * the negotiation, every decision with its rationale, the feed, the game's snapshot) and
 * the decisions as CSV, one row each. Player tokens never leave the server.
 */
export function logJson(room: Room, entries: readonly LogEntry[]): string {
  const { scenario, ...config } = room.config;
  return JSON.stringify(
    {
      format: 'relief-lab-classroom/1',
      config,
      scenario: room.scenario,
      baseScenario: scenario,
      players: room.players.map((p) => ({ id: p.id, name: p.name, role: p.role })),
      targetType: room.targetType,
      negotiation: room.negotiation ? { issues: room.negotiation.issues, match: room.negotiation.match.snapshot(), outcome: room.negotiation.match.status.kind === 'over' ? room.negotiation.match.status.outcome : null } : null,
      agreed: room.agreed,
      feed: room.feed,
      decisions: room.decisions,
      game: room.game?.snapshot() ?? null,
      returns: room.game?.returns() ?? null,
      // The accepted messages in order, without the tokens a join drew.
      log: entries.map(({ token: _t, ...e }) => e),
    },
    null,
    2,
  );
}

const CSV_COLUMNS = ['period', 'point', 'role', 'by', 'player', 'action', 'rationale', 'atMs'] as const;

/** One row per decision; text cells neutralised against spreadsheet formulas (src/scenario/text-safety.ts). */
export function logCsv(room: Room): string {
  const rows = room.decisions.map((d) =>
    [String(d.period), csvTextCell(d.point), csvTextCell(d.role), d.by, csvTextCell(d.player ?? ''), csvTextCell(JSON.stringify(d.action)), csvTextCell(d.rationale), String(d.at)].join(','),
  );
  return `${CSV_COLUMNS.join(',')}\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}
