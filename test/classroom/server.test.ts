import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClassroomServer, type ClassroomServer } from '../../src/server/classroom/server.ts';
import { WsClient } from './ws-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'relief-lab-classroom-'));
const web = join(dir, 'web');
writeFileSync(join(dir, 'placeholder'), '');
import { mkdirSync } from 'node:fs';
mkdirSync(web);
writeFileSync(join(web, 'classroom.html'), '<!doctype html><title>classroom</title>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const logRows = (file: string) => {
  const db = new Database(file, { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM log').get() as { n: number }).n;
  db.close();
  return n;
};

/** Creates a room (no negotiation, 3 rounds) and joins two players, the target and the verifier. */
async function setUp(url: string) {
  const fac = await WsClient.open(url);
  fac.send({ type: 'create', scenario: 'baseline', rounds: 3, seed: 'srv/1', negotiation: null });
  const created = await fac.next((m) => m.type === 'created');
  const players: WsClient[] = [];
  for (const [i, name] of ['Ana', 'Ben'].entries()) {
    const p = await WsClient.open(url);
    p.send({ type: 'hello', as: 'guest', room: created.code });
    await p.next((m) => m.type === 'hello');
    const ack = await p.command({ type: 'join', name });
    expect(ack.type).toBe('ack');
    expect(ack.joined.player).toBe(i);
    players.push(p);
  }
  expect((await fac.command({ type: 'assign', player: 0, role: 'target' })).type).toBe('ack');
  expect((await fac.command({ type: 'assign', player: 1, role: 'verifier' })).type).toBe('ack');
  return { fac, players, code: created.code as string, key: created.key as string, tokens: players.map((p) => p.messages.find((m) => m.joined)?.joined.token as string) };
}

const comply = { kind: 'act', moves: ['comply', 'comply', 'comply'], reports: ['honest', 'honest', 'honest'] };

describe('the classroom server: hostile messages', () => {
  let server: ClassroomServer;
  let url: string;
  const data = join(dir, 'hostile.sqlite');
  beforeAll(async () => {
    server = await startClassroomServer({ port: 0, host: '127.0.0.1', dataFile: data, staticDir: web, scenarioDir: 'scenarios', utilityRuns: 4, debriefRuns: 50 });
    url = `ws://127.0.0.1:${server.port}/ws`;
  });
  afterAll(() => server.close());

  it('rejects forged, replayed, oversized and malformed messages, each with an error, and stores nothing', async () => {
    const { fac, players, code, tokens } = await setUp(url);
    const [ana, ben] = players;
    const stored = logRows(data);
    const errorFor = async (c: WsClient, send: () => void) => {
      const from = c.messages.length;
      send();
      return (await c.next((m) => m.type === 'error', from)).error as string;
    };
    // Forged: a player sends the facilitator's commands, or acts for another seat.
    expect(await errorFor(ana, () => ana.send({ type: 'start', seq: 50 }))).toMatch(/only the facilitator/);
    expect(await errorFor(ben, () => ben.send({ type: 'assign', seq: 51, player: 1, role: 'target' }))).toMatch(/only the facilitator/);
    // A wrong key or a made-up token proves nothing.
    const intruder = await WsClient.open(url);
    expect(await errorFor(intruder, () => intruder.send({ type: 'hello', as: 'facilitator', room: code, key: '0'.repeat(32) }))).toMatch(/^key: not the facilitator key/);
    expect(await errorFor(intruder, () => intruder.send({ type: 'hello', as: 'player', room: code, token: 'f'.repeat(32) }))).toMatch(/^token: not a player/);
    expect(await errorFor(intruder, () => intruder.send({ type: 'start', seq: 0 }))).toMatch(/say hello to a room first/);
    // Replayed: the same seq again.
    const ok = await ana.command({ type: 'pick', role: 'target' });
    expect(ok.type).toBe('ack');
    expect(await errorFor(ana, () => ana.send({ type: 'pick', role: 'target', seq: ok.seq }))).toMatch(/^seq: .*replayed or out-of-order/);
    // Oversized, binary, not JSON, unknown type, a field out of range, an unknown field, a role that is no role.
    expect(await errorFor(ana, () => ana.raw(JSON.stringify({ type: 'act', seq: 99, action: comply, rationale: 'x'.repeat(20_000) })))).toMatch(/^message: \d+ bytes, more than the 16384 allowed/);
    expect(await errorFor(ana, () => ana.raw(Buffer.from('{}'), true))).toMatch(/binary frames/);
    expect(await errorFor(ana, () => ana.raw('{"type": "act", '))).toBe('message: is not JSON');
    expect(await errorFor(ana, () => ana.send({ type: 'launch', seq: 99 }))).toMatch(/^type: "launch" is not a message type \(create, hello, join, pick/);
    expect(await errorFor(ana, () => ana.send({ type: 'act', seq: 99, action: { kind: 'allocate', carveOutShare: 2, reliefLinkedShare: 0 } }))).toMatch(/^action.carveOutShare: is not in \[0, 1\]/);
    expect(await errorFor(ana, () => ana.send({ type: 'pick', seq: 99, role: 'target', admin: true }))).toMatch(/admin|unrecognized|Unrecognized/i);
    expect(await errorFor(ana, () => ana.send({ type: 'pick', seq: 99, role: '__proto__' }))).toMatch(/^role: is not a role/);
    expect(await errorFor(ana, () => ana.send({ type: 'act', seq: 99, action: comply, rationale: 'y'.repeat(501) }))).toMatch(/^rationale: is longer than 500/);
    expect(await errorFor(ana, () => ana.send([1, 2] as never))).toBe('message: is not a JSON object');
    expect(logRows(data)).toBe(stored + 1); // only the accepted pick
    // A player acts for its own seat only; the facilitator's key never reaches a player.
    expect((await fac.command({ type: 'start' })).type).toBe('ack');
    await ana.state((s) => s.room.phase === 'implementation' && s.you.seat?.due);
    expect(await errorFor(ben, () => ben.send({ type: 'act', seq: 100, action: comply, rationale: '' }))).toMatch(/verifier|action:|nothing to decide|AI/);
    for (const p of players) for (const m of p.messages) expect(JSON.stringify(m)).not.toMatch(/"key"/);
    expect(JSON.stringify(ben.messages)).not.toContain(tokens[0]);
    // The state holds: the facilitator's view still waits for the same seats.
    const before = logRows(data);
    expect(await errorFor(ana, () => ana.send({ type: 'act', seq: 101, action: { kind: 'act', moves: ['comply'], reports: ['honest'] }, rationale: '' }))).toMatch(/^action: /);
    expect(logRows(data)).toBe(before);
    intruder.close();
    fac.close();
    for (const p of players) p.close();
  });

  it('the round timer: when it runs out, the server advances the round and the AI decides for whoever has not', async () => {
    const { fac, players } = await setUp(url);
    expect((await fac.command({ type: 'timer', seconds: 1 })).type).toBe('ack');
    expect((await fac.command({ type: 'start' })).type).toBe('ack');
    const first = await fac.state((s) => s.room.phase === 'implementation');
    expect(first.room.timerDeadline).toBeGreaterThan(0);
    const moved = await fac.state((s) => s.room.moment !== first.room.moment);
    expect(moved.facilitator.decisions.some((d: any) => d.by === 'ai-advanced' && d.role === 'target')).toBe(true);
    fac.close();
    for (const p of players) p.close();
  });

  it('drops messages above the rate limit with an error', async () => {
    const c = await WsClient.open(url);
    for (let i = 0; i < 40; i++) c.send({ type: 'hello', as: 'guest', room: 'ZZZZZZ' });
    await c.next((m) => m.type === 'error' && /^rate: /.test(m.error));
    c.close();
  });
});

/** Starts the CLI (a real process) and resolves with its port. */
function startCli(data: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/relief-lab.js', 'classroom', '--port', '0', '--host', '127.0.0.1', '--data', data, '--web', web], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /this machine: http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`the classroom server exited (${code}): ${err}`)));
  });
}

describe('the classroom server: restart', () => {
  it('is killed with SIGKILL mid-round and resumes with every acknowledged decision', async () => {
    const data = join(dir, 'restart.sqlite');
    const first = await startCli(data);
    const url1 = `ws://127.0.0.1:${first.port}/ws`;
    const { fac, players, code, key, tokens } = await setUp(url1);
    expect((await fac.command({ type: 'inject', news: 'Before the start' })).type).toBe('ack');
    expect((await fac.command({ type: 'start' })).type).toBe('ack');
    const [ana] = players;
    await ana.state((s) => s.you.seat?.due);
    const acked = await ana.command({ type: 'act', action: comply, rationale: 'we comply in period 0' });
    expect(acked.type).toBe('ack');
    const before = await fac.state((s) => s.facilitator.decisions.some((d: any) => d.rationale === 'we comply in period 0'));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    for (const c of [fac, ...players]) c.close();

    const second = await startCli(data);
    const url2 = `ws://127.0.0.1:${second.port}/ws`;
    try {
      const fac2 = await WsClient.open(url2);
      fac2.send({ type: 'hello', as: 'facilitator', room: code, key });
      const after = await fac2.state(() => true);
      expect(after.facilitator.decisions).toEqual(before.facilitator.decisions);
      expect(after.room.moment).toBe(before.room.moment);
      expect(after.room.feed.map((f: any) => f.headline)).toEqual(['Before the start']);
      // The player rejoins with its token and gets its seat back, and its seq goes on.
      const ana2 = await WsClient.open(url2);
      ana2.send({ type: 'hello', as: 'player', room: code, token: tokens[0] });
      const mine = await ana2.state(() => true);
      expect(mine.you.role).toBe('target');
      expect(mine.you.decisions.map((d: any) => d.rationale)).toEqual(['we comply in period 0']);
      const again = await ana2.command({ type: 'pick', role: 'verifier' });
      expect(again.error).toMatch(/lobby/);
      fac2.close();
      ana2.close();
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});

describe('the classroom server: talks over a whole design, with the audit beside the offer', () => {
  let server: ClassroomServer;
  let url: string;
  const data = join(dir, 'talks.sqlite');
  beforeAll(async () => {
    server = await startClassroomServer({ port: 0, host: '127.0.0.1', dataFile: data, staticDir: web, scenarioDir: 'scenarios', utilityRuns: 30, debriefRuns: 50 });
    url = `ws://127.0.0.1:${server.port}/ws`;
  });
  afterAll(() => server.close());

  it('prepares the talks on its analysis thread, takes whole-design offers, refuses bad ones, and audits the offer on the table without holding up acks', async () => {
    const DETECTION = 'design.verification.detectionProbability';
    const fac = await WsClient.open(url);
    fac.send({ type: 'create', scenario: 'baseline', rounds: 2, seed: 'srv/talks', negotiation: { issues: [{ path: DETECTION, low: 0.3, high: 0.9 }, { path: 'frontLoadedShare', low: 0, high: 1 }], deadlineRounds: 4 } });
    await fac.next((m) => m.type === 'preparing');
    const created = await fac.next((m) => m.type === 'created', 0, 300_000);
    const players: WsClient[] = [];
    for (const [i, role] of ['coalition', 'target'].entries()) {
      const p = await WsClient.open(url);
      p.send({ type: 'hello', as: 'guest', room: created.code });
      await p.next((m) => m.type === 'hello');
      expect((await p.command({ type: 'join', name: `P${i}` })).type).toBe('ack');
      expect((await p.command({ type: 'pick', role })).type).toBe('ack');
      players.push(p);
    }
    const [coalition, target] = players;
    expect((await fac.command({ type: 'start' })).type).toBe('ack');
    const before = logRows(data);
    // Bad offers: an error naming the lever and its range, nothing stored.
    expect((await coalition.command({ type: 'propose', offer: { [DETECTION]: 0.5 } })).error).toMatch(/^offer\.frontLoadedShare: is missing/);
    expect((await coalition.command({ type: 'propose', offer: { [DETECTION]: 1.2, frontLoadedShare: 0.5 } })).error).toMatch(/^offer\.design\.verification\.detectionProbability: 1\.2 is not in \[0\.3, 0\.9\]/);
    expect((await coalition.command({ type: 'propose', value: 0.5 })).error).toMatch(/^value: this negotiation is over 2 levers/);
    expect(logRows(data)).toBe(before);
    const offer = { [DETECTION]: 0.7, frontLoadedShare: 0.4 };
    expect((await coalition.command({ type: 'propose', offer })).type).toBe('ack');
    // The audit is being computed on the analysis thread: a message sent now is acknowledged before it is done.
    const computing = await target.state((s) => s.you.audit?.status === 'computing');
    expect(computing.room.negotiation.offerOnTable).toEqual(offer);
    const from = target.messages.length;
    expect((await fac.command({ type: 'inject', news: 'Talks resume in Oman' })).type).toBe('ack');
    const auditedBefore = target.messages.slice(from).some((m) => m.type === 'state' && m.you.audit?.status === 'done');
    expect(auditedBefore).toBe(false);
    // Then each side gets what it may see: the target its own type, the coalition every type with the prior.
    const t = await target.state((s) => s.you.audit?.status === 'done');
    const c = await coalition.state((s) => s.you.audit?.status === 'done');
    const f = await fac.state((s) => s.facilitator.audit?.status === 'done');
    const type = f.facilitator.targetType;
    expect(t.you.audit.audit.types.map((x: { type: string }) => x.type)).toEqual([type]);
    expect(t.you.audit.audit.weakLink).toBeNull();
    expect(c.you.audit.audit.types.map((x: { type: string }) => x.type).sort()).toEqual(['hardliner', 'opportunist', 'sincere']);
    expect(c.you.audit.audit.types.map((x: { prior: number }) => x.prior).reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 12);
    for (const x of c.you.audit.audit.types) expect(x).toMatchObject({ cheatingPays: x.margin < 0, weakestBenchmark: expect.any(String) });
    // Each side's own utility of the offer, in the simulation's units, and no deal's; the coalition never sees the target's type.
    expect(t.you.utility.onTable).toBeCloseTo(t.you.utility.model.constant + t.you.utility.model.perIssue[DETECTION].coefficient * (0.4 / 0.6) + t.you.utility.model.perIssue.frontLoadedShare.coefficient * 0.4, 9);
    expect(JSON.stringify(c)).not.toContain('targetType');
    // The target accepts: the design with both levers goes on to implementation.
    expect((await target.command({ type: 'respond', reply: 'accept' })).type).toBe('ack');
    const playing = await fac.state((s) => s.room.phase === 'implementation');
    expect(playing.room.agreed).toEqual(offer);
    for (const x of [fac, coalition, target]) x.close();
  }, 600_000);
});
