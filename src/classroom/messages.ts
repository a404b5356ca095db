import { z } from 'zod';
import type { Role } from '../engine/roles.ts';
import { SHOCK_LIBRARY_KINDS } from './injects.ts';
import { LIMITS, ROOM_CODE_PATTERN, SECRET_PATTERN } from './limits.ts';

/**
 * Every message a classroom client may send, as one zod schema: a message that does
 * not parse is answered with an error naming the field and changes nothing. Strict
 * objects, so an unknown field is refused rather than ignored; every string and list is
 * bounded. `seq` is the sender's own counter: a room accepts a sender's message only
 * with a seq above the last one it accepted from that sender, so a replayed message is
 * refused.
 */

const text = (max: number, what: string) => z.string().max(max, `is longer than ${max} characters (${what})`);
const seq = z.number().int('is not a whole number').min(0, 'must be >= 0').max(Number.MAX_SAFE_INTEGER);
export const roleSchema = z
  .string()
  .regex(/^(target|coalition|verifier|aid|member:[A-Za-z0-9_.-]{1,64})$/, 'is not a role (target, coalition, verifier, aid or member:<id>)')
  .transform((s) => s as Role);
const share = z.number().min(0, 'is not in [0, 1]').max(1, 'is not in [0, 1]');

/** A decision of the relief game, one shape per role kind (src/engine/roles.ts). */
export const actionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('defy') }),
  z.strictObject({ kind: z.literal('act'), moves: z.array(z.enum(['comply', 'cheat'])).max(16), reports: z.array(z.enum(['honest', 'gamed'])).max(16) }),
  z.strictObject({ kind: z.literal('keep') }),
  z.strictObject({ kind: z.literal('ease') }),
  z.strictObject({ kind: z.literal('vote'), yes: z.boolean() }),
  z.strictObject({ kind: z.literal('release'), tranches: z.array(z.string().max(64)).max(24) }),
  z.strictObject({ kind: z.literal('reimpose') }),
  z.strictObject({ kind: z.literal('hold') }),
  z.strictObject({ kind: z.literal('inspect') }),
  z.strictObject({ kind: z.literal('skip') }),
  z.strictObject({ kind: z.literal('allocate'), carveOutShare: share, reliefLinkedShare: share }),
]);

const finite = z.number().refine(Number.isFinite, 'is not a finite number');
/** A lever path or schedule parameter: field names, dots and [ids] (no `__proto__`: a name starts with a letter). */
const leverPath = text(200, 'a lever path').regex(/^[A-Za-z][A-Za-z0-9_]*(\[[A-Za-z0-9_-]+\])?(\.[A-Za-z][A-Za-z0-9_]*(\[[A-Za-z0-9_-]+\])?)*$/, 'is not a lever path (like design.verification.detectionProbability or frontLoadedShare)');
const issueSchema = z.strictObject({ path: leverPath, low: finite, high: finite });
const deadlineRounds = z.number().int('is not a whole number').min(1, `is not in [1, ${LIMITS.negotiationRounds}]`).max(LIMITS.negotiationRounds, `is not in [1, ${LIMITS.negotiationRounds}]`).default(6);
/** An offer on the whole design: a value per negotiated lever (the room checks the levers and ranges). */
const offerSchema = z
  .record(leverPath, finite)
  .refine((o) => Object.keys(o).length <= LIMITS.negotiationIssues, `sets more than ${LIMITS.negotiationIssues} levers`);
const proposeMove = { offer: offerSchema.optional(), value: finite.optional() };

const shockInject = z.strictObject({
  kind: z.enum(SHOCK_LIBRARY_KINDS),
  magnitude: z.number().min(-10, 'is not in [-10, 10]').max(10, 'is not in [-10, 10]').optional(),
  durationPeriods: z.number().int('is not a whole number').min(1, 'is not in [1, 120]').max(120, 'is not in [1, 120]').optional(),
  member: z.string().max(64).optional(),
});

/** Creating a room (anyone on the network may; the reply carries the facilitator's key, once). */
export const createSchema = z.strictObject({
  type: z.literal('create'),
  scenario: text(200, 'a scenario name from the server library'),
  seed: text(64, 'the game seed').optional(),
  rounds: z.number().int('is not a whole number').min(1, `is not in [1, ${LIMITS.rounds}]`).max(LIMITS.rounds, `is not in [1, ${LIMITS.rounds}]`).default(6),
  negotiation: z
    .union([
      z.strictObject({ issues: z.array(issueSchema).min(1, 'is empty: negotiate at least one lever').max(LIMITS.negotiationIssues, `has more than ${LIMITS.negotiationIssues} levers`), deadlineRounds }),
      // One lever, the first version's form.
      z.strictObject({ issue: leverPath, low: finite, high: finite, deadlineRounds }).transform((x) => ({ issues: [{ path: x.issue, low: x.low, high: x.high }], deadlineRounds: x.deadlineRounds })),
    ])
    .nullable()
    .default(null),
  hotSeat: z.boolean().default(false),
  selfPick: z.boolean().default(true),
});

