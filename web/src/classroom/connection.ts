/**
 * The classroom's WebSocket client: numbers every command (seq, continuing from the last
 * one the room accepted from this device), reconnects after a drop and says hello again
 * with the stored token or key, so a player who drops gets their seat back.
 */
export type Identity = { as: 'player'; token: string } | { as: 'facilitator'; key: string } | { as: 'guest' };

const STORE = 'relief-lab-classroom:';

export function storedIdentity(code: string): Identity | null {
  try {
    const v = JSON.parse(localStorage.getItem(STORE + code) ?? 'null');
    if (v?.as === 'player' && typeof v.token === 'string') return v;
    if (v?.as === 'facilitator' && typeof v.key === 'string') return v;
  } catch {
    /* an unreadable entry is no identity */
  }
  return null;
}

export function storeIdentity(code: string, id: Identity): void {
  localStorage.setItem(STORE + code, JSON.stringify(id));
}

export interface ServerMessage {
  type: string;
  [k: string]: unknown;
}

export class Connection {
  private ws: WebSocket | null = null;
  private seq = -1;
  private queue: string[] = [];
  private closed = false;
  room: string | null = null;
  identity: Identity | null = null;

  constructor(
    private readonly onMessage: (m: ServerMessage) => void,
    private readonly onStatus: (s: 'open' | 'closed') => void,
  ) {
    this.open();
  }

  private open(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.onStatus('open');
      if (this.room && this.identity) this.raw({ type: 'hello', room: this.room, ...this.identity });
      for (const q of this.queue.splice(0)) ws.send(q);
    };
    ws.onmessage = (e) => {
      let m: ServerMessage;
      try {
        m = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (m.type === 'state') {
        const last = (m.you as { lastSeq?: number } | undefined)?.lastSeq;
        if (typeof last === 'number' && last > this.seq) this.seq = last;
      }
      this.onMessage(m);
    };
    ws.onclose = () => {
      this.onStatus('closed');
      if (!this.closed) setTimeout(() => this.open(), 1000);
    };
  }

  /** Sends a message as it is (create, hello). */
  raw(message: Record<string, unknown>): void {
    const text = JSON.stringify(message);
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(text);
    else this.queue.push(text);
  }

  hello(room: string, identity: Identity): void {
    this.room = room;
    this.identity = identity;
    this.raw({ type: 'hello', room, ...identity });
  }

  /** Sends a room command with the next seq; returns the seq. */
  command(command: Record<string, unknown>): number {
    this.seq += 1;
    this.raw({ ...command, seq: this.seq });
    return this.seq;
  }
}
