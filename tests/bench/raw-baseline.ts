import Database from 'better-sqlite3';
import { openStore } from '../../src/local/store/open.js';

/**
 * The raw better-sqlite3 side of the bulk-insert benchmark, built so that the ratio measures only the
 * server's overhead (HTTP, JSON, validation, rendering, the SDK) and not a cheaper storage layout:
 * - the connection is opened by the server's own `openStore` (same pragmas: WAL, synchronous=NORMAL),
 * - the row table, every SQL index, the FTS5 external-content tables, their triggers and their FTS5
 *   settings are copied verbatim from the server's data file,
 * - the rows are the exact values the server stored (read back from its file), one transaction per
 *   batch, either with one prepared single-row INSERT per row ('row') or one multi-row INSERT per
 *   batch ('batch', what the server itself does); the benchmark compares against the faster of the two.
 */

export interface StoredTable {
  ddl: string[];
  ftsSettings: string[];
  columns: string[];
  rows: unknown[][];
}

/** Reads the DDL, FTS5 settings and stored rows of the only row table in a server's data file. */
export function readStoredTable(file: string): StoredTable {
  const db = new Database(file, { readonly: true });
  try {
    const [rowTable] = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rows\\_%' ESCAPE '\\' AND name NOT LIKE '%\\_\\_fts\\_%' ESCAPE '\\'`)
      .pluck()
      .all() as string[];
    if (!rowTable) throw new Error('no row table in the server file');
    const objects = db
      .prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND (tbl_name = ? OR name LIKE ? ESCAPE '\\')`)
      .all(rowTable, `${rowTable.replaceAll('_', '\\_')}\\_\\_fts\\_%`) as { type: string; name: string; sql: string }[];
    const virtual = objects.filter((o) => o.type === 'table' && o.sql.startsWith('CREATE VIRTUAL TABLE'));
    const ddl = [
      ...objects.filter((o) => o.type === 'table' && o.name === rowTable),
      ...objects.filter((o) => o.type === 'index'),
      ...virtual,
      ...objects.filter((o) => o.type === 'trigger'),
    ].map((o) => o.sql);
    const ftsSettings = virtual.flatMap(({ name }) =>
      (db.prepare(`SELECT k, v FROM "${name}_config" WHERE k <> 'version'`).all() as { k: string; v: unknown }[]).map(
        ({ k, v }) => `INSERT INTO "${name}"("${name}", rank) VALUES (${sqlLiteral(k)}, ${sqlLiteral(v)})`,
      ),
    );
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(rowTable) as string[]).filter((c) => c !== '_seq');
    const list = columns.map((c) => `"${c}"`).join(', ');
    const rows = db.prepare(`SELECT ${list} FROM "${rowTable}" ORDER BY _seq`).raw().safeIntegers(true).all() as unknown[][];
    return { ddl, ftsSettings, columns, rows };
  } finally {
    db.close();
  }
}

/** Inserts the stored rows into a fresh file with the same schema; returns the seconds spent inserting. */
export function rawInsert(stored: StoredTable, file: string, batch: number, statement: 'row' | 'batch'): number {
  const db = openStore({ file });
  try {
    for (const sql of stored.ddl) db.exec(sql);
    for (const sql of stored.ftsSettings) db.exec(sql);
    const table = /^CREATE TABLE "?([^"\s(]+)/.exec(stored.ddl[0] ?? '')?.[1];
    const list = stored.columns.map((c) => `"${c}"`).join(', ');
    const tuple = `(${stored.columns.map(() => '?').join(', ')})`;
    const sqlFor = (count: number) => `INSERT INTO "${table}" (${list}) VALUES ${new Array<string>(count).fill(tuple).join(', ')}`;
    const single = db.prepare(sqlFor(1));
    const full = db.prepare(sqlFor(batch));
    const insertBatch = db.transaction((rows: unknown[][]) => {
      if (statement === 'row') for (const row of rows) single.run(...row);
      else if (rows.length === batch) full.run(...rows.flat());
      else db.prepare(sqlFor(rows.length)).run(...rows.flat());
    });
    const started = performance.now();
    for (let i = 0; i < stored.rows.length; i += batch) insertBatch(stored.rows.slice(i, i + batch));
    return (performance.now() - started) / 1000;
  } finally {
    db.close();
  }
}

function sqlLiteral(value: unknown): string {
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
}
