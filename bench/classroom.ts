/**
 * Classroom latency benchmark (a script, not a test): `npm run bench:classroom [-- --rooms 30 --clients 8 --rounds 4 --talks 3]`.
 * Starts `relief-lab classroom` as its own process on loopback, opens `rooms` rooms of
 * `clients` WebSocket clients each (the facilitator and clients - 1 players, each on a
 * seat of the baseline), plays `rounds` periods in every room at once, and reports the
 * round-trip latency of every command (send -> ack: parsed, applied, committed to
 * SQLite with synchronous = FULL, acknowledged) as percentiles. Writes bench/CLASSROOM.md.
 * The clients run in this process, on the same cores as the server: the figures include
 * that contention, and the load average at the start is recorded beside them.
 *
 * First `talks` rooms open talks over a whole design (two levers): the server values the
 * designs on its analysis thread, then each puts offers on the table, whose audits queue
 * on that thread; the acting rooms are played while it is busy with them, so the figures
 * show whether acting stays responsive while the audits run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WsClient } from '../test/classroom/ws-client.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROOMS = arg('rooms', 30);
const CLIENTS = arg('clients', 8);
const ROUNDS = arg('rounds', 4);
const TALKS = arg('talks', 3);
const SEATS = ['target', 'coalition', 'verifier', 'aid', 'member:lead', 'member:ally', 'member:partner'];

const dir = mkdtempSync(join(tmpdir(), 'relief-lab-classroom-bench-'));
mkdirSync(join(dir, 'web'));
writeFileSync(join(dir, 'web', 'classroom.html'), '<!doctype html>');
const load = loadavg()[0];
const child = spawn(process.execPath, ['bin/relief-lab.js', 'classroom', '--port', '0', '--host', '127.0.0.1', '--data', join(dir, 'bench.sqlite'), '--web', join(dir, 'web')], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
    const m = /this machine: http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
  child.once('exit', (c) => reject(new Error(`the server exited (${c})`)));
});
const url = `ws://127.0.0.1:${port}/ws`;
const rtt: Record<string, number[]> = { join: [], pick: [], act: [], facilitator: [], propose: [] };

async function timed(kind: string, c: WsClient, command: Record<string, unknown>) {
  const t0 = performance.now();
  const reply = await c.command(command);
  rtt[kind].push(performance.now() - t0);
  if (reply.type !== 'ack') throw new Error(`${kind} refused: ${reply.error}`);
  return reply;
}

function firstLegal(legal: any): unknown {
  if (legal.kind === 'choices') return legal.choices[0];
  if (legal.kind === 'target') return { kind: 'act', moves: legal.benchmarks.map(() => 'comply'), reports: legal.benchmarks.map(() => 'honest') };
  if (legal.kind === 'release') return { kind: 'release', tranches: legal.eligible };
  return { kind: 'allocate', carveOutShare: 1, reliefLinkedShare: 1 };
}

async function room(index: number) {
  const fac = await WsClient.open(url);
  fac.send({ type: 'create', scenario: 'baseline', rounds: ROUNDS, seed: `bench/${index}`, negotiation: null });
  const { code } = await fac.next((m) => m.type === 'created');
  const players: WsClient[] = [];
  const watchers: WsClient[] = [];
  for (let i = 0; i < CLIENTS - 1; i++) {
    const p = await WsClient.open(url);
    p.send({ type: 'hello', as: 'guest', room: code });
    await p.next((m) => m.type === 'hello');
    await timed('join', p, { type: 'join', name: `player ${i}` });
    // The baseline has seven seats: players beyond them watch (a class of twenty: --clients 21).
    if (i < SEATS.length) {
      await timed('pick', p, { type: 'pick', role: SEATS[i] });
      players.push(p);
    } else watchers.push(p);
  }
  await timed('facilitator', fac, { type: 'start' });
  // Each player: whenever its seat is due, decide; until the class's rounds are over.
  await Promise.all(
    players.map(async (p) => {
      for (;;) {
        // Until the debrief (a state of the lobby may still be the latest this client has when the start is acknowledged to the facilitator).
        const s = await p.state((st) => st.room.phase === 'debrief' || (st.room.phase === 'implementation' && st.you.seat?.due && !st.you.seat.submitted), 300_000);
        if (s.room.phase === 'debrief') return;
        await timed('act', p, { type: 'act', action: firstLegal(s.you.seat.legal), rationale: 'bench' });
      }
    }),
  );
  for (const c of [fac, ...players, ...watchers]) c.close();
}

/** A room in talks over two levers: the coalition and the target put offers on the table, each audited on the analysis thread. */
async function talks(index: number) {
  const fac = await WsClient.open(url);
  fac.send({ type: 'create', scenario: 'baseline', rounds: 2, seed: `bench/talks/${index}`, negotiation: { issues: [{ path: 'design.verification.detectionProbability', low: 0.3, high: 0.9 }, { path: 'frontLoadedShare', low: 0, high: 1 }], deadlineRounds: 8 } });
  const { code } = await fac.next((m) => m.type === 'created', 0, 600_000);
  const side: WsClient[] = [];
  for (const role of ['coalition', 'target']) {
    const p = await WsClient.open(url);
    p.send({ type: 'hello', as: 'guest', room: code });
    await p.next((m) => m.type === 'hello');
    await p.command({ type: 'join', name: role });
    await p.command({ type: 'pick', role });
    side.push(p);
  }
  await fac.command({ type: 'start' });
  const [coalition, target] = side;
  // Four distinct offers (two rounds each way): four audits per room.
  for (let k = 0; k < 2; k++) {
    await timed('propose', coalition, { type: 'propose', offer: { 'design.verification.detectionProbability': 0.9 - 0.1 * k - 0.01 * index, frontLoadedShare: 0.1 * k } });
    await target.command({ type: 'respond', reply: 'reject' });
    await timed('propose', target, { type: 'propose', offer: { 'design.verification.detectionProbability': 0.4 + 0.1 * k, frontLoadedShare: 0.9 - 0.01 * index } });
    await coalition.command({ type: 'respond', reply: 'reject' });
  }
  return [fac, ...side];
}