/** Attaching a connection to a room: as a player (its token) or the facilitator (the key). */
export const helloSchema = z.discriminatedUnion('as', [
  z.strictObject({ type: z.literal('hello'), as: z.literal('player'), room: z.string().regex(ROOM_CODE_PATTERN, 'is not a room code (6 letters and digits)'), token: z.string().regex(SECRET_PATTERN, 'is not a player token') }),
  z.strictObject({ type: z.literal('hello'), as: z.literal('facilitator'), room: z.string().regex(ROOM_CODE_PATTERN, 'is not a room code (6 letters and digits)'), key: z.string().regex(SECRET_PATTERN, 'is not a facilitator key') }),
  z.strictObject({ type: z.literal('hello'), as: z.literal('guest'), room: z.string().regex(ROOM_CODE_PATTERN, 'is not a room code (6 letters and digits)') }),
]);

/** Commands inside a room (after hello). */
export const commandSchema = z.discriminatedUnion('type', [
  // players
  z.strictObject({ type: z.literal('join'), seq, name: text(LIMITS.nameChars, 'your name').min(1, 'is empty: give your name') }),
  z.strictObject({ type: z.literal('pick'), seq, role: roleSchema }),
  z.strictObject({ type: z.literal('propose'), seq, ...proposeMove }),
  z.strictObject({ type: z.literal('respond'), seq, reply: z.enum(['accept', 'reject']) }),
  z.strictObject({ type: z.literal('walkAway'), seq }),
  z.strictObject({ type: z.literal('act'), seq, action: actionSchema, rationale: text(LIMITS.rationaleChars, 'a short rationale').default('') }),
  // the facilitator
  z.strictObject({ type: z.literal('assign'), seq, player: z.number().int().min(0).max(LIMITS.players), role: roleSchema.nullable() }),
  z.strictObject({ type: z.literal('start'), seq }),
  z.strictObject({ type: z.literal('pause'), seq }),
  z.strictObject({ type: z.literal('resume'), seq }),
  z.strictObject({ type: z.literal('timer'), seq, seconds: z.number().int().min(0, `is not in [0, ${LIMITS.timerSeconds}]`).max(LIMITS.timerSeconds, `is not in [0, ${LIMITS.timerSeconds}]`) }),
  z.strictObject({ type: z.literal('advance'), seq, at: text(80, 'the decision point being advanced, as shown') }),
  z.strictObject({ type: z.literal('inject'), seq, shock: shockInject.optional(), news: text(LIMITS.newsChars, 'a news item').optional() }),
  z.strictObject({ type: z.literal('actAs'), seq, role: roleSchema, action: actionSchema, rationale: text(LIMITS.rationaleChars, 'a short rationale').default('') }),
  z.strictObject({ type: z.literal('negotiateAs'), seq, party: z.enum(['coalition', 'target']), move: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('propose'), ...proposeMove }), z.strictObject({ kind: z.literal('respond'), reply: z.enum(['accept', 'reject']) }), z.strictObject({ kind: z.literal('walkAway') })]) }),
]);

export type CreateMessage = z.infer<typeof createSchema>;
export type HelloMessage = z.infer<typeof helloSchema>;
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];

/** Who sent a command, as the server established it (never as the message claims). */
export type Sender = { kind: 'facilitator' } | { kind: 'player'; id: number } | { kind: 'guest' } | { kind: 'clock' };

/** One entry of a room's append-only log: enough to replay the room exactly. */
export interface LogEntry {
  by: Sender;
  /** Milliseconds since the epoch when the server accepted it (the room reads time only from here). */
  at: number;
  command: Command;
  /** A join's new player token, drawn by the server. */
  token?: string;
}

const COMMAND_TYPES = ['create', 'hello', ...commandSchema.options.map((o) => o.shape.type.value)];

/** The first problem of a failed parse, as `field: message`. */
export function describeZodError(e: z.ZodError, data?: unknown): string {
  const issue = e.issues[0];
  if (!issue) return 'is not a valid message';
  const path = issue.path.length ? issue.path.map(String).join('.') : '(message)';
  if (issue.code === 'invalid_union' && path === 'type') return `type: ${JSON.stringify((data as { type?: unknown })?.type) ?? 'missing'} is not a message type (${COMMAND_TYPES.join(', ')})`;
  if (issue.code === 'invalid_union' && path === 'as') return 'as: is not player, facilitator or guest';
  if (issue.code === 'invalid_union' && path === 'action.kind') return 'action.kind: is not an action (defy, act, keep, ease, vote, release, reimpose, hold, inspect, skip, allocate)';
  return `${path}: ${issue.message}`;
}

/** Parses a client message's text: bounded, JSON, then one of the schemas above. */
export function parseClientMessage(textIn: string): { ok: true; message: CreateMessage | HelloMessage | Command } | { ok: false; error: string } {
  if (textIn.length > LIMITS.messageBytes) return { ok: false, error: `message: ${textIn.length} characters, more than the ${LIMITS.messageBytes} allowed` };
  let data: unknown;
  let forbidden: string | null = null;
  try {
    // A `__proto__` key would be dropped by the schemas without a word (an offer would lose a lever): refuse it by name.
    data = JSON.parse(textIn, (key, value) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') forbidden ??= key;
      return value;
    });
  } catch {
    return { ok: false, error: 'message: is not JSON' };
  }
  if (forbidden) return { ok: false, error: `message: has a field named ${forbidden}, which no message has` };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: 'message: is not a JSON object' };
  const type = (data as { type?: unknown }).type;
  const schema = type === 'create' ? createSchema : type === 'hello' ? helloSchema : commandSchema;
  const r = (schema as z.ZodType).safeParse(data);
  if (!r.success) return { ok: false, error: describeZodError(r.error, data) };
  return { ok: true, message: r.data as CreateMessage | HelloMessage | Command };
}
