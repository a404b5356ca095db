import { prepareNegotiation, Room, type Command, type LogEntry, type NegotiationTerms, type PreparedNegotiation, type RoomConfig, type Sender } from '../../src/classroom/index.ts';
import type { Scenario } from '../../src/index.ts';
import { loadScenarioFile } from '../../src/node/index.ts';

export function loadScenario(path: string): Scenario {
  const r = loadScenarioFile(path);
  if (!r.ok) throw new Error(`${path}: ${JSON.stringify(r.problems)}`);
  return r.scenario;
}

export const BASELINE = loadScenario('scenarios/baseline.yaml');

export function config(over: Partial<RoomConfig> = {}): RoomConfig {
  return {
    code: 'ABCDEF',
    scenarioName: 'baseline',
    scenario: BASELINE,
    seed: 'class/1',
    rounds: 3,
    negotiation: null,
    hotSeat: false,
    selfPick: true,
    utilityRuns: 30,
    ...over,
  };
}

/** Talks over one lever (the detection probability), and over a whole design of two (with the share of relief in the first tranche). */
export const ONE_LEVER: NegotiationTerms = { issues: [{ path: 'design.verification.detectionProbability', low: 0.3, high: 0.9 }], deadlineRounds: 4 };
export const TWO_LEVERS: NegotiationTerms = { issues: [{ path: 'design.verification.detectionProbability', low: 0.3, high: 0.9 }, { path: 'frontLoadedShare', low: 0, high: 1 }], deadlineRounds: 4 };

const preparedCache = new Map<string, Promise<PreparedNegotiation>>();
/** The talks prepared by simulation, once per terms and test file (a few seconds each). */
export function prepared(terms: NegotiationTerms, scenario: Scenario = BASELINE, seed = 'class/1'): Promise<PreparedNegotiation> {
  const key = JSON.stringify([terms, scenario.metadata.name, seed]);
  if (!preparedCache.has(key)) preparedCache.set(key, prepareNegotiation(scenario, terms, seed, 30));
  return preparedCache.get(key)!;
}

/** A room's configuration with prepared talks. */
export async function negotiationConfig(terms: NegotiationTerms = ONE_LEVER, over: Partial<RoomConfig> = {}): Promise<RoomConfig> {
  const base = config(over);
  return { ...base, negotiation: terms, prepared: await prepared(terms, base.scenario, base.seed) };
}

export const FAC: Sender = { kind: 'facilitator' };
export const player = (id: number): Sender => ({ kind: 'player', id });
export const token = (i: number) => i.toString(16).padStart(32, '0');

/** A command without its seq (the recorder numbers them). */
export type Unsequenced = { [K in Command['type']]: Omit<Extract<Command, { type: K }>, 'seq'> & { seq?: number } }[Command['type']];

/** A room that records every accepted entry, like the server's log. */
export class Recorder {
  readonly room: Room;
  readonly log: LogEntry[] = [];
  private seqs = new Map<string, number>();
  private clock = 1_000;
  constructor(cfg: RoomConfig) {
    this.room = new Room(cfg);
  }
  /** Sends a command with the sender's next seq; returns the outcome. */
  send(by: Sender, command: Unsequenced, tokenFor?: string) {
    const key = JSON.stringify(by);
    const seq = command.seq ?? (this.seqs.get(key) ?? -1) + 1;
    const entry: LogEntry = { by, at: (this.clock += 1000), command: { ...command, seq } as Command, ...(tokenFor ? { token: tokenFor } : {}) };
    const out = this.room.handle(entry);
    if (out.ok) {
      this.log.push(entry);
      this.seqs.set(key, seq);
      // A joined player goes on counting from its join's seq.
      if (command.type === 'join') this.seqs.set(JSON.stringify(player((out.reply as { player: number }).player)), seq);
    }
    return out;
  }
  must(by: Sender, command: Unsequenced, tokenFor?: string) {
    const out = this.send(by, command, tokenFor);
    if (!out.ok) throw new Error(`refused ${JSON.stringify(command)}: ${out.error}`);
    return out;
  }
}

/** A new room with the log replayed on it. */
export function replayed(cfg: RoomConfig, log: readonly LogEntry[]): Room {
  const room = new Room(cfg);
  for (const e of log) {
    const out = room.handle(e);
    if (!out.ok) throw new Error(`replay refused ${JSON.stringify(e.command)}: ${out.error}`);
  }
  return room;
}
