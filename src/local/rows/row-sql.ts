import type { LocalProject, TableContext } from '../project.js';
import type { SqlValue } from './codec.js';
import { columnSqlName, quoteIdent } from '../sql-names.js';
import { rowAlreadyExists, rowUniqueViolation } from '../error-catalog.js';

/** Row-table SQL with cached statements; every value is a bound parameter. */

export type RawRow = Record<string, unknown>;

export interface NewRow {
  id: string;
  createdAt: string;
  updatedAt: string;
  permissions: string[];
  values: Map<string, SqlValue>;
}

export function selectById(project: LocalProject, context: TableContext, id: string): RawRow | undefined {
  const statement = project.rowStatements.get(`SELECT * FROM ${quoteIdent(context.sqlTable)} WHERE _id = ?`);
  return statement.safeIntegers(true).get(id) as RawRow | undefined;
}

export function selectBySeq(project: LocalProject, context: TableContext, seq: number | bigint): RawRow | undefined {
  const statement = project.rowStatements.get(`SELECT * FROM ${quoteIdent(context.sqlTable)} WHERE _seq = ?`);
  return statement.safeIntegers(true).get(seq) as RawRow | undefined;
}

export function insertRow(project: LocalProject, context: TableContext, row: NewRow): bigint {
  const keys = [...row.values.keys()];
  const names = ['_id', '_createdAt', '_updatedAt', '_permissions', ...keys.map((k) => quoteIdent(columnSqlName(k)))];
  const sql = `INSERT INTO ${quoteIdent(context.sqlTable)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  try {
    const result = project.rowStatements
      .get(sql)
      .run(row.id, row.createdAt, row.updatedAt, JSON.stringify(row.permissions), ...keys.map((k) => row.values.get(k) ?? null));
    project.statistics.noteInserts(context.sqlTable, 1);
    return BigInt(result.lastInsertRowid);
  } catch (error) {
    throw translateConstraint(error, row.id);
  }
}

/** SQLite's default cap on bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER). */
const MAX_PARAMS = 32766;

/**
 * Inserts rows built from one column set with multi-row INSERTs and returns each row's `_seq`. One
 * statement per batch instead of one per row matters beyond call overhead: FTS5 flushes its pending
 * terms into a new segment at every statement boundary, so per-row statements on a fulltext-indexed
 * table cost about twice as much. On any failure the chunk (undone by SQLite as a whole statement) is
 * replayed row by row, so the error names the offending row exactly as a single insert does.
 */
export function insertRows(project: LocalProject, context: TableContext, rows: readonly NewRow[]): bigint[] {
  const keys = [...(rows[0]?.values.keys() ?? [])];
  const sameShape = rows.every((row) => row.values.size === keys.length && keys.every((k) => row.values.has(k)));
  if (!sameShape) return rows.map((row) => insertRow(project, context, row));
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / (4 + keys.length)));
  const seqs: bigint[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    if (chunk.length === 1) {
      seqs.push(insertRow(project, context, chunk[0]!));
      continue;
    }
    seqs.push(...insertChunk(project, context, keys, chunk));
  }
  return seqs;
}

function insertChunk(project: LocalProject, context: TableContext, keys: readonly string[], rows: readonly NewRow[]): bigint[] {
  const names = ['_id', '_createdAt', '_updatedAt', '_permissions', ...keys.map((k) => quoteIdent(columnSqlName(k)))];
  const tuple = `(${names.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO ${quoteIdent(context.sqlTable)} (${names.join(', ')}) VALUES ${new Array<string>(rows.length).fill(tuple).join(', ')}`;
  const params: unknown[] = [];
  for (const row of rows) {
    params.push(row.id, row.createdAt, row.updatedAt, JSON.stringify(row.permissions));
    for (const key of keys) params.push(row.values.get(key) ?? null);
  }
  let last: bigint;
  try {
    last = BigInt(project.rowStatements.get(sql).run(...params).lastInsertRowid);
  } catch {
    return rows.map((row) => insertRow(project, context, row));
  }
  project.statistics.noteInserts(context.sqlTable, rows.length);
  // AUTOINCREMENT hands out max(_seq) + 1 to each row in turn, so one statement's rows are consecutive.
  const first = last - BigInt(rows.length - 1);
  return rows.map((_row, i) => first + BigInt(i));
}

/** The raw row SQLite now holds for an inserted row, without reading it back. */
export function storedRow(row: NewRow, seq: bigint): RawRow {
  const raw: RawRow = {
    _seq: seq,
    _id: row.id,
    _createdAt: row.createdAt,
    _updatedAt: row.updatedAt,
    _permissions: JSON.stringify(row.permissions),
  };
  for (const [key, value] of row.values) raw[columnSqlName(key)] = value;
  return raw;
}

export function updateRowValues(
  project: LocalProject,
  context: TableContext,
  seq: number | bigint,
  changes: { values: Map<string, SqlValue>; updatedAt?: string; createdAt?: string; permissions?: string[] },
): void {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, value] of changes.values) {
    sets.push(`${quoteIdent(columnSqlName(key))} = ?`);
    params.push(value);
  }
  if (changes.updatedAt !== undefined) {
    sets.push('_updatedAt = ?');
    params.push(changes.updatedAt);
  }
  if (changes.createdAt !== undefined) {
    sets.push('_createdAt = ?');
    params.push(changes.createdAt);
  }
  if (changes.permissions !== undefined) {
    sets.push('_permissions = ?');
    params.push(JSON.stringify(changes.permissions));
  }
  if (sets.length === 0) return;
  try {
    project.rowStatements.get(`UPDATE ${quoteIdent(context.sqlTable)} SET ${sets.join(', ')} WHERE _seq = ?`).run(...params, seq);
  } catch (error) {
    throw translateConstraint(error, '');
  }
}

export function deleteBySeq(project: LocalProject, context: TableContext, seq: number | bigint): void {
  project.rowStatements.get(`DELETE FROM ${quoteIdent(context.sqlTable)} WHERE _seq = ?`).run(seq);
}

function translateConstraint(error: unknown, id: string): unknown {
  const code = (error as { code?: string }).code;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE') return error;
  const message = (error as Error).message;
  return message.endsWith('._id') ? rowAlreadyExists(id) : rowUniqueViolation();
}
