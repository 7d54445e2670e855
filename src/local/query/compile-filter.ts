/**
 * Compiles validated filter nodes to SQL with bound parameters only. Equality and range filters put
 * the bare column on the left (no function around it), so SQLite can answer them from an index; the
 * column's declared collation (NOCASE for the string family) makes text comparisons
 * case-insensitive as MariaDB's default collation does.
 */
import { quoteIdent, SYSTEM_COLUMNS } from '../sql-names.js';
import type { FilterNode } from './filter.js';
import { ftsMatchExpression } from './fulltext.js';
import type { BindValue } from './values.js';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

const COMPARISON: Readonly<Record<string, string>> = {
  notEqual: '!=',
  lessThan: '<',
  lessThanEqual: '<=',
  greaterThan: '>',
  greaterThanEqual: '>=',
};

export function compileFilters(nodes: readonly FilterNode[]): SqlFragment | undefined {
  if (nodes.length === 0) return undefined;
  return joinFragments(nodes.map(compileFilter), 'AND');
}

export function compileFilter(node: FilterNode): SqlFragment {
  switch (node.kind) {
    case 'logical':
      return joinFragments(node.children.map(compileFilter), node.method === 'and' ? 'AND' : 'OR');
    case 'search':
      if (node.ftsTable === undefined) throw new Error(`search on "${node.attribute}" has no fulltext index`);
      return compileSearch(node.ftsTable, node.term, node.negate);
    case 'condition':
      return compileCondition(node);
    default: {
      const unreachable: never = node;
      throw new Error(`Unknown filter node ${JSON.stringify(unreachable)}`);
    }
  }
}

function compileCondition(node: Extract<FilterNode, { kind: 'condition' }>): SqlFragment {
  const col = quoteIdent(node.column.sqlName);
  const values = node.values;
  const first = values[0];
  switch (node.method) {
    case 'equal':
      return values.length === 1
        ? { sql: `${col} = ?`, params: [first] }
        : { sql: `${col} IN (${placeholders(values.length)})`, params: [...values] };
    case 'notEqual':
    case 'lessThan':
    case 'lessThanEqual':
    case 'greaterThan':
    case 'greaterThanEqual':
      return { sql: `${col} ${COMPARISON[node.method]} ?`, params: [first] };
    case 'between':
      return { sql: `${col} BETWEEN ? AND ?`, params: [first, values[1]] };
    case 'notBetween':
      return { sql: `${col} NOT BETWEEN ? AND ?`, params: [first, values[1]] };
    case 'isNull':
      return { sql: `${col} IS NULL`, params: [] };
    case 'isNotNull':
      return { sql: `${col} IS NOT NULL`, params: [] };
    case 'startsWith':
      return like(col, `${escapeLike(first)}%`, false);
    case 'notStartsWith':
      return like(col, `${escapeLike(first)}%`, true);
    case 'endsWith':
      return like(col, `%${escapeLike(first)}`, false);
    case 'notEndsWith':
      return like(col, `%${escapeLike(first)}`, true);
    case 'regex':
      // SQLite maps `X REGEXP Y` to the user function regexp(Y, X), which the server registers.
      return { sql: `${col} REGEXP ?`, params: [String(first)] };
    case 'contains':
    case 'containsAny':
    case 'containsAll':
    case 'notContains':
      return node.column.array ? arrayContains(col, node.method, values) : substringContains(col, node.method, values);
    default: {
      const unreachable: never = node.method;
      throw new Error(`Unknown filter method ${String(unreachable)}`);
    }
  }
}

/** `contains` on a string scalar is a substring match; several values are alternatives. */
function substringContains(col: string, method: string, values: readonly BindValue[]): SqlFragment {
  const negate = method === 'notContains';
  const parts = values.map((value) => like(col, `%${escapeLike(value)}%`, negate));
  return joinFragments(parts, negate || method === 'containsAll' ? 'AND' : 'OR');
}

/**
 * On an array column (JSON text) `contains` means "holds one of these elements" (MariaDB's
 * JSON_OVERLAPS), `containsAll` "holds every one" (JSON_CONTAINS). Element comparison is exact,
 * as JSON comparison is in MariaDB. A NULL array matches neither contains nor notContains.
 */
function arrayContains(col: string, method: string, values: readonly BindValue[]): SqlFragment {
  const anyOf = `EXISTS (SELECT 1 FROM json_each(${col}) WHERE value IN (${placeholders(values.length)}))`;
  if (method === 'containsAll') {
    const parts = values.map((value) => ({
      sql: `EXISTS (SELECT 1 FROM json_each(${col}) WHERE value = ?)`,
      params: [value],
    }));
    return joinFragments(parts, 'AND');
  }
  if (method === 'notContains') return { sql: `(${col} IS NOT NULL AND NOT ${anyOf})`, params: [...values] };
  return { sql: anyOf, params: [...values] };
}

/** The FTS5 table is external content over the row table with rowid = _seq. */
function compileSearch(ftsTable: string, term: string, negate: boolean): SqlFragment {
  const match = ftsMatchExpression(term);
  if (match === undefined) return { sql: negate ? '1' : '0', params: [] };
  const fts = quoteIdent(ftsTable);
  const seq = quoteIdent(SYSTEM_COLUMNS.$sequence);
  return {
    sql: `${seq} ${negate ? 'NOT IN' : 'IN'} (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`,
    params: [match],
  };
}

function like(col: string, pattern: string, negate: boolean): SqlFragment {
  return { sql: `${col} ${negate ? 'NOT LIKE' : 'LIKE'} ? ESCAPE '\\'`, params: [pattern] };
}

/** The user's text is literal: %, _ and the escape character itself lose their LIKE meaning. */
export function escapeLike(value: BindValue | undefined): string {
  return String(value).replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

export function joinFragments(parts: readonly SqlFragment[], operator: 'AND' | 'OR'): SqlFragment {
  if (parts.length === 1 && parts[0]) return parts[0];
  return {
    sql: `(${parts.map((part) => part.sql).join(` ${operator} `)})`,
    params: parts.flatMap((part) => part.params),
  };
}
