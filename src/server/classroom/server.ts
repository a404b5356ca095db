import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import QRCode from 'qrcode';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  LIMITS,
  logCsv,
  logJson,
  parseClientMessage,
  Room,
  ROOM_CODE_ALPHABET,
  ROOM_CODE_LENGTH,
  ROOM_CODE_PATTERN,
  negotiationFamily,
  offerAuditKey,
  publicView,
  viewFor,
  type OfferAuditState,
  type AlternativeDesign,
  type Command,
  type CreateMessage,
  type Debrief,
  type HelloMessage,
  type LogEntry,
  type RoomConfig,
  type Sender,
  SHOCK_LIBRARY,
} from '../../classroom/index.ts';
import { AnalysisThread } from './analysis.ts';
import { alternativeDesigns, loadLibrary, type LibraryEntry } from './library.ts';
import { RateLimit } from './rate.ts';
import { ClassroomStore } from './store.ts';

/**
 * The classroom server: one Node process serving the built web app and a WebSocket
 * endpoint (`/ws`) for the rooms. Rooms live in memory as src/classroom Rooms and on disk
 * as their logs (store.ts); at start every room is rebuilt by replaying its log, so a
 * restart, even a SIGKILL, loses no acknowledged message.
 *
 * Every message is bounded in size (LIMITS.messageBytes) and rate (a token bucket per
 * connection), parsed against the zod schemas of src/classroom/messages.ts, and applied
 * by the room only for the sender the connection proved to be (a player's token, the
 * facilitator's key). A refused message gets `{type: 'error', error}` and changes nothing.
 */

export interface ClassroomServerOptions {
  port: number;
  host?: string;
  dataFile: string;
  /** The built web app (vite build web): index.html and classroom.html. */
  staticDir: string;
  /** The scenario library (scenarios/ with cases/). */
  scenarioDir: string;
  /** The address printed in join links and QR codes; default http://<first LAN IPv4>:<port>. */
  publicUrl?: string;
  /** Runs behind the debrief (default 2,000) and behind each side's expected utility (default 60 per design, more when a type is rare). */
  debriefRuns?: number;
  utilityRuns?: number;
  /** Milliseconds since the epoch (injected so tests can drive the round timer). */
  clock?: () => number;
  log?: (line: string) => void;
}

export interface ClassroomServer {
  url: string;
  port: number;
  joinBase: string;
  rooms: number;
  close(): Promise<void>;
}

interface LiveRoom {
  room: Room;
  /** The offer on the table (as JSON) and its design's audit key, so a broadcast does not rebuild the design. */
  offerKey?: { offer: string; key: string | null };
  keyHash: string;
  entries: LogEntry[];
  conns: Set<Conn>;
  timer?: NodeJS.Timeout;
  debrief?: Debrief;
}