const talking = await Promise.all(Array.from({ length: TALKS }, (_, i) => talks(i)));
const t0 = performance.now();
await Promise.all(Array.from({ length: ROOMS }, (_, i) => room(i)));
const elapsed = (performance.now() - t0) / 1000;
// Were the audits still being computed when the acting rooms were done? (Then every act above ran beside them.)
const auditing = talking.filter((cs) => cs[0].lastState?.facilitator?.audit?.status === 'computing').length;
for (const cs of talking) for (const c of cs) c.close();
child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
};
const lines = [
  '# Classroom latency (bench/classroom.ts)',
  '',
  `${ROOMS} rooms x ${CLIENTS} clients (a facilitator and ${CLIENTS - 1} players each, ${Math.min(CLIENTS - 1, SEATS.length)} of them on seats) on loopback, ${ROUNDS} periods played by the players in every room at once; ${cpus().length} cores, load average ${load.toFixed(1)} at the start; ${elapsed.toFixed(1)} s in all.`,
  `Beforehand ${TALKS} rooms opened talks over two levers and put ${4 * TALKS} offers on the table (\`propose\` below); their audits queue on the server's analysis thread, beside the acting rooms from their start; ${auditing} of the ${TALKS} rooms were still waiting for theirs when the acting rooms were done${auditing > 0 ? ' (every act ran beside the audits)' : ' (the audits overlapped the first part of the acting)'}.`,
  'Round trip: a command sent -> its ack (parsed, applied by the room, committed to SQLite, acknowledged; the room\'s broadcast to its clients goes out before the ack).',
  'Each commit is fsynced (synchronous = FULL, about 7 ms a commit on this disk at low load); the messages that arrive in one turn of the server\'s event loop share one commit (group commit). The server\'s analysis thread (the talks\' utilities, the audits, the 2,000-run debrief of each room as it finishes) and the clients in this process share the 2 cores with the server\'s own thread.',
  '',
  '| command | n | p50 ms | p90 ms | p99 ms | max ms |',
  '|---|---:|---:|---:|---:|---:|',
  ...Object.entries(rtt).filter(([, xs]) => xs.length > 0).map(([k, xs]) => `| ${k} | ${xs.length} | ${q(xs, 0.5).toFixed(1)} | ${q(xs, 0.9).toFixed(1)} | ${q(xs, 0.99).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`),
  '',
];
console.log(lines.join('\n'));
const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : new URL('./CLASSROOM.md', import.meta.url);
writeFileSync(out, lines.join('\n'));
