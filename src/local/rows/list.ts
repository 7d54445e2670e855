import type { TableContext } from '../project.js';
import type { ColumnMeta } from '../schema/types.js';
import type { LocalColumnType, ParsedQuery, QueryColumn, QueryTable, SelectPlan } from '../query/index.js';
import { compileSelect, compileSelection, parseQueries, TOTAL_COUNT_CAP, totalFromPage } from '../query/index.js';
import { ftsTableName, quoteIdent } from '../sql-names.js';
import { FORMAT_OF } from '../schema/types.js';
import type { RowScope } from './rows.js';
import { decodeRow, positionalLayout, type RowLayout } from './codec.js';
import type { Statement } from 'better-sqlite3';
import type { RawRow } from './row-sql.js';
import { selectById } from './row-sql.js';
import { LocalApiError } from '../errors.js';
import { isKey, UID_TEXT } from '../params.js';
import { validateQueries } from '../query/validate.js';

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
  return scope.project.rowStatements.get(plan.sql).safeIntegers(true).raw(false).all(...plan.params) as RawRow[];
}

/** Positional layouts per prepared page statement (the statement cache drops them after any DDL). */
const pageLayouts = new WeakMap<Statement, { columns: readonly ColumnMeta[]; layout: RowLayout }>();

function pageLayout(statement: Statement, columns: readonly ColumnMeta[]): RowLayout {
  const cached = pageLayouts.get(statement);
  if (cached?.columns === columns) return cached.layout;
  const layout = positionalLayout(columns, statement.columns().map((column) => column.name));
  pageLayouts.set(statement, { columns, layout });
  return layout;
}

/** One page, rendered. Rows are read as arrays: better-sqlite3 builds row objects far more slowly than we decode. */
function renderPage(scope: RowScope, plan: SelectPlan): Record<string, unknown>[] {
  const statement = scope.project.rowStatements.get(plan.sql);
  const rows = statement.safeIntegers(true).raw(true).all(...plan.params) as unknown[][];
  const layout = pageLayout(statement, scope.context.available);
  return rows.map((raw) => decodeRow(raw, scope.context.table, scope.context.available, scope.format, plan.select, layout));
}

/**
 * Count statements whose last count reached the cap. Probing for the cap row costs half as much as
 * counting up to it, but is wasted work when fewer rows match, so it is tried only where the filter
 * (the statement's SQL) reached the cap last time.
 */
const reachedCapLastTime = new WeakSet<Statement>();

/** Appwrite's capped total: from the page when it proves it, else counted (or probed) up to the cap. */
function total(scope: RowScope, plan: SelectPlan, pageLength: number): number {
  const known = totalFromPage(plan, pageLength);
  if (known !== undefined) return known;
  const statements = scope.project.rowStatements;
  const count = statements.get(plan.countSql);
  if (reachedCapLastTime.has(count) && statements.get(plan.capProbeSql).raw(true).get(...plan.countParams) !== undefined) {
    return TOTAL_COUNT_CAP;
  }
  const n = (count.safeIntegers(false).raw(true).get(...plan.countParams) as [number] | undefined)?.[0] ?? 0;
  if (n >= TOTAL_COUNT_CAP) reachedCapLastTime.add(count);
  else reachedCapLastTime.delete(count);
  return n;
}

export function listRows(scope: RowScope, rawQueries: readonly string[], withTotal: boolean): { total: number } & Record<string, unknown> {
  const queries = parseQueries(rawQueries);
  checkCursorFirst(scope, queries);
  const plan = compileSelect(queryTable(scope.context), queries, options(scope));
  const rows = renderPage(scope, plan);
  return { total: withTotal ? total(scope, plan, rows.length) : 0, [scope.listParam]: rows };
}

/** Rows matched by bulk update/delete queries (limit/offset constrain the selection). */
export function selectRows(scope: RowScope, rawQueries: readonly string[]): RawRow[] {
  const plan = compileSelection(queryTable(scope.context), parseQueries(rawQueries), options(scope));
  return runPlan(scope, plan);
}

/**
 * getRow accepts only select queries: utopia-php/database validates them with its Document validator,
 * whose only rule is Select, so any other method is "Invalid query method: X" (no "Invalid query:"
 * prefix, the Queries validator's own words) and a bad selection carries Select's message.
 */
export function selectOf(rawQueries: readonly string[], context: TableContext): string[] | undefined {
  if (rawQueries.length === 0) return undefined;
  const parsed: ParsedQuery[] = parseQueries(rawQueries);
  for (const query of parsed) {
    if (query.method !== 'select') throw new LocalApiError(400, 'general_query_invalid', `Invalid query method: ${query.method}`);
  }
  return validateQueries(queryTable(context), parsed).select;
}

/**
 * listRows checks the first cursor before anything else in the queries (Documents/XList.php): its id
 * with the Cursor validator, whose message has no "Invalid query:" prefix, then that the row exists.
 */
function checkCursorFirst(scope: RowScope, queries: readonly ParsedQuery[]): void {
  const cursor = queries.find((q) => q.method === 'cursorAfter' || q.method === 'cursorBefore');
  if (cursor === undefined) return;
  const rowId = cursor.values[0];
  if (!isKey(rowId)) throw new LocalApiError(400, 'general_query_invalid', `Invalid cursor: ${UID_TEXT}`);
  if (!selectById(scope.project, scope.context, rowId)) {
    throw new LocalApiError(400, 'general_cursor_not_found', `Row '${rowId}' for the 'cursor' value not found.`);
  }
}

export { quoteIdent };