interface Conn {
  ws: WebSocket;
  code?: string;
  who: Sender;
  rate: RateLimit;
  strikes: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

/** The web app's policy (web/vite.config.ts), served as a header; 'self' covers the same host's ws:. */
const CSP = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Offer audits kept (each a few kB). */
const AUDIT_CACHE = 500;


const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = () => randomBytes(16).toString('hex');
/** A room code drawn without modulo bias: bytes >= 256 - 256 % 32 are redrawn (32 divides 256, so none are). */
function roomCode(): string {
  const bytes = randomBytes(ROOM_CODE_LENGTH);
  return Array.from(bytes, (b) => ROOM_CODE_ALPHABET[b % ROOM_CODE_ALPHABET.length]).join('');
}

function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

/**
 * Starts the server and resolves once it listens.
 * @throws Error naming the data file or the port when either cannot be used.
 */
export async function startClassroomServer(options: ClassroomServerOptions): Promise<ClassroomServer> {
  const clock = options.clock ?? (() => Date.now());
  const say = options.log ?? (() => undefined);
  const debriefRuns = options.debriefRuns ?? 2000;
  const utilityRuns = options.utilityRuns ?? 60;
  // Simulations that take seconds (the talks' utilities, each offer's audit) run on their own thread.
  const analysis = new AnalysisThread();
  /** Audits of offered designs, by design (offerAuditKey), shared by every room; the oldest are dropped past AUDIT_CACHE. */
  const audits = new Map<string, OfferAuditState>();
  let preparing = 0;
  const staticDir = resolve(options.staticDir);
  if (!existsSync(join(staticDir, 'classroom.html'))) throw new Error(`${staticDir}: no built web app here (classroom.html is missing); run npm run build:web first`);
  const library = loadLibrary(options.scenarioDir, (m) => say(`library: ${m}`));
  const alternatives: AlternativeDesign[] = alternativeDesigns(library);
  const store = new ClassroomStore(options.dataFile);
  const rooms = new Map<string, LiveRoom>();

  const rebuild = (config: RoomConfig, entries: readonly LogEntry[]): Room => {
    const room = new Room(config);
    entries.forEach((e, i) => {
      const out = room.handle(e);
      if (!out.ok) throw new Error(`room ${config.code}: log entry ${i} does not replay (${out.error})`);
    });
    return room;
  };
  for (const stored of store.rooms()) {
    try {
      rooms.set(stored.config.code, { room: rebuild(stored.config, stored.entries), keyHash: stored.keyHash, entries: stored.entries, conns: new Set() });
    } catch (e) {
      say(`skipped a room that does not replay: ${(e as Error).message}`);
    }
  }
  if (rooms.size) say(`resumed ${rooms.size} room${rooms.size === 1 ? '' : 's'} from ${options.dataFile}`);

  let joinBase = options.publicUrl?.replace(/\/$/, '') ?? '';

  /** While a batch of messages is applied, what it sends waits here until the batch is committed. */
  let outbox: [Conn, string][] | null = null;
  const send = (c: Conn, message: unknown) => {
    if (outbox) outbox.push([c, JSON.stringify(message)]);
    else if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(message));
  };
  const connectedPlayers = (live: LiveRoom) => new Set([...live.conns].flatMap((c) => (c.who.kind === 'player' ? [c.who.id] : [])));
  /** The audit of the design on the room's table: cached, or computing (asked of the analysis thread once per design). */
  const offerAudit = (live: LiveRoom): OfferAuditState | null => {
    const n = live.room.phase === 'negotiation' ? live.room.negotiation : null;
    const offer = n?.offerOnTable() ?? null;
    if (!n || !offer) return null;
    const json = JSON.stringify(offer);
    if (live.offerKey?.offer !== json) {
      let key: string | null = null;
      try {
        key = offerAuditKey(n.designOf(offer));
      } catch {
        key = null;
      }
      live.offerKey = { offer: json, key };
    }
    const key = live.offerKey.key;
    if (key === null) return { status: 'failed', error: 'the offer is not a valid design' };
    const known = audits.get(key);
    if (known) return known;
    const computing: OfferAuditState = { status: 'computing' };
    audits.set(key, computing);
    if (audits.size > AUDIT_CACHE) audits.delete(audits.keys().next().value!);
    analysis
      .audit(n.designOf(offer))
      .then((audit): OfferAuditState => ({ status: 'done', audit }))
      .catch((e: Error): OfferAuditState => ({ status: 'failed', error: e.message }))
      .then((state) => {
        if (audits.get(key) === computing) audits.set(key, state);
        for (const r of rooms.values()) if (r.offerKey?.key === key && r.conns.size > 0) broadcast(r);
      });
    return computing;
  };

  const broadcast = (live: LiveRoom) => {
    const connected = connectedPlayers(live);
    const extras = { connected, offerAudit: offerAudit(live) };
    const base = publicView(live.room, extras);
    for (const c of live.conns) {
      const view = viewFor(live.room, c.who, extras, base);
      send(c, { ...view, joinUrl: `${joinBase}/join/${live.room.config.code}`, debrief: live.debrief ?? null });
    }
  };

  const schedule = (live: LiveRoom) => {
    clearTimeout(live.timer);
    const deadline = live.room.timerDeadline;
    if (deadline === null) return;
    live.timer = setTimeout(() => {
      const at = live.room.moment();
      commit(live, { by: { kind: 'clock' }, at: Math.max(clock(), deadline), command: { type: 'advance', seq: 0, at } });
    }, Math.max(0, deadline - clock()));
  };

