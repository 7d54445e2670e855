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
    return BigInt(result.lastInsertRowid);
  } catch (error) {
    throw translateConstraint(error, row.id);
  }
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
