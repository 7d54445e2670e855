import type { Sqlite } from '../store/open.js';
import { quoteIdent } from '../sql-names.js';

/**
 * An index of who may read each row, `(perm, seq)` with perm = `read("<role>")`, so the row-security
 * filter of listRows is an index lookup instead of a JSON scan of every row (17 ms -> ~1 ms per list at
 * 20k rows). It lives in SQLite's TEMP schema and is kept in sync by TEMP triggers: it is derived
 * data, built on the first non-key list of a table, never written to the data file, and gone with
 * the connection, so the on-disk format and the row write paths stay untouched.
 */
function names(rowTable: string) {
  const index = `${rowTable}__read`;
  return { index, bySeq: `${index}_seq`, ai: `${index}_ai`, ad: `${index}_ad`, au: `${index}_au` };
}

/**
 * Returns the name of the TEMP read index, building it when its insert trigger is missing: on first use,
 * and again if the row table was dropped (which drops the triggers) and a table of that name came back.
 */
export function ensureReadIndex(db: Sqlite, rowTable: string): string {
  const n = names(rowTable);
  if (db.prepare(`SELECT 1 FROM temp.sqlite_master WHERE type = 'trigger' AND name = ?`).get(n.ai)) return n.index;
  const idx = `temp.${quoteIdent(n.index)}`;
  const table = `main.${quoteIdent(rowTable)}`;
  const readsOf = (row: 'new' | 't') => `SELECT value, ${row}._seq FROM json_each(${row}._permissions) WHERE value LIKE 'read(%'`;
  db.transaction(() => {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${quoteIdent(n.index)} (perm TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (perm, seq)) WITHOUT ROWID`);
    db.exec(`CREATE INDEX IF NOT EXISTS temp.${quoteIdent(n.bySeq)} ON ${quoteIdent(n.index)} (seq)`);
    db.exec(`DELETE FROM ${idx}`);
    db.exec(`INSERT OR IGNORE INTO ${idx} (perm, seq) ${readsOf('t').replace('FROM json_each', `FROM ${table} AS t, json_each`)}`);
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${quoteIdent(n.ai)} AFTER INSERT ON ${table} BEGIN
      INSERT OR IGNORE INTO ${quoteIdent(n.index)} (perm, seq) ${readsOf('new')}; END`);
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${quoteIdent(n.ad)} AFTER DELETE ON ${table} BEGIN
      DELETE FROM ${quoteIdent(n.index)} WHERE seq = old._seq; END`);
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${quoteIdent(n.au)} AFTER UPDATE OF _permissions, _seq ON ${table} BEGIN
      DELETE FROM ${quoteIdent(n.index)} WHERE seq = old._seq;
      INSERT OR IGNORE INTO ${quoteIdent(n.index)} (perm, seq) ${readsOf('new')}; END`);
  })();
  return n.index;
}