  const building = new Set<LiveRoom>();
  const finishDebrief = (live: LiveRoom) => {
    if (live.room.phase !== 'debrief' || live.debrief || building.has(live)) return;
    // The debrief's runs take seconds: computed on the analysis thread from the game's snapshot, so the rooms stay responsive.
    building.add(live);
    const r = live.room;
    analysis
      .debrief({ played: r.scenario, seed: r.config.seed, snapshot: r.game!.snapshot(), decisions: r.decisions, rounds: r.config.rounds, alternatives, runs: debriefRuns })
      .then((debrief) => {
        if (!building.delete(live)) return;
        live.debrief = debrief;
        broadcast(live);
      })
      .catch((e: Error) => {
        building.delete(live);
        say(`room ${r.config.code}: the debrief failed: ${e.message}`);
      });
  };

  /** Stores and applies an entry in one transaction; on a refusal or a failure nothing is kept. */
  const commit = (live: LiveRoom, entry: LogEntry) => {
    const n = live.entries.length;
    let out;
    try {
      out = store.appendIf(live.room.config.code, n, entry, () => live.room.handle(entry));
    } catch (e) {
      // A bug while applying: the room may be half-changed, so rebuild it from the stored log.
      live.room = rebuild(live.room.config, live.entries);
      say(`room ${live.room.config.code}: internal error, the entry was not kept: ${(e as Error).message}`);
      return { ok: false as const, error: 'internal error: the server could not apply this message; nothing was changed' };
    }
    if (out.ok) {
      live.entries.push(entry);
      schedule(live);
      broadcast(live);
      finishDebrief(live);
    }
    return out;
  };

  const create = async (c: Conn, m: CreateMessage) => {
    const entry = library.find((e) => e.name === m.scenario);
    if (!entry) return send(c, { type: 'error', error: `scenario: "${m.scenario}" is not in the library (${library.map((e) => e.name).join(', ')})` });
    if (rooms.size + preparing >= LIMITS.rooms) return send(c, { type: 'error', error: `create: this server keeps ${LIMITS.rooms} rooms, all taken; start another with its own --data file` });
    const config: RoomConfig = {
      code: '',
      scenarioName: entry.name,
      scenario: entry.scenario,
      seed: m.seed ?? secret().slice(0, 8),
      rounds: Math.min(m.rounds, entry.scenario.horizonPeriods),
      negotiation: m.negotiation,
      hotSeat: m.hotSeat,
      selfPick: m.selfPick,
      utilityRuns,
    };
    let room: Room;
    try {
      // The talks' utilities are simulated once, on the analysis thread, and stored with the room: a restart replays the room without simulating them again.
      if (config.negotiation) {
        negotiationFamily(config.scenario, config.negotiation);
        send(c, { type: 'preparing', what: 'simulating each side\'s utility of the designs in the talks' });
        preparing++;
        try {
          config.prepared = await analysis.prepare(config.scenario, config.negotiation, config.seed, config.utilityRuns);
        } finally {
          preparing--;
        }
      }
      let code = roomCode();
      while (rooms.has(code)) code = roomCode();
      config.code = code;
      room = new Room(config);
    } catch (e) {
      return send(c, { type: 'error', error: (e as Error).message });
    }
    const code = config.code;
    const key = secret();
    const keyHash = sha256(key);
    store.addRoom(config, keyHash);
    const live: LiveRoom = { room, keyHash, entries: [], conns: new Set([c]) };
    rooms.set(code, live);
    leave(c);
    c.code = code;
    c.who = { kind: 'facilitator' };
    send(c, { type: 'created', code, key, joinUrl: `${joinBase}/join/${code}` });
    broadcast(live);
  };

  const leave = (c: Conn) => {
    if (!c.code) return;
    const live = rooms.get(c.code);
    c.code = undefined;
    if (live && live.conns.delete(c)) broadcast(live);
  };

