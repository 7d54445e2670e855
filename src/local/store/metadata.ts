import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open.js';
import { StatementCache } from './statements.js';
import type { ColumnMeta, ColumnSpec, DatabaseMeta, IndexMeta, SchemaStatus, TableMeta } from '../schema/types.js';
import { parseJson, stringifyJson } from '../json-codec.js';
import { nowUtc } from '../datetime.js';

/** Reads and writes the metadata tables. Pure persistence: no Appwrite rules live here. */
export class MetadataStore {
  private readonly statements: StatementCache;

  constructor(readonly db: Sqlite) {
    this.statements = new StatementCache(db, 200);
  }

  /**
   * Bumped whenever a write statement is handed out, so callers can cache what they derive from the
   * metadata (LocalProject's table contexts) and know when to drop it. Over-counting is harmless.
   */
  generation = 0;

  private stmt(sql: string): Statement {
    const statement = this.statements.get(sql);
    if (!statement.reader) this.generation++;
    return statement;
  }

  // -- databases ---------------------------------------------------------------------------------
  listDatabases(): DatabaseMeta[] {
    return (this.stmt('SELECT * FROM meta_databases ORDER BY seq').all() as DbRow[]).map(toDatabase);
  }

  getDatabase(id: string): DatabaseMeta | undefined {
    const row = this.stmt('SELECT * FROM meta_databases WHERE id = ?').get(id) as DbRow | undefined;
    return row && toDatabase(row);
  }

