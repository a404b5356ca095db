import Database from 'better-sqlite3';
import type { LogEntry, RoomConfig } from '../../classroom/index.ts';

/**
 * The classroom's embedded store: one SQLite file with a row per room (its configuration
 * and the hash of the facilitator's key) and the rooms' append-only logs. An entry is
 * written inside the transaction that applies it, so a decision is on disk before it is
 * acknowledged (synchronous = FULL), and a refused one is rolled back with it. Messages
 * that arrive together are committed together (`batch`: one fsync for all of them).
 */
export interface StoredRoom {
  config: RoomConfig;
  keyHash: string;
  entries: LogEntry[];
}

export class ClassroomStore {
  private readonly db: Database.Database;
  private readonly insertRoom: Database.Statement;
  private readonly insertEntry: Database.Statement;

  /** Opens (or creates) the file. @throws Error naming the file when it is not a classroom store or cannot be opened. */
  constructor(readonly file: string) {
    try {
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS rooms (code TEXT PRIMARY KEY, key_hash TEXT NOT NULL, config TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS log (code TEXT NOT NULL REFERENCES rooms(code), n INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (code, n));
      `);
    } catch (e) {
      throw new Error(`${file}: cannot open the classroom data file (${(e as Error).message})`);
    }
    this.insertRoom = this.db.prepare('INSERT INTO rooms (code, key_hash, config) VALUES (?, ?, ?)');
    this.insertEntry = this.db.prepare('INSERT INTO log (code, n, entry) VALUES (?, ?, ?)');
  }

  addRoom(config: RoomConfig, keyHash: string): void {
    this.insertRoom.run(config.code, keyHash, JSON.stringify(config));
  }

  /**
   * Runs `apply` and appends `entry` as entry `n` of the room's log in one transaction:
   * when `apply` returns false or throws, nothing is written.
   */
  appendIf<T extends { ok: boolean }>(code: string, n: number, entry: LogEntry, apply: () => T): T {
    let result!: T;
    const tx = this.db.transaction(() => {
      result = apply();
      if (!result.ok) throw new RolledBack();
      this.insertEntry.run(code, n, JSON.stringify(entry));
    });
    try {
      tx();
    } catch (e) {
      if (!(e instanceof RolledBack)) throw e;
    }
    return result;
  }

  /**
   * Runs `work` in one transaction (group commit): the appendIf calls inside become
   * savepoints, so each entry is still kept or rolled back on its own, and one fsync
   * commits them all. The caller acknowledges none of them before this returns.
   * @throws what the commit throws (then nothing of `work` is on disk).
   */
  batch(work: () => void): void {
    this.db.transaction(work)();
  }

  /** Every room with its log, in order. */
  rooms(): StoredRoom[] {
    const rows = this.db.prepare('SELECT code, key_hash, config FROM rooms ORDER BY rowid').all() as { code: string; key_hash: string; config: string }[];
    const entries = this.db.prepare('SELECT entry FROM log WHERE code = ? ORDER BY n');
    return rows.map((r) => ({ config: JSON.parse(r.config) as RoomConfig, keyHash: r.key_hash, entries: (entries.all(r.code) as { entry: string }[]).map((e) => JSON.parse(e.entry) as LogEntry) }));
  }

  close(): void {
    this.db.close();
  }
}

class RolledBack extends Error {}