  const hello = (c: Conn, m: HelloMessage) => {
    const live = rooms.get(m.room);
    if (!live) return send(c, { type: 'error', error: `room: no room ${m.room} on this server (check the code)` });
    let who: Sender;
    if (m.as === 'facilitator') {
      const given = Buffer.from(sha256(m.key), 'hex');
      if (!timingSafeEqual(given, Buffer.from(live.keyHash, 'hex'))) return send(c, { type: 'error', error: 'key: not the facilitator key of this room' });
      who = { kind: 'facilitator' };
    } else if (m.as === 'player') {
      const p = live.room.playerByToken(m.token);
      if (!p) return send(c, { type: 'error', error: 'token: not a player of this room (join again)' });
      who = { kind: 'player', id: p.id };
    } else who = { kind: 'guest' };
    leave(c);
    c.code = m.room;
    c.who = who;
    live.conns.add(c);
    send(c, { type: 'hello', room: m.room, as: who.kind });
    broadcast(live);
  };

  const command = (c: Conn, m: Command) => {
    const live = c.code ? rooms.get(c.code) : undefined;
    if (!live) return send(c, { type: 'error', seq: m.seq, error: 'say hello to a room first ({"type":"hello","room":"<code>",...})' });
    const entry: LogEntry = { by: c.who, at: clock(), command: m, ...(m.type === 'join' ? { token: secret() } : {}) };
    const out = commit(live, entry);
    if (!out.ok) return send(c, { type: 'error', seq: m.seq, error: out.error });
    if (m.type === 'join') {
      const reply = out.reply as { player: number; token: string };
      c.who = { kind: 'player', id: reply.player };
      send(c, { type: 'ack', seq: m.seq, joined: reply });
      broadcast(live);
    } else send(c, { type: 'ack', seq: m.seq });
  };

  const onMessage = (c: Conn, data: Buffer, isBinary: boolean) => {
    if (!c.rate.take(clock())) {
      c.strikes++;
      send(c, { type: 'error', error: `rate: more than ${LIMITS.ratePerSecond} messages a second; this one was dropped` });
      if (c.strikes > 50) c.ws.close(1008, 'too many messages');
      return;
    }
    if (isBinary) return send(c, { type: 'error', error: 'message: binary frames are not accepted; send JSON text' });
    if (data.length > LIMITS.messageBytes) return send(c, { type: 'error', error: `message: ${data.length} bytes, more than the ${LIMITS.messageBytes} allowed` });
    const parsed = parseClientMessage(data.toString('utf8'));
    if (!parsed.ok) return send(c, { type: 'error', error: parsed.error });
    const m = parsed.message;
    if (m.type === 'create') {
      void create(c, m).catch((e) => {
        say(`internal error creating a room: ${(e as Error).stack}`);
        send(c, { type: 'error', error: 'internal error: the room was not created' });
      });
      return;
    }
    if (m.type === 'hello') return hello(c, m);
    return command(c, m);
  };

