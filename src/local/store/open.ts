import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sqlRegexp } from '../query/index.js';

export type Sqlite = Database.Database;

/**
 * Metadata of the emulated project, keyed by internal sequence numbers so that renames never touch
 * physical names. Row data lives in one real table per Appwrite table (see sql-names.ts).
 */
const METADATA_SCHEMA = `
CREATE TABLE IF NOT EXISTS project_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta_databases (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta_tables (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  db_seq INTEGER NOT NULL REFERENCES meta_databases(seq) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  row_security INTEGER NOT NULL,
  permissions TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (db_seq, id)
);
CREATE TABLE IF NOT EXISTS meta_columns (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  table_seq INTEGER NOT NULL REFERENCES meta_tables(seq) ON DELETE CASCADE,
  key TEXT NOT NULL COLLATE NOCASE,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  spec TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (table_seq, key)
);
CREATE TABLE IF NOT EXISTS meta_indexes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  table_seq INTEGER NOT NULL REFERENCES meta_tables(seq) ON DELETE CASCADE,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  columns TEXT NOT NULL,
  orders TEXT NOT NULL,
  lengths TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (table_seq, key)
);
CREATE TABLE IF NOT EXISTS meta_dropped_tables (name TEXT PRIMARY KEY);
`;

export function openStore(options: { file?: string; memory?: boolean }): Sqlite {
  const target = options.memory || !options.file ? ':memory:' : options.file;
  if (target !== ':memory:') mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = new Database(target);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Query.regex compiles to `col REGEXP ?`, which SQLite routes to this user function.
  db.function('regexp', { deterministic: true }, sqlRegexp);
  db.exec(METADATA_SCHEMA);
  // Planner statistics on open, where missing or stale (0x10000: every table, not only those this
  // connection has queried), bounded by a per-index sample so that a big file still opens fast. The
  // limit is lifted afterwards: a limited ANALYZE skips the sqlite_stat4 samples that one-sided ranges
  // need, so planner-stats.ts runs full ones when tables change.
  db.pragma('analysis_limit = 1000');
  db.pragma('optimize = 0x10002');
  db.pragma('analysis_limit = 0');
  return db;
}

export function readProjectMeta(db: Sqlite, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM project_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeProjectMeta(db: Sqlite, key: string, value: string): void {
  db.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The API key persists in the data file so a restarted server keeps accepting the same key. */
export function resolveApiKey(db: Sqlite, given: string | undefined): string {
  if (given) {
    writeProjectMeta(db, 'api_key', given);
    return given;
  }
  const stored = readProjectMeta(db, 'api_key');
  if (stored) return stored;
  const generated = `local_${randomBytes(24).toString('hex')}`;
  writeProjectMeta(db, 'api_key', generated);
  return generated;
}
