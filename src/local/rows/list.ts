import type { TableContext } from '../project.js';
import type { ColumnMeta } from '../schema/types.js';
import type { LocalColumnType, ParsedQuery, QueryColumn, QueryTable, SelectPlan } from '../query/index.js';
import { compileSelect, compileSelection, parseQueries } from '../query/index.js';
import { ftsTableName, quoteIdent } from '../sql-names.js';
import { FORMAT_OF } from '../schema/types.js';
import { render, type RowScope } from './rows.js';
import type { RawRow } from './row-sql.js';
import { selectById } from './row-sql.js';
import { queryInvalid } from '../errors.js';

/** listRows and the selection step of bulk update/delete, through the query module. */

function queryType(column: ColumnMeta): LocalColumnType {
  switch (column.kind) {
    case 'float':
      return 'double';
    case 'email':
    case 'url':
    case 'ip':
    case 'enum':
      return 'string';
    default:
      return column.kind;
  }
}

export function queryTable(context: TableContext): QueryTable {
  const columns = new Map<string, QueryColumn>();
  for (const column of context.available) {
    const entry: QueryColumn = { key: column.key, type: queryType(column), array: column.spec.array, encrypt: column.spec.encrypt ?? false };
    const format = FORMAT_OF[column.kind];
    if (format) entry.format = format;
    if (column.spec.elements) entry.elements = column.spec.elements;
    columns.set(column.key, entry);
  }
  const fulltext = new Map<string, string>();
  for (const index of context.indexes) {
    const [only] = index.columns;
    if (index.type === 'fulltext' && index.status === 'available' && index.columns.length === 1 && only !== undefined) {
      fulltext.set(only, ftsTableName(context.sqlTable, index.key));
    }
  }
  return { sqlTable: context.sqlTable, columns, fulltext };
}

function options(scope: RowScope) {
  return {
    loadCursorRow: (rowId: string) => selectById(scope.project, scope.context, rowId),
    ...(scope.rowFilter ? { extraWhere: scope.rowFilter } : {}),
  };
}

function runPlan(scope: RowScope, plan: SelectPlan): RawRow[] {
  return scope.project.rowStatements.get(plan.sql).safeIntegers(true).all(...plan.params) as RawRow[];
}

function count(scope: RowScope, plan: SelectPlan): number {
  const row = scope.project.rowStatements.get(plan.countSql).safeIntegers(false).get(...plan.countParams) as { n: number } | undefined;
  return row?.n ?? 0;
}

export function listRows(scope: RowScope, rawQueries: readonly string[], withTotal: boolean): { total: number } & Record<string, unknown> {
  const plan = compileSelect(queryTable(scope.context), parseQueries(rawQueries), options(scope));
  const rows = runPlan(scope, plan).map((raw) => render(scope, raw, plan.select));
  return { total: withTotal ? count(scope, plan) : 0, [scope.listParam]: rows };
}

/** Rows matched by bulk update/delete queries (limit/offset constrain the selection). */
export function selectRows(scope: RowScope, rawQueries: readonly string[]): RawRow[] {
  const plan = compileSelection(queryTable(scope.context), parseQueries(rawQueries), options(scope));
  return runPlan(scope, plan);
}

/** getRow accepts only select queries. */
export function selectOf(rawQueries: readonly string[], context: TableContext): string[] | undefined {
  if (rawQueries.length === 0) return undefined;
  const parsed: ParsedQuery[] = parseQueries(rawQueries);
  let select: string[] | undefined;
  for (const query of parsed) {
    if (query.method !== 'select') throw queryInvalid(`Query method not allowed here: ${query.method}`);
    for (const value of query.values) {
      const key = String(value);
      if (key !== '*' && !key.startsWith('$') && !context.available.some((c) => c.key === key)) {
        throw queryInvalid(`Cannot select attributes: ${key}`);
      }
      (select ??= []).push(key);
    }
  }
  return select;
}

export { quoteIdent };
