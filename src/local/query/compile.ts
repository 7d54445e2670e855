/**
 * Compiles validated queries to one SELECT (rows) and one COUNT (total). Only bound parameters reach
 * SQL; identifiers come from the server's own naming (sql-names.ts) and are quoted.
 */
import { LocalApiError, queryInvalid } from '../errors.js';
import { compileFilters, type SqlFragment } from './compile-filter.js';
import { cursorCondition, orderByClause, orderTerms } from './order.js';
import { rowSource } from './row-source.js';
import type { CompileOptions, ParsedQuery, QueryTable, SelectPlan } from './types.js';
import { validateQueries } from './validate.js';

/** APP_LIMIT_COUNT: `total` counts at most this many rows. */
export const TOTAL_COUNT_CAP = 5000;
export const DEFAULT_LIST_LIMIT = 25;

/** listRows: filters, order, cursor, limit (default 25) and offset. */
export function compileSelect(
  table: QueryTable,
  queries: readonly ParsedQuery[],
  options: CompileOptions,
): SelectPlan {
  return compile(table, queries, options, options.defaultLimit ?? DEFAULT_LIST_LIMIT);
}

/** Bulk update/delete selection: every matching row unless a limit query (or defaultLimit) says otherwise. */
export function compileSelection(
  table: QueryTable,
  queries: readonly ParsedQuery[],
  options: CompileOptions,
): SelectPlan {
  return compile(table, queries, options, options.defaultLimit);
}

function compile(
  table: QueryTable,
  queries: readonly ParsedQuery[],
  options: CompileOptions,
  defaultLimit: number | undefined,
): SelectPlan {
  const validated = validateQueries(table, queries);
  const terms = orderTerms(validated.orders);
  const source = rowSource(table.sqlTable, validated.filters, validated.orders, terms);
  const filterParts = [compileFilters(source.filters), options.extraWhere].filter(isFragment);
  const filterWhere = where(filterParts);

  const cursor = validated.cursor;
  const pageParts = [...filterParts];
  if (cursor) {
    if (validated.orders.some((order) => order.kind === 'random')) {
      throw queryInvalid('Cursor pagination is not supported with random order');
    }
    const row = options.loadCursorRow(cursor.rowId);
    if (!row) {
      throw new LocalApiError(400, 'general_cursor_not_found', `Row '${cursor.rowId}' for the 'cursor' value not found.`);
    }
    pageParts.push(cursorCondition(source.terms, row, cursor.direction));
  }
  const pageWhere = where(pageParts);
  const before = cursor?.direction === 'before';
  const limit = validated.limit ?? defaultLimit;
  const paging = pagingClause(limit, validated.offset);
  const from = source.from;

  // cursorBefore walks backwards from the cursor, then restores the requested order (the outer query
  // sees only the row table's columns, so it orders by them).
  const inner = `SELECT ${source.columns} FROM ${from.sql}${pageWhere.sql} ${orderByClause(validated.orders, source.terms, before)}${paging.sql}`;
  const sql = before ? `SELECT * FROM (${inner}) ${orderByClause(validated.orders, terms, false)}` : inner;

  const plan: SelectPlan = {
    sql,
    params: [...from.params, ...pageWhere.params, ...paging.params],
    countSql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${from.sql}${filterWhere.sql} LIMIT ${TOTAL_COUNT_CAP})`,
    countParams: [...from.params, ...filterWhere.params],
    capProbeSql: `SELECT 1 FROM ${from.sql}${filterWhere.sql} LIMIT 1 OFFSET ${TOTAL_COUNT_CAP - 1}`,
    window: { limit, offset: validated.offset ?? 0, cursor: cursor !== undefined },
  };
  if (validated.select) plan.select = validated.select;
  return plan;
}

/**
 * The capped total when the page itself proves it: without a cursor, a page shorter than its limit
 * holds the last matching rows, so total = offset + page length (unless the offset overshot them all,
 * which an empty page cannot tell apart). Undefined means the count has to be run.
 */
export function totalFromPage(plan: SelectPlan, pageLength: number): number | undefined {
  const { limit, offset, cursor } = plan.window;
  if (cursor || limit === undefined || pageLength >= limit) return undefined;
  if (pageLength === 0 && offset > 0) return undefined;
  return Math.min(offset + pageLength, TOTAL_COUNT_CAP);
}

function where(parts: readonly SqlFragment[]): SqlFragment {
  if (parts.length === 0) return { sql: '', params: [] };
  return {
    sql: ` WHERE ${parts.map((part) => (parts.length === 1 ? part.sql : `(${part.sql})`)).join(' AND ')}`,
    params: parts.flatMap((part) => part.params),
  };
}

function pagingClause(limit: number | undefined, offset: number | undefined): SqlFragment {
  if (limit === undefined && offset === undefined) return { sql: '', params: [] };
  // SQLite needs a LIMIT before OFFSET; -1 means no limit.
  return { sql: ' LIMIT ? OFFSET ?', params: [limit ?? -1, offset ?? 0] };
}

function isFragment(part: SqlFragment | undefined): part is SqlFragment {
  return part !== undefined;
}