  // ---------- HTTP ----------
  const serveFile = (res: ServerResponse, file: string) => {
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  };
  const plain = (res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'content-security-policy': CSP });
    res.end(text);
  };
  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return plain(res, 400, 'bad path');
    }
    const joinLink = /^\/join\/([A-Z0-9]{6})$/.exec(path);
    if (joinLink) {
      res.writeHead(302, { location: `/classroom.html?room=${joinLink[1]}` });
      return res.end();
    }
    if (path === '/classroom' || path === '/classroom/') {
      res.writeHead(302, { location: '/classroom.html' });
      return res.end();
    }
    if (path === '/api/library') {
      const scenarios = library.map((e) => ({ name: e.name, title: e.title, kind: e.kind, horizonPeriods: e.scenario.horizonPeriods, members: e.scenario.coalition.members.map((m) => m.id) }));
      return plain(res, 200, JSON.stringify({ scenarios, shocks: SHOCK_LIBRARY }), 'application/json');
    }
    const api = /^\/api\/rooms\/([A-Z0-9]{6})\/(qr\.svg|log\.json|log\.csv)$/.exec(path);
    if (api) {
      const live = ROOM_CODE_PATTERN.test(api[1]) ? rooms.get(api[1]) : undefined;
      if (!live) return plain(res, 404, 'no such room');
      if (api[2] === 'qr.svg') return plain(res, 200, await QRCode.toString(`${joinBase}/join/${api[1]}`, { type: 'svg', margin: 1 }), 'image/svg+xml');
      const key = String(req.headers['x-facilitator-key'] ?? '');
      if (!/^[0-9a-f]{32}$/.test(key) || !timingSafeEqual(Buffer.from(sha256(key), 'hex'), Buffer.from(live.keyHash, 'hex'))) return plain(res, 403, 'the facilitator key is needed (header x-facilitator-key)');
      return api[2] === 'log.json' ? plain(res, 200, logJson(live.room, live.entries), 'application/json') : plain(res, 200, logCsv(live.room), 'text/csv; charset=utf-8');
    }
    const rel = path === '/' ? 'index.html' : path.slice(1);
    const file = normalize(join(staticDir, rel));
    if (!file.startsWith(staticDir + sep) || !existsSync(file) || !statSync(file).isFile()) return plain(res, 404, 'not found');
    serveFile(res, file);
  };

  const http: Server = createServer((req, res) => {
    onRequest(req, res).catch((e) => plain(res, 500, `internal error: ${(e as Error).message}`));
  });
  const wss = new WebSocketServer({ server: http, path: '/ws', maxPayload: 4 * LIMITS.messageBytes });
  // Group commit: the messages that arrive in one turn of the event loop are applied in
  // order inside one SQLite transaction (each still kept or refused on its own, as a
  // savepoint) and committed with one fsync; their acks and states go out after the commit.
  const inbox: { c: Conn; data: Buffer; isBinary: boolean }[] = [];
  let closed = false;
  const flush = () => {
    const batch = inbox.splice(0);
    if (closed) return;
    outbox = [];
    try {
      store.batch(() => {
        for (const { c, data, isBinary } of batch) {
          try {
            onMessage(c, data, isBinary);
          } catch (e) {
            say(`internal error on a message: ${(e as Error).stack}`);
            send(c, { type: 'error', error: 'internal error: nothing was changed' });
          }
        }
      });
    } catch (e) {
      // The commit failed: nothing of the batch is on disk and nothing was acknowledged. The rooms in memory are ahead of the store, so stop; a restart replays the store.
      say(`fatal: the data file could not commit: ${(e as Error).message}`);
      process.exit(1);
    }
    const sent = outbox;
    outbox = null;
    for (const [c, text] of sent) if (c.ws.readyState === c.ws.OPEN) c.ws.send(text);
  };
  wss.on('connection', (ws) => {
    const c: Conn = { ws, who: { kind: 'guest' }, rate: new RateLimit(LIMITS.burst, LIMITS.ratePerSecond, clock()), strikes: 0 };
    ws.on('message', (data, isBinary) => {
      if (inbox.push({ c, data: data as Buffer, isBinary }) === 1) setImmediate(flush);
    });
    ws.on('close', () => leave(c));
    ws.on('error', () => leave(c));
  });

  await new Promise<void>((ok, fail) => {
    http.once('error', (e: NodeJS.ErrnoException) => fail(new Error(e.code === 'EADDRINUSE' ? `port ${options.port} is in use; choose another with --port` : `cannot listen on port ${options.port}: ${e.message}`)));
    http.listen(options.port, options.host ?? '0.0.0.0', () => ok());
  });
  const port = (http.address() as { port: number }).port;
  if (!joinBase) joinBase = `http://${options.host && options.host !== '0.0.0.0' ? options.host : lanAddress()}:${port}`;
  // Finished rooms whose debrief was not yet computed (the process stopped in between).
  for (const live of rooms.values()) {
    schedule(live);
    finishDebrief(live);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    joinBase,
    get rooms() {
      return rooms.size;
    },
    async close() {
      closed = true;
      building.clear();
      await analysis.close();
      for (const live of rooms.values()) clearTimeout(live.timer);
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
      await new Promise<void>((ok) => http.close(() => ok()));
      store.close();
    },
  };
}
