import WebSocket from 'ws';

/**
 * A classroom client for tests and the benchmark: sends JSON, and waits for a message
 * that matches (event-driven, no sleeps). Every message received is kept in order.
 */
export class WsClient {
  readonly messages: any[] = [];
  private waiters: { match: (m: any) => boolean; resolve: (m: any) => void; reject: (e: Error) => void; from: number }[] = [];
  private seq = -1;
  lastState: any = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.type === 'state') {
        this.lastState = m;
        if (typeof m.you?.lastSeq === 'number' && m.you.lastSeq > this.seq) this.seq = m.you.lastSeq;
      }
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(m)) return true;
        w.resolve(m);
        return false;
      });
    });
    ws.on('close', () => {
      for (const w of this.waiters) w.reject(new Error('the connection closed while waiting'));
      this.waiters = [];
    });
  }

  static open(url: string): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(new WsClient(ws)));
      ws.once('error', reject);
    });
  }

  raw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }
  send(message: Record<string, unknown>): void {
    this.raw(JSON.stringify(message));
  }
  /** Sends a command with the next seq and waits for its ack or error. */
  async command(command: Record<string, unknown>): Promise<any> {
    const seq = ++this.seq;
    const reply = this.next((m) => (m.type === 'ack' || m.type === 'error') && m.seq === seq);
    this.send({ ...command, seq });
    return reply;
  }
  /** The first message from now on (or already received since `from`) that matches. */
  next(match: (m: any) => boolean, from = this.messages.length, timeoutMs = 60_000): Promise<any> {
    const seen = this.messages.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms; last: ${JSON.stringify(this.messages.at(-1))?.slice(0, 300)}`)), timeoutMs);
      this.waiters.push({ match, from, resolve: (m) => (clearTimeout(timer), resolve(m)), reject: (e) => (clearTimeout(timer), reject(e)) });
    });
  }
  /** Waits for a state in which `pred` holds (the latest state first). */
  state(pred: (s: any) => boolean, timeoutMs?: number): Promise<any> {
    if (this.lastState && pred(this.lastState)) return Promise.resolve(this.lastState);
    return this.next((m) => m.type === 'state' && pred(m), this.messages.length, timeoutMs);
  }
  close(): void {
    this.ws.close();
  }
}