  insertDatabase(id: string, name: string, enabled: boolean, type: DatabaseMeta['type']): DatabaseMeta {
    const now = nowUtc();
    this.stmt('INSERT INTO meta_databases (id, name, enabled, type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, enabled ? 1 : 0, type, now, now);
    return this.getDatabase(id)!;
  }

  updateDatabase(seq: number, name: string, enabled: boolean): void {
    this.stmt('UPDATE meta_databases SET name = ?, enabled = ?, updated_at = ? WHERE seq = ?')
      .run(name, enabled ? 1 : 0, nowUtc(), seq);
  }

  deleteDatabase(seq: number): void {
    this.stmt('DELETE FROM meta_databases WHERE seq = ?').run(seq);
  }

  // -- tables ------------------------------------------------------------------------------------
  listTables(dbSeq: number): TableMeta[] {
    return (this.stmt(`${TABLE_SELECT} WHERE t.db_seq = ? ORDER BY t.seq`).all(dbSeq) as TableRow[]).map(toTable);
  }

  getTable(dbSeq: number, id: string): TableMeta | undefined {
    const row = this.stmt(`${TABLE_SELECT} WHERE t.db_seq = ? AND t.id = ?`).get(dbSeq, id) as TableRow | undefined;
    return row && toTable(row);
  }

  getTableBySeq(seq: number): TableMeta | undefined {
    const row = this.stmt(`${TABLE_SELECT} WHERE t.seq = ?`).get(seq) as TableRow | undefined;
    return row && toTable(row);
  }

  insertTable(dbSeq: number, id: string, name: string, enabled: boolean, rowSecurity: boolean, permissions: string[]): number {
    const now = nowUtc();
    const result = this.stmt(
        'INSERT INTO meta_tables (db_seq, id, name, enabled, row_security, permissions, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(dbSeq, id, name, enabled ? 1 : 0, rowSecurity ? 1 : 0, JSON.stringify(permissions), now, now);
    return Number(result.lastInsertRowid);
  }

  updateTable(seq: number, name: string, enabled: boolean, rowSecurity: boolean, permissions: string[]): void {
    this.stmt('UPDATE meta_tables SET name = ?, enabled = ?, row_security = ?, permissions = ?, updated_at = ? WHERE seq = ?')
      .run(name, enabled ? 1 : 0, rowSecurity ? 1 : 0, JSON.stringify(permissions), nowUtc(), seq);
  }

  deleteTable(seq: number): void {
    this.stmt('DELETE FROM meta_tables WHERE seq = ?').run(seq);
  }

  // -- columns -----------------------------------------------------------------------------------
  listColumns(tableSeq: number): ColumnMeta[] {
    return (this.stmt('SELECT * FROM meta_columns WHERE table_seq = ? ORDER BY seq').all(tableSeq) as ColumnRow[]).map(toColumn);
  }

  getColumnBySeq(seq: number): ColumnMeta | undefined {
    const row = this.stmt('SELECT * FROM meta_columns WHERE seq = ?').get(seq) as ColumnRow | undefined;
    return row && toColumn(row);
  }

  insertColumn(tableSeq: number, key: string, kind: ColumnMeta['kind'], spec: ColumnSpec, status: SchemaStatus): ColumnMeta {
    const now = nowUtc();
    const result = this.stmt('INSERT INTO meta_columns (table_seq, key, kind, status, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(tableSeq, key, kind, status, stringifyJson(spec), now, now);
    return this.getColumnBySeq(Number(result.lastInsertRowid))!;
  }

  updateColumn(seq: number, key: string, spec: ColumnSpec): void {
    this.stmt('UPDATE meta_columns SET key = ?, spec = ?, updated_at = ? WHERE seq = ?')
      .run(key, stringifyJson(spec), nowUtc(), seq);
  }

  setColumnStatus(seq: number, status: SchemaStatus, error = ''): void {
    this.stmt('UPDATE meta_columns SET status = ?, error = ?, updated_at = ? WHERE seq = ?').run(status, error, nowUtc(), seq);
  }

  deleteColumn(seq: number): void {
    this.stmt('DELETE FROM meta_columns WHERE seq = ?').run(seq);
  }

  // -- indexes -----------------------------------------------------------------------------------
  listIndexes(tableSeq: number): IndexMeta[] {
    return (this.stmt('SELECT * FROM meta_indexes WHERE table_seq = ? ORDER BY seq').all(tableSeq) as IndexRow[]).map(toIndex);
  }

  getIndexBySeq(seq: number): IndexMeta | undefined {
    const row = this.stmt('SELECT * FROM meta_indexes WHERE seq = ?').get(seq) as IndexRow | undefined;
    return row && toIndex(row);
  }

  insertIndex(
    tableSeq: number,
    index: Pick<IndexMeta, 'key' | 'type' | 'columns' | 'orders' | 'lengths'>,
    status: SchemaStatus,
  ): IndexMeta {
    const now = nowUtc();
    const result = this.stmt(
        'INSERT INTO meta_indexes (table_seq, key, type, status, columns, orders, lengths, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(tableSeq, index.key, index.type, status, JSON.stringify(index.columns), JSON.stringify(index.orders), JSON.stringify(index.lengths), now, now);
    return this.getIndexBySeq(Number(result.lastInsertRowid))!;
  }

  updateIndexColumns(seq: number, columns: string[], orders: string[], lengths: (number | null)[]): void {
    this.stmt('UPDATE meta_indexes SET columns = ?, orders = ?, lengths = ?, updated_at = ? WHERE seq = ?')
      .run(JSON.stringify(columns), JSON.stringify(orders), JSON.stringify(lengths), nowUtc(), seq);
  }

  setIndexStatus(seq: number, status: SchemaStatus, error = ''): void {
    this.stmt('UPDATE meta_indexes SET status = ?, error = ?, updated_at = ? WHERE seq = ?').run(status, error, nowUtc(), seq);
  }

  deleteIndex(seq: number): void {
    this.stmt('DELETE FROM meta_indexes WHERE seq = ?').run(seq);
  }

  /** Work the worker had not finished when the process stopped. */
  pendingWork(): { columns: ColumnMeta[]; indexes: IndexMeta[] } {
    const columns = (this.stmt(`SELECT * FROM meta_columns WHERE status IN ('processing','deleting') ORDER BY updated_at, seq`).all() as ColumnRow[]).map(toColumn);
    const indexes = (this.stmt(`SELECT * FROM meta_indexes WHERE status IN ('processing','deleting') ORDER BY updated_at, seq`).all() as IndexRow[]).map(toIndex);
    return { columns, indexes };
  }
}

const TABLE_SELECT = 'SELECT t.*, d.id AS database_id FROM meta_tables t JOIN meta_databases d ON d.seq = t.db_seq';

interface DbRow { seq: number; id: string; name: string; enabled: number; type: string; created_at: string; updated_at: string }
interface TableRow {
  seq: number; db_seq: number; database_id: string; id: string; name: string; enabled: number; row_security: number;
  permissions: string; created_at: string; updated_at: string;
}
interface ColumnRow { seq: number; table_seq: number; key: string; kind: string; status: string; error: string; spec: string; created_at: string; updated_at: string }
interface IndexRow {
  seq: number; table_seq: number; key: string; type: string; status: string; error: string; columns: string; orders: string;
  lengths: string; created_at: string; updated_at: string;
}

function toDatabase(row: DbRow): DatabaseMeta {
  return {
    seq: row.seq, id: row.id, name: row.name, enabled: row.enabled === 1,
    type: row.type === 'legacy' ? 'legacy' : 'tablesdb', createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function toTable(row: TableRow): TableMeta {
  return {
    seq: row.seq, dbSeq: row.db_seq, databaseId: row.database_id, id: row.id, name: row.name, enabled: row.enabled === 1,
    rowSecurity: row.row_security === 1, permissions: JSON.parse(row.permissions) as string[],
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function toColumn(row: ColumnRow): ColumnMeta {
  return {
    seq: row.seq, tableSeq: row.table_seq, key: row.key, kind: row.kind as ColumnMeta['kind'],
    status: row.status as SchemaStatus, error: row.error, spec: parseJson(row.spec) as ColumnSpec,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function toIndex(row: IndexRow): IndexMeta {
  return {
    seq: row.seq, tableSeq: row.table_seq, key: row.key, type: row.type as IndexMeta['type'], status: row.status as SchemaStatus,
    error: row.error, columns: JSON.parse(row.columns) as string[], orders: JSON.parse(row.orders) as string[],
    lengths: JSON.parse(row.lengths) as (number | null)[], createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
