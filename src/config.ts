// Everything a running emulator can be told, with the defaults `npm start` uses.
export interface EmulatorConfig {
  /** TCP port; 0 picks a free one. */
  port: number;
  host: string;
  /**
   * TEMPORARY_DB (a SQLite file gone with the process), ":memory:", a SQLite file path (WAL mode, state outlives a
   * restart), or a postgres:// URL (shared by several nodes).
   */
  db: string;
  /** PostgreSQL: connections each node keeps in its pool. */
  dbPoolSize: number;
  /** SQLite (a file or the temporary one): MiB of database pages the process keeps; the rest is read from the file. */
  dbCacheMiB: number;
  /** Fixture files or directories loaded at start (and by a reset). */
  fixtures: string[];
  /** Validate responses against the spec too (always on in the test suite). */
  strict: boolean;
  logLevel: string;
  /** log2 of scrypt's N for stored passwords and client secrets. */
  passwordCost: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Makes generated ids reproducible. */
  seed?: string;
  /** Requests the journal keeps (the oldest are dropped). */
  journalSize: number;
  /** When set, /_emulator/* calls (but health and the keys) must send it in X-Emulator-Token. */
  controlToken?: string;
  /** Without a token, Host names (beside loopback ones and the bound address) control calls may come under. */
  controlHosts?: string[];
  /** PostgreSQL: the URL the other nodes reach this one at (default: the address it listens on). */
  advertiseUrl?: string;
  /** A file to write {"url": ...} to once listening, for suites that start the CLI. */
  readyFile?: string;
}

/**
 * The database `npm start` uses when given no `--db`: a SQLite file in a directory of the emulator's own under the
 * OS temp dir, gone when it closes or exits (or, killed, when the next emulator starts: db/temp-dir.ts). Its pages
 * live in a bounded page cache and the rest in the OS's file cache: a large tenant stays out of the process's
 * memory, and a request's reads stay in one compact cache instead of pages scattered over the heap
 * (docs/PERFORMANCE.md).
 */
export const TEMPORARY_DB = "";

export const defaultConfig: EmulatorConfig = {
  port: 4200,
  host: "127.0.0.1",
  db: TEMPORARY_DB,
  dbPoolSize: 10,
  // 16 MiB kept pages and loads as fast as 32 at 100k and 1M users, for 15–25 MiB less resident (docs/PERFORMANCE.md).
  dbCacheMiB: 16,
  fixtures: [],
  strict: false,
  logLevel: "info",
  passwordCost: 12,
  maxBodyBytes: 1024 * 1024,
  journalSize: 1000,
};

/** Lifetimes the real service uses (seed "Detection list management APIs"; py42's API-client test). */
export const USER_TOKEN_TTL_SECONDS = 30 * 60;
export const API_CLIENT_TOKEN_TTL_SECONDS = 15 * 60;
